"""The decision clock's rules with a fixed clock: no answer yet, nothing booked, the visit or
the records after the decide-by date, a decide-by date that has passed; and the answer read as
typed or refused in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import (
    QUESTION,
    DecisionAnswer,
    Finding,
    MarkKind,
    Said,
    answer_of,
    answer_text,
    decision_needed_text,
    decision_timeline,
    read_decide_by,
    read_weeks,
)
from secondopinion_desktop.domain.validation import ValidationError
from tests.helpers.clock import FIXED_NOW

TODAY = FIXED_NOW.date()  # Friday 20 November 2026
ZONE = FIXED_NOW.tzinfo
CASE = Case(id=1, title="Mum's second opinion", decide_by=dt.date(2026, 12, 18))


def visit_on(day: dt.date) -> Appointment:
    return Appointment(id=5, case_id=1, starts_at=dt.datetime.combine(day, dt.time(9, 30), ZONE))


def test_no_answer_yet_says_so_and_suggests_no_time_frame() -> None:
    timeline = decision_timeline(Case(id=1, title="x"), visit_on(dt.date(2026, 12, 8)), TODAY)
    assert timeline.findings == {Finding.NO_ANSWER}
    assert timeline.warning == ""
    assert "has not said yet" in timeline.words and "step 1" in timeline.words
    assert not any(word in timeline.words for word in ("week", "month"))
    assert [m.kind for m in timeline.marks] == [
        MarkKind.TODAY,
        MarkKind.RECORDS_DUE,
        MarkKind.VISIT,
    ]


def test_a_visit_before_the_decide_by_date_is_said_in_days() -> None:
    timeline = decision_timeline(CASE, visit_on(dt.date(2026, 12, 6)), TODAY)
    assert timeline.findings == frozenset()
    assert timeline.sentences == (
        "Your decision is needed by Fri 18 Dec, in 28 days.",
        "The visit is on Sun 6 Dec, 12 days before your decide-by date.",
        "The records should arrive by Sun 29 Nov, 19 days before your decide-by date.",
    )
    assert timeline.warning == ""
    assert [m.kind for m in timeline.marks] == list(MarkKind)
    assert not any(m.late for m in timeline.marks)


def test_the_visit_on_the_decide_by_day_is_not_late() -> None:
    timeline = decision_timeline(CASE, visit_on(CASE.decide_by or TODAY), TODAY)
    assert "on your decide-by date" in timeline.words
    assert timeline.findings == frozenset()


def test_a_visit_after_the_decide_by_date_warns_calmly_with_what_can_be_done() -> None:
    timeline = decision_timeline(CASE, visit_on(dt.date(2026, 12, 21)), TODAY)
    assert timeline.findings == {Finding.VISIT_AFTER}
    assert timeline.warning.startswith(
        "The visit on Mon 21 Dec is 3 days after your decide-by date."
    )
    for help_ in ("cancellation list", "earlier appointment", "treating doctor", "another doctor"):
        assert help_ in timeline.warning
    assert [m.late for m in timeline.marks if m.kind is MarkKind.VISIT] == [True]


def test_records_due_after_the_decide_by_date_are_named_too() -> None:
    timeline = decision_timeline(CASE, visit_on(dt.date(2026, 12, 30)), TODAY)
    assert timeline.findings == {Finding.VISIT_AFTER, Finding.RECORDS_AFTER}
    assert "the records would be due 5 days after your decide-by date too" in timeline.warning
    assert all(m.late for m in timeline.marks if m.kind is MarkKind.RECORDS_DUE)


def test_nothing_booked_is_found_while_there_is_time() -> None:
    timeline = decision_timeline(CASE, None, TODAY)
    assert timeline.findings == {Finding.NOTHING_BOOKED}
    assert "No visit is booked yet." in timeline.sentences
    assert [m.kind for m in timeline.marks] == [MarkKind.TODAY, MarkKind.DECIDE_BY]


def test_a_decide_by_date_in_the_past_says_so_and_points_to_the_doctor() -> None:
    passed = replace(CASE, decide_by=dt.date(2026, 11, 16), decide_said_by="Dr. Okafor")
    timeline = decision_timeline(passed, visit_on(dt.date(2026, 11, 10)), TODAY)
    assert timeline.findings == {Finding.PASSED}  # a visit already over is not warned about
    assert "Your decide-by date, Mon 16 Nov, has passed (Dr. Okafor said so)." in timeline.words
    assert "ask your treating doctor" in timeline.warning
    assert "step 1" in timeline.warning


def test_weeks_from_a_date_count_to_the_day() -> None:
    case = replace(CASE, decide_by=None, decide_weeks=6, decide_from=dt.date(2026, 11, 4))
    assert case.decision_date == dt.date(2026, 12, 16)
    assert answer_of(case).said is Said.WEEKS
    assert answer_text(answer_of(case)) == (
        "Decision needed by Wednesday 16 December 2026: 6 weeks from Wednesday 4 November 2026."
    )
    assert decision_needed_text(case) == "Decision needed by Wednesday 16 December 2026"
    assert decision_needed_text(Case(id=2, title="y")) == ""


def test_the_answer_is_said_back_with_who_said_it() -> None:
    answer = DecisionAnswer(decide_by=dt.date(2027, 1, 15), said_by="Dr. Samuel Okafor")
    assert answer.said is Said.DATE
    assert answer_text(answer) == (
        "Decision needed by Friday 15 January 2027. Dr. Samuel Okafor said so."
    )
    assert "Only your doctor" in answer_text(DecisionAnswer())


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15 January 2027", dt.date(2027, 1, 15)),
        ("1/15/2027", dt.date(2027, 1, 15)),
        ("15 January", dt.date(2027, 1, 15)),  # no year: the next one
        ("December 18", dt.date(2026, 12, 18)),
        ("20 November", dt.date(2026, 11, 20)),  # today
        ("", None),
    ],
)
def test_a_decide_by_date_is_read_as_typed(typed: str, day: dt.date | None) -> None:
    assert read_decide_by(typed, today=TODAY) == day


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("31 February 2027", "There is no February 31"),
        ("soon", "couldn't read that date"),
        ("2/30/27", "February has 28 days"),
    ],
)
def test_a_date_that_cannot_be_meant_is_refused_in_words(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        read_decide_by(typed, today=TODAY)


@pytest.mark.parametrize(
    ("typed", "weeks"),
    [("6", 6), ("6 weeks", 6), (" Six  Weeks ", 6), ("1 week", 1), ("104", 104), ("", None)],
)
def test_weeks_are_read_as_typed(typed: str, weeks: int | None) -> None:
    assert read_weeks(typed) == weeks


@pytest.mark.parametrize("typed", ["0", "105", "a few", "6 months", "-2"])
def test_weeks_that_cannot_be_meant_are_refused_in_words(typed: str) -> None:
    with pytest.raises(ValidationError, match="Please write"):
        read_weeks(typed)


@given(st.text(max_size=40))
def test_any_typed_text_is_read_or_refused_never_crashes(text: str) -> None:
    for read in (lambda: read_decide_by(text, today=TODAY), lambda: read_weeks(text)):
        try:
            read()
        except ValidationError as error:
            assert str(error).endswith(".")


def test_the_question_is_the_one_step_one_asks() -> None:
    assert QUESTION == (
        "How long can we safely take to get a second opinion before deciding on treatment?"
    )


def test_days_gone_by_are_said_in_the_past_tense() -> None:
    timeline = decision_timeline(CASE, visit_on(dt.date(2026, 11, 24)), TODAY)
    assert "The visit is on Tue 24 Nov, 24 days before your decide-by date." in timeline.words
    assert "The records were due by Tue 17 Nov" in timeline.words
    over = decision_timeline(Case(id=1, title="x"), visit_on(dt.date(2026, 11, 10)), TODAY)
    assert over.sentences[1:] == (
        "The visit was on Tue 10 Nov.",
        "The records were due by Tue 3 Nov.",
    )
