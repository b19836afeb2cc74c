"""File > New Case, Case Details, Rename and Delete: the actions and what they do.

Changing a case's details is undoable (Edit > Undo); its saving goes through services/cases.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from secondopinion_desktop.services import cases
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.case_actions import mark_needs_case, new_action
from secondopinion_desktop.ui.commands import EditCaseCommand

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails, CaseDialog
    from secondopinion_desktop.ui.main_window import MainWindow


class CaseController(QObject):
    """Owns the case actions of one main window."""

    def __init__(
        self, window: MainWindow, repo: Repository, dialog: Callable[..., CaseDialog]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self._dialog = dialog
        key = QKeySequence.StandardKey
        self.new_case_action = new_action(
            self.window, "&New Case\u2026", self.new_case, "Start a new case", keys=key.New
        )
        self.details_action = new_action(
            self.window,
            "Case Detai&ls\u2026",
            self.edit_case_details,
            "Change the case's details",
            keys="Ctrl+I",
        )
        # No F2 here: F2 is how a table starts changing the cell in focus (step 3 says so).
        # Case Details (Ctrl+I) opens the same dialog; Alt+F, R reaches this from the keyboard.
        self.rename_action = new_action(
            self.window, "&Rename Case\u2026", self.edit_case_details, "Give the case another name"
        )
        self.delete_action = new_action(
            self.window, "&Delete Case\u2026", self.delete_case, "Delete this case and all it holds"
        )
        for action in (self.details_action, self.rename_action, self.delete_action):
            mark_needs_case(action)

    def new_case(self) -> None:
        window = self.window
        dialog = self._dialog(window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        details = dialog.details() if accepted else None
        _let_go(dialog)
        if details is None:
            return
        case, changes = cases.create_case(self.repo, **details.as_dict())
        window.reload_cases(case.id)
        window.changed.emit(changes)
        window.show_page(1)
        window.status.showMessage(f"Started \u201c{case.display_name}\u201d.", 6000)

    def edit_case_details(self) -> None:
        window = self.window
        if window.case is None:
            return
        dialog = self._dialog(window, window.case)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        details: CaseDetails | None = dialog.details() if accepted else None
        _let_go(dialog)
        if details is None:
            return
        from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails

        before = CaseDetails.from_case(self.repo.cases.get(window.case.id))
        if details == before:
            return
        window.undo_stack.push(EditCaseCommand(window, before, details, "change the case details"))
        window.status.showMessage("Case details saved.", 5000)

    def apply_case(self, details: CaseDetails) -> None:
        """Save a case's details (used by edit, undo and redo) and refresh what shows it.

        Applied to the case as stored now, so what panels saved meanwhile is kept.
        """
        window = self.window
        if window.case is None:
            return
        saved, changes = cases.update_case(
            self.repo, details.applied_to(self.repo.cases.get(window.case.id))
        )
        window.case_saved(saved, changes)

    def delete_case(self) -> None:
        window = self.window
        if window.case is None:
            return
        case_id, name = window.case.id, window.case.display_name
        if not messages.ask_yes_no(
            window,
            "Delete this case?",
            f"Delete \u201c{name}\u201d and everything in it: doctors, calls and notes?\n\n"
            "This cannot be undone.",
            yes="Delete case",
            no="Keep it",
        ):
            return
        changes = cases.delete_case(self.repo, case_id)
        window.settings.remove(f"case/{case_id}")
        window.case = None
        window.reload_cases()
        window.changed.emit(changes)
        window.status.showMessage(f"Deleted \u201c{name}\u201d.", 6000)


def _let_go(dialog: object) -> None:
    """A closed case dialog goes at the next turn of the event loop, not whenever the garbage
    collector gets to it: the windows a screen reader lists stay in a steady order."""
    if isinstance(dialog, QObject):
        dialog.deleteLater()
