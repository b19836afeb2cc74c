"""Read what a person typed into a dialog, or explain kindly why it could not be read.

Every helper either returns a clean value or raises :class:`ValidationError`. The error's message
is shown to the person exactly as written, so it is one short, warm, plain-English sentence (or
two) that says what to do next. No jargon, no blame.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Final

from secondopinion_desktop.domain.lazy_pattern import LazyPattern

__all__ = [
    "ValidationError",
    "clean_line",
    "normalize_phone",
    "parse_date",
]


class ValidationError(ValueError):
    """Typed text that cannot be understood; ``message`` is meant for the person to read.

    ``code`` is a short machine-readable reason (for example ``"too_short"``) so callers such as
    the spreadsheet importer can phrase their own notes without parsing the message.
    """

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# --------------------------------------------------------------------------------------------
# Shared text clean-up
# --------------------------------------------------------------------------------------------

_DASHES: Final = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def _fold_text(text: str) -> str:
    """Make look-alike characters (full-width digits, odd spaces, fancy dashes) plain ASCII."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif "0" <= ch <= "9":
            out.append(ch)
        elif unicodedata.category(ch) == "Nd":
            # Digits from other scripts (for example Arabic-Indic) mean the same numbers.
            out.append(str(unicodedata.decimal(ch)))
        elif unicodedata.category(ch) == "Cf":
            # Invisible formatting marks come along when copying from web pages and e-mail.
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def _has_control_characters(text: str) -> bool:
    """True when text holds control characters that are not ordinary spaces or line breaks."""
    return any(unicodedata.category(ch) in ("Cc", "Cs") and not ch.isspace() for ch in text)


def too_long(text: str, limit: int, what: str) -> str:
    """Words refusing text longer than `limit` letters ("" when it fits); `what` names the box.
    Cutting it off at Save lost the end of a long paste without a word: the person shortens
    it instead, with everything still on the screen."""
    if len(text) <= limit:
        return ""
    return (
        f"{what}: {len(text):,} letters is more than can be kept ({limit:,}). "
        "Please shorten it a little."
    )


def clean_line(text: str, limit: int, empty: str, too_long: str) -> str:
    """One line as typed (a title, a question): characters that do not print dropped and runs of
    space folded; ValueError with `empty` or `too_long`, the person's words, when unusable."""
    cleaned = " ".join("".join(ch for ch in text if ch.isprintable()).split())
    if not cleaned:
        raise ValueError(empty)
    if len(cleaned) > limit:
        raise ValueError(too_long)
    return cleaned


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------

_PHONE_MAX_CHARS: Final = 60
_EXTENSION_MAX_DIGITS: Final = 6
_PHONE_SEPARATORS: Final = frozenset(" -.()/")
_EXTENSION_RE: Final = LazyPattern(
    r"^(?P<main>.*?)\s*,?\s*(?:extension|ext|x|\#)\s*[.:]?\s*(?P<ext>[0-9]+)$",
    re.ASCII | re.IGNORECASE,
)


# A phone's keypad: the letters of a number written in words ("1-800-FLOWERS").
_KEYPAD: Final = {
    letter: str(digit)
    for digit, letters in enumerate(
        ("", "", "abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz")
    )
    for letter in letters
}
# A number as normalize_phone keeps one written in words: "(800) 356-9377 (1-800-FLOWERS)".
_KEPT_WORDS_RE: Final = LazyPattern(
    r"^(?P<dialled>\(\d{3}\) \d{3}-\d{4}) \((?P<typed>.+)\)(?P<ext> ext\. \d+)?$", re.ASCII
)
_LETTERS_PROBLEM: Final = (
    "That phone number has letters in it. Please type it with digits (letters are kept only "
    "when they make a number to dial, like 1-800-FLOWERS)."
)


