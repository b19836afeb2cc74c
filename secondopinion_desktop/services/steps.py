"""Marking a step done or not done, the person's notes for a step, and where a step stands."""

from __future__ import annotations

from secondopinion_desktop.domain.doctors import Status
from secondopinion_desktop.domain.situation import BOOKED_NAMED, situation
from secondopinion_desktop.domain.step_checks import StepFacts, still_open
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository


def set_step_done(repo: Repository, case_id: int, step: int, done: bool) -> Changes:
    """Mark a step done (or not done again)."""
    with repo.db.atomic():
        repo.cases.set_step_done(case_id, step, done)
    return Changes.of(case_id, Kind.STEPS)


def set_step_notes(repo: Repository, case_id: int, step: int, notes: str) -> Changes:
    """Save the person's notes for a step."""
    with repo.db.atomic():
        repo.cases.set_step_notes(case_id, step, notes)
    return Changes.of(case_id, Kind.STEPS)


def open_in_step(repo: Repository, case_id: int, step: int) -> list[str]:
    """What the app can see is still open in a step, in sentences (read only)."""
    current = repo.rounds.current(case_id)
    facts = StepFacts(
        case=repo.cases.get(case_id),
        doctors=repo.doctors.list(case_id),
        visit=repo.appointments.opinion_visit(case_id),
        records=repo.records.list(case_id),
        opinion=repo.opinions.get(case_id, current),
    )
    return still_open(step, facts)


def page_situation(repo: Repository, case_id: int, page: int) -> str:
    """The sentence on where the case stands, for the pages that have one (read only)."""
    if page not in (2, 3):
        return ""
    # the first few names and the count, not every name: a list may hold thousands
    booked = (
        repo.doctors.names_with_status(case_id, Status.BOOKED, limit=BOOKED_NAMED)
        if page == 3
        else []
    )
    return situation(page, repo.cases.counts(case_id), booked)
