"""What each table of a case archive may hold, column by column: the description that
domain/case_archive.py checks every row against.

Kept apart from the checking so that the rules (which kinds, which choices, how long a text
may be) read as one table, and a new column is one line here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Final

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
    "LINE_CHARS",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "NEWER",
    "NOTE_CHARS",
    "SAFE_FILE_NAME",
    "TABLES",
    "UNIQUE",
    "WHAT",
    "Column",
]

MAX_TEXT_CHARS: Final = 1_000_000  # a Column's default bound; every text column sets its own
MAX_KEY_CHARS: Final = 1_000
MAX_FILE_BYTES: Final = MAX_ATTACHMENT_BYTES  # one scan; a DICOM series file fits
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2200
MAX_ID: Final = 2**63 - 1
MAX_ROUND: Final = 1_000
SAFE_FILE_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
DATE_RE: Final = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", re.ASCII)
TIME_RE: Final = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"([+-][0-9]{2}:[0-9]{2}(:[0-9]{2})?|Z)$",
    re.ASCII,
)
SHA256_RE: Final = re.compile(r"^[0-9a-f]{64}$", re.ASCII)

# What a reminder's `about_id` points at, by its `about` (not a foreign key in the schema).
ABOUT_TABLES: Final = {
    "case": "cases",
    "doctor": "doctors",
    "call": "calls",
    "record": "records",
    "appointment": "appointments",
    "opinion": "opinions",
}


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
# How long a text may be: as long as the longest box the app has for that kind of text, and
# no longer (a doctors' list's cell, 500, fits a line too). An archive holding more was not
# made by the app; a 100,000-letter title went in and then filled every list and heading.
LINE_CHARS: Final = 2_000  # ui/forms.MAX_FIELD: every one-line box
NOTE_CHARS: Final = 20_000  # the notes of the case, doctor, record, call and opinion windows
STEP_NOTE_CHARS: Final = 100_000  # a step's notes (ui/pages/step_page.MAX_NOTES_LENGTH)
TEXT: Final = Column("text", high=LINE_CHARS)
TEXT_NEEDED: Final = Column("text", required=True, high=LINE_CHARS)
NOTE: Final = Column("text", high=NOTE_CHARS)
STEP_NOTE: Final = Column("text", high=STEP_NOTE_CHARS)
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
        "notes": NOTE,
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
        "notes": STEP_NOTE,
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
        "notes": NOTE,
        "insurance_basis": choice(InsuranceBasis),
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "calls": {
        "id": ID,
        "doctor_id": owned_by("doctors"),
        "called_at": STAMP,
        "answered_by": TEXT,
        "learned": NOTE,
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
        "notes": NOTE,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "todos": {
        "id": ID,
        "case_id": CASE_ID,
        "key": Column("text", required=True, high=MAX_KEY_CHARS),
        "title": TEXT_NEEDED,
        "detail": NOTE,
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
        "notes": NOTE,
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
        "reason": NOTE,
        "questions_suggested_at": STAMP_OR_NONE,
        "doctors_talk_on": DATE,
        "doctors_talk_note": TEXT,
    },
    "round_steps": {
        "case_id": CASE_ID,
        "round": number(1, MAX_ROUND, required=True),
        "step": number(1, 6, required=True),
        "done_at": STAMP_OR_NONE,
        "notes": STEP_NOTE,
    },
    "questions": {
        "id": ID,
        "case_id": CASE_ID,
        "round": number(2, MAX_ROUND),
        "position": POSITION,
        "text": TEXT_NEEDED,
        "topic": choice(Topic),
        "asked_on": DATE,
        "answer": NOTE,
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
        "diagnosis": NOTE,
        "treatment": NOTE,
        "tests_ordered": NOTE,
        "notes": NOTE,
        "outcome": choice(Outcome, nullable=True),
        "likes": NOTE,
        "worries": NOTE,
        "created_at": STAMP,
        "updated_at": STAMP,
    },
    "reminders": {
        "id": ID,
        "case_id": CASE_ID,
        "key": Column("text", nullable=True, high=MAX_KEY_CHARS),
        "title": TEXT_NEEDED,
        "detail": NOTE,
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

WHAT: Final = {
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
