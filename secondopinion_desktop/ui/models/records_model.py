"""The records checklist as a table, and the scans attached to one item as a list.

Both are thin models over cached rows, reset whenever the panel reloads them from the repository.
Status is always in words; colour only repeats it (overdue, waiting for a phone call, done).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

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
from secondopinion_desktop.ui.style import attention_color, done_color, is_dark

Index = QModelIndex | QPersistentModelIndex

RecordIdRole = Qt.ItemDataRole.UserRole + 1
OverdueRole = Qt.ItemDataRole.UserRole + 2
AttachmentIdRole = Qt.ItemDataRole.UserRole + 3
SubtitleRole = Qt.ItemDataRole.UserRole + 4
# The roles data() answers; Qt asks for a dozen others for every cell it draws or measures.
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        SubtitleRole,
        RecordIdRole,
        OverdueRole,
    )
)

COL_ITEM, COL_PAGES, COL_STATUS, COL_DUE = range(4)
HEADERS = ("Item", "Pages", "Where it is", "When due")


def overdue_color(palette: QPalette) -> QColor:
    """Red for overdue, always with the word 'Overdue'; readable on light and dark windows."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


class RecordsModel(QAbstractTableModel):
    """One row per record item, in the order the person keeps them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[RecordItem] = []
        self._doctors: dict[int, str] = {}
        self._new_doctor: str | None = None
        self._visit: dt.date | None = None
        self._today = dt.date.today()
        self._attachments: dict[int, int] = {}
        self._cells: dict[tuple[int, int], str] = {}  # display text, made once per reset

    def set_items(
        self,
        items: Sequence[RecordItem],
        doctors: Mapping[int, str],
        new_doctor: str | None,
        visit: dt.date | None,
        today: dt.date,
        attachment_counts: Mapping[int, int] | None = None,
    ) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._doctors = dict(doctors)
        self._new_doctor = new_doctor
        self._visit = visit
        self._today = today
        self._attachments = dict(attachment_counts or {})
        self._cells = {}
        self.endResetModel()

    # --- reading -------------------------------------------------------------------------

    def items(self) -> list[RecordItem]:
        return list(self._items)

    def item_at(self, row: int) -> RecordItem:
        return self._items[row]

    def row_of(self, record_id: int) -> int:
        for row, item in enumerate(self._items):
            if item.id == record_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_PAGES:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1) if 0 <= section < len(self._items) else None
        return None

    def _text(self, item: RecordItem, column: int) -> str:
        if column == COL_ITEM:
            count = self._attachments.get(item.id, 0)
            if count:
                return f"{item.title} ({count} scan{'s' if count != 1 else ''})"
            return item.title
        if column == COL_PAGES:
            return "" if item.pages is None else str(item.pages)
        if column == COL_STATUS:
            return status_text(item)
        if column == COL_DUE:
            return due_text(item, self._visit, self._today)
        return ""

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
            status_text(item),
        ]
        if item.notes.strip():
            lines.append(f"Notes: {item.notes.strip()}")
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if int(role) not in ANSWERED_ROLES:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        row = index.row()
        item = self._items[row]
        column = index.column()
        if not 0 <= column < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._cells.get((row, column))
            if text is None:
                text = self._cells[(row, column)] = self._text(item, column)
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(item, column) or "none"
            if column == COL_ITEM:
                text += f". {self.subtitle(item)}"
            return f"{HEADERS[column]}: {text}"
        if role == SubtitleRole:
            return self.subtitle(item) if column == COL_ITEM else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == RecordIdRole:
            return item.id
        if role == OverdueRole:
            return is_overdue(item, self._visit, self._today)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == COL_PAGES else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(item, column)
        if (
            role == Qt.ItemDataRole.FontRole
            and column == COL_DUE
            and is_overdue(item, self._visit, self._today)
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _colour(self, item: RecordItem, column: int) -> QColor | None:
        palette = QGuiApplication.palette()
        if column == COL_DUE and is_overdue(item, self._visit, self._today):
            return overdue_color(palette)
        if column == COL_STATUS and item.awaiting_confirmation:
            return attention_color(palette)
        if column in (COL_STATUS, COL_DUE) and item.ready:
            return done_color(palette)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class AttachmentsModel(QAbstractListModel):
    """The scans attached to the selected item."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._attachments: list[Attachment] = []

    def set_attachments(self, attachments: Sequence[Attachment]) -> None:
        self.beginResetModel()
        self._attachments = list(attachments)
        self.endResetModel()

    def attachment_at(self, row: int) -> Attachment:
        return self._attachments[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._attachments)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._attachments):
            return None
        attachment = self._attachments[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{attachment.original_name} ({attachment.size_text})"
        if role == Qt.ItemDataRole.ToolTipRole:
            added = attachment.added_at[:10] if attachment.added_at else "unknown"
            return (
                f"{attachment.original_name}\nAttached on {added}\n"
                f"Checksum (SHA-256): {attachment.sha256}"
            )
        if role == AttachmentIdRole:
            return attachment.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
