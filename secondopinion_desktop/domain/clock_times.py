"""Times of day typed by a person: "2:15 PM", "14:15", "2pm", "2.15", "noon".

A time box that quietly replaces what was typed with something else (a spin box falling back
to 9:15 when "2:15 PM" did not fit its mask) puts a wrong time into reminders and the
calendar. So a typed time is read here, in plain Python: it is understood exactly, or refused
with words the person can act on. Nothing in here ever raises anything but
:class:`~secondopinion_desktop.domain.validation.ValidationError` with code ``"not_a_time"``.

Hours without "am" or "pm" are read on the 24-hour clock ("2.15" is 2:15 in the morning,
"14:15" a quarter past two in the afternoon); the field shows back what it understood, in
:func:`format_time`'s spelling, so the person sees it at once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Final

from secondopinion_desktop.domain.validation import ValidationError

__all__ = ["NOT_A_TIME", "format_time", "parse_time"]

#: What the person reads when the text is not a time.
NOT_A_TIME: Final = "That is not a time we can read. Please type it like 2:15 pm or 14:15."
_MAX_CHARS: Final = 30
_WORDS: Final[dict[str, dt.time]] = {
    "noon": dt.time(12, 0),
    "midday": dt.time(12, 0),
    "12 noon": dt.time(12, 0),
    "midnight": dt.time(0, 0),
    "12 midnight": dt.time(0, 0),
}
# hour, optional minutes after ":" "." "h" or a space, optional am/pm (with or without dots).
_TIME_RE: Final = re.compile(
    r"(?P<hour>[0-9]{1,2})"
    r"(?:\s*[:.h]\s*(?P<minute>[0-9]{2})|\s+(?P<spaced>[0-9]{2})(?=\s*[ap]))?"
    r"\s*(?P<half>a\.?\s*m\.?|p\.?\s*m\.?|a|p)?",
    re.ASCII,
)
# "1415" or "915" as on a 24-hour clock, without a separator.
_PACKED_RE: Final = re.compile(r"(?P<hour>[0-9]{1,2})(?P<minute>[0-9]{2})", re.ASCII)


def _not_a_time() -> ValidationError:
    return ValidationError(NOT_A_TIME, code="not_a_time")


def _fold(text: str) -> str:
    """Plain lower-case ASCII with single spaces; full-width digits become ordinary ones."""
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif unicodedata.category(ch) in ("Cf", "Cc", "Cs"):
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split()).casefold()


def parse_time(text: str) -> dt.time | None:
    """The time of day written in ``text``; None when nothing was typed.

    Raises ValidationError (code ``"not_a_time"``) for anything else: "25:00", "2:75",
    "13 pm", "soon", or text far too long to be a time.
    """
    if len(text) > _MAX_CHARS * 4:
        raise _not_a_time()
    cleaned = _fold(text)
    if not cleaned:
        return None
    if len(cleaned) > _MAX_CHARS:
        raise _not_a_time()
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    if match := _PACKED_RE.fullmatch(cleaned):
        return _make(int(match["hour"]), int(match["minute"]), None)
    match = _TIME_RE.fullmatch(cleaned)
    if match is None:
        raise _not_a_time()
    minute_text = match["minute"] or match["spaced"]
    half = match["half"]
    return _make(
        int(match["hour"]),
        int(minute_text) if minute_text else 0,
        None if half is None else half[0],
    )


def _make(hour: int, minute: int, half: str | None) -> dt.time:
    """Check the numbers and turn a 12-hour reading ("a"/"p") into the 24-hour clock."""
    if minute > 59:
        raise _not_a_time()
    if half is None:
        if hour > 23:
            raise _not_a_time()
        return dt.time(hour, minute)
    if not 1 <= hour <= 12:
        raise _not_a_time()
    if half == "a":
        return dt.time(0 if hour == 12 else hour, minute)
    return dt.time(12 if hour == 12 else hour + 12, minute)


def format_time(value: dt.time) -> str:
    """'2:15 pm', the way the rest of the app writes times ('12:00 pm' is noon)."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'am' if value.hour < 12 else 'pm'}"
