"""Read a waiting time as a person says it ("2 weeks", "about a month"), and say it back.

Part of reading what a person typed (see validation.py), with the same kind of gentle refusals.
"""

from __future__ import annotations

import math
import re
from typing import Final

from secondopinion_desktop.domain.lazy_pattern import LazyPattern
from secondopinion_desktop.domain.validation import (
    ValidationError,
    _fold_text,
    _has_control_characters,
)

__all__ = ["MAX_WAIT_DAYS", "NOT_ASKED", "format_wait", "parse_wait_days"]


MAX_WAIT_DAYS: Final = 730
NOT_ASKED: Final = "not asked yet"
_WAIT_EXAMPLE: Final = "For example: 9 days, 2 weeks or 3 months."
_WAIT_MAX_CHARS: Final = 40

_UNIT_DAYS: Final[dict[str, int]] = {
    **dict.fromkeys(("d", "day", "days", "dy", "dys"), 1),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7),
    **dict.fromkeys(("m", "mo", "mos", "mon", "mth", "mths", "month", "months"), 30),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), 365),
}
#: Numbers people write out ("three weeks"); the decision clock reads weeks with them too.
NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_WAIT_PHRASES: Final[dict[str, int | None]] = {
    "same day": 0,
    "same-day": 0,
    "sameday": 0,
    "today": 0,
    "no wait": 0,
    "none": 0,
    "next day": 1,
    "tomorrow": 1,
    "not asked": None,
    NOT_ASKED: None,
}
_HEDGE_WORDS: Final = ("about ", "around ", "approximately ", "approx. ", "approx ", "roughly ")
_HEDGE_WORDS_2: Final = ("in ", "within ")
_WAIT_RE: Final = LazyPattern(
    r"(?P<sign>-)?\s*(?P<number>[0-9]{1,5}(?:\.[0-9]{1,2})?|[a-z]+)\s*(?P<unit>[a-z]+)?\.?",
    re.ASCII,
)
_RANGE_RE: Final = LazyPattern(r"[0-9a-z]\s*(?:-|to|or)\s*[0-9]", re.ASCII)


def parse_wait_days(text: str) -> int | None:
    """Read the wait until a first appointment as a number of days; "" means not asked yet.

    Accepts "9", "9 days", "2 weeks", "2 wks", "a week", "3 months" (30 days each), "1 year",
    "same day" (0) and small hedges like "about 2 weeks".
    """
    if _has_control_characters(text):
        raise ValidationError(
            f"We couldn't read that wait. {_WAIT_EXAMPLE}", code="hidden_characters"
        )
    cleaned = _fold_text(text).casefold().strip(" ?!.~")
    if not cleaned:
        return None
    if len(cleaned) > _WAIT_MAX_CHARS:
        raise ValidationError(f"That's a bit long for a wait. {_WAIT_EXAMPLE}", code="unreadable")
    for hedges in (_HEDGE_WORDS, _HEDGE_WORDS_2):
        for hedge in hedges:
            if cleaned.startswith(hedge):
                cleaned = cleaned[len(hedge) :].strip()
                break
    cleaned = cleaned.lstrip("~").strip()
    if cleaned in _WAIT_PHRASES:
        return _WAIT_PHRASES[cleaned]
    if cleaned == "same week":
        raise ValidationError(
            "'Same week' is a little vague. About how many days is it? For example: 4 days.",
            code="vague",
        )
    match = _WAIT_RE.fullmatch(cleaned)
    if match is None:
        if _RANGE_RE.search(cleaned):
            raise ValidationError("Please pick just one number, for example 3 weeks.", code="range")
        raise ValidationError(f"We couldn't read that wait. {_WAIT_EXAMPLE}", code="unreadable")

    number_text = match["number"]
    if number_text in NUMBER_WORDS:
        amount = float(NUMBER_WORDS[number_text])
    elif number_text[0].isdigit():
        amount = float(number_text)
    else:
        raise ValidationError(f"We couldn't read that wait. {_WAIT_EXAMPLE}", code="unreadable")
    unit = match["unit"] or "days"
    if unit not in _UNIT_DAYS:
        raise ValidationError(
            f"Please give the wait in days, weeks or months. {_WAIT_EXAMPLE}", code="unit"
        )
    if match["sign"]:
        raise ValidationError(
            "The wait can't be less than zero. Please check the number.", code="negative"
        )
    days = math.floor(amount * _UNIT_DAYS[unit] + 0.5)
    if days > MAX_WAIT_DAYS:
        raise ValidationError(
            "That's more than two years, which seems too long. Please check the number.",
            code="too_long",
        )
    return days


def format_wait(days: int | None) -> str:
    """Say a wait in words a person would use; the reverse of :func:`parse_wait_days`."""
    if days is None:
        return NOT_ASKED
    if days < 0:
        raise ValueError(f"a wait cannot be negative: {days}")
    if days == 0:
        return "same day"
    if days == 1:
        return "1 day"
    if days >= 60 and days % 30 == 0:
        return f"{days // 30} months"
    if days >= 14 and days % 7 == 0:
        return f"{days // 7} weeks"
    return f"{days} days"
