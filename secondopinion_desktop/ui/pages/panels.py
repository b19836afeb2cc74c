"""Which tools sit on which page. Each feature adds its panels here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.candidates_panel import CandidatesPanel
from secondopinion_desktop.ui.pages.compare_panel import ComparePanel
from secondopinion_desktop.ui.pages.outcome_panel import OutcomePanel
from secondopinion_desktop.ui.pages.panel import StepPanel
from secondopinion_desktop.ui.pages.questions_panel import QuestionsPanel
from secondopinion_desktop.ui.pages.records_panel import RecordsPanel
from secondopinion_desktop.ui.pages.tell_doctor_panel import TellDoctorPanel
from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel, VisitPanel


def build_panels(repo: Repository, parent: QWidget | None = None) -> dict[int, list[StepPanel]]:
    """Panels per page number (1-6 steps, 7 the outcome), in the order they appear."""
    panels: dict[int, list[StepPanel]] = {}
    panels[1] = [TellDoctorPanel(repo, parent)]
    panels[2] = [CandidatesPanel(repo, parent)]
    panels[3] = [ComparePanel(repo, parent)]
    panels[4] = [RecordsPanel(repo, parent, step=4)]
    panels[5] = [RecordsPanel(repo, parent, step=5)]
    panels[6] = [
        VisitPanel(repo, parent),
        QuestionsPanel(repo, parent),
        AfterVisitPanel(repo, parent),
    ]
    panels[7] = [OutcomePanel(repo, parent)]
    return panels
