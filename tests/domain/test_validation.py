"""Tests for the dialog input helpers: phone numbers, dates and waiting times."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.validation import (
    ValidationError,
    clean_line,
    normalize_phone,
    parse_date,
    too_long,
    without_words,
)
from secondopinion_desktop.domain.wait_times import format_wait, parse_wait_days

TODAY = datetime.date(2026, 11, 25)
FAST = settings(max_examples=200, deadline=None)


# --- phone numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("(555) 123-4567", "(555) 123-4567"),
        ("555.123.4567", "(555) 123-4567"),
        ("555-123-4567", "(555) 123-4567"),
        ("  5551234567  ", "(555) 123-4567"),
        ("1-555-123-4567", "(555) 123-4567"),
        ("1 (555) 123 4567", "(555) 123-4567"),
        ("555-123-4567 ext. 12", "(555) 123-4567 ext. 12"),
        ("555-123-4567 x12", "(555) 123-4567 ext. 12"),
        ("555-123-4567x12", "(555) 123-4567 ext. 12"),
        ("555 123 4567, Extension 3", "(555) 123-4567 ext. 3"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
        ("+44   20  7946\t0958", "+44 20 7946 0958"),
        ("+ 33 1 42 68 53 00", "+33 1 42 68 53 00"),
        ("+1 555 123 4567", "+1 555 123 4567"),
        ("123-4567", "123-4567"),
        # Full-width digits and the invisible marks Outlook wraps around phone numbers.
        ("\uff15\uff15\uff15-123-4567", "(555) 123-4567"),
        ("\u202a555-123-4567\u202c", "(555) 123-4567"),
        ("555\u2013123\u20134567", "(555) 123-4567"),
    ],
)
def test_normalize_phone_accepts_everyday_formats(typed: str, expected: str) -> None:
    assert normalize_phone(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_blank_phone_is_allowed(typed: str) -> None:
    assert normalize_phone(typed) == ""


@pytest.mark.parametrize(
    ("typed", "code", "words"),
    [
        ("12", "too_short", "too short"),
        ("555-12", "too_short", "too short"),
        ("x12", "extension_only", "extension"),
        ("1-800-MATTRESS", "letters", "letters"),
        ("555-1234 Jon", "letters", "letters"),
        ("FLOWERS-123", "letters", "letters"),
        ("+44 20 FLOWERS", "letters", "letters"),
        ("call 555 123 4567", "letters", "letters"),
        ("555-123-4567 / 555-987-6543", "too_long", "too many digits"),
        ("1234567890123456", "too_long", "too many digits"),
        ("555*123*4567", "symbols", "symbols"),
        ("555-123-4567\x00", "hidden_characters", "hidden"),
        ("555\x07123-4567", "hidden_characters", "hidden"),
        ("555-123-4567 ext 1234567", "too_long", "extension"),
        ("5" * 200, "too_long", "too long"),
    ],
)
def test_normalize_phone_rejects_with_a_plain_message(typed: str, code: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_phone(typed)
    assert caught.value.code == code
    message = str(caught.value)
    assert words in message
    assert message.endswith(".")
    assert "Please" in message


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="too short"):
        normalize_phone("123")


@FAST
@given(st.text())
def test_normalize_phone_only_ever_raises_validation_error(text: str) -> None:
    try:
        result = normalize_phone(text)
    except ValidationError as error:
        assert error.message
        return
    # Whatever it accepts is stable: tidying a tidy number changes nothing.
    assert normalize_phone(result) == result
    assert result == result.strip()
    assert "  " not in result


@FAST
@given(st.from_regex(r"\A1?[2-9][0-9]{2}[2-9][0-9]{6}\Z"), st.sampled_from(["", " ", "-", "."]))
def test_any_north_american_number_gets_the_standard_layout(digits: str, sep: str) -> None:
    local = digits[-10:]
    typed = sep.join([local[:3], local[3:6], local[6:]])
    assert normalize_phone(typed) == f"({local[:3]}) {local[3:6]}-{local[6:]}"


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2026-12-03",
        "2026/12/3",
        "12/3/2026",
        "12/03/2026",
        "12/03/26",
        "12-3-2026",
        "3 Dec 2026",
        "3 dec. 2026",
        "Dec 3, 2026",
        "Dec. 3, 2026",
        "December 3 2026",
        "DECEMBER 3, 2026",
        "3rd of December, 2026",
        "Thursday, December 3, 2026",
        "  Dec   3 ,2026 ",
    ],
)
def test_parse_date_reads_many_ways_of_writing_december_third(typed: str) -> None:
    assert parse_date(typed, today=TODAY) == datetime.date(2026, 12, 3)


def test_parse_date_relative_words_and_blank() -> None:
    assert parse_date("today", today=TODAY) == TODAY
    assert parse_date(" Tomorrow ", today=TODAY) == datetime.date(2026, 11, 26)
    assert parse_date("tomorrow", today=datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 1)
    assert parse_date("", today=TODAY) is None
    assert parse_date("   ", today=TODAY) is None


def test_two_digit_years_pick_the_nearby_century() -> None:
    assert parse_date("1/2/30", today=TODAY) == datetime.date(2030, 1, 2)
    assert parse_date("1/2/99", today=TODAY) == datetime.date(1999, 1, 2)
    assert parse_date("2/29/28", today=TODAY) == datetime.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2/30/2026", "There is no February 30 in 2026"),
        ("Feb 29, 2027", "February has 28 days"),
        ("April 31 2026", "April has 30 days"),
        ("13/1/2026", "no month 13"),
        ("25/12/2026", "month/day/year"),
        ("1/1/1899", "between 1900 and 2100"),
        ("2101-01-01", "between 1900 and 2100"),
        ("Dec 3", "include the year"),
        ("Friday, Dec 3, 2026", "is a Thursday, not a Friday"),
        ("next Tuesday", "couldn't read that date"),
        ("3 Decembre 2026", "couldn't read that date"),
        ("12/3", "couldn't read that date"),
        ("2026-12-03T10:00", "couldn't read that date"),
    ],
)
def test_parse_date_explains_impossible_or_unclear_dates(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_date(typed, today=TODAY)


def test_leap_day_is_accepted_only_in_leap_years() -> None:
    assert parse_date("Feb 29 2028", today=TODAY) == datetime.date(2028, 2, 29)
    with pytest.raises(ValidationError):
        parse_date("Feb 29 2026", today=TODAY)


@FAST
@given(st.text(), st.dates())
def test_parse_date_only_ever_raises_validation_error(text: str, today: datetime.date) -> None:
    try:
        result = parse_date(text, today=today)
    except ValidationError as error:
        assert error.message
        return
    assert result is None or 1900 <= result.year <= 2100


@FAST
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_any_real_date_round_trips_in_every_style(day: datetime.date) -> None:
    styles = [
        day.isoformat(),
        f"{day.month}/{day.day}/{day.year}",
        f"{day.day} {day:%b} {day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{day:%A}, {day:%b} {day.day}, {day.year}",
    ]
    for typed in styles:
        assert parse_date(typed, today=TODAY) == day, typed


# --- waiting times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("9", 9),
        ("9 days", 9),
        ("9days", 9),
        ("1 day", 1),
        ("2 weeks", 14),
        ("2 wks", 14),
        ("2 wks.", 14),
        ("a week", 7),
        ("one week", 7),
        ("three weeks", 21),
        ("1 month", 30),
        ("3 months", 90),
        ("3 mos", 90),
        ("1 year", 365),
        ("2 years", 730),
        ("1.5 weeks", 11),
        ("about 2 weeks", 14),
        ("~10 days", 10),
        ("in 3 weeks", 21),
        ("same day", 0),
        ("Same-day", 0),
        ("0", 0),
        ("tomorrow", 1),
        ("not asked yet", None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_wait_days_reads_everyday_phrases(typed: str, days: int | None) -> None:
    assert parse_wait_days(typed) == days


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("-3", "less than zero"),
        ("-2 weeks", "less than zero"),
        ("800 days", "more than two years"),
        ("3 years", "more than two years"),
        ("99999", "more than two years"),
        ("2-3 weeks", "just one number"),
        ("2 to 3 weeks", "just one number"),
        ("same week", "vague"),
        ("soon", "couldn't read"),
        ("asdf", "couldn't read"),
        ("3 fortnights", "days, weeks or months"),
        ("48 hours", "days, weeks or months"),
    ],
)
def test_parse_wait_days_rejects_kindly(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_wait_days(typed)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (None, "not asked yet"),
        (0, "same day"),
        (1, "1 day"),
        (7, "7 days"),
        (9, "9 days"),
        (14, "2 weeks"),
        (21, "3 weeks"),
        (30, "30 days"),
        (60, "2 months"),
        (90, "3 months"),
        (100, "100 days"),
    ],
)
def test_format_wait(days: int | None, words: str) -> None:
    assert format_wait(days) == words


def test_format_wait_refuses_negative_numbers() -> None:
    with pytest.raises(ValueError):
        format_wait(-1)


def test_every_allowed_wait_round_trips() -> None:
    for days in range(0, 731):
        assert parse_wait_days(format_wait(days)) == days
    assert parse_wait_days(format_wait(None)) is None


@FAST
@given(st.integers(min_value=1, max_value=104), st.sampled_from([(7, "weeks"), (30, "months")]))
def test_multiples_of_weeks_and_months_round_trip(count: int, unit: tuple[int, str]) -> None:
    size, name = unit
    days = count * size
    if days > 730:
        with pytest.raises(ValidationError):
            parse_wait_days(f"{count} {name}")
        return
    assert parse_wait_days(f"{count} {name}") == days
    assert parse_wait_days(format_wait(days)) == days


@FAST
@given(st.text())
def test_parse_wait_days_only_ever_raises_validation_error(text: str) -> None:
    try:
        result = parse_wait_days(text)
    except ValidationError as error:
        assert error.message
        return
    assert result is None or 0 <= result <= 730


def test_a_line_is_tidied_or_refused_in_the_words_given() -> None:
    assert clean_line(" Call\u200b  the   lab ", 20, "Empty.", "Long.") == "Call the lab"
    with pytest.raises(ValueError, match="Empty"):
        clean_line(" \x00 \t", 20, "Empty.", "Long.")
    with pytest.raises(ValueError, match="Long"):
        clean_line("x" * 21, 20, "Empty.", "Long.")


@given(st.text())
def test_a_clean_line_is_printable_and_has_no_runs_of_space(text: str) -> None:
    try:
        line = clean_line(text, 10_000, "Empty.", "Long.")
    except ValueError:
        return
    assert line.isprintable() and line == " ".join(line.split())


def test_text_too_long_to_keep_is_refused_in_words_not_cut() -> None:
    assert too_long("x" * 20_000, 20_000, "Notes") == ""
    words = too_long("x" * 20_012, 20_000, "Notes about this case")
    assert words == (
        "Notes about this case: 20,012 letters is more than can be kept (20,000). "
        "Please shorten it a little."
    )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("1-800-FLOWERS", "(800) 356-9377 (1-800-FLOWERS)"),
        ("(555) CALL-NOW", "(555) 225-5669 ((555) CALL-NOW)"),
        ("1-800-got-junk", "(800) 468-5865 (1-800-got-junk)"),
        ("1-800-4-MY-HOME x12", "(800) 469-4663 (1-800-4-MY-HOME) ext. 12"),
        ("1\u2011800\u2011FLOWERS", "(800) 356-9377 (1-800-FLOWERS)"),
    ],
)
def test_a_number_written_in_words_keeps_its_words_after_the_digits_dialled(
    typed: str, kept: str
) -> None:
    """Letters were refused: a person copying "1-800-FLOWERS" had to work out the digits."""
    assert normalize_phone(typed) == kept
    assert normalize_phone(kept) == kept  # the dialog shows it again and saves it unchanged
    assert without_words(kept) == kept.split(" (")[0] + (" ext. 12" if "ext" in kept else "")


def test_the_words_after_a_number_must_be_its_own() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_phone("(800) 111-1111 (1-800-FLOWERS)")
    assert caught.value.code == "letters"


@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz-() .+#", max_size=40))
def test_letters_are_kept_or_refused_in_words_never_dropped(typed: str) -> None:
    try:
        kept = normalize_phone(typed)
    except ValidationError as error:
        assert error.message.endswith(".")
        return
    letters = [ch for ch in typed if ch.isalpha() and ch.lower() not in "ext"]
    assert all(ch in kept for ch in letters)
    assert normalize_phone(kept) == kept
    assert len(kept) <= 60
