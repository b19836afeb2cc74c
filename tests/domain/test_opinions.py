"""Opinions of each round, the three outcomes, the side-by-side rows, and a third round."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.opinions import (
    COMPARE_ROWS,
    OUTCOME_GUIDANCE,
    Opinion,
    Outcome,
    compare_rows,
    doctor_label,
    first_opinion,
    latest,
    outcome_guidance,
    round_doctor,
    round_name,
)
from secondopinion_desktop.domain.questions import Question, Topic
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.services.rounds import start_new_round
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW

TODAY = FIXED_NOW.date()


def test_round_names() -> None:
    assert [round_name(n) for n in (1, 2, 3, 4, 7)] == [
        "First opinion",
        "Second opinion",
        "Third opinion",
        "Fourth opinion",
        "Opinion 7",
    ]
    assert round_doctor(1) == "your current doctor"
    assert round_doctor(3) == "the third doctor"


def test_every_outcome_has_words_and_guidance() -> None:
    for outcome in Outcome:
        assert outcome.label and outcome.short_label
        assert OUTCOME_GUIDANCE[outcome]
    assert "third" in " ".join(OUTCOME_GUIDANCE[Outcome.DISAGREES])


def test_first_opinion_comes_from_the_case() -> None:
    case = Case(id=1, title="x", diagnosis="IDC", recommended_treatment="Lumpectomy")
    okafor = Doctor(id=4, case_id=1, name="Dr. Okafor", role=Role.TREATING)
    first = first_opinion(case, okafor)
    assert (first.round, first.doctor_id, first.diagnosis, first.treatment) == (
        1,
        4,
        "IDC",
        "Lumpectomy",
    )
    assert doctor_label(first, {4: okafor}) == "Dr. Okafor"
    assert doctor_label(replace(first, doctor_id=None, doctor_name=""), {}) == (
        "Your current doctor"
    )


def test_latest_is_the_highest_round_with_something_written() -> None:
    first = Opinion(id=1, case_id=1, round=1, diagnosis="IDC")
    second = Opinion(id=2, case_id=1, round=2, outcome=Outcome.DISAGREES)
    empty_third = Opinion(id=3, case_id=1, round=3)
    assert latest([first]) is None
    assert latest([first, second, empty_third]) == second


def test_likes_and_worries_rows_appear_once_written() -> None:
    plain = [Opinion(id=1, case_id=1, round=1), Opinion(id=2, case_id=1, round=2)]
    assert "What I like about it" not in [r.label for r in compare_rows(plain)]
    thoughts = [*plain, Opinion(id=3, case_id=1, round=3, likes="Shorter")]
    assert compare_rows(thoughts) == COMPARE_ROWS


# --- the store --------------------------------------------------------------------------------


def test_one_opinion_per_round_saved_and_replaced(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    saved = repo.opinions.save(Opinion(id=0, case_id=case.id, round=2, diagnosis="IDC"))
    again = repo.opinions.save(
        replace(saved, treatment="Mastectomy", outcome=Outcome.DIFFERENT_TREATMENT)
    )
    assert again.id == saved.id
    assert [(o.round, o.treatment, o.outcome) for o in repo.opinions.list(case.id)] == [
        (2, "Mastectomy", Outcome.DIFFERENT_TREATMENT)
    ]
    first = repo.opinions.save(Opinion(id=0, case_id=case.id, round=1, outcome=Outcome.AGREES))
    assert first.outcome is None  # round 1 is what the others are compared with
    repo.opinions.delete(case.id, 2)
    assert [o.round for o in repo.opinions.list(case.id)] == [1]


def test_a_doctor_removed_keeps_the_name_on_the_opinion(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Raman"))
    repo.opinions.save(
        Opinion(id=0, case_id=case.id, round=2, doctor_id=raman.id, doctor_name=raman.name)
    )
    repo.doctors.delete(raman.id)
    opinion = repo.opinions.get(case.id, 2)
    assert opinion is not None and opinion.doctor_id is None and opinion.doctor_name == "Dr. Raman"


def test_doctors_asked_to_talk(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    info = repo.rounds.set_doctors_talk(case.id, 2, TODAY, "Dr. Okafor will call Dr. Raman")
    assert (info.doctors_talk_on, info.doctors_talk_note) == (
        TODAY,
        "Dr. Okafor will call Dr. Raman",
    )
    assert repo.rounds.info(case.id).doctors_talk_on == TODAY
    assert repo.rounds.set_doctors_talk(case.id, 2, None).doctors_talk_on is None


def test_a_third_round_reuses_doctors_and_records_with_a_fresh_checklist(
    repo: Repository,
) -> None:
    case = repo.cases.create("Mum")
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Raman", status=Status.BOOKED))
    visit = repo.appointments.add(
        Appointment(
            id=0,
            case_id=case.id,
            starts_at=FIXED_NOW - dt.timedelta(days=3),
            doctor_id=raman.id,
        )
    )
    sent = repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Medical records",
            received_on=TODAY,
            sent_on=TODAY,
            confirmed_on=TODAY,
        )
    )
    for step in range(1, 7):
        repo.cases.set_step_done(case.id, step, True)
    repo.cases.set_step_notes(case.id, 4, "Faxed everything")
    repo.questions.add(Question(id=0, case_id=case.id, text="Can I keep working?"))
    ensure_starter_questions(repo, case.id)
    assert repo.appointments.opinion_visit(case.id) == visit

    number, changes = start_new_round(repo, case.id, "Different diagnosis")
    assert number == 3 and changes.touches({Kind.RECORDS, Kind.QUESTIONS})

    assert repo.rounds.current(case.id) == 3
    assert repo.cases.done_steps(case.id) == {1, 2}
    assert repo.cases.step_progress(case.id)[4].notes == "Faxed everything"  # notes stay
    archived = repo.rounds.steps(case.id, 2)
    assert archived[4].done and archived[4].notes == "Faxed everything"
    [reused] = repo.doctors.list(case.id)
    assert reused.id == raman.id and reused.status is Status.CONTACTED
    assert repo.doctors.booked(case.id) is None
    item = repo.records.get(sent.id)
    assert item.sent_on is None and item.received_on == TODAY
    # where it went in round 2 is history of its own, not a line in the notes (issue 13.6)
    assert item.notes == ""
    [went] = repo.deliveries.for_record(sent.id)
    assert (went.round, went.doctor_id, went.confirmed_on) == (2, raman.id, TODAY)
    assert repo.appointments.opinion_visit(case.id) is None  # no third visit booked yet
    assert repo.appointments.opinion_visit(case.id, 2) == visit
    # the new visit's list starts from the starter set for a third opinion and the open
    # questions of the second visit (issue 13.6: it was rebuilt from the first diagnosis)
    fresh = repo.questions.list(case.id)
    carried = fresh[-1]
    assert carried.text == "Can I keep working?" and carried.topic is Topic.OWN
    assert "talk with my other doctors" in " ".join(q.text for q in fresh)
    assert ensure_starter_questions(repo, case.id) == fresh  # suggested once, at the start
    assert repo.rounds.info(case.id, 3).reason == "Different diagnosis"
    assert len(repo.questions.list(case.id, 2)) == len(fresh) - 1  # round 2's list is kept


def test_the_guidance_speaks_of_the_doctor_of_the_round() -> None:
    for outcome in Outcome:
        assert outcome_guidance(outcome) == OUTCOME_GUIDANCE[outcome]  # a second opinion
        third = " ".join(outcome_guidance(outcome, 3))
        assert "second doctor" not in third and "a third doctor" not in third
    disagrees = " ".join(outcome_guidance(Outcome.DISAGREES, 3))
    assert disagrees.startswith("The third doctor sees the diagnosis differently.")
    assert "ask another doctor for an opinion" in disagrees
    assert "what the fourth doctor said" in " ".join(outcome_guidance(Outcome.AGREES, 4))


def test_the_guidance_never_says_how_long_a_decision_can_wait() -> None:
    """Only the treating doctors can say how long is safe: the app asks, it does not guess."""
    for outcome in Outcome:
        for round_ in (2, 3):
            words = " ".join(outcome_guidance(outcome, round_)).lower()
            assert "usually time" not in words and "there is time" not in words
    choose = " ".join(outcome_guidance(Outcome.DIFFERENT_TREATMENT))
    assert "Ask each doctor how long you can safely take to decide" in choose


def test_a_later_opinion_is_never_offered_under_the_patients_own_doctor() -> None:
    from secondopinion_desktop.domain.doctors import Status
    from secondopinion_desktop.domain.opinions import suggested_doctor

    own = Doctor(id=1, case_id=1, name="Dr. Okafor", role=Role.TREATING)
    family = Doctor(id=2, case_id=1, name="Dr. Lee", role=Role.PRIMARY_CARE)
    ruled_out = Doctor(id=3, case_id=1, name="Dr. No", status=Status.RULED_OUT)
    called = Doctor(id=4, case_id=1, name="Dr. Patel", status=Status.CONTACTED)
    booked = Doctor(id=5, case_id=1, name="Dr. Chen", status=Status.BOOKED)
    everyone = [own, family, ruled_out, called, booked]
    assert suggested_doctor(1, everyone) == 1
    assert suggested_doctor(2, everyone) == 5  # the one booked
    assert suggested_doctor(3, [own, family, ruled_out, called]) == 4
    assert suggested_doctor(3, [own, family, ruled_out]) is None  # "someone not on my list"
    assert suggested_doctor(3, everyone, earlier={5}) == 4  # Dr. Chen gave the second one
    assert suggested_doctor(3, everyone, earlier={4, 5}) is None
