"""File > Export Case and File > Import Case: moving a case to another computer.

The work is services/transfer.py's (loaded when first used: the archive code is not needed
at start-up); this owns the two actions and the words around them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.background import Job
from secondopinion_desktop.ui.case_actions import mark_needs_case, new_action

if TYPE_CHECKING:
    from secondopinion_desktop.services.transfer import Written
    from secondopinion_desktop.ui.main_window import MainWindow


class TransferController(QObject):
    """Owns the export and import actions of one main window."""

    def __init__(self, window: MainWindow, repo: Repository) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self.export_action = mark_needs_case(
            new_action(window, "&Export Case\u2026", self.export_case, "Save this case in one file")
        )
        self.import_action = new_action(
            window, "&Import Case\u2026", self.import_case, "Add a case saved on another computer"
        )

    def actions(self) -> list[QAction]:
        return [self.export_action, self.import_action]

    def export_case(self) -> None:
        from secondopinion_desktop.services import transfer
        from secondopinion_desktop.services.transfer import ARCHIVE_SUFFIX

        window = self.window
        if window.case is None or window.jobs.refuse_if_busy(window):
            return
        window.flush_edits()
        safe = "".join(
            ch if ch.isalnum() or ch in " -_" else "_" for ch in window.case.display_name
        )
        path = messages.choose_save_path(
            window,
            "Export this case",
            f"{safe.strip() or 'case'}{ARCHIVE_SUFFIX}",
            f"Second Opinion case (*{ARCHIVE_SUFFIX})",
        )
        if not path:
            return
        case_id, target = window.case.id, Path(path)
        window.jobs.start(
            Job(
                "Exporting the case",
                "exporting the case",
                "Not exported",
                lambda repo, progress: transfer.export_case(repo, case_id, target, progress),
            ),
            window,
            lambda written: self._exported(written, target),
            lambda: window.status.showMessage("The case was not exported.", 8000),
        )

    def _exported(self, written: Written, target: Path) -> None:
        window = self.window
        if written.left_out:
            names = "\n".join(f"\u2022 {name}" for name in written.left_out[:10])
            messages.show_info(
                window,
                "Exported without some scans",
                "The case is saved, but these scans were left out because Second Opinion's "
                f"copies of them are missing or have changed:\n\n{names}\n\n"
                "You can attach them again from the originals after importing.",
            )
        window.status.showMessage(f"Saved the case to {target.name}.", 8000)

    def import_case(self) -> None:
        from secondopinion_desktop.services import transfer
        from secondopinion_desktop.services.transfer import ARCHIVE_SUFFIX

        window = self.window
        if window.jobs.refuse_if_busy(window):
            return
        path = messages.choose_open_path(
            window,
            "Import a case",
            f"Second Opinion case (*{ARCHIVE_SUFFIX});;All files (*)",
        )
        if not path:
            return
        window.flush_edits()
        source = Path(path)
        window.jobs.start(
            Job(
                "Importing the case",
                "importing the case",
                "Not imported",
                lambda repo, progress: transfer.import_case(repo, source, progress),
            ),
            window,
            self._imported,
            lambda: window.status.showMessage("Nothing was imported.", 8000),
        )

    def _imported(self, changes: Changes) -> None:
        self.window.reload_cases(changes.case_id)
        self.window.status.showMessage("The case is imported.", 8000)
