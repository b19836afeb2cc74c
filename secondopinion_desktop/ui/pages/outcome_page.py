"""The page after step 6: the three usual outcomes, in plain words.

Its tools (each opinion side by side, the outcome, what comes next) are the OutcomePanel in
`ui/pages/outcome_panel.py`, registered for page 7 in `panels.py`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from secondopinion_desktop.domain.steps import (
    OUTCOME_SUMMARY,
    OUTCOME_TITLE,
    outcome_summary,
    outcome_title,
    usual_outcomes,
)
from secondopinion_desktop.ui.pages.step_page import PageFrame


class OutcomePage(PageFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("After step 6", OUTCOME_TITLE, OUTCOME_SUMMARY, parent)
        section = self.add_section("What usually happens")
        self.usual = [self.paragraph(text) for text in usual_outcomes()]
        for label in self.usual:
            section.addWidget(label)
        self.tools = QVBoxLayout()
        self.tools.setSpacing(18)
        self.body.addLayout(self.tools)
        self.body.addStretch(1)

    def set_round(self, round_: int) -> None:
        """Title the page for the round under way ("After the third opinion" in round 3)."""
        self.title_label.setText(outcome_title(round_))
        self.summary_label.setText(outcome_summary(round_))
        for label, text in zip(self.usual, usual_outcomes(round_), strict=True):
            label.setText(text)
