"""Times of day typed by a person: "2:15 PM", "14:15", "2pm", "2.15", "noon".

A time box that quietly replaces what was typed with something else (a spin box falling back
to 9:15 when "2:15 PM" did not fit its mask) puts a wrong time into reminders and the
calendar. So a typed time is read here, in plain Python: it is understood exactly, or refused
with words the person can act on. Nothing in here ever raises anything but
:class:`~secondopinion_desktop.domain.validation.ValidationError` with code ``"not_a_time"``.

Hours without "am" or "pm" are read as a doctor's office means them: "2:30" is 2:30 in the
afternoon (1 to 6 o'clock, when offices are open and nobody books a visit at night), "9:15" is
9:15 in the morning, "12:30" just after noon; an hour written with a leading zero ("02:30",
"0230") or past 12 ("14:15") is on the 24-hour clock. It was read on the 24-hour clock alone,
and "2:30" for a visit silently became 2:30 in the morning. :func:`how_read` says in words how
such a time was read, and the field shows it under the time as it is typed, and shows back
what it understood in :func:`format_time`'s spelling, so nothing becomes another time unseen.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Final

from secondopinion_desktop.domain.validation import ValidationError

__all__ = ["NOT_A_TIME", "format_time", "how_read", "parse_time"]

#: What the person reads when the text is not a time.
NOT_A_TIME: Final = "That is not a time we can read. Please type it like 2:15 pm or 14:15."
_MAX_CHARS: Final = 30
#: Hours that, without "am" or "pm", mean the afternoon: an office's 1 to 6 o'clock.
AFTERNOON_HOURS: Final = range(1, 7)
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
    read = _read(text)
    return None if read is None else read[0]


def how_read(text: str) -> str:
    """Words saying how a time typed without "am" or "pm" was read ("2:30 is read as 2:30 pm,
    in the afternoon. If you mean 2:30 am, please type that."), or "" when the text says it
    itself (am, pm, noon, an hour past 12), is empty or is not a time."""
    try:
        read = _read(text)
    except ValidationError:
        return ""
    if read is None or not read[1]:
        return ""
    value, _guessed = read
    other = value.replace(hour=(value.hour + 12) % 24)
    typed = _fold(text)
    return (
        f"{typed} is read as {format_time(value)}, {_part_of_day(value)}. "
        f"If you mean {format_time(other)}, please type that."
    )


def _part_of_day(value: dt.time) -> str:
    if value.hour == 12:
        return "at noon" if value.minute == 0 else "just after noon"
    for last, words in ((5, "in the night"), (11, "in the morning"), (17, "in the afternoon")):
        if value.hour <= last:
            return words
    return "in the evening"


def _read(text: str) -> tuple[dt.time, bool] | None:
    """The time and whether it was a reading of an hour without "am" or "pm" (1 to 12)."""
    if len(text) > _MAX_CHARS * 4:
        raise _not_a_time()
    cleaned = _fold(text)
    if not cleaned:
        return None
    if len(cleaned) > _MAX_CHARS:
        raise _not_a_time()
    if cleaned in _WORDS:
        return _WORDS[cleaned], False
    match = _PACKED_RE.fullmatch(cleaned) or _TIME_RE.fullmatch(cleaned)
    if match is None:
        raise _not_a_time()
    groups = match.groupdict()
    minute_text = groups.get("minute") or groups.get("spaced")
    minute = int(minute_text) if minute_text else 0
    half = groups.get("half")
    if half is not None:
        return _make(int(match["hour"]), minute, half[0]), False
    hour_text = match["hour"]
    hour = int(hour_text)
    if hour_text.startswith("0") or not 1 <= hour <= 12:
        return _make(hour, minute, None), hour_text.startswith("0") and hour > 0
    return _make(hour, minute, "p" if hour in AFTERNOON_HOURS or hour == 12 else "a"), True


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
