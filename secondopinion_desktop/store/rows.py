"""What every repository module shares: row helpers, row <-> object mappers, the clock.

The repositories (cases.py, doctors.py, ...) are small classes over one aggregate each; the
SQL that is the same for all of them (insert a stamped row, update one, fetch exactly one) and
the conversions between rows and the domain's dataclasses live here, once.

The mappers never trust what they read (domain/stored_values.py): a date, time, choice or
number this version cannot read, left by an older version or a hand edit, is read as not
given or as the column's default, so one bad value never stops the app from starting. A visit
whose time cannot be read is left out of lists (`readable`), never shown at an invented time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields
from enum import StrEnum
from typing import Any, TypeVar

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind, Todo
from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import (
    Answer,
    Call,
    Doctor,
    InsuranceBasis,
    Role,
    Source,
    Status,
)
from secondopinion_desktop.domain.opinions import Opinion, Outcome, RoundInfo
from secondopinion_desktop.domain.questions import Question, Topic
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing
from secondopinion_desktop.domain.reminder_rules import Wanted
from secondopinion_desktop.domain.reminders import About, Reminder
from secondopinion_desktop.domain.stored_values import (
    stored_choice,
    stored_date,
    stored_int,
    stored_optional_choice,
    stored_time,
)
from secondopinion_desktop.store.connection import Database

Clock = Callable[[], dt.datetime]
T = TypeVar("T")
log = logging.getLogger(__name__)
# A reminder whose due time cannot be read is treated as due long ago: it shows at once
# (a derived one is moved to its right time by the next sync).
UNREADABLE_DUE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def system_clock() -> dt.datetime:
    """The wall clock, with the computer's UTC offset (tests pass a fake one instead)."""
    return dt.datetime.now(dt.UTC).astimezone()


def stamp(clock: Clock) -> str:
    """The clock's now as stored in created_at / updated_at columns."""
    return clock().isoformat(timespec="seconds")


class NotFoundError(LookupError):
    """The row asked for is not there (deleted meanwhile, or never existed)."""


class UnreadableRowError(NotFoundError):
    """The row is there but a value it cannot be without (a visit's time) cannot be read."""


def readable(
    rows: Iterable[Mapping[str, Any]], mapper: Callable[[Mapping[str, Any]], T]
) -> Iterator[T]:
    """The rows' objects, leaving out (and logging, by id only) rows that cannot be read."""
    for row in rows:
        try:
            yield mapper(row)
        except UnreadableRowError as exc:
            log.warning("left out a row that cannot be read: %s", exc)


def insert_row(db: Database, table: str, values: Mapping[str, Any], now: str) -> int:
    """Insert one row stamped created/updated `now`, in its own transaction; its new id."""
    row = {**values, "created_at": now, "updated_at": now}
    with db.atomic():
        cursor = db.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def update_row(db: Database, table: str, row_id: int, values: Mapping[str, Any], now: str) -> None:
    """Update one row and stamp it; NotFoundError when it is gone."""
    assignments = ", ".join(f"{name} = ?" for name in values)
    with db.atomic():
        cursor = db.execute(
            f"UPDATE {table} SET {assignments}, updated_at = ? WHERE id = ?",
            [*values.values(), now, row_id],
        )
    if cursor.rowcount == 0:
        raise NotFoundError(f"{table} {row_id}")


def one_row(db: Database, sql: str, params: Iterable[Any]) -> dict[str, Any]:
    """The first row the query returns; NotFoundError when there is none."""
    rows = list(db.query(sql, list(params)))
    if not rows:
        raise NotFoundError(sql)
    return rows[0]


