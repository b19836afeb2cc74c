"""The window's undoable commands (Edit > Undo): marking a step, changing a case's details;
and the question asked before a step is marked done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from secondopinion_desktop.domain.step_checks import mark_done_question
from secondopinion_desktop.domain.steps import STEPS
from secondopinion_desktop.services import steps
from secondopinion_desktop.store.repository import WritesPaused
from secondopinion_desktop.ui import messages

if TYPE_CHECKING:
    from secondopinion_desktop.store.repository import Repository
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
        try:
            self._window.apply_step_done(self._case_id, self._step, self._done)
        except WritesPaused as exc:
            refused(self, self._window, exc)

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
        try:
            self._window.apply_case(self._after)
        except WritesPaused as exc:
            refused(self, self._window, exc)

    def undo(self) -> None:
        self._window.apply_case(self._before)


def refused(command: QUndoCommand, window: MainWindow, exc: WritesPaused) -> None:
    """A job writes (the moment before its progress dialog shows): nothing was changed, so
    the command is dropped from Edit > Undo (obsolete), and the person is told in words; the
    window shows the stored state again (a ticked step unticks)."""
    command.setObsolete(True)
    messages.show_info(window, "Please wait", exc.message)
    window.refresh_progress()


def confirm_step_done(parent: QWidget, repo: Repository, case_id: int, step: int) -> bool:
    """Compare the step with its own 'When is this step done?'; the person decides.

    Nothing open: no question. Something open: say what, and let them mark it done anyway.
    """
    open_ = steps.open_in_step(repo, case_id, step)
    if not open_:
        return True
    question = mark_done_question(STEPS[step - 1].done_means, open_)
    return messages.ask_yes_no(
        parent, "Mark this step as done?", question, "Mark as done", "Not yet"
    )
