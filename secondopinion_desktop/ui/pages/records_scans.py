"""The records pages' "Scans of the selected item" card: the copies kept for one item, and
attaching, opening and removing them (the work is services/records.py's).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.attachments import ATTACHMENT_SUFFIXES, Attachment
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services import records
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.background import Job, Jobs
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.forms import push_button
from secondopinion_desktop.ui.models.records_model import AttachmentsModel
from secondopinion_desktop.ui.pages.panel import paragraph

#: A scan this big (bytes) is copied and checked in the background, with progress and Cancel
#: (a 300 MB scan froze the window for seconds); a smaller one at once.
ATTACH_IN_BACKGROUND_FROM = 8 * 1024 * 1024

SCAN_FILTER = (
    "Scans (" + " ".join(f"*{suffix}" for suffix in ATTACHMENT_SUFFIXES) + ");;All files (*)"
)


class ScansBox(QWidget):
    """`item()` is the item chosen in the checklist; `saved(changes, item_id)` is called after
    each change (the panel shows the list again and tells the window); `say` the status bar."""

    def __init__(
        self,
        repo: Repository,
        item: Callable[[], RecordItem | None],
        saved: Callable[[Changes, int | None], None],
        say: Callable[[str], None],
        jobs: Jobs,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.jobs = jobs
        self._item = item
        self._saved = saved
        self._say = say
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.label = paragraph("")
        self.label.setAccessibleName("About the attached scans")
        box.addWidget(self.label)
        self.model = AttachmentsModel(self)
        self.view = QListView()
        self.view.setObjectName("attachmentsList")
        self.view.setAccessibleName("Attached scans")
        self.view.setModel(self.model)
        self.view.setMaximumHeight(110)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(lambda _index: self.open_attachment())
        self.view.activated.connect(lambda _index: self.open_attachment())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        box.addWidget(self.view)
        row = FlowLayout()
        self.attach_button = push_button(
            "Attach a scan\u2026", "Attach a scan to the selected item", self.attach_scan
        )
        self.open_button = push_button("Open", "Open the selected scan", self.open_attachment)
        self.remove_button = push_button(
            "Remove scan", "Remove the selected scan", self.remove_attachment
        )
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        box.addLayout(row)

    def folder(self) -> Path | None:
        return self.repo.data_folder()

    def load(self) -> None:
        """Show the scans of the item chosen now."""
        item = self._item()
        scans = self.repo.records.list_attachments(item.id) if item and self.folder() else []
        self.model.set_rows(scans)
        self.view.setVisible(bool(scans))
        if self.folder() is None:
            text = "Scans can be attached once your data is saved in a folder."
        elif item is None:
            text = "Choose an item in the list above to see its scans."
        elif scans:
            text = (
                f"For \u201c{item.title}\u201d. Double-click a scan to open it. These are copies "
                "kept in Second Opinion's folder; your original files are not changed."
            )
        else:
            text = (
                f"No scans attached to \u201c{item.title}\u201d. If you have it as a PDF or a "
                "photo, attach it here: a copy is kept, and your original is not changed."
            )
        self.label.setText(text)
        self.update_buttons()

    def update_buttons(self) -> None:
        self.attach_button.setEnabled(self._item() is not None and self.folder() is not None)
        chosen = bool(self.view.selectionModel().selectedRows())
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def selected_attachment(self) -> Attachment | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def attach_scan(self) -> None:
        item = self._item()
        folder = self.folder()
        if item is None or folder is None:
            return
        chosen = messages.choose_open_path(
            self, f"Attach a scan to \u201c{item.title}\u201d", SCAN_FILTER
        )
        if not chosen:
            return
        source = Path(chosen)
        try:
            size = source.stat().st_size
        except OSError:
            size = 0  # said in words by the copy, which meets the same problem
        job = Job(
            "Attaching the scan",
            "attaching the scan",
            "Could not attach the scan",
            lambda repo, progress: records.attach_scan(repo, folder, item, source, progress),
        )
        self.jobs.start(
            job,
            self,
            lambda attached: self._attached(attached, item),
            lambda: self._say("The scan was not attached."),
            at_once=size < ATTACH_IN_BACKGROUND_FROM,
        )

    def _attached(self, attached: records.Attached, item: RecordItem) -> None:
        if attached.duplicate:
            messages.show_info(
                self,
                "Already attached",
                f"\u201c{attached.original_name}\u201d is already attached to "
                f"\u201c{item.title}\u201d.",
            )
            return
        self._saved(attached.changes, item.id)
        self._say(f"Attached \u201c{attached.original_name}\u201d.")

    def open_attachment(self) -> None:
        attachment = self.selected_attachment()
        folder = self.folder()
        if attachment is None or folder is None:
            return
        try:
            path = records.openable_scan(self.repo, attachment)
        except KnownError as exc:
            messages.show_error(self, "Could not open the scan", exc.message)
            return
        from secondopinion_desktop.ui import print_actions

        if not print_actions.open_with_system_viewer(path):
            messages.show_error(
                self,
                "Could not open the scan",
                f"This computer has no program set up to open \u201c{attachment.original_name}"
                f"\u201d.\n\nThe copy is here:\n{path}",
            )

    def remove_attachment(self) -> None:
        attachment = self.selected_attachment()
        item = self._item()
        if attachment is None or item is None:
            return
        if not messages.ask_yes_no(
            self,
            "Remove this scan?",
            f"Remove \u201c{attachment.original_name}\u201d from Second Opinion?\n\n"
            "Only Second Opinion's copy is deleted. Your original file is not touched.",
            yes="Remove scan",
            no="Keep it",
        ):
            return
        changes = records.remove_scan(self.repo, self.folder(), item.case_id, attachment)
        self._saved(changes, None)
        self._say(f"Removed the scan \u201c{attachment.original_name}\u201d.")
