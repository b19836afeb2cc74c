"""The window's undoable commands (Edit > Undo): marking a step, changing a case's details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails
    from secondopinion_desktop.ui.main_window import MainWindow


class MarkStepCommand(QUndoCommand):
    """Marking a step done (or not done), undoable from the Edit menu."""

    def __init__(self, window: MainWindow, case_id: int, step: int, done: bool) -> None:
        super().__init__(f"mark step {step} {'done' if done else 'not done'}")
        self._window = window
        self._case_id = case_id
        self._step = step
        self._done = done

    def redo(self) -> None:
        self._window.apply_step_done(self._case_id, self._step, self._done)

    def undo(self) -> None:
        self._window.apply_step_done(self._case_id, self._step, not self._done)


class EditCaseCommand(QUndoCommand):
    """Changing a case's details or name, undoable from the Edit menu."""

    def __init__(
        self, window: MainWindow, before: CaseDetails, after: CaseDetails, text: str
    ) -> None:
        super().__init__(text)
        self._window = window
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._window.apply_case(self._after)

    def undo(self) -> None:
        self._window.apply_case(self._before)