def normalize_phone(text: str) -> str:
    """Return a tidy, readable phone number, or "" when nothing was typed (phone is optional).

    Ten-digit North American numbers (optionally with a leading 1) become "(555) 123-4567".
    Numbers typed with a leading "+" keep their own grouping, with the spacing tidied.
    An extension ("ext. 12", "x12", "#12") is kept as " ext. 12".
    A North American number written partly in words, as advertised ("1-800-FLOWERS",
    "(555) CALL-NOW"), is kept as typed after the digits a phone dials for it:
    "(800) 356-9377 (1-800-FLOWERS)" (`_in_words`).
    """
    if _has_control_characters(text):
        raise ValidationError(
            "That phone number has some hidden characters in it. Please type it again by hand.",
            code="hidden_characters",
        )
    cleaned = _fold_text(text)
    if not cleaned:
        return ""
    if len(cleaned) > _PHONE_MAX_CHARS:
        raise ValidationError(
            "That phone number is much too long. Please enter just one number.",
            code="too_long",
        )

    main, extension = cleaned, ""
    match = _EXTENSION_RE.match(cleaned)
    if match:
        main, extension = match["main"].strip(), match["ext"]

    if any(ch.isalpha() for ch in main):
        result = _in_words(main) + (f" ext. {extension}" if extension else "")
        if len(result) > _PHONE_MAX_CHARS:  # a box of that size would cut it at the next save
            raise ValidationError(
                "That phone number is much too long. Please enter just one number.",
                code="too_long",
            )
        return result
    has_plus = main.startswith("+")
    body = main[1:] if has_plus else main
    if any(not ch.isdigit() and ch not in _PHONE_SEPARATORS for ch in body):
        raise ValidationError(
            "That phone number has symbols we don't recognize. "
            "Please use only digits, spaces, dashes and brackets.",
            code="symbols",
        )

    digits = "".join(ch for ch in body if ch.isdigit())
    if not digits and extension:
        raise ValidationError(
            "That looks like just an extension. Please add the main phone number too.",
            code="extension_only",
        )
    if len(digits) < 7:
        raise ValidationError(
            "That phone number looks too short. Please check it has all its digits.",
            code="too_short",
        )
    if len(digits) > 15:
        raise ValidationError(
            "That phone number has too many digits. Please enter just one number.",
            code="too_long",
        )
    if len(extension) > _EXTENSION_MAX_DIGITS:
        raise ValidationError(
            "That extension is longer than we expected. Please check the extension number.",
            code="too_long",
        )

    if not has_plus and (len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")):
        local = digits[-10:]
        result = f"({local[:3]}) {local[3:6]}-{local[6:]}"
    else:
        result = body.strip(" -./")
        result = " ".join(result.split())
        if has_plus:
            result = "+" + result
    if extension:
        result += f" ext. {extension}"
    return result


def _in_words(main: str) -> str:
    """A North American number with letters for some of its last seven digits, as dialled.

    The letters were refused, and a person copying "1-800-FLOWERS" from an advertisement had
    to work out the digits alone. Letters are read as on a phone's keypad only where they
    can stand for digits: the number must come to 10 digits (11 with a leading 1), its area
    code typed in digits, and the letters must start within the four digits after it, so a
    name after a whole number ("555-1234 Jon") or before one ("FLOWERS 123") is never
    dialled. Anything else is refused in words.
    """
    kept = _KEPT_WORDS_RE.match(main)
    typed = kept["typed"] if kept else " ".join(main.split())
    if any(not (ch.isalnum() and ch.isascii()) and ch not in _PHONE_SEPARATORS for ch in typed):
        raise ValidationError(_LETTERS_PROBLEM, code="letters")
    digits = "".join(_KEYPAD.get(ch, ch) for ch in typed.casefold() if ch.isalnum())
    before = "".join(ch for ch in typed.split(next(c for c in typed if c.isalpha()))[0])
    typed_first = "".join(ch for ch in before if ch.isdigit())
    if len(digits) == 11 and digits[0] == "1":
        digits, typed_first = digits[1:], typed_first[1:]
    if len(digits) != 10 or not 3 <= len(typed_first) <= 6:
        raise ValidationError(_LETTERS_PROBLEM, code="letters")
    dialled = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    if kept and not main.startswith(dialled):
        raise ValidationError(_LETTERS_PROBLEM, code="letters")
    return f"{dialled} ({typed})"


def without_words(phone: str) -> str:
    """A tidied phone number without the words it was typed in: "(800) 356-9377"."""
    kept = _KEPT_WORDS_RE.match(phone)
    return kept["dialled"] + (kept["ext"] or "") if kept else phone


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2100
_DATE_EXAMPLE: Final = "Please write it like 12/3/2026 or Dec 3, 2026."
_DATE_MAX_CHARS: Final = 60

_MONTHS: Final[dict[str, int]] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_WEEKDAYS: Final[dict[str, int]] = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_FILLER_WORDS: Final = frozenset({"st", "nd", "rd", "th", "of", "the"})
_RELATIVE_DAYS: Final[dict[str, int]] = {"today": 0, "tomorrow": 1, "yesterday": -1}

_ISO_RE: Final = LazyPattern(r"([0-9]{4})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})", re.ASCII)
_US_RE: Final = LazyPattern(
    r"([0-9]{1,2})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{4}|[0-9]{2})", re.ASCII
)
_WORDY_ALLOWED_RE: Final = LazyPattern(r"[a-z0-9 ,.\-/]*", re.ASCII)
_TOKEN_RE: Final = LazyPattern(r"[a-z]+|[0-9]+", re.ASCII)


def _cannot_read_date() -> ValidationError:
    return ValidationError(f"We couldn't read that date. {_DATE_EXAMPLE}", code="unreadable")


def _expand_two_digit_year(year: int, today: datetime.date) -> int:
    """Pick the century that puts a two-digit year within 80 years back or 19 years ahead."""
    base = today.year - 80
    candidate = (base // 100) * 100 + year
    if candidate < base:
        candidate += 100
    return candidate


def _make_date(year: int, month: int, day: int) -> datetime.date:
    """Build a date, explaining in plain words what is wrong when it doesn't exist."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            f"Please use a year between {MIN_YEAR} and {MAX_YEAR}.", code="year_out_of_range"
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            f"There is no month {month}. Please write the date as month/day/year, "
            "for example 12/3/2026.",
            code="no_such_month",
        )
    import calendar  # when a date is first checked: it loads `locale`, 3 ms of each start

    month_name = calendar.month_name[month]
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValidationError(
            f"There is no {month_name} {day} in {year}. "
            f"{month_name} has {days_in_month} days that year.",
            code="no_such_day",
        )
    return datetime.date(year, month, day)


def parse_date(text: str, *, today: datetime.date) -> datetime.date | None:
    """Read a date typed in any everyday way; "" means no date was given.

    Accepts 2026-12-03, 12/3/2026, 12/03/26, 3 Dec 2026, Dec 3, 2026, December 3 2026,
    "Thursday, Dec 3, 2026", "today", "tomorrow" and "yesterday". Numbers-only dates are read
    month first, as is usual in the US.
    """
    if _has_control_characters(text):
        raise _cannot_read_date()
    cleaned = _fold_text(text).casefold()
    if not cleaned:
        return None
    if len(cleaned) > _DATE_MAX_CHARS:
        raise _cannot_read_date()

    if cleaned in _RELATIVE_DAYS:
        try:
            result = today + datetime.timedelta(days=_RELATIVE_DAYS[cleaned])
        except OverflowError:
            raise _cannot_read_date() from None
        return _make_date(result.year, result.month, result.day)

    if match := _ISO_RE.fullmatch(cleaned):
        return _make_date(int(match[1]), int(match[3]), int(match[4]))
    if match := _US_RE.fullmatch(cleaned):
        year_text = match[4]
        year = int(year_text)
        if len(year_text) == 2:
            year = _expand_two_digit_year(year, today)
        return _make_date(year, int(match[1]), int(match[3]))
    return _parse_wordy_date(cleaned, today)


def _parse_wordy_date(cleaned: str, today: datetime.date) -> datetime.date:
    """Read dates that spell out the month, such as "3rd of December, 2026"."""
    if not _WORDY_ALLOWED_RE.fullmatch(cleaned):
        raise _cannot_read_date()
    month: int | None = None
    weekday: int | None = None
    numbers: list[str] = []
    for token in _TOKEN_RE.findall(cleaned):
        if token.isdigit():
            numbers.append(token)
        elif token in _MONTHS and month is None:
            month = _MONTHS[token]
        elif token in _WEEKDAYS and weekday is None:
            weekday = _WEEKDAYS[token]
        elif token not in _FILLER_WORDS:
            raise _cannot_read_date()
    if month is None:
        raise _cannot_read_date()
    if len(numbers) == 1 and len(numbers[0]) <= 2:
        raise ValidationError(
            "Please include the year too, for example Dec 3, 2026.", code="missing_year"
        )
    if len(numbers) != 2:
        raise _cannot_read_date()

    first, second = numbers
    if len(first) == 4 and len(second) <= 2:
        year_text, day_text = first, second
    elif len(first) <= 2 and len(second) in (2, 4):
        day_text, year_text = first, second
    else:
        raise _cannot_read_date()
    year = int(year_text)
    if len(year_text) == 2:
        year = _expand_two_digit_year(year, today)
    result = _make_date(year, month, int(day_text))
    if weekday is not None and result.weekday() != weekday:
        import calendar

        actual = calendar.day_name[result.weekday()]
        said = calendar.day_name[weekday]
        raise ValidationError(
            f"{result:%B} {result.day}, {result.year} is a {actual}, not a {said}. "
            "Please check the date.",
            code="weekday_mismatch",
        )
    return result
