"""What a person sees before there is any case: a warm welcome and one obvious button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

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
        row = QHBoxLayout()
        self.start_button = QPushButton("Start a new case")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start a new case")
        self.start_button.clicked.connect(self.new_case_requested)
        row.addWidget(self.start_button)
        row.addStretch(1)
        section.addLayout(row)
        self.body.addStretch(1)
