"""The doctor-comparison table: one row per candidate, the step-3 questions as columns.

A thin model over cached Doctor rows. Edits in place are saved through an injected function
(the panel passes the repository's), so the model never touches the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.domain.doctors import Answer, Doctor, Status
from secondopinion_desktop.domain.validation import ValidationError, format_wait, parse_wait_days
from secondopinion_desktop.ui.style import attention_color, done_color, muted_color

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 10
DoctorIdRole = Qt.ItemDataRole.UserRole + 11


class Column(IntEnum):
    NAME = 0
    SPECIALTY = 1
    ACCEPTING = 2
    WAIT = 3
    INSURANCE = 4
    REFERRAL = 5
    BOARD = 6
    STATUS = 7
    SOURCE = 8
    PHONE = 9


HEADERS = {
    Column.NAME: "Doctor",
    Column.SPECIALTY: "Specialty",
    Column.ACCEPTING: "New patients?",
    Column.WAIT: "Wait",
    Column.INSURANCE: "Insurance?",
    Column.REFERRAL: "Referral?",
    Column.BOARD: "Certified?",
    Column.SOURCE: "Name came from",
    Column.STATUS: "Status",
    Column.PHONE: "Phone",
}

HEADER_TIPS = {
    Column.ACCEPTING: "Is the doctor taking new patients?",
    Column.WAIT: "How long is the wait for a first appointment?",
    Column.INSURANCE: "Does the office accept your insurance?",
    Column.REFERRAL: "Does the doctor see patients only with a referral?",
    Column.BOARD: "Is the doctor board-certified in this field?",
    Column.SOURCE: "Where the doctor's name came from",
}

ANSWER_FIELDS = {
    Column.ACCEPTING: "accepting_new_patients",
    Column.INSURANCE: "accepts_insurance",
    Column.REFERRAL: "referral_required",
    Column.BOARD: "board_certified",
}

# For each yes/no question: is "yes" good news (True) or a hurdle (False)?
YES_IS_GOOD = {
    Column.ACCEPTING: True,
    Column.INSURANCE: True,
    Column.REFERRAL: False,
    Column.BOARD: True,
}

EDITABLE = {*ANSWER_FIELDS, Column.WAIT, Column.STATUS}


def answer_from_text(value: object) -> Answer | None:
    """Accept an Answer, its value, or its label ('not asked yet')."""
    if isinstance(value, Answer):
        return value
    text = str(value).strip().casefold()
    for answer in Answer:
        if text in (answer.value, answer.label.casefold()):
            return answer
    return None


def status_from_text(value: object) -> Status | None:
    if isinstance(value, Status):
        return value
    text = str(value).strip().casefold()
    for status in Status:
        if text in (status.value, status.label.casefold()):
            return status
    return None


class DoctorsTableModel(QAbstractTableModel):
    """Signals:
    edit_rejected(str): an in-place edit could not be used; the text says why, kindly.
    doctor_saved(int): a doctor was changed in place (its id).
    """

    edit_rejected = Signal(str)
    doctor_saved = Signal(int)

    def __init__(self, save: Callable[[Doctor], Doctor] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._doctors: list[Doctor] = []
        self._search: list[str] = []
        self._save = save

    # --- contents ------------------------------------------------------------------------

    def set_doctors(self, doctors: list[Doctor]) -> None:
        self.beginResetModel()
        self._doctors = list(doctors)
        self._search = [self._haystack(d) for d in self._doctors]
        self.endResetModel()

    @staticmethod
    def _haystack(doctor: Doctor) -> str:
        parts = (
            doctor.name,
            doctor.specialty,
            doctor.practice,
            doctor.phone,
            doctor.notes,
            doctor.source.label if doctor.source else "",
            doctor.source_detail,
        )
        return " ".join(parts).casefold()

    def doctors(self) -> list[Doctor]:
        return list(self._doctors)

    def doctor_at(self, row: int) -> Doctor:
        return self._doctors[row]

    def row_of(self, doctor_id: int) -> int:
        for row, doctor in enumerate(self._doctors):
            if doctor.id == doctor_id:
                return row
        return -1

    def search_text(self, row: int) -> str:
        return self._search[row]

    def replace_doctor(self, doctor: Doctor) -> None:
        """Show a changed doctor without resetting the view (selection and scroll stay)."""
        row = self.row_of(doctor.id)
        if row < 0:
            return
        self._doctors[row] = doctor
        self._search[row] = self._haystack(doctor)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._doctors)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return HEADER_TIPS.get(Column(section), HEADERS[Column(section)])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if Column(index.column()) in EDITABLE and self._save is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._doctors):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        doctor = self._doctors[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(doctor, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(doctor, column)
        if role == SortRole:
            return self._sort_key(doctor, column)
        if role == DoctorIdRole:
            return doctor.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(doctor, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.NAME:
                return "\n".join(p for p in (doctor.name, doctor.practice, doctor.address) if p)
            if column in EDITABLE:
                return "Double-click or press F2 to change."
        return None

    def _display(self, doctor: Doctor, column: Column) -> str:
        if column == Column.NAME:
            return doctor.name
        if column == Column.SPECIALTY:
            return doctor.specialty
        if column in ANSWER_FIELDS:
            answer: Answer = getattr(doctor, ANSWER_FIELDS[column])
            if column == Column.BOARD and answer is Answer.UNKNOWN:
                return "not checked"
            return answer.label.capitalize() if answer is not Answer.UNKNOWN else answer.label
        if column == Column.WAIT:
            return format_wait(doctor.wait_days)
        if column == Column.SOURCE:
            return doctor.source.label if doctor.source else "not noted"
        if column == Column.STATUS:
            return doctor.status.label
        return doctor.phone

    def _edit_value(self, doctor: Doctor, column: Column) -> Any:
        if column in ANSWER_FIELDS:
            return getattr(doctor, ANSWER_FIELDS[column]).value
        if column == Column.WAIT:
            return "" if doctor.wait_days is None else str(doctor.wait_days)
        if column == Column.STATUS:
            return doctor.status.value
        return self._display(doctor, column)

    def _sort_key(self, doctor: Doctor, column: Column) -> Any:
        if column == Column.WAIT:
            return doctor.wait_days if doctor.wait_days is not None else 10**6
        if column in ANSWER_FIELDS:
            answer: Answer = getattr(doctor, ANSWER_FIELDS[column])
            return {Answer.YES: 0, Answer.NO: 1, Answer.UNKNOWN: 2}[answer]
        if column == Column.STATUS:
            return list(Status).index(doctor.status)
        return self._display(doctor, column).casefold()

    def _foreground(self, doctor: Doctor, column: Column) -> Any:
        app = QApplication.instance()
        palette = app.palette() if isinstance(app, QApplication) else QPalette()
        if column in ANSWER_FIELDS:
            answer: Answer = getattr(doctor, ANSWER_FIELDS[column])
            if answer is Answer.UNKNOWN:
                return muted_color(palette)
            good = (answer is Answer.YES) == YES_IS_GOOD[column]
            return done_color(palette) if good else attention_color(palette)
        if column == Column.WAIT and doctor.wait_days is None:
            return muted_color(palette)
        if column == Column.STATUS and doctor.status is Status.RULED_OUT:
            return muted_color(palette)
        if column == Column.SOURCE and doctor.source is None:
            return muted_color(palette)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._save is None:
            return False
        if not 0 <= index.row() < len(self._doctors):
            return False
        column = Column(index.column())
        if column not in EDITABLE:
            return False
        doctor = self._doctors[index.row()]
        changed: Doctor
        if column in ANSWER_FIELDS:
            answer = answer_from_text(value)
            if answer is None:
                self.edit_rejected.emit("Please choose yes, no, or not asked yet.")
                return False
            changed = replace(doctor, **{ANSWER_FIELDS[column]: answer})
        elif column == Column.WAIT:
            try:
                changed = replace(doctor, wait_days=parse_wait_days(str(value)))
            except ValidationError as exc:
                self.edit_rejected.emit(str(exc))
                return False
        else:
            status = status_from_text(value)
            if status is None:
                self.edit_rejected.emit("Please choose one of the listed states.")
                return False
            changed = replace(doctor, status=status)
        if changed == doctor:
            return True
        saved = self._save(changed)
        self.replace_doctor(saved)
        self.doctor_saved.emit(saved.id)
        return True


class DoctorFilterProxy(QSortFilterProxyModel):
    """Filters by typed text (any word, anywhere in the row) and by status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: Status | None = None
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: Status | None) -> None:
        if status != self._status:
            self.beginFilterChange()
            self._status = status
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, DoctorsTableModel):
            return True
        if self._status is not None and model.doctor_at(source_row).status is not self._status:
            return False
        haystack = model.search_text(source_row)
        return all(word in haystack for word in self._words)
