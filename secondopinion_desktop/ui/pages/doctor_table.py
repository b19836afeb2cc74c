"""The doctor table shared by steps 2 and 3, and what both do with it: select, edit, refresh.

`CandidatesPanel` (step 2) and `ComparePanel` (step 3) show the same candidates with other
columns; the table's set-up and the edit-a-doctor flow live here once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QTableView

from secondopinion_desktop.domain.doctor_rows import DoctorRows
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.services import doctors as doctor_changes
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.ui.models.doctors_model import (
    Column,
    DoctorFilterProxy,
    DoctorIdRole,
    DoctorsTableModel,
)
from secondopinion_desktop.ui.pages.panel import StepPanel

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog


def doctor_table(proxy: DoctorFilterProxy, columns: dict[Column, int], name: str) -> QTableView:
    """A calm, keyboard-friendly table showing only `columns`, at these widths."""
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
    for column in Column:
        table.setColumnHidden(column, column not in columns)
        if column in columns:
            table.setColumnWidth(column, columns[column])
    last = max(columns)
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(240)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    return table


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
        return self.table

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
