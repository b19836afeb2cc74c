"""Reading values back from the database without letting a bad one lock the person out.

Everything the app writes today is checked first, but a database can still hold a value this
version cannot read: written by an older version, by an archive imported before archives were
checked, or by hand. One such value used to stop every start with "Something went wrong". So
the store reads each column through these functions, which never raise:

- a date or time that cannot be read counts as not given (None);
- a time without its UTC offset is read as local time, as it was typed;
- a choice this version does not know falls back to the column's default;
- a number that is not a whole number counts as not given.

Rows whose one required value cannot be read (a visit with no readable time) are left out of
lists by the store rather than shown with an invented value; they stay in the file untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

__all__ = [
    "choice_reader",
    "optional_choice_reader",
    "stored_choice",
    "stored_date",
    "stored_int",
    "stored_optional_choice",
    "stored_time",
]

E = TypeVar("E", bound=StrEnum)


def stored_date(value: object) -> dt.date | None:
    """A stored ISO date (a time's date part will do), or None when there is none to read."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def stored_time(value: object) -> dt.datetime | None:
    """A stored ISO moment with its offset (local time if it has none), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None:
        try:
            when = when.astimezone()  # naive: the computer's local time, as it was typed
        except (OverflowError, ValueError, OSError):
            return None
    return when


def stored_choice(kind: type[E], value: object, default: E) -> E:
    """The stored choice, or `default` when this version does not know it."""
    if not isinstance(value, str):
        return default
    try:
        return kind(value)
    except ValueError:
        return default


def stored_optional_choice(kind: type[E], value: object) -> E | None:
    """The stored choice, or None when it is empty or unknown."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return kind(value)
    except ValueError:
        return None


def stored_int(value: object) -> int | None:
    """A stored whole number, or None when the column holds something else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def choice_reader(kind: type[E], default: E) -> Callable[[object], E]:
    """`stored_choice` for one column, with its table of values made once (a list of
    thousands of rows reads the column thousands of times)."""
    members: dict[object, E] = {member.value: member for member in kind}

    def read(value: object) -> E:
        return members.get(value, default) if isinstance(value, str) else default

    return read


def optional_choice_reader(kind: type[E]) -> Callable[[object], E | None]:
    """`stored_optional_choice` for one column, with its table of values made once."""
    members: dict[object, E] = {member.value: member for member in kind}

    def read(value: object) -> E | None:
        return members.get(value) if isinstance(value, str) else None

    return read
