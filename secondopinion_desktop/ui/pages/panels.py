"""Which tools sit on which page. Each feature adds its panels here.

Panels are built the first time their page is shown, so start-up builds (and imports) only
the page the person opens on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.panel import StepPanel

PanelFactory = Callable[[Repository, QWidget | None], StepPanel]


def _tell_doctor(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.tell_doctor_panel import TellDoctorPanel

    return TellDoctorPanel(repo, parent)


def _candidates(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.candidates_panel import CandidatesPanel

    return CandidatesPanel(repo, parent)


def _compare(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.compare_panel import ComparePanel

    return ComparePanel(repo, parent)


def _records(step: int) -> PanelFactory:
    def build(repo: Repository, parent: QWidget | None) -> StepPanel:
        from secondopinion_desktop.ui.pages.records_panel import RecordsPanel

        return RecordsPanel(repo, parent, step=step)

    return build


def _visit(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.visit_panel import VisitPanel

    return VisitPanel(repo, parent)


def _questions(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.questions_panel import QuestionsPanel

    return QuestionsPanel(repo, parent)


def _after_visit(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel

    return AfterVisitPanel(repo, parent)


def _outcome(repo: Repository, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.outcome_panel import OutcomePanel

    return OutcomePanel(repo, parent)


PANELS: dict[int, tuple[PanelFactory, ...]] = {
    1: (_tell_doctor,),
    2: (_candidates,),
    3: (_compare,),
    4: (_records(4),),
    5: (_records(5),),
    6: (_visit, _questions, _after_visit),
    7: (_outcome,),
}


def build_panels(repo: Repository, parent: QWidget | None, page: int) -> list[StepPanel]:
    """The panels of one page (1-6 steps, 7 the outcome), in the order they appear."""
    return [factory(repo, parent) for factory in PANELS.get(page, ())]
