"""Times of day as people type them: read exactly, or refused in words (domain/clock_times)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.clock_times import NOT_A_TIME, format_time, how_read, parse_time
from secondopinion_desktop.domain.validation import ValidationError

EVERY_MINUTE = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))


def _twelve(value: dt.time) -> tuple[int, str]:
    return value.hour % 12 or 12, "am" if value.hour < 12 else "pm"


SPELLINGS = [
    format_time,
    lambda t: f"{t.hour:02d}:{t.minute:02d}",
    lambda t: f"{t.hour:02d}{t.minute:02d}",
    lambda t: f"{t.hour:02d}.{t.minute:02d}",
    lambda t: f"{_twelve(t)[0]}:{t.minute:02d} {_twelve(t)[1].upper()}",
    lambda t: f"{_twelve(t)[0]}:{t.minute:02d}{_twelve(t)[1]}",
    lambda t: f"{_twelve(t)[0]}.{t.minute:02d} {_twelve(t)[1][0]}.m.",
    lambda t: f"  {_twelve(t)[0]} {t.minute:02d} {_twelve(t)[1].upper()} ",
]


@given(EVERY_MINUTE, st.sampled_from(range(len(SPELLINGS))))
def test_every_minute_of_the_day_reads_back_exactly_in_every_spelling(
    value: dt.time, spelling: int
) -> None:
    assert parse_time(SPELLINGS[spelling](value)) == value


def test_every_minute_round_trips_through_the_apps_own_spelling() -> None:
    for minutes in range(24 * 60):
        value = dt.time(minutes // 60, minutes % 60)
        assert parse_time(format_time(value)) == value


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2:15 PM", dt.time(14, 15)),
        ("2:15 pm", dt.time(14, 15)),
        ("2:15pm", dt.time(14, 15)),
        ("14:15", dt.time(14, 15)),
        ("2pm", dt.time(14, 0)),
        ("2 pm", dt.time(14, 0)),
        ("2 P.M.", dt.time(14, 0)),
        ("2.15", dt.time(14, 15)),
        ("2:30", dt.time(14, 30)),
        ("02:30", dt.time(2, 30)),
        ("6:59", dt.time(18, 59)),
        ("7:00", dt.time(7, 0)),
        ("12:30", dt.time(12, 30)),
        ("0:30", dt.time(0, 30)),
        ("9", dt.time(9, 0)),
        ("noon", dt.time(12, 0)),
        ("Midnight", dt.time(0, 0)),
        ("12 am", dt.time(0, 0)),
        ("12:30 am", dt.time(0, 30)),
        ("12 pm", dt.time(12, 0)),
        ("\uff11\uff14\uff1a\uff11\uff15", dt.time(14, 15)),  # full-width
        ("1415", dt.time(14, 15)),
    ],
)
def test_everyday_spellings(typed: str, expected: dt.time) -> None:
    assert parse_time(typed) == expected


def test_nothing_typed_is_no_time() -> None:
    assert parse_time("") is None
    assert parse_time("   ") is None


@pytest.mark.parametrize(
    "typed", ["25:00", "2:75", "13 pm", "0 am", "soon", "2:15 xm", "2:1", "12345", "-2:15", "2::15"]
)
def test_what_is_not_a_time_is_refused_in_words(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_time(typed)
    assert caught.value.code == "not_a_time"
    assert caught.value.message == NOT_A_TIME


@given(st.text(max_size=200))
def test_garbage_never_raises_anything_but_not_a_time(text: str) -> None:
    try:
        result = parse_time(text)
    except ValidationError as error:
        assert error.code == "not_a_time"
    else:
        assert result is None or isinstance(result, dt.time)


@given(st.integers(1, 12), st.integers(0, 59), st.sampled_from([":", ".", " h", ""]))
def test_an_hour_without_am_or_pm_is_read_in_office_hours_on_the_same_clock_face(
    hour: int, minute: int, separator: str
) -> None:
    """ "2:30" for a visit silently became 2:30 in the morning. Without am or pm, 1 to 6 is
    the afternoon, 7 to 11 the morning, 12 just after noon: between 7 am and 7 pm, the hands
    where they were typed, and the words under the field say so."""
    typed = f"{hour}{separator}{minute:02d}" if separator else str(hour)
    read = parse_time(typed)
    assert read is not None
    assert dt.time(7, 0) <= read < dt.time(19, 0)
    assert (read.hour % 12 or 12, read.minute) == (hour, minute if separator else 0)
    words = how_read(typed)
    assert words.startswith(f"{typed} is read as {format_time(read)}")
    other = read.replace(hour=(read.hour + 12) % 24)
    assert f"If you mean {format_time(other)}, please type that." in words


@given(EVERY_MINUTE)
def test_a_time_that_says_itself_needs_no_words(value: dt.time) -> None:
    assert how_read(format_time(value)) == ""
    if value.hour == 0 or value.hour >= 13:
        assert how_read(f"{value.hour}:{value.minute:02d}") == ""


def test_a_leading_zero_is_the_24_hour_clock_and_is_said_in_words() -> None:
    assert parse_time("02:30") == dt.time(2, 30)
    assert how_read("02:30") == (
        "02:30 is read as 2:30 am, in the night. If you mean 2:30 pm, please type that."
    )
    assert how_read("") == "" and how_read("soon") == "" and how_read("14:15") == ""
