"""Recognising the same doctor twice, however the name or the number is written.

"Dr. Ana Ruiz", "RUIZ, ANA, MD" and "Ana Ruiz M.D." are one person; "(555) 010-2000" and
"555.010.2000 ext 4" are one phone line.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from typing import Final

from secondopinion_desktop.domain.clean_text import clean_text
from secondopinion_desktop.domain.validation import ValidationError, normalize_phone, without_words

__all__ = ["line_digits", "name_key", "name_problem", "phone_digits"]

# --------------------------------------------------------------------------------------------
# Does this look like a person's name at all?
# --------------------------------------------------------------------------------------------

# Words of the lines insurers print above or below their lists ("Total providers: 5",
# "Showing 1-25 of 140 results", "Information subject to change"): never in a person's name.
_NOT_NAME_WORDS: Final = frozenset(
    {
        "total",
        "totals",
        "providers",
        "results",
        "showing",
        "generated",
        "printed",
        "copyright",
        "disclaimer",
        "information",
        "subject",
        "listing",
        "directory",
        "records",
        "rows",
        "found",
        "updated",
    }
)
_NOT_NAME_MARKS: Final = (":", "@", "http", "www.", "\u00a9", "=")
_MAX_NAME_WORDS: Final = 8


def name_problem(name: str) -> str:
    """Why ``name`` cannot be a person's name ("" when it can), in words for the person.

    Insurers' files end with a footer ("Total providers: 5") or start with a note that a
    spreadsheet puts in the name column; added as a doctor, it would sit in the list with no
    phone. A name has letters, no digits, no colon, e-mail or web address, at most eight
    words, and none of the words such lines are made of.
    """
    text = clean_text(name)
    short = text if len(text) <= 40 else text[:39] + "\u2026"
    problem = f"'{short}' doesn't look like a person's name."
    if not any(ch.isalpha() for ch in text):
        return f"The name '{short}' doesn't look like a name."
    folded = text.casefold()
    if any(ch.isdigit() for ch in text) or any(mark in folded for mark in _NOT_NAME_MARKS):
        return problem
    words = [_fold(word) for word in re.split(r"[\s,;/]+", text) if _fold(word)]
    if len(words) > _MAX_NAME_WORDS or _NOT_NAME_WORDS.intersection(words):
        return problem
    return ""


# --------------------------------------------------------------------------------------------
# Recognizing the same doctor twice
# --------------------------------------------------------------------------------------------

_TITLES: Final = frozenset({"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"})
# Letters after a name that are never part of a name.
_STRONG_CREDENTIALS: Final = frozenset(
    {
        "md",
        "mbbs",
        "mbchb",
        "phd",
        "dds",
        "dmd",
        "dpm",
        "facs",
        "facp",
        "facc",
        "faap",
        "facog",
        "facg",
        "facep",
        "frcs",
        "frcp",
        "frcpc",
        "mph",
        "dnp",
        "aprn",
        "fnp",
        "fnpbc",
        "fnpc",
        "crnp",
        "pharmd",
        "psyd",
        "lcsw",
    }
)
# Letters that could also be a name ("Anh Do", "Yo-Yo Ma"): only dropped after a comma, or
# when written with dots ("D.O.") or in capitals within a mixed-case name ("Ana Ruiz DO").
_WEAK_CREDENTIALS: Final = frozenset(
    {"do", "pa", "pac", "np", "rn", "od", "dc", "ma", "ms", "msn", "bc", "anp", "cnm", "lpc"}
)
_GENERATIONS: Final = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _fold(word: str) -> str:
    """Lower-case letters and digits only, accents removed: "M.D." -> "md", "José" -> "jose"."""
    text = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch)).casefold()


def _is_credential_part(part: str) -> bool:
    words = [_fold(word) for word in part.split()]
    words = [word for word in words if word]
    return bool(words) and all(
        word in _STRONG_CREDENTIALS or word in _WEAK_CREDENTIALS for word in words
    )


def name_key(name: str) -> str:
    """A comparison key so "Dr. Ana Ruiz", "RUIZ, ANA, MD" and "Ana Ruiz M.D." match."""
    text = clean_text(name)
    all_capitals = text == text.upper()
    parts = [part.strip() for part in text.split(",") if part.strip()]
    while len(parts) > 1 and _is_credential_part(parts[-1]):
        parts.pop()
    if len(parts) == 2 and _fold(parts[1]) in _GENERATIONS:
        parts = [f"{parts[0]} {parts[1]}"]
    if len(parts) == 2:
        parts = [parts[1], parts[0]]  # "Ruiz, Ana" -> "Ana Ruiz"

    words = " ".join(parts).split()
    kept: list[str] = []
    for position, word in enumerate(words):
        folded = _fold(word)
        if not folded:
            continue
        if position > 0 and folded in _STRONG_CREDENTIALS:
            continue
        if (
            position > 0
            and folded in _WEAK_CREDENTIALS
            and ("." in word or (word.isupper() and not all_capitals))
        ):
            continue
        kept.append(folded)
    while len(kept) > 1 and kept[0] in _TITLES:
        kept.pop(0)
    return " ".join(kept) or _fold(text)


def phone_digits(phone: str) -> str:
    """The digits that identify a phone line (no extension, no leading US "1")."""
    with contextlib.suppress(ValidationError):
        phone = normalize_phone(phone)
    return line_digits(phone)


def line_digits(phone: str) -> str:
    """Digits of an already tidied phone number, without extension or leading US "1" (or the
    words a number was typed in, kept in brackets after it)."""
    main = re.split(r"(?i)ext|x|#", without_words(phone), maxsplit=1)[0]
    digits = "".join(ch for ch in main if "0" <= ch <= "9")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits
