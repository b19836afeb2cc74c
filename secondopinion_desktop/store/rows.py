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
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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
    choice_reader,
    optional_choice_reader,
    stored_date,
    stored_int,
    stored_time,
)
from secondopinion_desktop.store.connection import Database, Parameters

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Clock = Callable[[], dt.datetime]
T = TypeVar("T")
R = TypeVar("R")  # what a row mapper makes of a row
D = TypeVar("D", bound="DataclassInstance")
E = TypeVar("E", bound=StrEnum)
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

    def _all(
        self, mapper: Callable[[dict[str, Any]], R], sql: str, params: Parameters = None
    ) -> list[R]:
        """Every row `sql` finds, each made into its value by `mapper` (a `*_from_row`)."""
        return [mapper(row) for row in self.db.query(sql, params)]

    def _where(
        self, mapper: RowMapper[D], where: str, params: Parameters, order_by: str
    ) -> list[D]:
        """The rows of the mapper's table that match `where`, in `order_by` order, as values
        (sqlite-utils' `rows_where`)."""
        sql = f"SELECT * FROM {mapper.table} WHERE {where} ORDER BY {order_by}"
        return mapper.many(self.db.rows(sql, params))  # no dict per row

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
    "decide_by",
    "decide_weeks",
    "decide_from",
    "decide_said_by",
)

DOCTOR_FIELDS = tuple(f.name for f in fields(Doctor) if f.name not in ("id", "case_id"))
RECORD_FIELDS = tuple(f.name for f in fields(RecordItem) if f.name not in ("id", "case_id"))
OPINION_FIELDS = tuple(f.name for f in fields(Opinion) if f.name not in ("id", "case_id", "round"))


