"""Each step compared with its own "When is this step done?": what is still open, in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Status
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind
from secondopinion_desktop.domain.step_checks import StepFacts, still_open

TODAY = dt.date(2026, 11, 30)
CASE = Case(id=1, title="Dad")
VISIT = Appointment(
    id=1, case_id=1, doctor_id=5, starts_at=dt.datetime(2026, 12, 14, 9, 30, tzinfo=dt.UTC)
)


def facts(**values: Any) -> StepFacts:
    base: dict[str, Any] = dict(case=CASE, doctors=(), visit=None, records=(), opinion=None)
    base.update(values)
    return StepFacts(**base)


def test_a_new_case_has_something_open_in_every_step() -> None:
    for step in (1, 2, 3, 4, 6):
        assert still_open(step, facts()), step
    assert still_open(5, facts()) == []  # slides and scans may not apply to every diagnosis


def test_step_one_is_done_when_the_talk_and_the_referral_are_noted() -> None:
    told = Case(id=1, title="Dad", told_on=TODAY, referral_asked=Answer.NO)
    assert still_open(1, facts(case=told)) == []
    half = Case(id=1, title="Dad", told_on=TODAY)
    assert still_open(1, facts(case=half)) == ["Whether you asked for a referral is not noted yet."]


def test_steps_two_and_three_look_at_the_list_and_the_booking() -> None:
    grace = Doctor(id=5, case_id=1, name="Dr. Grace Okonkwo")
    whitfield = Doctor(id=6, case_id=1, name="Dr. Alan Whitfield", role=Role.TREATING)
    assert still_open(2, facts(doctors=[whitfield])) == ["No doctors are on your list yet."]
    assert still_open(2, facts(doctors=[grace])) == []
    assert still_open(3, facts(doctors=[grace])) == ["No visit is booked yet."]
    booked = Doctor(id=5, case_id=1, name="Dr. Grace Okonkwo", status=Status.BOOKED)
    assert still_open(3, facts(doctors=[booked])) == []
    assert still_open(3, facts(doctors=[grace], visit=VISIT)) == []


def test_records_steps_count_what_has_not_arrived_and_unconfirmed_faxes() -> None:
    arrived = RecordItem(id=1, case_id=1, title="Records", sent_on=TODAY, confirmed_on=TODAY)
    faxed = RecordItem(id=2, case_id=1, title="Test results", delivery=Delivery.FAX, sent_on=TODAY)
    needed = RecordItem(id=3, case_id=1, title="Pathology report")
    slides = RecordItem(id=4, case_id=1, title="Slides", kind=RecordKind.PATHOLOGY_SLIDES)
    items = [arrived, faxed, needed, slides]
    assert still_open(4, facts(records=items)) == [
        "1 item on the list is not at the new office or ready to bring yet.",
        "Nobody has confirmed that 1 sent item arrived.",
    ]
    assert still_open(5, facts(records=items)) == [
        "1 item on the list is not at the new office or ready to bring yet."
    ]
    assert still_open(4, facts(records=[arrived])) == []
    assert still_open(4, facts(records=[])) == ["Nothing is on the records checklist yet."]


def test_step_six_is_done_when_the_opinion_is_written_down() -> None:
    assert still_open(6, facts(visit=VISIT)) == ["What the doctor said is not written down yet."]
    said = Opinion(id=1, case_id=1, round=2, diagnosis="Prostate cancer, Gleason 7")
    assert still_open(6, facts(visit=VISIT, opinion=said)) == []
    assert still_open(7, facts()) == []


def test_mark_done_question_lists_what_is_open_and_leaves_the_choice() -> None:
    from secondopinion_desktop.domain.step_checks import mark_done_question

    text = mark_done_question("A visit is booked.", ["No visit is booked yet."])
    assert text.startswith("This step is done when: A visit is booked.")
    assert "\u2022 No visit is booked yet." in text
    assert text.endswith("Mark it as done anyway?")
