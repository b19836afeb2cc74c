"""The reminders of a case as a table: when, what, what about, and where it stands."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette

from secondopinion_desktop.domain.reminders import Reminder, short_state_text, short_when_text
from secondopinion_desktop.ui.style import attention_color, muted_color

Index = QModelIndex | QPersistentModelIndex
ReminderIdRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    WHEN = 0
    TITLE = 1
    ABOUT = 2
    STATE = 3


HEADERS = {
    Column.WHEN: "When",
    Column.TITLE: "Reminder",
    Column.ABOUT: "About",
    Column.STATE: "Now",
}


class RemindersModel(QAbstractTableModel):
    """A thin model over a list of reminders (reset whenever the list is reloaded)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._reminders: list[Reminder] = []
        self._now = dt.datetime.now(dt.UTC)
        self._zone: dt.tzinfo | None = None
        self._palette = QPalette()

    def set_reminders(
        self,
        reminders: list[Reminder],
        now: dt.datetime,
        zone: dt.tzinfo | None = None,
        palette: QPalette | None = None,
    ) -> None:
        self.beginResetModel()
        self._reminders = list(reminders)
        self._now = now
        self._zone = zone
        if palette is not None:
            self._palette = palette
        self.endResetModel()

    def reminder_at(self, row: int) -> Reminder:
        return self._reminders[row]

    def row_of(self, reminder_id: int) -> int:
        return next((i for i, r in enumerate(self._reminders) if r.id == reminder_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._reminders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def _text(self, reminder: Reminder, column: Column) -> str:
        if column is Column.WHEN:
            return short_when_text(reminder.due_at, self._now, self._zone)
        if column is Column.TITLE:
            return reminder.title
        if column is Column.ABOUT:
            return reminder.about.label
        return short_state_text(reminder, self._now, self._zone)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._reminders):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        reminder = self._reminders[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(reminder, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return reminder.detail or reminder.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self._text(reminder, column)}"
        if role == ReminderIdRole:
            return reminder.id
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.STATE:
            if reminder.done:
                return muted_color(self._palette)
            if reminder.is_due(self._now):
                return attention_color(self._palette)
        return None
