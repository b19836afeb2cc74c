"""The doctor-comparison table: one row per candidate, the step-3 questions as columns.

A thin model over cached Doctor rows. Edits in place are saved through an injected function
(the panel passes the repository's), so the model never touches the database itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.domain.doctor_rows import (
    ANSWER_FIELDS as ANSWER_FIELDS,
)
from secondopinion_desktop.domain.doctor_rows import (
    NO_WAIT_KNOWN as NO_WAIT_KNOWN,
)
from secondopinion_desktop.domain.doctor_rows import (
    Column as Column,
)
from secondopinion_desktop.domain.doctor_rows import (
    DoctorRows,
    display_text,
    sort_key,
)
from secondopinion_desktop.domain.doctors import (
    Answer,
    Doctor,
    Status,
    with_insurance_answer,
)
from secondopinion_desktop.domain.rounds import GAVE_AN_OPINION, gave_opinion_words
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.domain.wait_times import parse_wait_days
from secondopinion_desktop.store.repository import WritesPaused
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

# For each yes/no question: is "yes" good news (True) or a hurdle (False)?
YES_IS_GOOD = {
    Column.ACCEPTING: True,
    Column.INSURANCE: True,
    Column.REFERRAL: False,
    Column.BOARD: True,
}

EDITABLE = {*ANSWER_FIELDS, Column.WAIT, Column.STATUS}


def edit_value(column: Column, doctor: Doctor) -> Any:
    if column in ANSWER_FIELDS:
        return getattr(doctor, ANSWER_FIELDS[column]).value
    if column == Column.WAIT:
        return "" if doctor.wait_days is None else str(doctor.wait_days)
    if column == Column.STATUS:
        return doctor.status.value
    return display_text(column, doctor)


_COLOURS: dict[int, tuple[QColor, QColor, QColor]] = {}  # palette -> muted, done, attention


def _colours() -> tuple[QColor, QColor, QColor]:
    """The three colours of the table's words, worked out once per palette (a repaint asks
    for hundreds of cells' colours; each was a dozen contrast sums)."""
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    key = palette.cacheKey()
    colours = _COLOURS.get(key)
    if colours is None:
        colours = muted_color(palette), done_color(palette), attention_color(palette)
        _COLOURS.clear()  # only the palette in use is kept
        _COLOURS[key] = colours
    return colours


def foreground(column: Column, doctor: Doctor) -> Any:
    """Colour repeats what the words say: good news, a hurdle, or nothing known yet."""
    muted, done, attention = _colours()
    if column in ANSWER_FIELDS:
        answer: Answer = getattr(doctor, ANSWER_FIELDS[column])
        if answer is Answer.UNKNOWN:
            return muted
        good = (answer is Answer.YES) == YES_IS_GOOD[column]
        return done if good else attention
    if column == Column.WAIT and doctor.wait_days is None:
        return muted
    if column == Column.STATUS and doctor.status is Status.RULED_OUT:
        return muted
    if column == Column.SOURCE and doctor.source is None:
        return muted
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
        self._table = DoctorRows([])
        self._save = save

    # --- contents ------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Doctor], givers: Mapping[int, int] | None = None) -> None:
        """`givers`: doctor id -> the round whose opinion they gave; their status says so
        ("Gave the second opinion (round 2)") and is not edited in place."""
        self.set_table(DoctorRows(rows, givers))

    def set_table(self, table: DoctorRows) -> None:
        """Show rows prepared already (kept by the panel for a case shown lately): their
        searchable text, sort keys and orders are used as they are, not made again."""
        self._table = table
        super().set_rows(table.doctors)

    def table(self) -> DoctorRows:
        """The rows shown, as prepared (an edit in place changes them too)."""
        return self._table

    def replace_row(self, value: Doctor) -> None:
        self._table.replace(value)  # new text and keys before anyone is told
        super().replace_row(value)

    def row_of(self, row_id: int) -> int:
        return self._table.row_of(row_id)

    def search_texts(self) -> list[str]:
        """Every row's searchable text, folded (the filter reads them all at each keystroke)."""
        return self._table.search

    def sort_keys(self, column: int) -> list[Any]:
        """Each row's key for sorting by `column`, made once per read and kept until the rows
        change (a sort compares keys, never cells)."""
        return self._table.keys(column)

    def sorted_rows(self, column: int, descending: bool) -> list[int]:
        """The rows in the order of `column` (kept with the rows: a case shown again is not
        sorted again)."""
        return self._table.order(column, descending)

    def gave_opinion(self, row: int) -> int | None:
        """The round whose opinion the doctor in this row gave, if they gave one."""
        if not 0 <= row < self.rowCount():
            return None
        return self._table.givers.get(self.row_at(row).id)

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
            return self._table.sort_key(row, Column.STATUS)
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
        try:
            saved = self._save(changed)
        except WritesPaused as exc:  # a background job writes: said in words, nothing changed
            self.edit_rejected.emit(exc.message)
            return False
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
