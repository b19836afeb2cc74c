"""The records checklist's undoable changes: add, change or remove an item.

Kept beside the panel that pushes them; a removal is undone with all of the item (its earlier
rounds' history and its scans), not the item alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.services.records import RemovedItem

if TYPE_CHECKING:
    from secondopinion_desktop.ui.pages.records_panel import RecordsPanel


class RecordCommand(QUndoCommand):
    """An undoable change to one item: add, change or remove."""

    def __init__(
        self,
        panel: RecordsPanel,
        text: str,
        before: RecordItem | None,
        after: RecordItem | None,
    ) -> None:
        super().__init__(text)
        self._panel = panel
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._after = self._panel.apply_change(self._before, self._after)

    def undo(self) -> None:
        self._before = self._panel.apply_change(self._after, self._before)


class RemoveCommand(QUndoCommand):
    """Removing an item, undone with all of it: its rounds' history and its scans."""

    def __init__(self, panel: RecordsPanel, item: RecordItem) -> None:
        super().__init__(f"remove \u201c{item.title}\u201d")
        self._panel = panel
        self._item = item
        self._removed: RemovedItem | None = None

    def redo(self) -> None:
        self._removed = self._panel.take_out(self._item)

    def undo(self) -> None:
        if self._removed is not None:
            self._item = self._panel.put_back(self._removed)
