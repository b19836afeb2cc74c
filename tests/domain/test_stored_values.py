"""Values read back from the database never raise: a bad one is read as not given."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.doctors import Answer, Source
from secondopinion_desktop.domain.stored_values import (
    choice_reader,
    optional_choice_reader,
    stored_choice,
    stored_date,
    stored_int,
    stored_optional_choice,
    stored_time,
)

ANYTHING = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)


def test_good_values_read_back() -> None:
    assert stored_date("2026-11-30") == dt.date(2026, 11, 30)
    assert stored_date("2026-11-30T09:30:00+00:00") == dt.date(2026, 11, 30)
    when = stored_time("2026-11-30T09:30:00-05:00")
    assert when is not None and when.utcoffset() == dt.timedelta(hours=-5)
    assert stored_choice(Answer, "yes", Answer.UNKNOWN) is Answer.YES
    assert stored_optional_choice(Source, "referral") is Source.REFERRAL
    assert stored_int(14) == 14


def test_bad_values_are_not_given() -> None:
    assert stored_date("2026-02-30") is None
    assert stored_date("garbage") is None
    assert stored_time("next Tuesday") is None
    assert stored_choice(Answer, "perhaps", Answer.UNKNOWN) is Answer.UNKNOWN
    assert stored_optional_choice(Source, "a blog") is None
    assert stored_int("abc") is None
    assert stored_int(True) is None


def test_a_time_without_an_offset_is_local_time() -> None:
    when = stored_time("2026-11-26T09:30:00")
    assert when is not None and when.tzinfo is not None
    assert (when.hour, when.minute) == (9, 30)


@settings(deadline=None)  # timing under a loaded machine is no failure
@given(ANYTHING)
def test_nothing_ever_raises(value: object) -> None:
    day = stored_date(value)
    when = stored_time(value)
    assert day is None or isinstance(day, dt.date)
    assert when is None or when.tzinfo is not None
    assert isinstance(stored_choice(Answer, value, Answer.UNKNOWN), Answer)
    stored_optional_choice(Source, value)
    stored_int(value)


@given(ANYTHING | st.sampled_from([a.value for a in Answer] + [s.value for s in Source]))
def test_the_column_readers_read_as_the_rules_do(value: object) -> None:
    assert choice_reader(Answer, Answer.UNKNOWN)(value) is stored_choice(
        Answer, value, Answer.UNKNOWN
    )
    assert optional_choice_reader(Source)(value) is stored_optional_choice(Source, value)
