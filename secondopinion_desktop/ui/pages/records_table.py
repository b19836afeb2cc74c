"""The records checklist's table (steps 4 and 5): how it looks and behaves, in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy

from secondopinion_desktop.ui.models.record_item_delegate import RecordItemDelegate
from secondopinion_desktop.ui.models.records_model import (
    COL_DUE,
    COL_ITEM,
    COL_PAGES,
    COL_STATUS,
    RecordsModel,
)
from secondopinion_desktop.ui.tables import FittedTableView


def checklist_table(model: RecordsModel, title: str) -> FittedTableView:
    """One item a row (its name and a second line: who has it, where it goes), whole rows
    chosen one at a time, as tall as its rows while the list is short (ui/tables.py)."""
    table = FittedTableView()
    table.setObjectName("recordsTable")
    table.setAccessibleName(title)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
    for column, width in ((COL_STATUS, 265), (COL_DUE, 165)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    header.setSectionResizeMode(COL_PAGES, QHeaderView.ResizeMode.ResizeToContents)
    table.setItemDelegateForColumn(COL_ITEM, RecordItemDelegate(table))
    return table
