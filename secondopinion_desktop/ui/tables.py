"""The one way the app sets up a read-only list table (whole rows, one at a time, named), and a
table as tall as its rows for pages that scroll as one."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView


def row_table(model: QAbstractItemModel, accessible_name: str) -> QTableView:
    """A table that selects whole rows, one at a time, with no row numbers down the side."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
    return table


class FittedTableView(QTableView):
    """A table as tall as its rows, so the page scrolls instead of the table."""

    def _content_height(self) -> int:
        header = self.horizontalHeader().height() if self.horizontalHeader().isVisible() else 0
        rows = self.verticalHeader().length()
        return header + rows + 2 * self.frameWidth() + 2

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(self._content_height(), 90))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), max(self._content_height(), 90))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # text wraps by width only
            self.resizeRowsToContents()
        if self.height() != max(self._content_height(), 90):
            self.updateGeometry()

    def fit(self) -> None:
        self.resizeRowsToContents()
        self.updateGeometry()
