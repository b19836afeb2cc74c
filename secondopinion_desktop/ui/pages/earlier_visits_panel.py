"""Step 6 in a later round: the questions of the earlier visits with their answers, to read.

A third opinion starts a fresh list for the new visit (the open questions come along); what
was asked and answered at the earlier visits stays where it was written and is shown here as
it was, with nothing to change, so the answers never seem lost.
"""

from __future__ import annotations

from typing import Unpack

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.rounds import EarlierVisit, earlier_visits
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, card, paragraph

TITLE = "Earlier visits"


class EarlierVisitsPanel(StepPanel):
    """Read-only: one group per earlier visit, each question asked there with its answer."""

    shows = frozenset({Kind.QUESTIONS, Kind.OPINIONS, Kind.APPOINTMENTS, Kind.DOCTORS, Kind.ROUNDS})

    def __init__(
        self, repo: Repository, parent: QWidget | None = None, **extras: Unpack[PanelExtras]
    ) -> None:
        super().__init__(repo, parent, **extras)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = card(TITLE, layout)
        self.box.addWidget(
            paragraph(
                "The questions you took to your earlier visits, and the answers you wrote "
                "down. They are kept as they were. Questions still open are on this visit's "
                "list above."
            )
        )
        self.visits_layout = QVBoxLayout()
        self.box.addLayout(self.visits_layout)
        self.groups: list[QGroupBox] = []
        self.setVisible(False)

    def load(self, case: Case) -> None:
        super().load(case)
        current = self.repo.rounds.current(case.id)
        if current < 3:
            self._show([])
            return
        opinions = self.repo.opinions.list(case.id)
        appointments = self.repo.appointments.list(case.id)
        # the names of the doctors the visits name, not every candidate's: there may be thousands
        named = {o.doctor_id for o in opinions} | {a.doctor_id for a in appointments}
        names = self.repo.doctors.names(case.id, (i for i in named if i is not None))
        questions = self._questions(case.id, current)
        self._show(earlier_visits(questions, opinions, appointments, names, current))

    def _questions(self, case_id: int, current: int) -> list[Question]:
        questions: list[Question] = []
        for number in range(2, current):
            questions += self.repo.questions.list(case_id, number)
        return questions

    def _show(self, visits: list[EarlierVisit]) -> None:
        for group in self.groups:
            group.hide()
            group.deleteLater()
        self.groups = []
        for visit in visits:
            group = QGroupBox(visit.heading)
            group.setAccessibleName(f"Questions and answers: {visit.heading}")
            group_layout = QVBoxLayout(group)
            if not visit.lines and not visit.not_asked:
                group_layout.addWidget(paragraph("No questions were written down for it."))
            for question, answer in visit.lines:
                label = paragraph(f"{question}\n{answer}")
                label.setObjectName("earlierAnswer")
                group_layout.addWidget(label)
            if visit.not_asked_text:
                group_layout.addWidget(paragraph(visit.not_asked_text))
            self.visits_layout.addWidget(group)
            self.groups.append(group)
        self.setVisible(bool(visits))

    def texts(self) -> list[str]:
        """What the panel shows, one text per question (for reading aloud and for tests)."""
        return [
            label.text()
            for group in self.groups
            for label in group.findChildren(QLabel)
            if label.objectName() == "earlierAnswer"
        ]
