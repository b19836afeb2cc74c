"""The records pages' cover-sheet card: what the sheet will list, the paper, and print,
preview and PDF. The sheet itself is assembled by services/exports.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.record_progress import total_pages
from secondopinion_desktop.domain.records import RecordItem, cover_sheet_items
from secondopinion_desktop.printing.cover_sheet import COVER_SHEET_TITLE, CoverSheet
from secondopinion_desktop.printing.paper import PAGE_SIZE_KEY, PAPER_NAMES, chosen_page_size
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import print_actions
from secondopinion_desktop.ui.background import Jobs
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.forms import push_button
from secondopinion_desktop.ui.pages.panel import paragraph
from secondopinion_desktop.ui.safe_combo import SafeComboBox
from secondopinion_desktop.ui.style import dress

INTRO = (
    "Put this page on top of records you fax or take to the new doctor's office. It says who "
    "they are for, lists what is enclosed with the number of pages, and asks the office to "
    "phone you when they arrive."
)


def safe_file_name(text: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", text)
    return " ".join(cleaned.split())[:80] or "cover sheet"


def cover_summary(doctor: Doctor | None, items: Sequence[RecordItem]) -> str:
    """What the cover sheet will list, in a sentence (or why there is nothing to list)."""
    if doctor is None:
        return (
            "The cover sheet is addressed to the doctor you book for the second opinion. "
            "Book the visit on step 3 first."
        )
    enclosed = cover_sheet_items(items, doctor.id)
    if not enclosed:
        return (
            f"Nothing to send to {doctor.spoken} yet. An item is listed on the cover sheet once "
            "you have it in hand (marked as received) and it is to be sent ahead."
        )
    pages, uncounted = total_pages(enclosed)
    count = len(enclosed)
    text = (
        f"To {doctor.spoken}: {count} item{'s' if count != 1 else ''}, "
        f"{pages} page{'s' if pages != 1 else ''}"
    )
    if uncounted:
        text += f" (and {uncounted} not counted yet)"
    return text + ", plus the cover sheet."


class CoverSheetBox(QWidget):
    """The card's contents: `case_id()` says which case's sheet, `say` the status bar; the
    PDF is made by `jobs` in the background (a sheet of 2,000 records takes seconds)."""

    def __init__(
        self,
        settings: QSettings | None,
        repo: Repository,
        jobs: Jobs,
        case_id: Callable[[], int | None],
        say: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._repo = repo
        self._jobs = jobs
        self._case_id = case_id
        self._say = say
        self._to_name = ""
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(paragraph(INTRO))
        self.cover_label = paragraph("")
        dress(self.cover_label, "situation")
        self.cover_label.setAccessibleName("What the cover sheet will list")
        box.addWidget(self.cover_label)
        row = FlowLayout()
        row.setSpacing(10)
        paper_label = QLabel("Pape&r:")
        self.paper_combo = SafeComboBox()
        self.paper_combo.setAccessibleName("Paper size")
        for name in PAPER_NAMES:
            self.paper_combo.addItem(name, name)
        paper_label.setBuddy(self.paper_combo)
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(self.page_size()))
        self.paper_combo.currentIndexChanged.connect(self._on_paper_changed)
        self.preview_button = push_button("Preview\u2026", "Preview the cover sheet", self.preview)
        self.print_button = push_button("Print\u2026", "Print the cover sheet", self.print_sheet)
        self.pdf_button = push_button(
            "Save as PDF\u2026", "Save the cover sheet as a PDF file", self.save_pdf
        )
        row.addWidget(paper_label)
        row.addWidget(self.paper_combo)
        row.addStretch(1)
        for button in (self.preview_button, self.print_button, self.pdf_button):
            row.addWidget(button)
        box.addLayout(row)

    def page_size(self) -> str:
        return chosen_page_size(self._settings)

    def _on_paper_changed(self) -> None:
        value = self.paper_combo.currentData()
        if self._settings is not None and isinstance(value, str):
            self._settings.setValue(PAGE_SIZE_KEY, value)
            self._settings.sync()

    def show_summary(self, doctor: Doctor | None, items: Sequence[RecordItem]) -> None:
        if self.paper_combo.currentData() != self.page_size():
            self.paper_combo.blockSignals(True)
            self.paper_combo.setCurrentIndex(self.paper_combo.findData(self.page_size()))
            self.paper_combo.blockSignals(False)
        self._to_name = doctor.spoken if doctor is not None else ""
        self.cover_label.setText(cover_summary(doctor, items))
        ready = doctor is not None and bool(cover_sheet_items(items, doctor.id))
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setEnabled(ready)

    def wait(self) -> None:
        """The checklist is being read: nothing to say or print until it is shown again."""
        self.cover_label.setText("")
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setEnabled(False)

    def pdf_sheet(self) -> print_actions.PdfSheet[CoverSheet] | None:
        """The open case's cover sheet as plain data: read (on a worker, for a PDF) when made."""
        case_id = self._case_id()
        if case_id is None:
            return None
        from secondopinion_desktop.printing.render import render_cover_sheet
        from secondopinion_desktop.services.exports import cover_sheet

        today = self._repo.today()
        return print_actions.PdfSheet(
            COVER_SHEET_TITLE,
            f"Cover sheet for {safe_file_name(self._to_name)} {today}.pdf",
            lambda repo: cover_sheet(repo, case_id),
            render_cover_sheet,
            "Reading the records\u2026",
        )

    def _renderer(self) -> print_actions.Renderer | None:
        sheet = self.pdf_sheet()
        return None if sheet is None else sheet.renderer(self._repo)

    def preview(self) -> None:
        render = self._renderer()
        if render is not None:
            print_actions.preview(self, COVER_SHEET_TITLE, render, self.page_size())

    def print_sheet(self) -> None:
        render = self._renderer()
        if render is not None and print_actions.print_with_dialog(
            self, COVER_SHEET_TITLE, render, self.page_size()
        ):
            self._say("The cover sheet was sent to the printer.")

    def save_pdf(self) -> None:
        sheet = self.pdf_sheet()
        if sheet is not None:
            print_actions.save_pdf(
                self,
                self._jobs,
                sheet,
                self.page_size(),
                self._settings,
                lambda target: self._say(f"Saved the cover sheet as {target.name}."),
            )
