"""Days typed into any date field: with a year, without one (read by the lean), or refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.typed_dates import (
    format_date,
    not_after,
    not_before,
    read_date,
    spoken_date,
)
from secondopinion_desktop.domain.validation import ValidationError

TODAY = dt.date(2026, 11, 20)
FAST = settings(max_examples=200, deadline=None)
REAL_DAYS = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))
TODAYS = st.dates(min_value=dt.date(1910, 1, 1), max_value=dt.date(2090, 12, 31))


@pytest.mark.parametrize("typed", ["3/12/2027", "12 March 2027", "March 12, 2027", "2027-03-12"])
def test_a_day_with_its_year_is_read_the_same_by_every_field(typed: str) -> None:
    for lean in ("past", "future", None):
        assert read_date(typed, today=TODAY, lean=lean) == dt.date(2027, 3, 12)


@pytest.mark.parametrize("typed", ["March 12", "12 March", "3/12", "Mar 12th", "the 12th of March"])
def test_a_day_without_a_year_is_the_one_the_field_is_about(typed: str) -> None:
    assert read_date(typed, today=TODAY, lean="past") == dt.date(2026, 3, 12)
    assert read_date(typed, today=TODAY, lean="future") == dt.date(2027, 3, 12)


def test_today_is_both_past_and_future_and_a_birthday_needs_its_year() -> None:
    assert read_date("Nov 20", today=TODAY, lean="past") == TODAY
    assert read_date("Nov 20", today=TODAY, lean="future") == TODAY
    with pytest.raises(ValidationError, match="include the year"):
        read_date("12 April", today=TODAY, lean=None)
    assert read_date("", today=TODAY, lean="past") is None


def test_the_29th_of_february_goes_to_the_nearest_leap_year_in_the_right_direction() -> None:
    assert read_date("Feb 29", today=TODAY, lean="past") == dt.date(2024, 2, 29)
    assert read_date("Feb 29", today=TODAY, lean="future") == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("30 Feb", "There is no February 30"),
        ("soonish", "couldn't read that date"),
        ("13/40", "There is no month 13"),
        ("Friday, March 12", "is a Thursday, not a Friday"),
        ("12", "couldn't read that date"),
    ],
)
def test_what_is_not_a_day_is_refused_in_words(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        read_date(typed, today=TODAY, lean="past")


def test_the_rules_of_a_field_say_what_is_wrong_and_the_app_writes_days_one_way() -> None:
    assert not_after(TODAY + dt.timedelta(days=1), TODAY, "That day").startswith(
        "That day is in the future."
    )
    assert not_after(TODAY, TODAY, "That day") == ""
    assert not_before(TODAY - dt.timedelta(days=1), TODAY, "That day").startswith(
        "That day has already passed."
    )
    assert not_before(TODAY, TODAY, "That day") == ""
    assert format_date(dt.date(2027, 3, 12)) == "12 March 2027"
    assert format_date(None) == ""
    assert spoken_date(dt.date(2027, 3, 12)) == "Friday 12 March 2027"


@FAST
@given(st.text(max_size=80), TODAYS, st.sampled_from(["past", "future", None]))
def test_anything_typed_is_a_day_or_refused_in_words(text: str, today: dt.date, lean: str) -> None:
    try:
        day = read_date(text, today=today, lean=lean)  # type: ignore[arg-type]
    except ValidationError as error:
        assert error.message
        return
    assert day is None or 1900 <= day.year <= 2100


@FAST
@given(REAL_DAYS, TODAYS)
def test_every_day_written_the_ways_people_write_it_is_read_back(
    day: dt.date, today: dt.date
) -> None:
    for typed in (
        f"{day.month}/{day.day}/{day.year}",
        f"{day.day} {day:%B} {day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day:%b} {day.day} {day.year}",
        format_date(day),
    ):
        for lean in ("past", "future", None):
            assert read_date(typed, today=today, lean=lean) == day, typed  # type: ignore[arg-type]


@FAST
@given(REAL_DAYS, TODAYS)
def test_a_day_without_its_year_is_the_latest_gone_by_or_the_next_to_come(
    day: dt.date, today: dt.date
) -> None:
    for typed in (f"{day:%B} {day.day}", f"{day.day} {day:%b}", f"{day.month}/{day.day}"):
        past = read_date(typed, today=today, lean="past")
        future = read_date(typed, today=today, lean="future")
        assert past is not None and future is not None
        assert (past.month, past.day) == (future.month, future.day) == (day.month, day.day)
        assert past <= today <= future
        if (day.month, day.day) != (2, 29):
            assert (today - past).days < 366 and (future - today).days < 366


def test_a_day_gone_by_fills_in_the_latest_year() -> None:
    """What parse_past_date did for step 1's "Told on", now the rule of every past field."""
    assert read_date("12 November", today=TODAY, lean="past") == dt.date(2026, 11, 12)
    assert read_date("Nov 12", today=TODAY, lean="past") == dt.date(2026, 11, 12)
    assert read_date("25 December", today=TODAY, lean="past") == dt.date(2025, 12, 25)
    assert read_date("3 Dec 2026", today=TODAY, lean="past") == dt.date(2026, 12, 3)
    assert read_date("", today=TODAY, lean="past") is None
    with pytest.raises(ValidationError, match="February 30"):
        read_date("30 Feb", today=TODAY, lean="past")
    with pytest.raises(ValidationError):
        read_date("banana", today=TODAY, lean="past")


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        ("3/4/45", dt.date(1945, 3, 4)),  # was 2045: "The date of birth is in the future"
        ("12/25/26", dt.date(1926, 12, 25)),  # a month after today, so a century before
        ("4 March 30", dt.date(1930, 3, 4)),
        ("11/20/26", dt.date(2026, 11, 20)),  # born today
        ("1/1/99", dt.date(1999, 1, 1)),
        ("1/1/05", dt.date(2005, 1, 1)),
        ("3/4/1945", dt.date(1945, 3, 4)),
        ("3/4/2045", dt.date(2045, 3, 4)),  # four digits are taken as typed (and refused)
    ],
)
def test_a_two_digit_year_of_birth_is_never_in_the_future(typed: str, born: dt.date) -> None:
    """Someone born in 1945, typing 3/4/45, was told the date of birth is in the future."""
    assert read_date(typed, today=TODAY, lean=None) == born


def test_other_fields_keep_the_two_digit_year_they_read() -> None:
    assert read_date("12/25/26", today=TODAY, lean="past") == dt.date(2026, 12, 25)
    assert read_date("3/4/45", today=TODAY, lean="future") == dt.date(2045, 3, 4)
