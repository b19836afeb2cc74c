"""The doctor-comparison table: one row per candidate, the step-3 questions as columns.

A thin model over cached Doctor rows. Edits in place are saved through an injected function
(the panel passes the repository's), so the model never touches the database itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.domain.doctors import (
    Answer,
    Doctor,
    Status,
    insurance_text,
    per_insurer_list,
    with_insurance_answer,
)
from secondopinion_desktop.domain.rounds import GAVE_AN_OPINION, gave_opinion_words
from secondopinion_desktop.domain.sort_keys import text_key
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.domain.wait_times import format_wait, parse_wait_days
from secondopinion_desktop.ui.models.base import (
    DISPLAY,
    Index,
    RowListModel,
    TableColumn,
    user_roles,
)
from secondopinion_desktop.ui.models.row_proxy import SortedRowsProxy
from secondopinion_desktop.ui.style import attention_color, done_color, muted_color

SortRole, DoctorIdRole = user_roles(2, first=10)


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


def display_text(column: Column, doctor: Doctor) -> str:
    if column == Column.NAME:
        return doctor.spoken
    if column == Column.SPECIALTY:
        return doctor.specialty
    if column in ANSWER_FIELDS:
        answer: Answer = getattr(doctor, ANSWER_FIELDS[column])
        if column == Column.BOARD and answer is Answer.UNKNOWN:
            return "not checked"
        if column == Column.INSURANCE and per_insurer_list(doctor):
            return insurance_text(doctor).capitalize()
        return answer.label.capitalize() if answer is not Answer.UNKNOWN else answer.label
    if column == Column.WAIT:
        return format_wait(doctor.wait_days)
    if column == Column.SOURCE:
        return doctor.source.label if doctor.source else "not noted"
    if column == Column.STATUS:
        return doctor.status.label
    return doctor.phone


def edit_value(column: Column, doctor: Doctor) -> Any:
    if column in ANSWER_FIELDS:
        return getattr(doctor, ANSWER_FIELDS[column]).value
    if column == Column.WAIT:
        return "" if doctor.wait_days is None else str(doctor.wait_days)
    if column == Column.STATUS:
        return doctor.status.value
    return display_text(column, doctor)


NO_WAIT_KNOWN = 10**6  # sorts after every wait a person could be told
ANSWER_ORDER = {Answer.YES: 0, Answer.NO: 1, Answer.UNKNOWN: 2}
STATUS_ORDER = {status: number for number, status in enumerate(Status)}


def sort_key(column: Column, doctor: Doctor) -> Any:
    """What a click on the column's header sorts by (keys of one column compare together):
    waits by days with unknown ones last, answers yes, no, not asked; statuses in the order
    of the steps; words as `text_key` orders them."""
    if column == Column.WAIT:
        return doctor.wait_days if doctor.wait_days is not None else NO_WAIT_KNOWN
    if column in ANSWER_FIELDS:
        return ANSWER_ORDER[getattr(doctor, ANSWER_FIELDS[column])]
    if column == Column.STATUS:
        return STATUS_ORDER[doctor.status]
    return text_key(display_text(column, doctor))


def foreground(column: Column, doctor: Doctor) -> Any:
    """Colour repeats what the words say: good news, a hurdle, or nothing known yet."""
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


def _name_tip(doctor: Doctor) -> str:
    return "\n".join(p for p in (doctor.spoken, doctor.practice, doctor.address) if p)


def _edit_tip(doctor: Doctor) -> str:
    return "Double-click or press F2 to change."


def _column(column: Column) -> TableColumn[Doctor]:
    roles: dict[int, Callable[[Doctor], Any]] = {
        Qt.ItemDataRole.EditRole: partial(edit_value, column),
        SortRole: partial(sort_key, column),
        Qt.ItemDataRole.ForegroundRole: partial(foreground, column),
    }
    if column == Column.NAME:
        roles[Qt.ItemDataRole.ToolTipRole] = _name_tip
    elif column in EDITABLE:
        roles[Qt.ItemDataRole.ToolTipRole] = _edit_tip
    header = HEADERS[column]
    return TableColumn(
        header, partial(display_text, column), roles=roles, tip=HEADER_TIPS.get(column, header)
    )


COLUMNS = tuple(_column(column) for column in Column)


def _haystack(doctor: Doctor) -> str:
    parts = (
        doctor.spoken,
        doctor.specialty,
        doctor.practice,
        doctor.phone,
        doctor.notes,
        doctor.source.label if doctor.source else "",
        doctor.source_detail,
    )
    return " ".join(parts).casefold()


class DoctorsTableModel(RowListModel[Doctor]):
    """The doctors, with their searchable text kept beside them for the filter.

    Signals:
    edit_rejected(str): an in-place edit could not be used; the text says why, kindly.
    doctor_saved(int): a doctor was changed in place (its id).
    """

    edit_rejected = Signal(str)
    doctor_saved = Signal(int)

    def __init__(self, save: Callable[[Doctor], Doctor] | None = None, parent: Any = None) -> None:
        super().__init__(
            COLUMNS,
            text_roles=(Qt.ItemDataRole.AccessibleTextRole,),
            row_roles={DoctorIdRole: lambda doctor: doctor.id},
            parent=parent,
        )
        self._search: list[str] = []
        self._givers: dict[int, int] = {}  # doctor id -> the round whose opinion they gave
        self._keys: dict[int, list[Any]] = {}  # column -> each row's sort key, made once
        self._save = save

    # --- contents ------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Doctor], givers: Mapping[int, int] | None = None) -> None:
        """`givers`: doctor id -> the round whose opinion they gave; their status says so
        ("Gave the second opinion (round 2)") and is not edited in place."""
        self._givers = dict(givers or {})
        doctors = list(rows)
        self._search = [_haystack(d) for d in doctors]  # ready before the filter asks
        self._keys = {}
        super().set_rows(doctors)

    def replace_row(self, value: Doctor) -> None:
        row = self.row_of(value.id)
        if row >= 0:
            self._search[row] = _haystack(value)
            self._rows[row] = value  # the new keys are made from it before anyone is told
            for column, keys in self._keys.items():
                keys[row] = self._sort_value(row, Column(column))
        super().replace_row(value)

    def search_text(self, row: int) -> str:
        return self._search[row]

    def search_texts(self) -> list[str]:
        """Every row's searchable text, folded (the filter reads them all at each keystroke)."""
        return self._search

    def sort_keys(self, column: int) -> list[Any]:
        """Each row's key for sorting by `column`, made the first time it is asked after the
        rows were set and kept until they change (a sort compares keys, never cells)."""
        keys = self._keys.get(column)
        if keys is None:
            keys = self._keys[column] = [
                self._sort_value(row, Column(column)) for row in range(len(self._rows))
            ]
        return keys

    def _sort_value(self, row: int, column: Column) -> Any:
        doctor = self._rows[row]
        if column == Column.STATUS and doctor.id in self._givers:
            return len(Status) + self._givers[doctor.id]  # after every status, by round
        return sort_key(column, doctor)

    def gave_opinion(self, row: int) -> int | None:
        """The round whose opinion the doctor in this row gave, if they gave one."""
        if not 0 <= row < self.rowCount():
            return None
        return self._givers.get(self.row_at(row).id)

    # --- Qt model API --------------------------------------------------------------------

    def row_header(self, row: int, role: int) -> Any:
        return row + 1 if role == DISPLAY else None

    def cell(self, row: int, column: int, role: int) -> Any:
        # a doctor who gave an opinion: the status is that fact, in words, not a choice
        gave = self.gave_opinion(row) if column == Column.STATUS else None
        if gave is None:
            return super().cell(row, column, role)
        if role == DISPLAY:  # the status column is narrow; the whole words are one hover away
            return GAVE_AN_OPINION
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return gave_opinion_words(gave)
        if role == SortRole:
            return self._sort_value(row, Column.STATUS)
        return super().cell(row, column, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        status = index.isValid() and index.column() == Column.STATUS
        if status and self.gave_opinion(index.row()) is not None:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        return flags

    def cell_flags(self, column: int) -> Qt.ItemFlag:
        if Column(column) in EDITABLE and self._save is not None:
            return Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.NoItemFlags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._save is None:
            return False
        if not 0 <= index.row() < self.rowCount():
            return False
        column = Column(index.column())
        if column not in EDITABLE or (
            column == Column.STATUS and self.gave_opinion(index.row()) is not None
        ):
            return False
        doctor = self.row_at(index.row())
        changed: Doctor
        if column in ANSWER_FIELDS:
            answer = Answer.from_text(value)
            if answer is None:
                self.edit_rejected.emit("Please choose yes, no, or not asked yet.")
                return False
            if column == Column.INSURANCE:
                changed = with_insurance_answer(doctor, answer)
            else:
                answered: dict[str, Any] = {ANSWER_FIELDS[column]: answer}  # names vary
                changed = replace(doctor, **answered)
        elif column == Column.WAIT:
            try:
                changed = replace(doctor, wait_days=parse_wait_days(str(value)))
            except ValidationError as exc:
                self.edit_rejected.emit(str(exc))
                return False
        else:
            status = Status.from_text(value)
            if status is None:
                self.edit_rejected.emit("Please choose one of the listed states.")
                return False
            changed = replace(doctor, status=status)
        if changed == doctor:
            return True
        saved = self._save(changed)
        self.replace_row(saved)
        self.doctor_saved.emit(saved.id)
        return True


class DoctorFilterProxy(SortedRowsProxy):
    """Sorts by a column's prepared keys; filters by typed text (every word, anywhere in the
    row) and by status, in one pass over the rows per keystroke."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: Status | None = None

    def set_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            # each old word inside a new one: no hidden row can match, so try only those shown
            narrower = all(any(old in new for new in words) for old in self._words)
            self._words = words
            self.refilter(narrower)

    def set_status(self, status: Status | None) -> None:
        if status != self._status:
            self._status = status
            self.refilter()

    def filtering(self) -> bool:
        return bool(self._words) or self._status is not None

    def accepted(self, rows: list[int]) -> list[int]:
        model = self.sourceModel()
        if not isinstance(model, DoctorsTableModel) or not self.filtering():
            return rows
        words, status = self._words, self._status
        search = model.search_texts()
        for word in words:  # a word at a time: one quick pass each
            rows = [r for r in rows if word in search[r]]
        if status is not None:
            # a doctor who gave an opinion shows that instead of a status
            rows = [
                r
                for r in rows
                if model.row_at(r).status is status and model.gave_opinion(r) is None
            ]
        return rows