class TableRepository:
    """Base of the per-aggregate repositories: the database, the clock, the shared helpers."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock

    def _now(self) -> str:
        return stamp(self.clock)

    def _insert(self, table: str, values: Mapping[str, Any]) -> int:
        return insert_row(self.db, table, values, self._now())

    def _update(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        update_row(self.db, table, row_id, values, self._now())

    def _one(self, sql: str, params: Iterable[Any]) -> dict[str, Any]:
        return one_row(self.db, sql, params)

    def touch_case(self, case_id: int) -> None:
        """Stamp the case as changed now (the case list shows what changed last)."""
        self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", [self._now(), case_id])


CASE_FIELDS = (
    "title",
    "patient_name",
    "date_of_birth",
    "diagnosis",
    "recommended_treatment",
    "insurance_plan",
    "insurance_member_id",
    "organiser_name",
    "organiser_phone",
    "notes",
    "told_doctor_id",
    "told_on",
    "hear_back",
    "referral_asked",
    "referral_given",
    "referral_to",
)

DOCTOR_FIELDS = tuple(f.name for f in fields(Doctor) if f.name not in ("id", "case_id"))


def case_from_row(row: Mapping[str, Any]) -> Case:
    return Case(
        id=row["id"],
        title=row["title"],
        patient_name=row["patient_name"],
        date_of_birth=stored_date(row["date_of_birth"]),
        diagnosis=row["diagnosis"],
        recommended_treatment=row["recommended_treatment"],
        insurance_plan=row["insurance_plan"],
        insurance_member_id=row["insurance_member_id"],
        organiser_name=row["organiser_name"],
        organiser_phone=row["organiser_phone"],
        notes=row["notes"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        told_doctor_id=row["told_doctor_id"],
        told_on=stored_date(row["told_on"]),
        hear_back=row["hear_back"],
        referral_asked=stored_choice(Answer, row["referral_asked"], Answer.UNKNOWN),
        referral_given=stored_choice(Answer, row["referral_given"], Answer.UNKNOWN),
        referral_to=row["referral_to"],
    )


def storable(value: Any) -> Any:
    """Dates as ISO text, enums as their value; everything else as it is."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def doctor_from_row(row: Mapping[str, Any]) -> Doctor:
    return Doctor(
        id=row["id"],
        case_id=row["case_id"],
        name=row["name"],
        role=stored_choice(Role, row["role"], Role.CANDIDATE),
        specialty=row["specialty"],
        practice=row["practice"],
        address=row["address"],
        phone=row["phone"],
        fax=row["fax"],
        source=stored_optional_choice(Source, row["source"]),
        source_detail=row["source_detail"],
        board_certified=stored_choice(Answer, row["board_certified"], Answer.UNKNOWN),
        board_checked_on=row["board_checked_on"],
        accepting_new_patients=stored_choice(Answer, row["accepting_new_patients"], Answer.UNKNOWN),
        wait_days=stored_int(row["wait_days"]),
        accepts_insurance=stored_choice(Answer, row["accepts_insurance"], Answer.UNKNOWN),
        referral_required=stored_choice(Answer, row["referral_required"], Answer.UNKNOWN),
        status=stored_choice(Status, row["status"], Status.CANDIDATE),
        notes=row["notes"],
        insurance_basis=stored_choice(InsuranceBasis, row["insurance_basis"], InsuranceBasis.ASKED),
    )


def doctor_values(doctor: Doctor) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in DOCTOR_FIELDS:
        values[name] = storable(getattr(doctor, name))
    return values


def call_from_row(row: Mapping[str, Any]) -> Call:
    return Call(
        id=row["id"],
        doctor_id=row["doctor_id"],
        called_at=row["called_at"],
        answered_by=row["answered_by"],
        learned=row["learned"],
        call_back_on=row["call_back_on"],
    )


def appointment_values(appointment: Appointment) -> dict[str, Any]:
    return {
        "doctor_id": appointment.doctor_id,
        "round": appointment.round,
        "starts_at": appointment.starts_at.isoformat(),
        "place": appointment.place,
        "kind": appointment.kind.value,
        "team_members": "\n".join(appointment.team_members),
        "notes": appointment.notes,
    }


def appointment_from_row(row: Mapping[str, Any]) -> Appointment:
    starts_at = stored_time(row["starts_at"])
    if starts_at is None:
        raise UnreadableRowError(f"appointments {row['id']}: starts_at")
    return Appointment(
        id=row["id"],
        case_id=row["case_id"],
        doctor_id=row["doctor_id"],
        round=row["round"],
        starts_at=starts_at,
        place=row["place"],
        kind=stored_choice(AppointmentKind, row["kind"], AppointmentKind.OTHER),
        team_members=tuple(m for m in row["team_members"].split("\n") if m),
        notes=row["notes"],
    )


def todo_from_row(row: Mapping[str, Any]) -> Todo:
    return Todo(
        id=row["id"],
        case_id=row["case_id"],
        key=row["key"],
        title=row["title"],
        detail=row["detail"],
        done_at=row["done_at"],
    )


