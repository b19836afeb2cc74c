"""What a case archive may hold: every value of every row, checked before anything is written.

A `.secondopinion` file can come from anywhere, so nothing in it is trusted. Each table the
archive may carry is described here column by column (dates, times with their offset, choices,
numbers and their ranges, text length, links between rows), and `check_case_tables` refuses an
archive with one clear sentence the moment any value would not read back. This is what keeps a
damaged archive from being half imported, and from leaving a value in the database that stops
the app from starting.

The rules are as generous as the app itself: whatever the app writes, it accepts back (tests
export real cases and check them here). A link to a row that is not in the archive is refused
when the row belongs to it (a call without its doctor); an optional link to nothing, which the
app itself can leave behind (a reminder about a doctor since deleted), is set empty by the
importer, as deleting that row would have done.

Pure functions: the store inserts only what passed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final

from secondopinion_desktop.domain.appointments import AppointmentKind
from secondopinion_desktop.domain.attachments import MAX_ATTACHMENT_BYTES
from secondopinion_desktop.domain.doctors import Answer, InsuranceBasis, Role, Source, Status
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.opinions import Outcome
from secondopinion_desktop.domain.questions import Topic
from secondopinion_desktop.domain.records import Delivery, RecordKind, Timing
from secondopinion_desktop.domain.reminders import About

__all__ = [
    "ABOUT_TABLES",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "SAFE_FILE_NAME",
    "TABLES",
    "ArchiveContentError",
    "Column",
    "check_case_tables",
    "read_date",
    "read_time",
]

MAX_TEXT_CHARS: Final = 1_000_000  # far more than anyone types; bounds memory and the screen
MAX_KEY_CHARS: Final = 1_000
MAX_FILE_BYTES: Final = MAX_ATTACHMENT_BYTES  # one scan; a DICOM series file fits
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2200
MAX_ID: Final = 2**63 - 1
MAX_ROUND: Final = 1_000
SAFE_FILE_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
_DATE_RE: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
_TIME_RE: Final = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([+-][0-9]{2}:[0-9]{2}(:[0-9]{2})?|Z)$",
    re.ASCII,
)
_SHA256_RE: Final = re.compile(r"^[0-9a-f]{64}$", re.ASCII)

# What a reminder's `about_id` points at, by its `about` (not a foreign key in the schema).
ABOUT_TABLES: Final = {
    "case": "cases",
    "doctor": "doctors",
    "call": "calls",
    "record": "records",
    "appointment": "appointments",
    "opinion": "opinions",
}


class ArchiveContentError(ValueError):
    """A value the archive may not hold; `message` is for the person, `detail` for the log."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


@frozen
class Column:
    """What one column may hold.

    `kind` is one of: id, int, text, date, time, choice, link, file_name, sha256.
    `required`: the archive must carry it (NOT NULL without a default in the schema).
    `nullable`: it may be null. `choices` for a choice; `low`/`high` for numbers (and the
    greatest length of text); `table` and `owner` for a link (an owner link must point inside
    the archive: the row belongs to that row).
    """

    kind: str
    required: bool = False
    nullable: bool = False
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = MAX_TEXT_CHARS
    table: str = ""
    owner: bool = False


ID: Final = Column("id", required=True, low=1, high=MAX_ID)
TEXT: Final = Column("text")
TEXT_NEEDED: Final = Column("text", required=True)
DATE: Final = Column("date", nullable=True)
STAMP: Final = Column("time", required=True)
STAMP_OR_NONE: Final = Column("time", nullable=True)
ANSWER: Final = Column("choice", choices=tuple(Answer))
KEY: Final = Column("text", high=MAX_KEY_CHARS)


def choice(values: type[StrEnum], nullable: bool = False) -> Column:
    return Column("choice", nullable=nullable, choices=tuple(v.value for v in values))


def number(low: int, high: int, nullable: bool = False, required: bool = False) -> Column:
    return Column("int", nullable=nullable, required=required, low=low, high=high)


def owned_by(table: str) -> Column:
    return Column("link", required=True, table=table, owner=True)


def link(table: str) -> Column:
    return Column("link", nullable=True, table=table)


