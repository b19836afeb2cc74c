"""What a person sees before there is any case: a warm welcome and one obvious button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from secondopinion_desktop.ui.forms import button_row, push_button
from secondopinion_desktop.ui.pages.step_page import PageFrame


class WelcomePage(PageFrame):
    """Signals:
    new_case_requested(): the person pressed 'Start a new case'.
    """

    new_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Welcome",
            "Getting a second opinion, one step at a time",
            "This program keeps your search for a second opinion in one calm place.",
            parent,
        )
        section = self.add_section("How it helps")
        for text in (
            "It walks you through six steps: telling your doctor, finding other doctors, "
            "calling them, gathering your records, sending slides and scans, and the visit.",
            "Everything you type is saved at once, on this computer only. Nothing is sent "
            "over the internet.",
            "If you are organising this for someone else, that is fine too. You can keep "
            "more than one case.",
        ):
            section.addWidget(self.paragraph(text))
        self.start_button = push_button(
            "Start a new case", "Start a new case", self.new_case_requested, primary=True
        )
        section.addLayout(button_row(self.start_button))
        self.body.addStretch(1)
