"""The reminders of a case as a table: when, what, what about, and where it stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette

from secondopinion_desktop.domain.reminders import Reminder, short_state_text, short_when_text
from secondopinion_desktop.ui.models.base import ACCESSIBLE, Index, RowListModel, TableColumn
from secondopinion_desktop.ui.style import attention_color, muted_color

ReminderIdRole = Qt.ItemDataRole.UserRole + 1
#: Rows read at a time when the list is paged (`set_pages`): a few screenfuls (each row read is
#: also measured for its wrapped height).
PAGE = 60
#: fetch(offset, limit): that many rows in the list's order from `offset` on.
Fetch = Callable[[int, int], list[Reminder]]


class Column(IntEnum):
    WHEN = 0
    TITLE = 1
    ABOUT = 2
    STATE = 3


class RemindersModel(RowListModel[Reminder]):
    """A thin model over a list of reminders (reset whenever the list is reloaded).

    The words for "when" and "now" depend on the time the list was loaded, so the columns are
    bound to this model's clock reading. Given all rows (`set_reminders`) it shows them; given
    a way to read pages (`set_pages`) it reads the first and the rest as the view scrolls to
    them (Qt's `canFetchMore`/`fetchMore`), so 10,000 reminders cost a page at a time.
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
        self._fetch: Fetch | None = None
        self._total = 0
        self._muted, self._attention = muted_color(self._palette), attention_color(self._palette)

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
        # worked out once per load, not for each cell drawn or measured
        self._muted, self._attention = muted_color(self._palette), attention_color(self._palette)
        self._fetch = None
        self.set_rows(reminders)

    def set_pages(
        self,
        fetch: Fetch,
        total: int,
        now: dt.datetime,
        zone: dt.tzinfo | None = None,
        palette: QPalette | None = None,
        at_least: int = PAGE,
    ) -> None:
        """Show the first rows of `total` (at least `at_least`, so a reload keeps what was
        scrolled to); `fetchMore` reads the others when the view needs them."""
        self.set_reminders(fetch(0, max(PAGE, at_least)), now, zone, palette)
        self._fetch = fetch
        self._total = max(total, self.rowCount())

    def total(self) -> int:
        """How many rows the list has in all (read or not yet)."""
        return self._total if self._fetch is not None else self.rowCount()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch is not None and self.rowCount() < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        first = self.rowCount()
        more = self._fetch(first, PAGE)
        if not more:  # fewer than counted (removed meanwhile): nothing more to read
            self._total = first
            return
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == ACCESSIBLE:
            return f"{self.headerData(column, Qt.Orientation.Horizontal)}: {self.text(row, column)}"
        return super().cell(row, column, role)

    def _state_colour(self, reminder: Reminder) -> Any:
        if reminder.done:
            return self._muted
        if reminder.is_due(self._now):
            return self._attention
        return None
