"""The outcome page's use cases and the rules they apply (drafts, the talk day, a new round)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.opinions import (
    CHOOSING_QUESTIONS,
    Opinion,
    Outcome,
    draft_opinion,
    talk_noted_on,
)
from secondopinion_desktop.services import booking, outcome
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW

TODAY = FIXED_NOW.date()


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum", diagnosis="Invasive ductal carcinoma", recommended_treatment="Lumpectomy"
    )


def test_round_one_is_drafted_from_the_case_and_the_doctor_told(case: Case) -> None:
    okafor = Doctor(id=7, case_id=case.id, name="Dr. Okafor", role=Role.TREATING)
    told = Doctor(id=8, case_id=case.id, name="Dr. Lee", role=Role.TREATING)
    draft = draft_opinion(replace(case, told_doctor_id=8), 1, [okafor, told], None, None, TODAY)
    assert (draft.doctor_name, draft.diagnosis, draft.treatment) == (
        "Dr. Lee",
        "Invasive ductal carcinoma",
        "Lumpectomy",
    )
    assert draft_opinion(case, 1, [okafor, told], None, None, TODAY).doctor_name == "Dr. Okafor"


def test_a_later_round_is_given_on_the_visit_day_unless_it_is_to_come(case: Case) -> None:
    raman = Doctor(id=9, case_id=case.id, name="Dr. Raman")
    past = draft_opinion(case, 2, [raman], raman, TODAY - dt.timedelta(days=1), TODAY)
    assert (past.doctor_id, past.given_on) == (9, TODAY - dt.timedelta(days=1))
    future = draft_opinion(case, 2, [raman], raman, TODAY + dt.timedelta(days=1), TODAY)
    assert future.given_on is None


def test_the_talk_day_is_the_day_it_was_first_noted() -> None:
    first = dt.date(2026, 11, 2)
    assert talk_noted_on(None, True, TODAY) == TODAY
    assert talk_noted_on(first, True, TODAY) == first
    assert talk_noted_on(first, False, TODAY) is None


def test_opinion_to_edit_names_the_booked_doctor(repo: Repository, case: Case) -> None:
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Raman"))
    visit = Appointment(
        id=0, case_id=case.id, starts_at=FIXED_NOW - dt.timedelta(days=2), doctor_id=raman.id
    )
    booking.book(repo, raman, visit, None)
    draft = outcome.opinion_to_edit(repo, case.id, 2)
    assert (draft.id, draft.doctor_name, draft.given_on) == (
        0,
        "Dr. Raman",
        TODAY - dt.timedelta(days=2),
    )
    written = Opinion(id=0, case_id=case.id, round=2, outcome=Outcome.AGREES)
    assert outcome.record_opinion(repo, written).touches({Kind.OPINIONS})
    assert outcome.opinion_to_edit(repo, case.id, 2).outcome is Outcome.AGREES


def test_thoughts_are_saved_only_when_they_change(repo: Repository, case: Case) -> None:
    outcome.record_opinion(repo, Opinion(id=0, case_id=case.id, round=2, treatment="Radiation"))
    changes = outcome.save_thoughts(repo, case.id, {2: (" Shorter ", "Fatigue"), 3: ("x", "y")})
    assert changes.kinds == {Kind.OPINIONS}
    saved = repo.opinions.get(case.id, 2)
    assert saved is not None and (saved.likes, saved.worries) == ("Shorter", "Fatigue")
    assert not outcome.save_thoughts(repo, case.id, {2: ("Shorter", "Fatigue")})


def test_tests_ordered_make_this_rounds_opinion(repo: Repository, case: Case) -> None:
    assert outcome.save_tests_ordered(repo, case.id, "MRI of the spine").touches({Kind.OPINIONS})
    saved = repo.opinions.get(case.id, 2)
    assert saved is not None and saved.tests_ordered == "MRI of the spine"
    assert not outcome.save_tests_ordered(repo, case.id, "MRI of the spine")


def test_choosing_questions_are_added_once(repo: Repository, case: Case) -> None:
    added, changes = outcome.add_choosing_questions(repo, case.id)
    assert added == len(CHOOSING_QUESTIONS) and changes.kinds == {Kind.QUESTIONS}
    again, nothing = outcome.add_choosing_questions(repo, case.id)
    assert again == 0 and not nothing


def test_noting_the_doctors_talk_keeps_the_first_day(repo: Repository, case: Case) -> None:
    assert outcome.note_doctors_talk(repo, case.id, 2, True, "Dr. Okafor will call")
    first = repo.rounds.info(case.id, 2).doctors_talk_on
    assert first == TODAY
    assert not outcome.note_doctors_talk(repo, case.id, 2, True, "Dr. Okafor will call ")
    assert outcome.note_doctors_talk(repo, case.id, 2, False, "")
    assert repo.rounds.info(case.id, 2).doctors_talk_on is None


def test_a_new_round_unbooks_and_reopens_steps(repo: Repository, case: Case) -> None:
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Raman"))
    booking.book(
        repo,
        raman,
        Appointment(id=0, case_id=case.id, starts_at=FIXED_NOW, doctor_id=raman.id),
        None,
    )
    number, changes = outcome.start_next_round(repo, case.id, "Seen differently")
    assert number == 3 == repo.rounds.current(case.id)
    assert repo.doctors.get(raman.id).status is Status.CONTACTED
    assert 3 not in repo.cases.done_steps(case.id)
    assert changes.touches({Kind.ROUNDS}) and changes.touches({Kind.STEPS})


def test_a_third_opinion_is_never_offered_under_the_doctor_of_the_second(
    repo: Repository, case: Case
) -> None:
    """After the second opinion a new round starts (the second doctor is then "called", not
    booked) and the third is written before any visit is booked in the app: it is offered
    under another doctor called, or under nobody, never the second doctor again."""
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Raman"))
    visit = Appointment(id=0, case_id=case.id, starts_at=FIXED_NOW, doctor_id=raman.id)
    booking.book(repo, raman, visit, None)
    second = outcome.opinion_to_edit(repo, case.id, 2)
    assert second.doctor_id == raman.id
    outcome.record_opinion(repo, replace(second, diagnosis="Seen differently"))
    outcome.start_next_round(repo, case.id, "Seen differently")
    assert outcome.opinion_to_edit(repo, case.id, 3).doctor_id is None  # someone not listed
    patel = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Patel", status=Status.CONTACTED)
    )
    third = outcome.opinion_to_edit(repo, case.id, 3)
    assert (third.doctor_id, third.doctor_name) == (patel.id, "Dr. Patel")
