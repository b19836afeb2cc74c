"""Days typed by a person into any date field: "3/12/2027", "12 March 2027", "March 12", "today".

Every date field of the app (the visit, a call, a call back, a record's dates, an opinion's day,
a reminder, the day the doctor was told) reads its text here, so one field never accepts what
another refuses. :func:`validation.parse_date` reads dates with a year; a day typed without
one ("March 12", "12 March", "3/12") is read here as the one the field is about: the latest
such day for something that already happened, the next one for something still to come. A
date of birth (``lean=None``) needs its year.

Numbers only are read month first ("3/12/2027" is March 12), as in the US; the field shows
back the day it understood in words (:func:`spoken_date`), so the person sees at once how it
was read. A date of birth with a year of two digits is never in the future ("3/4/45" is
1945). Nothing in here raises anything but :class:`validation.ValidationError`.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from typing import Final, Literal

from secondopinion_desktop.domain.records import long_date
from secondopinion_desktop.domain.validation import MAX_YEAR, MIN_YEAR, ValidationError, parse_date

__all__ = ["Lean", "format_date", "not_after", "not_before", "read_date", "spoken_date"]

#: Which year a day typed without one means: the latest one gone by, or the next one to come.
Lean = Literal["past", "future"]

# "3/12", "3-12", "3.12": month and day without a year.
_NUMERIC_NO_YEAR: Final = re.compile(r"\s*([0-9]{1,2})\s*([-/.])\s*([0-9]{1,2})\s*", re.ASCII)
_WEEKDAY: Final = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|r|rs|rsday|urday|\.)?\b",
    re.ASCII | re.IGNORECASE,
)
_WEEKDAY_NUMBER: Final = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_NUMBERS: Final = re.compile(r"[0-9]+", re.ASCII)
# How far to look for a year in which the day exists (29 February).
_LEAP_SEARCH: Final = 8


def read_date(text: str, *, today: dt.date, lean: Lean | None) -> dt.date | None:
    """The day written in ``text``; None when nothing was typed.

    A day without a year is filled in by ``lean``; with ``lean=None`` it is refused with
    words asking for the year. Raises ValidationError for anything that is not a date.
    """
    try:
        day = parse_date(text, today=today)
    except ValidationError as error:
        if lean is None:
            raise
        without_year = _without_year(text)
        if without_year is None:
            raise
        template, weekday = without_year
        try:
            day = _fill_year(template, today=today, lean=lean)
        except ValidationError as filled:
            # "30 Feb": "There is no February 30" says more than "Please include the year".
            raise (error if filled.code == "unreadable" else filled) from None
        if weekday is not None and day.weekday() != weekday:
            raise ValidationError(
                f"{day:%B} {day.day}, {day.year} is a {day:%A}, not a "
                f"{calendar.day_name[weekday]}. Please check the date.",
                code="weekday_mismatch",
            ) from None
        return day
    if lean is None and day is not None and day > today and _ends_in_short_year(text):
        # Born in 1945, "3/4/45" was read as 2045 and refused as a birthday in the future:
        # a two-digit year of birth is the last one gone by (29 February may not be there).
        with contextlib.suppress(ValueError):
            day = day.replace(year=day.year - 100)
    return day


def _ends_in_short_year(text: str) -> bool:
    """Whether a date that was read ends in a year of two digits ("3/4/45", "4 March 45")."""
    numbers = _NUMBERS.findall(text)
    ends = text.rstrip()[-1:].isdigit()
    return ends and bool(numbers) and all(len(number) <= 2 for number in numbers)


def _without_year(text: str) -> tuple[str, int | None] | None:
    """A template "<text> {year}" (and the weekday named in it) for text that could be a day
    without its year, else None."""
    cleaned = text.strip().rstrip(",. ").strip()
    if not cleaned or len(cleaned) > 60 or "{" in cleaned or "}" in cleaned:
        return None
    if match := _NUMERIC_NO_YEAR.fullmatch(cleaned):
        return f"{match[1]}{match[2]}{match[3]}{match[2]}{{year}}", None
    if re.search(r"[0-9]{3,}", cleaned, re.ASCII):
        return None  # a year or something else is already there
    weekday: int | None = None
    if found := _WEEKDAY.search(cleaned):
        weekday = _WEEKDAY_NUMBER[found[1].lower()]
        cleaned = (cleaned[: found.start()] + cleaned[found.end() :]).strip(" ,")
    return cleaned + " {year}", weekday


def _fill_year(template: str, *, today: dt.date, lean: Lean) -> dt.date:
    """The day in ``template`` in the year ``lean`` points to; ValidationError if none exists."""
    step = -1 if lean == "past" else 1
    first_problem: ValidationError | None = None
    for offset in range(_LEAP_SEARCH + 1):
        year = today.year + step * offset
        if not MIN_YEAR <= year <= MAX_YEAR:
            break
        try:
            day = parse_date(template.format(year=year), today=today)
        except ValidationError as problem:
            if problem.code != "no_such_day" or "February 29" not in problem.message:
                raise
            first_problem = first_problem or problem
            continue
        if day is None:
            break
        if (lean == "past" and day > today) or (lean == "future" and day < today):
            continue
        return day
    raise first_problem or ValidationError("We couldn't read that date.", code="unreadable")


def format_date(day: dt.date | None) -> str:
    """'12 March 2027': how the app fills in a date field (no reading it two ways)."""
    return long_date(day) if day else ""


def spoken_date(day: dt.date) -> str:
    """'Friday 12 March 2027': shown beside a field, so the person sees the day understood."""
    return f"{day:%A} {format_date(day)}"


def not_after(day: dt.date, today: dt.date, what: str) -> str:
    """Words refusing a day still to come for something that already happened ("" if fine)."""
    return f"{what} is in the future. Please check it." if day > today else ""


def not_before(day: dt.date, today: dt.date, what: str) -> str:
    """Words refusing a day gone by for something still to come ("" if fine)."""
    return f"{what} has already passed. Please check the date." if day < today else ""