def storable(value: Any) -> Any:
    """Dates as ISO text, enums as their value; everything else as it is."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def values_of(item: object, names: Iterable[str]) -> dict[str, Any]:
    """The named fields of `item` as they are stored (see `storable`)."""
    return {name: storable(getattr(item, name)) for name in names}


def doctor_values(doctor: Doctor) -> dict[str, Any]:
    return values_of(doctor, DOCTOR_FIELDS)


def record_values(item: RecordItem) -> dict[str, Any]:
    return values_of(item, RECORD_FIELDS)


def appointment_values(appointment: Appointment) -> dict[str, Any]:
    return {
        **values_of(appointment, ("doctor_id", "round", "starts_at", "place", "kind", "notes")),
        "team_members": "\n".join(appointment.team_members),
    }


def wanted_values(item: Wanted) -> dict[str, Any]:
    return {
        **values_of(item, ("title", "detail", "about", "about_id", "page")),
        "due_at": item.due_at.isoformat(timespec="seconds"),
    }


# Reading rows back: each column through the converter that never raises (stored_values.py).
Converter = Callable[[Any], Any]


def date_or_none(value: str | None) -> dt.date | None:
    return stored_date(value)


def dt_or_none(value: str | None) -> dt.datetime | None:
    return stored_time(value)


def choice(kind: type[E], default: E) -> Callable[[Any], E]:
    """A column holding one of `kind`, read as `default` when this version does not know it."""
    return choice_reader(kind, default)


def optional_choice(kind: type[E]) -> Callable[[Any], E | None]:
    """A column holding one of `kind` or nothing (an unknown value counts as nothing)."""
    return optional_choice_reader(kind)


def required_time(value: object) -> dt.datetime:
    """A time the row cannot be without: UnreadableRowError when it cannot be read."""
    when = stored_time(value)
    if when is None:
        raise UnreadableRowError("the time cannot be read")
    return when


def due_time(value: object) -> dt.datetime:
    return stored_time(value) or UNREADABLE_DUE


def done_time(value: object) -> dt.datetime | None:
    """When it was done; done at an unreadable time still counts as done (long ago)."""
    return stored_time(value) or (UNREADABLE_DUE if value else None)


def lines(value: str) -> tuple[str, ...]:
    return tuple(line for line in value.split("\n") if line)


class RowMapper(Generic[D]):
    """Builds a dataclass from a row: each field from the column of the same name, through
    the converter named for it (as it is when none is), so a mapper is its table of
    conversions and a new field needs only its column."""

    def __init__(self, cls: type[D], table: str, **converters: Converter) -> None:
        unknown = set(converters) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        if any(not f.init or f.kw_only is True for f in fields(cls)):
            raise TypeError(f"{cls.__name__}: every field must be given in order (`many`)")
        self._cls = cls
        self.table = table
        self._fields = tuple((f.name, converters.get(f.name)) for f in fields(cls))
        self.names = tuple(name for name, _ in self._fields)  # the columns it reads
        self._make = _filler(cls, self.names)

    def __call__(self, row: Mapping[str, Any] | sqlite3.Row) -> D:
        try:
            return self._cls(
                **{
                    name: row[name] if convert is None else convert(row[name])
                    for name, convert in self._fields
                }
            )
        except UnreadableRowError:
            for name, convert in self._fields:  # say which column could not be read
                try:
                    if convert is not None:
                        convert(row[name])
                except UnreadableRowError:
                    raise UnreadableRowError(f"{self.table} {row['id']}: {name}") from None
            raise

    def many(self, cursor: sqlite3.Cursor) -> list[D]:
        """Every row of a query, each made into a value, as `mapper(row)` makes it but a column
        at a time: a checklist of 2,000 items took 20 to 35 ms to read this way row by row, a
        third of it fetching and the rest calling converters and the class's __init__.

        Each converter is called once per distinct value of its column (`converted`), and
        each value is made by filling in its fields (`_filler`). Any row a converter cannot
        read is read again row by row, which raises as `mapper(row)` does, naming the column.

        The rows are fetched and made a slice of `MANY_SLICE` at a time: turning rows into
        columns, like letting go of a list of rows, is one call into C that keeps the
        interpreter's lock until it returns, and over 100,000 doctors on a worker each kept
        the window's thread waiting 60 to 170 ms.
        """
        columns = [description[0] for description in cursor.description or ()]
        if any(name not in columns for name in self.names):
            return [self(row) for row in cursor]  # a column is missing: say which, by name
        made: list[D] = []
        while rows := cursor.fetchmany(MANY_SLICE):
            made += self._columnwise(rows, columns)
        return made

    def _columnwise(self, rows: list[sqlite3.Row], columns: list[str]) -> list[D]:
        """`many` of a slice of rows that has every column this mapper reads."""
        by_column = list(zip(*rows, strict=True))
        try:
            values = [
                by_column[columns.index(name)]
                if convert is None
                else converted(by_column[columns.index(name)], convert)
                for name, convert in self._fields
            ]
        except Exception:
            return [self(row) for row in rows]  # raises for the first row it cannot read
        return list(map(self._make, zip(*values, strict=True)))


# Rows `RowMapper.many` turns into columns in one go: a few milliseconds of C each.
MANY_SLICE = 2_000

# The kinds of value whose equal values are the same value to every converter (a column with
# both 1 and 1.0 must not read 1.0 as 1 reads, so mixed numbers go value by value).
_STR_OR_NONE = frozenset({str, type(None)})
_INT_OR_NONE = frozenset({int, type(None)})


def converted(values: tuple[Any, ...], convert: Converter) -> list[Any]:
    """`convert` of each of a column's values, calling it once per distinct value: a column
    of dates or choices holds few (None above all), and converters are pure functions of
    the stored value (its text or number), so equal values read the same."""
    kinds = set(map(type, values))
    if kinds <= _STR_OR_NONE or kinds <= _INT_OR_NONE:
        each = {value: convert(value) for value in set(values)}
        return list(map(each.__getitem__, values))
    return list(map(convert, values))


def _filler(cls: type[D], names: tuple[str, ...]) -> Callable[[Iterable[Any]], D]:
    """What makes a value of `cls` from its fields' values in order. A dataclass's __init__
    sets each field through `object.__setattr__` (a frozen class refuses plain setting); for
    a plain dataclass (no __new__, __post_init__ or slots of its own) setting its fields in
    one go is the same and takes half the time."""
    plain = (
        cls.__new__ is object.__new__
        and not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
    )
    if not plain:
        return lambda values: cls(*values)
    new = object.__new__

    def make(values: Iterable[Any]) -> D:
        made: D = new(cls)
        made.__dict__.update(zip(names, values, strict=False))  # as many as names
        return made

    return make


UNKNOWN = choice(Answer, Answer.UNKNOWN)

case_from_row = RowMapper(
    Case,
    "cases",
    date_of_birth=stored_date,
    told_on=stored_date,
    decide_by=stored_date,
    decide_weeks=stored_int,
    decide_from=stored_date,
    referral_asked=UNKNOWN,
    referral_given=UNKNOWN,
)
doctor_from_row = RowMapper(
    Doctor,
    "doctors",
    role=choice(Role, Role.CANDIDATE),
    source=optional_choice(Source),
    board_certified=UNKNOWN,
    accepting_new_patients=UNKNOWN,
    wait_days=stored_int,
    accepts_insurance=UNKNOWN,
    referral_required=UNKNOWN,
    status=choice(Status, Status.CANDIDATE),
    insurance_basis=choice(InsuranceBasis, InsuranceBasis.ASKED),
)
call_from_row = RowMapper(Call, "calls")
appointment_from_row = RowMapper(
    Appointment,
    "appointments",
    starts_at=required_time,
    kind=choice(AppointmentKind, AppointmentKind.OTHER),
    team_members=lines,
)
todo_from_row = RowMapper(Todo, "todos")
record_from_row = RowMapper(
    RecordItem,
    "records",
    kind=choice(RecordKind, RecordKind.OTHER),
    delivery=optional_choice(Delivery),
    timing=choice(Timing, Timing.ASK),
    pages=stored_int,
    **dict.fromkeys(
        ("requested_on", "received_on", "sent_on", "confirmed_on", "returned_on"), stored_date
    ),
)
attachment_from_row = RowMapper(Attachment, "attachments")
question_from_row = RowMapper(
    Question, "questions", topic=choice(Topic, Topic.OWN), asked_on=stored_date
)
opinion_from_row = RowMapper(
    Opinion,
    "opinions",
    given_on=stored_date,
    outcome=optional_choice(Outcome),
)
round_from_row = RowMapper(RoundInfo, "rounds", doctors_talk_on=stored_date)
reminder_from_row = RowMapper(
    Reminder,
    "reminders",
    about=choice(About, About.CASE),
    due_at=due_time,
    snoozed_until=stored_time,
    done_at=done_time,
)
