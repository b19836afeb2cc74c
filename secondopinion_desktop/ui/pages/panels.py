"""Which tools sit on which page. Each feature adds its panels here.

Panels are built the first time their page is shown, so start-up builds (and imports) only
the page the person opens on. Each gets what it needs from a `PanelContext`, never from its
parent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.background import Jobs
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel


@frozen
class PanelContext:
    """What the window hands every panel: the data, the settings, the undo stack and the
    window's runner of long jobs (imports, PDFs: one at a time for the whole window)."""

    repo: Repository
    settings: QSettings | None = None
    undo_stack: QUndoStack | None = None
    jobs: Jobs | None = None

    def named(self) -> PanelExtras:
        """The keyword arguments every panel's constructor takes besides the repository."""
        return {"settings": self.settings, "undo_stack": self.undo_stack, "jobs": self.jobs}


PanelFactory = Callable[[PanelContext, QWidget | None], StepPanel]


def _tell_doctor(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.tell_doctor_panel import TellDoctorPanel

    return TellDoctorPanel(context.repo, parent, **context.named())


def _candidates(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.candidates_panel import CandidatesPanel

    return CandidatesPanel(context.repo, parent, **context.named())


def _compare(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.compare_panel import ComparePanel

    return ComparePanel(context.repo, parent, **context.named())


def _records(step: int) -> PanelFactory:
    def build(context: PanelContext, parent: QWidget | None) -> StepPanel:
        from secondopinion_desktop.ui.pages.records_panel import RecordsPanel

        return RecordsPanel(context.repo, parent, step=step, **context.named())

    return build


def _visit(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.visit_panel import VisitPanel

    return VisitPanel(context.repo, parent, **context.named())


def _questions(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.questions_panel import QuestionsPanel

    return QuestionsPanel(context.repo, parent, **context.named())


def _after_visit(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel

    return AfterVisitPanel(context.repo, parent, **context.named())


def _earlier_visits(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.earlier_visits_panel import EarlierVisitsPanel

    return EarlierVisitsPanel(context.repo, parent, **context.named())


def _outcome(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.outcome_panel import OutcomePanel

    return OutcomePanel(context.repo, parent, **context.named())


def _timeline(context: PanelContext, parent: QWidget | None) -> StepPanel:
    from secondopinion_desktop.ui.pages.timeline_panel import TimelinePanel

    return TimelinePanel(context.repo, parent, **context.named())


# The decision clock's timeline is listed last but shown above the other tools (`on_top`);
# the outcome page's panel holds its own copy of it.
PANELS: dict[int, tuple[PanelFactory, ...]] = {
    1: (_tell_doctor,),
    2: (_candidates,),
    3: (_compare, _timeline),
    4: (_records(4), _timeline),
    5: (_records(5), _timeline),
    6: (_visit, _questions, _after_visit, _earlier_visits, _timeline),
    7: (_outcome,),
}


_PACKAGE = "secondopinion_desktop."
# What building each page's panels imports beyond start-up, leaf modules first: imported one a
# turn before the panels are built (ui/page_builder.py), none of them takes long alone. One left
# out is imported with its panel, in one longer piece.
MODULES: dict[int, tuple[str, ...]] = {
    page: tuple(_PACKAGE + name for name in names.split())
    for page, names in {
        1: "domain.scripts services.doctors ui.pages.decision_answer ui.pages.tell_doctor_panel",
        2: "domain.sort_keys domain.doctor_rows ui.models.row_proxy ui.models.doctors_model "
        "ui.pages.doctor_table ui.pages.recent_cases ui.pages.candidates_panel",
        3: "services.booking services.calls ui.delegates ui.models.calls_model ui.pages.best_fit "
        "ui.pages.todo_list ui.tables ui.pages.compare_panel ui.pages.timeline_panel",
        4: "domain.record_progress domain.record_steps printing.cover_sheet domain.care_fields "
        "domain.record_entry store.person_files store.attachment_files services.records "
        "ui.models.records_model ui.models.record_item_delegate ui.pages.records_cover "
        "ui.pages.records_scans ui.pages.records_undo ui.pages.records_reading "
        "ui.pages.records_table ui.pages.records_panel",
        6: "services.questions services.rounds services.outcome ui.pages.visit_panel "
        "ui.dialogs.question_dialog ui.models.questions_model ui.pages.questions_panel "
        "ui.pages.earlier_visits_panel",
        7: "ui.pages.outcome_page ui.dialogs.opinion_dialog ui.models.opinions_model "
        "ui.pages.outcome_panel",
    }.items()
}


def build_panel(context: PanelContext, parent: QWidget | None, page: int, index: int) -> StepPanel:
    """The page's panel at `index` alone (for building a page a panel at a time)."""
    return PANELS[page][index](context, parent)


def build_panels(context: PanelContext, parent: QWidget | None, page: int) -> list[StepPanel]:
    """The panels of one page (1-6 steps, 7 the outcome), in the order they appear."""
    return [factory(context, parent) for factory in PANELS.get(page, ())]