RECORD_FIELDS = tuple(f.name for f in fields(RecordItem) if f.name not in ("id", "case_id"))


def date_or_none(value: str | None) -> dt.date | None:
    return stored_date(value)


def record_from_row(row: Mapping[str, Any]) -> RecordItem:
    return RecordItem(
        id=row["id"],
        case_id=row["case_id"],
        title=row["title"],
        kind=stored_choice(RecordKind, row["kind"], RecordKind.OTHER),
        position=row["position"],
        holder_doctor_id=row["holder_doctor_id"],
        holder_text=row["holder_text"],
        recipient_doctor_id=row["recipient_doctor_id"],
        recipient_text=row["recipient_text"],
        delivery=stored_optional_choice(Delivery, row["delivery"]),
        timing=stored_choice(Timing, row["timing"], Timing.ASK),
        pages=stored_int(row["pages"]),
        requested_on=date_or_none(row["requested_on"]),
        received_on=date_or_none(row["received_on"]),
        sent_on=date_or_none(row["sent_on"]),
        confirmed_on=date_or_none(row["confirmed_on"]),
        confirmed_by=row["confirmed_by"],
        returned_on=date_or_none(row["returned_on"]),
        notes=row["notes"],
    )


def record_values(item: RecordItem) -> dict[str, Any]:
    return {name: storable(getattr(item, name)) for name in RECORD_FIELDS}


def attachment_from_row(row: Mapping[str, Any]) -> Attachment:
    return Attachment(
        id=row["id"],
        record_id=row["record_id"],
        file_name=row["file_name"],
        original_name=row["original_name"],
        size=row["size"],
        sha256=row["sha256"],
        added_at=row["added_at"],
    )


def dt_or_none(value: str | None) -> dt.datetime | None:
    return stored_time(value)


def question_from_row(row: Mapping[str, Any]) -> Question:
    return Question(
        id=row["id"],
        case_id=row["case_id"],
        text=row["text"],
        round=row["round"],
        position=row["position"],
        topic=stored_choice(Topic, row["topic"], Topic.OWN),
        asked_on=date_or_none(row["asked_on"]),
        answer=row["answer"],
    )


OPINION_FIELDS = tuple(f.name for f in fields(Opinion) if f.name not in ("id", "case_id", "round"))


def opinion_from_row(row: Mapping[str, Any]) -> Opinion:
    return Opinion(
        id=row["id"],
        case_id=row["case_id"],
        round=row["round"],
        doctor_id=row["doctor_id"],
        doctor_name=row["doctor_name"],
        given_on=date_or_none(row["given_on"]),
        diagnosis=row["diagnosis"],
        treatment=row["treatment"],
        tests_ordered=row["tests_ordered"],
        notes=row["notes"],
        outcome=stored_optional_choice(Outcome, row["outcome"]),
        likes=row["likes"],
        worries=row["worries"],
    )


def round_from_row(row: Mapping[str, Any]) -> RoundInfo:
    return RoundInfo(
        case_id=row["case_id"],
        round=row["round"],
        started_at=row["started_at"],
        reason=row["reason"],
        questions_suggested_at=row["questions_suggested_at"],
        doctors_talk_on=date_or_none(row["doctors_talk_on"]),
        doctors_talk_note=row["doctors_talk_note"],
    )


def reminder_from_row(row: Mapping[str, Any]) -> Reminder:
    return Reminder(
        id=row["id"],
        case_id=row["case_id"],
        key=row["key"],
        title=row["title"],
        detail=row["detail"],
        about=stored_choice(About, row["about"], About.CASE),
        about_id=row["about_id"],
        page=row["page"],
        due_at=stored_time(row["due_at"]) or UNREADABLE_DUE,
        snoozed_until=stored_time(row["snoozed_until"]),
        done_at=stored_time(row["done_at"]) or (UNREADABLE_DUE if row["done_at"] else None),
    )


def wanted_values(item: Wanted) -> dict[str, Any]:
    return {
        "title": item.title,
        "detail": item.detail,
        "about": item.about.value,
        "about_id": item.about_id,
        "page": item.page,
        "due_at": item.due_at.isoformat(timespec="seconds"),
    }
