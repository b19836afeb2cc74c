"""Rounds of opinions: starting the next one (a third opinion)."""

from __future__ import annotations

from secondopinion_desktop.domain.opinions import (
    STEPS_REDONE_IN_A_NEW_ROUND,
    records_for_new_round,
)
from secondopinion_desktop.domain.questions import carried_over
from secondopinion_desktop.store.repository import NotFoundError, Repository


def start_new_round(repo: Repository, case_id: int, reason: str = "") -> int:
    """Start the next round of opinions (a third opinion); returns its number.

    Doctors, calls and records are kept and reused; a doctor marked booked goes back to
    contacted. The checklist starts afresh: steps 3 to 6 are marked not done (how they
    stood is kept in `round_steps`), records that went to the previous doctor are to be
    sent again (their history kept in their notes), and the person's own questions come
    along, not yet asked.
    """
    with repo.db.atomic():
        finished = repo.rounds.current(case_id)
        repo.rounds.ensure(case_id, finished)
        for progress in repo.cases.step_progress(case_id).values():
            repo.rounds.keep_steps(case_id, finished, progress)
        repo.cases.reopen_steps(case_id, STEPS_REDONE_IN_A_NEW_ROUND)
        visit = repo.appointments.opinion_visit(case_id, finished)
        previous = None
        if visit is not None and visit.doctor_id is not None:
            try:
                previous = repo.doctors.get(visit.doctor_id)
            except NotFoundError:
                previous = None
        for item in records_for_new_round(repo.records.list(case_id), finished, previous):
            repo.records.update(item)
        # the previous doctor is no longer the one booked (the comparison table, and the
        # cover sheet's "booked doctor", look for the current round's)
        repo.doctors.unbook_all(case_id)
        new_round = finished + 1
        repo.rounds.set_current(case_id, new_round)
        repo.rounds.ensure(case_id, new_round, reason.strip())
        for question in carried_over(repo.questions.list(case_id, finished), new_round):
            repo.questions.insert_row(question)
        repo.cases.touch_case(case_id)
    return new_round
