"""The records checklist as a table, and the scans attached to one item as a list.

Both are thin models over cached rows, reset whenever the panel reloads them from the repository.
Status is always in words; colour only repeats it (overdue, waiting for a phone call, done).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication

from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.records import (
    RecordItem,
    due_text,
    holder_name,
    how_text,
    is_overdue,
    recipient_name,
    status_text,
)
from secondopinion_desktop.domain.rounds import RecordDelivery, status_with_history
from secondopinion_desktop.ui.models.base import (
    ACCESSIBLE,
    DISPLAY,
    FONT,
    FOREGROUND,
    RowListModel,
    TableColumn,
    user_roles,
)
from secondopinion_desktop.ui.style import attention_color, done_color, overdue_color

RecordIdRole, OverdueRole, AttachmentIdRole, SubtitleRole = user_roles(4)

COL_ITEM, COL_PAGES, COL_STATUS, COL_DUE = range(4)


class RecordsModel(RowListModel[RecordItem]):
    """One row per record item, in the order the person keeps them.

    What a cell says depends on the case around the items (its doctors, the visit, today), so
    the columns are bound to what `set_items` was last given.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                TableColumn("Item", self._title, roles={SubtitleRole: self.subtitle}),
                TableColumn(
                    "Pages",
                    lambda item: "" if item.pages is None else str(item.pages),
                    alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                ),
                TableColumn("Where it is", self._status, roles={FOREGROUND: self._status_colour}),
                TableColumn(
                    "When due",
                    lambda item: due_text(item, self._visit, self._today),
                    roles={FOREGROUND: self._due_colour, FONT: self._due_font},
                ),
            ),
            row_roles={
                Qt.ItemDataRole.ToolTipRole: self._tooltip,
                RecordIdRole: lambda item: item.id,
                OverdueRole: lambda item: is_overdue(item, self._visit, self._today),
            },
            extra_roles=(ACCESSIBLE,),
            parent=parent,
        )
        self._doctors: dict[int, str] = {}
        self._new_doctor: str | None = None
        self._visit: dt.date | None = None
        self._today = dt.date.today()
        self._attachments: dict[int, int] = {}
        self._history: dict[int, list[RecordDelivery]] = {}

    def set_items(
        self,
        items: Sequence[RecordItem],
        doctors: Mapping[int, str],
        new_doctor: str | None,
        visit: dt.date | None,
        today: dt.date,
        attachment_counts: Mapping[int, int] | None = None,
        history: Mapping[int, Sequence[RecordDelivery]] | None = None,
    ) -> None:
        """`history`: record id -> where it went in earlier rounds (said after its status)."""
        self._history = {k: list(v) for k, v in (history or {}).items()}
        self._doctors = dict(doctors)
        self._new_doctor = new_doctor
        self._visit = visit
        self._today = today
        self._attachments = dict(attachment_counts or {})
        self.set_rows(items)

    def change_item(self, item: RecordItem, doctors: Mapping[int, str]) -> bool:
        """Show a changed item in its row, without a reset (the selection and the place
        scrolled to stay); False when it is not listed here."""
        if self.row_of(item.id) < 0:
            return False
        self._doctors = dict(doctors)
        self.replace_row(item)
        return True

    # --- what the cells say --------------------------------------------------------------

    def _title(self, item: RecordItem) -> str:
        count = self._attachments.get(item.id, 0)
        if count:
            return f"{item.title} ({count} scan{'s' if count != 1 else ''})"
        return item.title

    def _status(self, item: RecordItem) -> str:
        """Where it is for this round, then where it went in earlier rounds (never lost)."""
        return status_with_history(status_text(item), self._history.get(item.id, ()))

    def subtitle(self, item: RecordItem) -> str:
        """The item's second line: who has it, where it goes, and how."""
        holder = holder_name(item, self._doctors)
        if holder.lower() == "you":
            parts = ["With you"]
        else:
            parts = [f"From {holder}" if holder else "From: not noted yet"]
        if not item.goes_to_new_doctor:
            parts.append(f"to {recipient_name(item, self._doctors, self._new_doctor)}")
        return " ".join(parts) + f" \u00b7 {how_text(item)}"

    def _tooltip(self, item: RecordItem) -> str:
        lines = [
            item.title,
            f"From: {holder_name(item, self._doctors) or 'not noted'}",
            f"Goes to: {recipient_name(item, self._doctors, self._new_doctor)}",
            f"How: {how_text(item)}",
            self._status(item),
        ]
        if item.notes.strip():
            lines.append(f"Notes: {item.notes.strip()}")
        return "\n".join(lines)

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == ACCESSIBLE:
            text = self.text(row, column) or "none"
            if column == COL_ITEM:
                text += f". {self.subtitle(self.row_at(row))}"
            return f"{self.headerData(column, Qt.Orientation.Horizontal)}: {text}"
        return super().cell(row, column, role)

    def row_header(self, row: int, role: int) -> Any:
        return str(row + 1) if role == DISPLAY else None

    def _status_colour(self, item: RecordItem) -> QColor | None:
        palette = QGuiApplication.palette()
        if item.awaiting_confirmation:
            return attention_color(palette)
        return done_color(palette) if item.ready else None

    def _due_colour(self, item: RecordItem) -> QColor | None:
        palette = QGuiApplication.palette()
        if is_overdue(item, self._visit, self._today):
            return overdue_color(palette)
        return done_color(palette) if item.ready else None

    def _due_font(self, item: RecordItem) -> QFont | None:
        if not is_overdue(item, self._visit, self._today):
            return None
        font = QFont()
        font.setBold(True)
        return font


class AttachmentsModel(RowListModel[Attachment]):
    """The scans attached to the selected item."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                TableColumn(
                    "Scan",
                    lambda scan: f"{scan.original_name} ({scan.size_text})",
                    roles={Qt.ItemDataRole.ToolTipRole: _scan_tooltip},
                ),
            ),
            text_roles=(ACCESSIBLE,),
            row_roles={AttachmentIdRole: lambda scan: scan.id},
            parent=parent,
        )


def _scan_tooltip(scan: Attachment) -> str:
    added = scan.added_at[:10] if scan.added_at else "unknown"
    return f"{scan.original_name}\nAttached on {added}\nChecksum (SHA-256): {scan.sha256}"