CASE_ID: Final = owned_by("cases")
POSITION: Final = number(-(2**31), 2**31)

TABLES: Final[Mapping[str, Mapping[str, Column]]] = {
    "cases": {
        "id": ID,
        "title": TEXT_NEEDED,
        "patient_name": TEXT,
        "date_of_birth": DATE,
        "diagnosis": TEXT,
        "recommended_treatment": TEXT,
        "insurance_plan": TEXT,
        "insurance_member_id": TEXT,
        "organiser_name": TEXT,
        "organiser_phone": TEXT,
        "notes": TEXT,
        "created_at": STAMP,
        "updated_at": STAMP,
        "told_doctor_id": link("doctors"),
        "told_on": DATE,
        "hear_back": TEXT,
        "referral_asked": ANSWER,
        "referral_given": ANSWER,
        "referral_to": TEXT,
        "records_suggested_at": STAMP_OR_NONE,
        "current_round": number(2, MAX_ROUND),
        "decide_by": DATE,
        "decide_weeks": number(1, 104, nullable=True),
        "decide_from": DATE,
        "decide_said_by": TEXT,
    },
    "step_progress": {
        "case_id": CASE_ID,
        "step": number(1, 6, required=True),
        "done_at": STAMP_OR_NONE,
        "notes": TEXT,
    },
    "doctors": {
        "id": ID,
        "case_id": CASE_ID,
        "role": choice(Role),
        "name": TEXT_NEEDED,
        "specialty": TEXT,
        "practice": TEXT,
        "address": TEXT,
        "phone": TEXT,
        "fax": TEXT,
        "source": choice(Source, nullable=True),
        "source_detail": TEXT,
        "board_certified": ANSWER,
        "board_checked_on": DATE,
        "accepting_new_patients": ANSWER,
        "wait_days": number(0, 36_500, nullable=True),
        "accepts_insurance": ANSWER,
        "referral_required": ANSWER,
        "status": choice(Status),
        "notes": TEXT,
        "insurance_basis": choice(InsuranceBasis),
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "calls": {
        "id": ID,
        "doctor_id": owned_by("doctors"),
        "called_at": STAMP,
        "answered_by": TEXT,
        "learned": TEXT,
        "call_back_on": DATE,
    },
    "appointments": {
        "id": ID,
        "case_id": CASE_ID,
        "doctor_id": link("doctors"),
        "round": number(1, MAX_ROUND),
        "starts_at": STAMP,
        "place": TEXT,
        "kind": choice(AppointmentKind),
        "team_members": TEXT,
        "notes": TEXT,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "todos": {
        "id": ID,
        "case_id": CASE_ID,
        "key": Column("text", required=True, high=MAX_KEY_CHARS),
        "title": TEXT_NEEDED,
        "detail": TEXT,
        "done_at": STAMP_OR_NONE,
        "created_at": STAMP,
    },
    "records": {
        "id": ID,
        "case_id": CASE_ID,
        "title": TEXT_NEEDED,
        "kind": choice(RecordKind),
        "position": POSITION,
        "holder_doctor_id": link("doctors"),
        "holder_text": TEXT,
        "recipient_doctor_id": link("doctors"),
        "recipient_text": TEXT,
        "delivery": choice(Delivery, nullable=True),
        "timing": choice(Timing),
        "pages": number(0, 1_000_000, nullable=True),
        "requested_on": DATE,
        "received_on": DATE,
        "sent_on": DATE,
        "confirmed_on": DATE,
        "confirmed_by": TEXT,
        "returned_on": DATE,
        "notes": TEXT,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "attachments": {
        "id": ID,
        "record_id": owned_by("records"),
        "file_name": Column("file_name", required=True),
        "original_name": Column("text", required=True, high=MAX_KEY_CHARS),
        "size": number(0, MAX_FILE_BYTES, required=True),
        "sha256": Column("sha256", required=True),
        "added_at": STAMP,
    },
    "record_deliveries": {
        "id": ID,
        "record_id": owned_by("records"),
        "round": number(2, MAX_ROUND, required=True),
        "doctor_id": link("doctors"),
        "doctor_name": TEXT,
        "delivery": choice(Delivery, nullable=True),
        "sent_on": DATE,
        "confirmed_on": DATE,
        "confirmed_by": TEXT,
        "returned_on": DATE,
        "still_away": number(0, 1),
        "created_at": STAMP,
    },
    "rounds": {
        "case_id": CASE_ID,
        "round": number(2, MAX_ROUND, required=True),
        "started_at": STAMP,
        "reason": TEXT,
        "questions_suggested_at": STAMP_OR_NONE,
        "doctors_talk_on": DATE,
        "doctors_talk_note": TEXT,
    },
    "round_steps": {
        "case_id": CASE_ID,
        "round": number(1, MAX_ROUND, required=True),
        "step": number(1, 6, required=True),
        "done_at": STAMP_OR_NONE,
        "notes": TEXT,
    },
    "questions": {
        "id": ID,
        "case_id": CASE_ID,
        "round": number(2, MAX_ROUND),
        "position": POSITION,
        "text": TEXT_NEEDED,
        "topic": choice(Topic),
        "asked_on": DATE,
        "answer": TEXT,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "opinions": {
        "id": ID,
        "case_id": CASE_ID,
        "round": number(1, MAX_ROUND, required=True),
        "doctor_id": link("doctors"),
        "doctor_name": TEXT,
        "given_on": DATE,
        "diagnosis": TEXT,
        "treatment": TEXT,
        "tests_ordered": TEXT,
        "notes": TEXT,
        "outcome": choice(Outcome, nullable=True),
        "likes": TEXT,
        "worries": TEXT,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "reminders": {
        "id": ID,
        "case_id": CASE_ID,
        "key": Column("text", nullable=True, high=MAX_KEY_CHARS),
        "title": TEXT_NEEDED,
        "detail": TEXT,
        "about": choice(About),
        "about_id": Column("int", nullable=True, low=1, high=MAX_ID),
        "page": number(1, 7, nullable=True),
        "due_at": STAMP,
        "snoozed_until": STAMP_OR_NONE,
        "done_at": STAMP_OR_NONE,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
}

# Rows that must not repeat (the schema's primary and unique keys besides `id`).
UNIQUE: Final[Mapping[str, tuple[tuple[str, ...], ...]]] = {
    "step_progress": (("case_id", "step"),),
    "todos": (("case_id", "key"),),
    "attachments": (("file_name",),),
    "record_deliveries": (("record_id", "round"),),
    "rounds": (("case_id", "round"),),
    "round_steps": (("case_id", "round", "step"),),
    "opinions": (("case_id", "round"),),
    "reminders": (("case_id", "key"),),
}

_WHAT: Final = {
    "cases": "the case",
    "step_progress": "a step",
    "doctors": "a doctor",
    "calls": "a call",
    "appointments": "a visit",
    "todos": "a to-do",
    "records": "a record",
    "attachments": "a scan",
    "record_deliveries": "where a record went in a round",
    "rounds": "a round",
    "round_steps": "a round's steps",
    "questions": "a question",
    "opinions": "an opinion",
    "reminders": "a reminder",
}
NEWER: Final = (
    "This archive holds details this version of Second Opinion does not know. It may come "
    "from a newer version: please update the program to import it."
)


def _damaged(what: str, detail: str) -> ArchiveContentError:
    return ArchiveContentError(f"This archive is damaged: {what}", detail)


def read_date(value: object) -> dt.date | None:
    """A date as the app writes it (2026-11-30), or None when it is not one."""
    if not isinstance(value, str) or not _DATE_RE.match(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def read_time(value: object) -> dt.datetime | None:
    """A moment as the app writes it (ISO 8601 with its UTC offset), or None."""
    if not isinstance(value, str) or not _TIME_RE.match(value):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None or not MIN_YEAR <= when.year <= MAX_YEAR:
        return None
    return when


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(table: str, name: str, column: Column, value: object, row_no: int) -> None:
    where = f"{table}[{row_no}].{name}={str(value)[:80]!r}"
    what = _WHAT.get(table, "a row")
    if value is None:
        if column.nullable:
            return
        raise _damaged(f"a detail of {what} is empty where it may not be.", where)
    kind = column.kind
    if kind == "text":
        if not isinstance(value, str):
            raise _damaged(f"a detail of {what} is not text.", where)
        if len(value) > column.high:
            raise _damaged(f"{what} holds far more text than Second Opinion keeps.", where)
    elif kind == "date":
        if read_date(value) is None:
            raise _damaged(f"{what} has a date that does not exist or cannot be read.", where)
    elif kind == "time":
        if read_time(value) is None:
            raise _damaged(f"{what} has a time that cannot be read.", where)
    elif kind == "choice":
        if value not in column.choices:
            raise ArchiveContentError(NEWER, where)
    elif kind in ("id", "int", "link"):
        low, high = (1, MAX_ID) if kind == "link" else (column.low, column.high)
        if not _is_int(value):
            raise _damaged(f"a number of {what} is not a whole number.", where)
        assert isinstance(value, int)
        if not low <= value <= high:
            raise _damaged(f"a number of {what} is out of range.", where)
    elif kind == "file_name":
        if not isinstance(value, str) or not SAFE_FILE_NAME.match(value):
            raise _damaged("it names a scan in a way that is not allowed.", where)
    elif kind == "sha256":
        if not isinstance(value, str) or not _SHA256_RE.match(value):
            raise _damaged("a scan's checksum cannot be read.", where)
    else:  # pragma: no cover - a column described wrongly above
        raise AssertionError(f"unknown column kind {kind}")


def _rows(tables: Mapping[str, Any], table: str) -> list[Mapping[str, Any]]:
    rows = tables.get(table, [])
    return rows if isinstance(rows, list) else []


def check_case_tables(tables: Mapping[str, Any]) -> None:
    """Refuse, in words, an archive whose rows would not all go in and read back.

    Checks: the tables and columns are known; exactly one case; every value has the kind,
    range and length its column allows; ids do not repeat; keys that must be unique are; rows
    that belong to another row (a call to its doctor, a scan to its record) point at a row in
    the archive. Raises ArchiveContentError; returns None when everything is fine.
    """
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise ArchiveContentError(NEWER, f"tables {sorted(map(str, unknown))[:5]}")
    for table, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise _damaged("its data has the wrong shape.", table)
    cases = _rows(tables, "cases")
    if len(cases) != 1:
        raise ArchiveContentError(
            "This archive does not hold exactly one case, so it cannot be imported.",
            f"{len(cases)} cases",
        )
    ids: dict[str, set[int]] = {}
    for table, columns in TABLES.items():
        seen: set[int] = set()
        for row_no, row in enumerate(_rows(tables, table)):
            extra = [k for k in row if k not in columns]
            if extra:
                raise ArchiveContentError(NEWER, f"{table} columns {sorted(map(str, extra))[:5]}")
            for name, column in columns.items():
                if name not in row:
                    if column.required:
                        raise _damaged(
                            f"a detail of {_WHAT[table]} is missing.", f"{table}[{row_no}].{name}"
                        )
                    continue
                _check_value(table, name, column, row[name], row_no)
            if "id" in columns:
                if row["id"] in seen:
                    raise _damaged(
                        f"two rows of {_WHAT[table]} have the same number.",
                        f"{table} id {row['id']}",
                    )
                seen.add(row["id"])
        ids[table] = seen
    for table, columns in TABLES.items():
        for row_no, row in enumerate(_rows(tables, table)):
            for name, column in columns.items():
                value = row.get(name)
                if column.owner and value not in ids.get(column.table, set()):
                    raise _damaged(
                        f"{_WHAT[table]} belongs to something that is not in the archive.",
                        f"{table}[{row_no}].{name}={value!r}",
                    )
        for key in UNIQUE.get(table, ()):
            values = [
                tuple(row.get(c) for c in key)
                for row in _rows(tables, table)
                if all(row.get(c) is not None for c in key)
            ]
            if len(values) != len(set(values)):
                raise _damaged(f"{_WHAT[table]} is there twice.", f"{table} {key}")
