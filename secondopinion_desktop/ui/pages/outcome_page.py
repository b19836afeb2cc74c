"""The page after step 6: the three usual outcomes, in plain words.

Recording each opinion and the side-by-side view arrive with the outcome issue; until then the
page explains what comes next so the person is never left on an empty screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from secondopinion_desktop.domain.steps import OUTCOME_GUIDANCE, OUTCOME_SUMMARY, OUTCOME_TITLE
from secondopinion_desktop.ui.pages.step_page import PageFrame


class OutcomePage(PageFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("After step 6", OUTCOME_TITLE, OUTCOME_SUMMARY, parent)
        section = self.add_section("What usually happens")
        for text in OUTCOME_GUIDANCE:
            section.addWidget(self.paragraph(text))
        self.tools = QVBoxLayout()
        self.tools.setSpacing(18)
        self.body.addLayout(self.tools)
        self.body.addStretch(1)
