"""File > Back Up Now and File > Restore From Backup: the actions and what they do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from secondopinion_desktop.services import backups
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.background import Job
from secondopinion_desktop.ui.case_actions import new_action

if TYPE_CHECKING:
    from secondopinion_desktop.ui.main_window import MainWindow


class BackupController(QObject):
    """Owns the two backup actions of one main window."""

    def __init__(self, window: MainWindow, repo: Repository) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.backup_action = new_action(
            window,
            "&Back Up Now",
            self.back_up_now,
            "Make a copy of all your data now",
            "Ctrl+Shift+B",
        )
        self.restore_action = new_action(
            window, "Res&tore From Backup\u2026", self.restore_backup, "Go back to an earlier copy"
        )

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action]

    def back_up_now(self) -> None:
        window = self.window
        if self.repo.data_folder() is None or window.jobs.refuse_if_busy(window):
            return
        window.flush_edits()
        window.jobs.start(
            Job("Making a backup", "making a backup", "Backup not made", backups.back_up_now),
            window,
            self._backed_up,
            lambda: window.status.showMessage("No backup was made.", 8000),
        )

    def _backed_up(self, made: backups.Backup | None) -> None:
        if made is not None:
            self.window.status.showMessage(f"Backup made: {made.label}.", 8000)

    def restore_backup(self) -> None:
        """Go back to an earlier copy; the present state is backed up first, so it can return."""
        if self.repo.data_folder() is None or self.window.jobs.refuse_if_busy(self.window):
            return
        self.window.flush_edits()
        found = backups.list_backups(self.repo)
        if not found:
            messages.show_info(
                self.window,
                "No backups yet",
                "There are no backups to restore yet. Second Opinion makes one every day it "
                "is opened, and you can make one any time with File, Back Up Now.",
            )
            return
        index = messages.choose_item(
            self.window,
            "Restore from a backup",
            "Go back to how your data was at:",
            [b.label for b in found],
        )
        if index < 0:
            return
        chosen = found[index]
        if not messages.ask_yes_no(
            self.window,
            "Restore this backup?",
            f"Go back to your data as it was on {chosen.label}?\n\n"
            "Anything typed since then will be replaced. A copy of your data as it is now is "
            "kept first, so you can come back to it.",
            yes="Restore",
            no="Cancel",
        ):
            return
        window = self.window

        def restored(changes: Changes) -> None:
            window.data_replaced(changes)
            window.status.showMessage(f"Restored the backup from {chosen.label}.", 8000)

        window.jobs.start(
            Job(
                "Restoring the backup",
                "restoring the backup",
                "Not restored",
                lambda repo, progress: backups.restore_backup(repo, chosen, progress),
            ),
            window,
            restored,
            lambda: window.status.showMessage("Nothing was restored.", 8000),
        )
