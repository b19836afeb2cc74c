"""The calls logged to one doctor's office, newest last."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from secondopinion_desktop.domain.doctors import Call
from secondopinion_desktop.domain.records import iso_day_text, short_date
from secondopinion_desktop.ui.models.base import RowListModel, TableColumn


def when_text(iso: str) -> str:
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    hour = when.hour % 12 or 12
    suffix = "am" if when.hour < 12 else "pm"
    return f"{when:%a} {when.day} {when:%b}, {hour}:{when.minute:02d} {suffix}"


def day_text(iso: str | None) -> str:
    """'Mon 30 Nov 2026' (a call-back day)."""
    return iso_day_text(iso, lambda day: f"{short_date(day)} {day.year}")


COLUMNS: tuple[TableColumn[Call], ...] = (
    TableColumn("When", lambda call: when_text(call.called_at)),
    TableColumn("Who answered", lambda call: call.answered_by),
    TableColumn("What you learned", lambda call: call.learned),
    TableColumn("Call back", lambda call: day_text(call.call_back_on)),
)


class CallsModel(RowListModel[Call]):
    """The calls to the selected doctor's office; each cell's tooltip repeats it in full."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, text_roles=(Qt.ItemDataRole.ToolTipRole,), parent=parent)
