"""The reminders of a case as a table: when, what, what about, and where it stands."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from secondopinion_desktop.domain.reminders import Reminder, short_state_text, short_when_text
from secondopinion_desktop.ui.models.base import ACCESSIBLE, RowListModel, TableColumn
from secondopinion_desktop.ui.style import attention_color, muted_color

ReminderIdRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    WHEN = 0
    TITLE = 1
    ABOUT = 2
    STATE = 3


class RemindersModel(RowListModel[Reminder]):
    """A thin model over a list of reminders (reset whenever the list is reloaded).

    The words for "when" and "now" depend on the time the list was loaded, so the columns are
    bound to this model's clock reading.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                TableColumn("When", lambda r: short_when_text(r.due_at, self._now, self._zone)),
                TableColumn("Reminder", lambda r: r.title),
                TableColumn("About", lambda r: r.about.label),
                TableColumn(
                    "Now",
                    lambda r: short_state_text(r, self._now, self._zone),
                    roles={Qt.ItemDataRole.ForegroundRole: self._state_colour},
                ),
            ),
            row_roles={
                Qt.ItemDataRole.ToolTipRole: lambda r: r.detail or r.title,
                ReminderIdRole: lambda r: r.id,
            },
            extra_roles=(ACCESSIBLE,),
            parent=parent,
        )
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
        self._now = now
        self._zone = zone
        if palette is not None:
            self._palette = palette
        self.set_rows(reminders)

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == ACCESSIBLE:
            return f"{self.headerData(column, Qt.Orientation.Horizontal)}: {self.text(row, column)}"
        return super().cell(row, column, role)

    def _state_colour(self, reminder: Reminder) -> Any:
        if reminder.done:
            return muted_color(self._palette)
        if reminder.is_due(self._now):
            return attention_color(self._palette)
        return None
