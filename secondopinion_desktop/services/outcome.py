"""The outcome page's use cases: writing down an opinion, the person's thoughts on each option,
the questions that help choose, noting that the doctors were asked to talk, and a new round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from secondopinion_desktop.domain.opinions import (
    CHOOSING_QUESTIONS,
    Opinion,
    clean_text,
    draft_opinion,
    talk_noted_on,
)
from secondopinion_desktop.domain.questions import Question, Topic
from secondopinion_desktop.services.changes import NOTHING, Changes, Kind
from secondopinion_desktop.services.rounds import start_new_round
from secondopinion_desktop.store.repository import NotFoundError, Repository


def opinion_to_edit(repo: Repository, case_id: int, round_: int) -> Opinion:
    """The round's opinion as written, or a draft of it with what is already known."""
    written = repo.opinions.get(case_id, round_)
    if written is not None:
        return written
    case = repo.cases.get(case_id)
    visit = repo.appointments.opinion_visit(case_id, round_) if round_ >= 2 else None
    doctor = None
    if visit is not None and visit.doctor_id is not None:
        try:
            doctor = repo.doctors.get(visit.doctor_id)
        except NotFoundError:
            doctor = None
    return draft_opinion(
        case,
        round_,
        repo.doctors.list(case_id),
        doctor,
        visit.starts_at.date() if visit is not None else None,
        repo.today(),
        {o.doctor_id for o in repo.opinions.list(case_id) if o.doctor_id is not None},
    )


def record_opinion(repo: Repository, opinion: Opinion) -> Changes:
    """Save what a doctor said in a round (a second save replaces the first)."""
    with repo.db.atomic():
        repo.opinions.save(opinion)
    return Changes.of(opinion.case_id, Kind.OPINIONS, Kind.CASE)


def save_thoughts(
    repo: Repository, case_id: int, thoughts: Mapping[int, tuple[str, str]]
) -> Changes:
    """Save what the person likes and what worries them about each round's option.

    `thoughts` maps a round to (likes, worries) as typed; rounds with no opinion, or with
    nothing new, are left alone.
    """
    changed = False
    with repo.db.atomic():
        for round_, (likes, worries) in sorted(thoughts.items()):
            opinion = repo.opinions.get(case_id, round_)
            if opinion is None:
                continue
            cleaned = (clean_text(likes), clean_text(worries))
            if cleaned != (opinion.likes, opinion.worries):
                repo.opinions.save(replace(opinion, likes=cleaned[0], worries=cleaned[1]))
                changed = True
    return Changes.of(case_id, Kind.OPINIONS) if changed else NOTHING


def save_tests_ordered(repo: Repository, case_id: int, text: str) -> Changes:
    """Save the tests the doctor ordered into this round's opinion (made if there is none)."""
    with repo.db.atomic():
        round_ = repo.rounds.current(case_id)
        # a new opinion names the visit's doctor; the day it was given is for the person
        opinion = repo.opinions.get(case_id, round_) or replace(
            opinion_to_edit(repo, case_id, round_), given_on=None
        )
        cleaned = clean_text(text)
        if cleaned == opinion.tests_ordered:
            return NOTHING
        repo.opinions.save(replace(opinion, tests_ordered=cleaned))
    return Changes.of(case_id, Kind.OPINIONS)


def add_choosing_questions(repo: Repository, case_id: int) -> tuple[int, Changes]:
    """Add the questions that help choose between options, those not on the list already."""
    with repo.db.atomic():
        round_ = repo.rounds.current(case_id)
        have = {q.text for q in repo.questions.list(case_id)}
        added = 0
        for text in CHOOSING_QUESTIONS:
            if text not in have:
                repo.questions.add(
                    Question(id=0, case_id=case_id, text=text, round=round_, topic=Topic.OWN)
                )
                added += 1
    return added, Changes.of(case_id, Kind.QUESTIONS) if added else NOTHING


def note_doctors_talk(
    repo: Repository, case_id: int, round_: int, talked: bool, note: str
) -> Changes:
    """Note (or un-note) that the two doctors were asked to talk; the first day is kept."""
    with repo.db.atomic():
        info = repo.rounds.info(case_id, round_)
        day = talk_noted_on(info.doctors_talk_on, talked, repo.today())
        note = note.strip()
        if (info.doctors_talk_on, info.doctors_talk_note) == (day, note):
            return NOTHING
        repo.rounds.set_doctors_talk(case_id, round_, day, note)
    return Changes.of(case_id, Kind.ROUNDS)


def start_next_round(repo: Repository, case_id: int, reason: str) -> tuple[int, Changes]:
    """Start looking for another opinion (a third); returns the new round's number.

    The outcome page's way in to services/rounds.py, which keeps the finished round's history.
    """
    return start_new_round(repo, case_id, reason)
