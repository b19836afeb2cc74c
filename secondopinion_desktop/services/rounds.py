"""Rounds of opinions: starting the next one (a third opinion) without losing the last.

The rules of what carries over, what starts afresh and what is kept as history are in
domain/rounds.py; this use case reads what they need and writes what they decide, in one
transaction.
"""

from __future__ import annotations

from secondopinion_desktop.domain.opinions import STEPS_REDONE_IN_A_NEW_ROUND
from secondopinion_desktop.domain.questions import starter_questions
from secondopinion_desktop.domain.round_questions import starter_questions_for_round
from secondopinion_desktop.domain.rounds import (
    close_round_records,
    opinion_givers,
    questions_for_new_round,
    round_visit_doctor,
)
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.services.questions import current_doctor_name
from secondopinion_desktop.store.repository import NotFoundError, Repository

# everything a new round touches: the pages showing any of it refresh
ROUND_KINDS = (
    Kind.ROUNDS,
    Kind.STEPS,
    Kind.DOCTORS,
    Kind.RECORDS,
    Kind.QUESTIONS,
    Kind.APPOINTMENTS,
    Kind.CASE,
)


def start_new_round(repo: Repository, case_id: int, reason: str = "") -> tuple[int, Changes]:
    """Start the next round of opinions (a third opinion); returns its number and what changed.

    Kept: doctors, calls and records, and the finished round's history: who gave its opinion
    (opinions and visits stay with their round), its questions and answers, where each record
    went (a `record_deliveries` row per record that went to that round's doctor). Afresh:
    steps 3 to 6 (how they stood is kept in `round_steps`), each record's state for the next
    doctor, and the new visit's questions (the open ones, and a starter set that says what
    each doctor said so far).
    """
    with repo.db.atomic():
        finished = repo.rounds.current(case_id)
        repo.rounds.ensure(case_id, finished)
        for progress in repo.cases.step_progress(case_id).values():
            repo.rounds.keep_steps(case_id, finished, progress)
        repo.cases.reopen_steps(case_id, STEPS_REDONE_IN_A_NEW_ROUND)

        opinions = repo.opinions.list(case_id)
        visits = repo.appointments.list(case_id)
        # the records went to the doctor the visit was booked with (else the one who gave it)
        went_to = round_visit_doctor(visits, finished)
        if went_to is None:
            givers = opinion_givers(opinions, visits, finished + 1)
            went_to = next((d for d, n in givers.items() if n == finished), None)
        previous = None
        if went_to is not None:
            try:
                previous = repo.doctors.get(went_to)
            except NotFoundError:
                previous = None
        history, fresh = close_round_records(repo.records.list(case_id), finished, previous)
        repo.deliveries.add_many(history)
        for item in fresh:
            repo.records.update(item)
        # nobody is booked for the new round yet; the table shows who gave an opinion
        repo.doctors.unbook_all(case_id)

        new_round = finished + 1
        repo.rounds.set_current(case_id, new_round)
        repo.rounds.ensure(case_id, new_round, reason.strip())
        case = repo.cases.get(case_id)
        doctor = current_doctor_name(repo, case)
        names = {d.id: d.spoken for d in repo.doctors.list(case_id)}
        starters = starter_questions_for_round(
            case, opinions, names, new_round, doctor, repo.today()
        )
        earlier = [text for _topic, text in starter_questions(case, doctor, repo.today())]
        previous_questions = repo.questions.list(case_id, finished)
        for question in questions_for_new_round(
            previous_questions, starters, earlier, case_id, new_round
        ):
            repo.questions.insert_row(question)
        repo.rounds.mark_questions_suggested(case_id, new_round)  # offered once, here
        repo.cases.touch_case(case_id)
    return new_round, Changes.of(case_id, *ROUND_KINDS)
