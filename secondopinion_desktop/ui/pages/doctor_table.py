"""The doctor table shared by steps 2 and 3, and what both do with it: select, edit, refresh.

`CandidatesPanel` (step 2) and `ComparePanel` (step 3) show the same candidates with other
columns; the table's set-up and the edit-a-doctor flow live here once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QStyle, QTableView

from secondopinion_desktop.domain.doctor_rows import DoctorRows
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.services import doctors as doctor_changes
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.after_paint import after_paint
from secondopinion_desktop.ui.background_reads import read_in_background
from secondopinion_desktop.ui.forms import NORMAL_LINE
from secondopinion_desktop.ui.models.doctors_model import (
    Column,
    DoctorFilterProxy,
    DoctorIdRole,
    DoctorsTableModel,
)
from secondopinion_desktop.ui.pages.panel import StepPanel, paragraph
from secondopinion_desktop.ui.pages.recent_cases import RecentCases

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog

R = TypeVar("R")
#: Lists of at least this many candidates are read off the window's thread (5,000 took a
#: quarter of a second to read and prepare); shorter ones are read at once.
READ_IN_BACKGROUND_FROM = 1_000
#: rows measured to fit a column to its words (`fit_columns`): about those in sight
FIT_ROWS = 20


def doctor_table(proxy: DoctorFilterProxy, columns: dict[Column, int], name: str) -> QTableView:
    """A calm, keyboard-friendly table showing only `columns`, in their order, at these widths
    (until the rows shown are measured: `fit_columns`)."""
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    # the widths are for the normal text size: larger text gets wider columns (the table
    # then scrolls sideways inside itself) rather than names cut short with "..."
    scale = max(1.0, table.fontMetrics().height() / NORMAL_LINE)
    for column in Column:
        table.setColumnHidden(column, column not in columns)
        if column in columns:
            table.setColumnWidth(column, round(columns[column] * scale))
    for place, column in enumerate(columns):  # the order the panel lists them in
        header.moveSection(header.visualIndex(column), place)
    table.setMinimumHeight(240)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    return table


def fit_columns(table: QTableView, columns: Iterable[Column]) -> None:
    """Each of `columns` as wide as the words shown in it (or its title): a list that fits the
    page needs no sideways scrolling, and nothing (a phone number above all) is cut short.

    At most `FIT_ROWS` rows are measured, from the first in sight. The widths are Qt's own
    (`sizeHintForColumn` gives the same, to the pixel: a test compares them), worked out here
    from the texts: Qt asks the Python model for each cell through the delegate, and each such
    call waits for the interpreter lock while a worker runs Python; measuring step 2's columns
    as 5,000 doctors were prepared stood the window still 70 ms that way."""
    model = table.model()
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)  # (a double click on a column's edge)
    count = model.rowCount()
    first = max(0, min(table.rowAt(0), count - FIT_ROWS))
    shown = range(first, min(count, first + FIT_ROWS))
    metrics = QFontMetricsF(table.font())
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    extra = 2 * (margin + 1) + (1 if table.showGrid() else 0)  # the delegate's, the grid's
    for column in columns:
        texts = [model.data(model.index(row, column)) for row in shown]
        widest = max((metrics.horizontalAdvance(text) for text in texts if text), default=0.0)
        wanted = math.ceil(widest) + extra if texts else 0
        table.setColumnWidth(column, max(wanted, header.sectionSizeHint(column)))


class DoctorTablePanel(StepPanel):
    """A panel around the doctor table: `model`, `proxy` and `table`, made by `make_table`;
    the panel's constructor sets `_doctor_dialog` (a test passes a fake)."""

    model: DoctorsTableModel
    proxy: DoctorFilterProxy
    table: QTableView
    _doctor_dialog: Callable[..., DoctorDialog]

    def make_table(
        self,
        columns: dict[Column, int],
        name: str,
        save: Callable[[Doctor], Doctor] | None = None,
    ) -> QTableView:
        """The table over this panel's model (`save`: a cell edited in place is saved so)."""
        self.model = DoctorsTableModel(save, self)
        self._shown_columns = tuple(columns)
        self.proxy = DoctorFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = doctor_table(self.proxy, columns, name)
        #: says the list is being read (a long one is read off the window's thread)
        self.reading_label = paragraph("")
        self.reading_label.setAccessibleName("Reading the list")
        self.reading_label.hide()
        self._reads = 0  # the latest read: what an older one brings back is dropped
        self._forgotten = 0  # changes since: what a read started before them is not kept
        return self.table

    def forget_reads(self) -> None:
        """Data changed: a read under way may bring back what was true before (shown, since
        a newer read follows it, but not kept for the case)."""
        self._forgotten += 1

    def read_rows(
        self,
        case_id: int,
        kept: RecentCases[R],
        read: Callable[[Repository, int], R],
        show: Callable[[R], None],
        empty: R,
    ) -> None:
        """Show the case's rows through `show`: those kept for a case shown again, a short
        list read now, a long one read off the window's thread (on its own connection) while
        `empty` is shown and the table says in words that the list is being read; that read
        starts once the page is drawn, not beside the window's drawing of it. What a read
        brings back is kept for the case even when another case is shown by then, unless the
        data changed since it started."""
        self._reads += 1
        reading, forgotten = self._reads, self._forgotten
        count = 0
        if not (self.switching and case_id in kept):
            count = self.repo.doctors.count(case_id, Role.CANDIDATE)

        def arrived(value: R) -> None:
            if forgotten == self._forgotten:  # kept even if the person moved on meanwhile
                kept.put(case_id, value)
            if reading != self._reads:
                return  # another case, or a newer read of this one, is shown
            self.reading_label.hide()
            show(value)

        def failed() -> None:  # the file could not be opened again: read here instead
            if reading == self._reads:
                arrived(read(self.repo, case_id))

        def start() -> None:  # once the page is drawn (ui/after_paint.py); kept even if
            # another case is shown by then, as `arrived` says
            if not read_in_background(
                self, self.repo, lambda repo: read(repo, case_id), arrived, failed
            ):
                failed()

        if count >= READ_IN_BACKGROUND_FROM and self.repo.database_file() is not None:
            self.reading_label.setText(f"Reading your list of {count:,} doctors\u2026")
            self.reading_label.show()
            show(empty)
            # once the words are drawn: the table may be below the fold, never painted, and
            # the read would wait for it (ui/pages/records_reading.py does the same)
            after_paint(self.reading_label, start)
            return
        self.reading_label.hide()
        show(kept.get(case_id, lambda _case: read(self.repo, case_id), reuse=self.switching))

    @property
    def reading(self) -> bool:
        """Whether a long list is being read off the window's thread now."""
        return not self.reading_label.isHidden()

    def show_rows(self, rows: DoctorRows) -> None:
        """Show a read of the doctors, with the keys of the shown columns made now (once per
        read: rows kept for a case shown again have them already)."""
        self.model.set_table(rows.prepare(self._shown_columns))

    def selected_doctor(self) -> Doctor | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.model.row_of(int(index.data(DoctorIdRole)))
        return self.model.row_at(row) if row >= 0 else None

    def select_doctor(self, doctor_id: int) -> None:
        """Make this doctor the current row (nothing happens if the filter hides them)."""
        row = self.model.row_of(doctor_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, Column.NAME))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _refresh(self, changes: Changes, select_id: int | None = None) -> None:
        """Show what a service changed here, and tell the window."""
        self.forget(changes)  # read again what the change concerns
        if self.case is None:
            return
        self.load(self.repo.cases.get(self.case.id))
        if select_id is not None:
            self.select_doctor(select_id)
        self.report(changes)
        # what it changed is what this panel shows, just read again: not stale (after an
        # import that would read 100,000 doctors again at the next visit to the page)
        self._stale = False

    def edit_selected(self) -> None:
        """Open the chosen doctor's details; what the person changes is saved."""
        doctor = self.selected_doctor()
        if doctor is None or self.case is None:
            return
        dialog = self._doctor_dialog(self, self.case.id, doctor)
        changed = dialog.doctor() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if changed is None:
            return
        saved, changes = doctor_changes.update_doctor(self.repo, changed)
        self._refresh(changes, saved.id)
        self.status_message.emit(f"Saved {saved.spoken}.")
