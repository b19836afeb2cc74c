"""The only place SQL lives: loading and saving the domain objects.

Every write runs in its own transaction (`db.atomic()`), so an edit is on disk the moment a
method returns; there is no Save button to forget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind, Todo
from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.cases import Case, StepProgress, clean_title
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.domain.opinions import (
    STEPS_REDONE_IN_A_NEW_ROUND,
    Opinion,
    Outcome,
    RoundInfo,
    records_for_new_round,
)
from secondopinion_desktop.domain.questions import Question, Topic, carried_over, starter_questions
from secondopinion_desktop.domain.record_entry import suggested_records
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing
from secondopinion_desktop.domain.reminder_rules import (
    ReminderFacts,
    Wanted,
    derive_reminders,
    plan_sync,
)
from secondopinion_desktop.domain.reminders import About, Reminder
from secondopinion_desktop.domain.steps import STEP_COUNT
from secondopinion_desktop.store.connection import Database

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC).astimezone()


class NotFoundError(LookupError):
    """The row asked for is not there (deleted meanwhile, or never existed)."""


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


def _case_from_row(row: Mapping[str, Any]) -> Case:
    dob = row["date_of_birth"]
    return Case(
        id=row["id"],
        title=row["title"],
        patient_name=row["patient_name"],
        date_of_birth=dt.date.fromisoformat(dob) if dob else None,
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
        told_on=dt.date.fromisoformat(row["told_on"]) if row["told_on"] else None,
        hear_back=row["hear_back"],
        referral_asked=Answer(row["referral_asked"]),
        referral_given=Answer(row["referral_given"]),
        referral_to=row["referral_to"],
    )


def _storable(value: Any) -> Any:
    """Dates as ISO text, enums as their value; everything else as it is."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def _doctor_from_row(row: Mapping[str, Any]) -> Doctor:
    return Doctor(
        id=row["id"],
        case_id=row["case_id"],
        name=row["name"],
        role=Role(row["role"]),
        specialty=row["specialty"],
        practice=row["practice"],
        address=row["address"],
        phone=row["phone"],
        fax=row["fax"],
        source=Source(row["source"]) if row["source"] else None,
        source_detail=row["source_detail"],
        board_certified=Answer(row["board_certified"]),
        board_checked_on=row["board_checked_on"],
        accepting_new_patients=Answer(row["accepting_new_patients"]),
        wait_days=row["wait_days"],
        accepts_insurance=Answer(row["accepts_insurance"]),
        referral_required=Answer(row["referral_required"]),
        status=Status(row["status"]),
        notes=row["notes"],
    )


def _doctor_values(doctor: Doctor) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in DOCTOR_FIELDS:
        values[name] = _storable(getattr(doctor, name))
    return values


def _call_from_row(row: Mapping[str, Any]) -> Call:
    return Call(
        id=row["id"],
        doctor_id=row["doctor_id"],
        called_at=row["called_at"],
        answered_by=row["answered_by"],
        learned=row["learned"],
        call_back_on=row["call_back_on"],
    )


def _appointment_values(appointment: Appointment) -> dict[str, Any]:
    return {
        "doctor_id": appointment.doctor_id,
        "round": appointment.round,
        "starts_at": appointment.starts_at.isoformat(),
        "place": appointment.place,
        "kind": appointment.kind.value,
        "team_members": "\n".join(appointment.team_members),
        "notes": appointment.notes,
    }


def _appointment_from_row(row: Mapping[str, Any]) -> Appointment:
    return Appointment(
        id=row["id"],
        case_id=row["case_id"],
        doctor_id=row["doctor_id"],
        round=row["round"],
        starts_at=dt.datetime.fromisoformat(row["starts_at"]),
        place=row["place"],
        kind=AppointmentKind(row["kind"]),
        team_members=tuple(m for m in row["team_members"].split("\n") if m),
        notes=row["notes"],
    )


def _todo_from_row(row: Mapping[str, Any]) -> Todo:
    return Todo(
        id=row["id"],
        case_id=row["case_id"],
        key=row["key"],
        title=row["title"],
        detail=row["detail"],
        done_at=row["done_at"],
    )


RECORD_FIELDS = tuple(f.name for f in fields(RecordItem) if f.name not in ("id", "case_id"))


def _date_or_none(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _record_from_row(row: Mapping[str, Any]) -> RecordItem:
    return RecordItem(
        id=row["id"],
        case_id=row["case_id"],
        title=row["title"],
        kind=RecordKind(row["kind"]),
        position=row["position"],
        holder_doctor_id=row["holder_doctor_id"],
        holder_text=row["holder_text"],
        recipient_doctor_id=row["recipient_doctor_id"],
        recipient_text=row["recipient_text"],
        delivery=Delivery(row["delivery"]) if row["delivery"] else None,
        timing=Timing(row["timing"]),
        pages=row["pages"],
        requested_on=_date_or_none(row["requested_on"]),
        received_on=_date_or_none(row["received_on"]),
        sent_on=_date_or_none(row["sent_on"]),
        confirmed_on=_date_or_none(row["confirmed_on"]),
        confirmed_by=row["confirmed_by"],
        returned_on=_date_or_none(row["returned_on"]),
        notes=row["notes"],
    )


def _record_values(item: RecordItem) -> dict[str, Any]:
    return {name: _storable(getattr(item, name)) for name in RECORD_FIELDS}


def _attachment_from_row(row: Mapping[str, Any]) -> Attachment:
    return Attachment(
        id=row["id"],
        record_id=row["record_id"],
        file_name=row["file_name"],
        original_name=row["original_name"],
        size=row["size"],
        sha256=row["sha256"],
        added_at=row["added_at"],
    )


def _dt_or_none(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _question_from_row(row: Mapping[str, Any]) -> Question:
    return Question(
        id=row["id"],
        case_id=row["case_id"],
        text=row["text"],
        round=row["round"],
        position=row["position"],
        topic=Topic(row["topic"]),
        asked_on=_date_or_none(row["asked_on"]),
        answer=row["answer"],
    )


OPINION_FIELDS = tuple(f.name for f in fields(Opinion) if f.name not in ("id", "case_id", "round"))


def _opinion_from_row(row: Mapping[str, Any]) -> Opinion:
    return Opinion(
        id=row["id"],
        case_id=row["case_id"],
        round=row["round"],
        doctor_id=row["doctor_id"],
        doctor_name=row["doctor_name"],
        given_on=_date_or_none(row["given_on"]),
        diagnosis=row["diagnosis"],
        treatment=row["treatment"],
        tests_ordered=row["tests_ordered"],
        notes=row["notes"],
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        likes=row["likes"],
        worries=row["worries"],
    )


def _round_from_row(row: Mapping[str, Any]) -> RoundInfo:
    return RoundInfo(
        case_id=row["case_id"],
        round=row["round"],
        started_at=row["started_at"],
        reason=row["reason"],
        questions_suggested_at=row["questions_suggested_at"],
        doctors_talk_on=_date_or_none(row["doctors_talk_on"]),
        doctors_talk_note=row["doctors_talk_note"],
    )


def _reminder_from_row(row: Mapping[str, Any]) -> Reminder:
    return Reminder(
        id=row["id"],
        case_id=row["case_id"],
        key=row["key"],
        title=row["title"],
        detail=row["detail"],
        about=About(row["about"]),
        about_id=row["about_id"],
        page=row["page"],
        due_at=dt.datetime.fromisoformat(row["due_at"]),
        snoozed_until=_dt_or_none(row["snoozed_until"]),
        done_at=_dt_or_none(row["done_at"]),
    )


def _wanted_values(item: Wanted) -> dict[str, Any]:
    return {
        "title": item.title,
        "detail": item.detail,
        "about": item.about.value,
        "about_id": item.about_id,
        "page": item.page,
        "due_at": item.due_at.isoformat(timespec="seconds"),
    }


# What a reminder's `about_id` points at, by its `about` (used when a case is imported).
ABOUT_TABLES = {
    "case": "cases",
    "doctor": "doctors",
    "call": "calls",
    "record": "records",
    "appointment": "appointments",
    "opinion": "opinions",
}


class Repository:
    """Loads and saves cases, step progress, doctors and calls."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self._clock = clock

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _insert(self, table: str, values: Mapping[str, Any]) -> int:
        """Insert one row stamped created/updated now, in its own transaction; its new id."""
        now = self._now()
        row = {**values, "created_at": now, "updated_at": now}
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _update(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        """Update one row and stamp it; NotFoundError when it is gone."""
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE {table} SET {assignments}, updated_at = ? WHERE id = ?",
                [*values.values(), self._now(), row_id],
            )
        if cursor.rowcount == 0:
            raise NotFoundError(f"{table} {row_id}")

    def _one(self, sql: str, params: Iterable[Any]) -> dict[str, Any]:
        rows = list(self.db.query(sql, list(params)))
        if not rows:
            raise NotFoundError(sql)
        return rows[0]

    # --- cases ---------------------------------------------------------------------------

    def list_cases(self) -> list[Case]:
        rows = self.db.query("SELECT * FROM cases ORDER BY title COLLATE NOCASE, id")
        return [_case_from_row(r) for r in rows]

    def get_case(self, case_id: int) -> Case:
        return _case_from_row(self._one("SELECT * FROM cases WHERE id = ?", [case_id]))

    def create_case(self, title: str, **details: Any) -> Case:
        unknown = set(details) - set(CASE_FIELDS)
        if unknown:
            raise TypeError(f"unknown case fields: {sorted(unknown)}")
        defaults = Case(id=0, title=title)
        values: dict[str, Any] = {name: getattr(defaults, name) for name in CASE_FIELDS}
        values.update(details)
        values["title"] = clean_title(title)
        return self.get_case(
            self._insert("cases", {name: _storable(values[name]) for name in CASE_FIELDS})
        )

    def update_case(self, case: Case) -> Case:
        """Save every detail of the case; returns it as stored."""
        values = {name: _storable(getattr(case, name)) for name in CASE_FIELDS}
        values["title"] = clean_title(case.title)
        self._update("cases", case.id, values)
        return self.get_case(case.id)

    def rename_case(self, case_id: int, title: str) -> Case:
        return self.update_case(replace(self.get_case(case_id), title=title))

    def delete_case(self, case_id: int) -> None:
        """Delete the case and, through foreign keys, everything that belongs to it."""
        with self.db.atomic():
            self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])

    # --- step progress -------------------------------------------------------------------

    def step_progress(self, case_id: int) -> dict[int, StepProgress]:
        """Progress for all six steps; steps never touched come back as not done."""
        progress = {n: StepProgress(step=n) for n in range(1, STEP_COUNT + 1)}
        rows = self.db.query(
            "SELECT step, done_at, notes FROM step_progress WHERE case_id = ?", [case_id]
        )
        for row in rows:
            progress[row["step"]] = StepProgress(row["step"], row["done_at"], row["notes"])
        return progress

    def done_steps(self, case_id: int) -> set[int]:
        return {n for n, p in self.step_progress(case_id).items() if p.done}

    def set_step_done(self, case_id: int, step: int, done: bool) -> StepProgress:
        done_at = self._now() if done else None
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO step_progress (case_id, step, done_at) VALUES (?, ?, ?) "
                "ON CONFLICT (case_id, step) DO UPDATE SET done_at = excluded.done_at",
                [case_id, step, done_at],
            )
            self._touch_case(case_id)
        return self.step_progress(case_id)[step]

    def set_step_notes(self, case_id: int, step: int, notes: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO step_progress (case_id, step, notes) VALUES (?, ?, ?) "
                "ON CONFLICT (case_id, step) DO UPDATE SET notes = excluded.notes",
                [case_id, step, notes],
            )
            self._touch_case(case_id)

    def _touch_case(self, case_id: int) -> None:
        self.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", [self._now(), case_id])

    # --- doctors -------------------------------------------------------------------------

    def list_doctors(self, case_id: int, role: Role | None = None) -> list[Doctor]:
        if role is None:
            rows = self.db.query("SELECT * FROM doctors WHERE case_id = ? ORDER BY id", [case_id])
        else:
            rows = self.db.query(
                "SELECT * FROM doctors WHERE case_id = ? AND role = ? ORDER BY id",
                [case_id, role.value],
            )
        return [_doctor_from_row(r) for r in rows]

    def get_doctor(self, doctor_id: int) -> Doctor:
        return _doctor_from_row(self._one("SELECT * FROM doctors WHERE id = ?", [doctor_id]))

    def add_doctor(self, doctor: Doctor) -> Doctor:
        """Insert the doctor (its id is ignored) and return it with its new id."""
        return self.get_doctor(
            self._insert("doctors", {"case_id": doctor.case_id, **_doctor_values(doctor)})
        )

    def update_doctor(self, doctor: Doctor) -> Doctor:
        self._update("doctors", doctor.id, _doctor_values(doctor))
        return self.get_doctor(doctor.id)

    def add_doctors(self, doctors: Iterable[Doctor]) -> int:
        """Insert many doctors in one transaction (an import); returns how many."""
        now = self._now()
        rows = [
            {"case_id": d.case_id, **_doctor_values(d), "created_at": now, "updated_at": now}
            for d in doctors
        ]
        if not rows:
            return 0
        columns = list(rows[0])
        with self.db.atomic():
            self.db.conn.executemany(
                f"INSERT INTO doctors ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)})",
                rows,
            )
        return len(rows)

    def delete_doctor(self, doctor_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM doctors WHERE id = ?", [doctor_id])

    # --- calls ---------------------------------------------------------------------------

    def add_call(self, call: Call) -> Call:
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO calls (doctor_id, called_at, answered_by, learned, call_back_on) "
                "VALUES (?, ?, ?, ?, ?)",
                [call.doctor_id, call.called_at, call.answered_by, call.learned, call.call_back_on],
            )
            call_id = cursor.lastrowid
        assert call_id is not None
        return _call_from_row(self._one("SELECT * FROM calls WHERE id = ?", [call_id]))

    def list_calls(self, doctor_id: int) -> list[Call]:
        rows = self.db.query(
            "SELECT * FROM calls WHERE doctor_id = ? ORDER BY called_at, id", [doctor_id]
        )
        return [_call_from_row(r) for r in rows]

    def delete_call(self, call_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM calls WHERE id = ?", [call_id])

    # --- appointments --------------------------------------------------------------------

    def add_appointment(self, appointment: Appointment) -> Appointment:
        values = {"case_id": appointment.case_id, **_appointment_values(appointment)}
        return self.get_appointment(self._insert("appointments", values))

    def get_appointment(self, appointment_id: int) -> Appointment:
        row = self._one("SELECT * FROM appointments WHERE id = ?", [appointment_id])
        return _appointment_from_row(row)

    def update_appointment(self, appointment: Appointment) -> Appointment:
        self._update("appointments", appointment.id, _appointment_values(appointment))
        return self.get_appointment(appointment.id)

    def delete_appointment(self, appointment_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM appointments WHERE id = ?", [appointment_id])

    def list_appointments(self, case_id: int) -> list[Appointment]:
        rows = self.db.query(
            "SELECT * FROM appointments WHERE case_id = ? ORDER BY starts_at, id", [case_id]
        )
        return [_appointment_from_row(r) for r in rows]

    def opinion_appointment(self, case_id: int, round_: int | None = None) -> Appointment | None:
        """The visit for this round (the case's current round unless named), if any."""
        rows = list(
            self.db.query(
                "SELECT * FROM appointments WHERE case_id = ? AND round = "
                "coalesce(?, (SELECT current_round FROM cases WHERE id = ?)) "
                "AND kind != 'other' ORDER BY id DESC LIMIT 1",
                [case_id, round_, case_id],
            )
        )
        return _appointment_from_row(rows[0]) if rows else None

    # --- to-dos --------------------------------------------------------------------------

    def ensure_todo(self, case_id: int, key: str, title: str, detail: str = "") -> Todo:
        """Add the to-do once; if it exists, refresh its wording but keep whether it is done."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO todos (case_id, key, title, detail, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, key) DO UPDATE SET "
                "title = excluded.title, detail = excluded.detail",
                [case_id, key, title, detail, self._now()],
            )
        row = self._one("SELECT * FROM todos WHERE case_id = ? AND key = ?", [case_id, key])
        return _todo_from_row(row)

    def list_todos(self, case_id: int) -> list[Todo]:
        rows = self.db.query(
            "SELECT * FROM todos WHERE case_id = ? ORDER BY done_at IS NOT NULL, id", [case_id]
        )
        return [_todo_from_row(r) for r in rows]

    def set_todo_done(self, todo_id: int, done: bool) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE todos SET done_at = ? WHERE id = ?",
                [self._now() if done else None, todo_id],
            )

    def delete_todo(self, todo_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM todos WHERE id = ?", [todo_id])

    # --- whole-case export and import ----------------------------------------------------
    # Driven by the schema's foreign keys, so tables added by later migrations come along
    # without changes here: a table belongs to a case when it cascades from one that does.

    def _user_tables(self) -> list[str]:
        rows = self.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        )
        return [r["name"] for r in rows]

    def _foreign_keys(self, table: str) -> list[tuple[str, str, bool]]:
        """(column, parent table, owned) for each foreign key; owned = ON DELETE CASCADE."""
        rows = self.db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        return [(row[3], row[2], row[6] == "CASCADE") for row in rows]

    def table_columns(self, table: str) -> dict[str, bool]:
        """Column name -> whether it may be left out (nullable or has a default)."""
        rows = self.db.execute(f'PRAGMA table_info("{table}")').fetchall()
        return {row[1]: (not row[3]) or row[4] is not None or bool(row[5]) for row in rows}

    def case_tables_in_order(self) -> list[str]:
        """Tables holding a case's data, each after the tables it belongs to."""
        order = ["cases"]
        pending = [t for t in self._user_tables() if t != "cases"]
        progress = True
        while progress:
            progress = False
            for table in list(pending):
                owners = [p for _c, p, owned in self._foreign_keys(table) if owned]
                if owners and all(p in order for p in owners):
                    order.append(table)
                    pending.remove(table)
                    progress = True
        return order

    def export_case_rows(self, case_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row that belongs to the case, table by table (for a case archive)."""
        tables: dict[str, list[dict[str, Any]]] = {}
        ids: dict[str, list[int]] = {}
        for table in self.case_tables_in_order():
            if table == "cases":
                rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
                if not rows:
                    raise NotFoundError(f"case {case_id}")
            else:
                rows = []
                for column, parent, owned in self._foreign_keys(table):
                    if not owned or not ids.get(parent):
                        continue
                    wanted = ids[parent]
                    for start in range(0, len(wanted), 500):
                        chunk = wanted[start : start + 500]
                        marks = ", ".join("?" for _ in chunk)
                        rows += list(
                            self.db.query(
                                f'SELECT * FROM "{table}" WHERE "{column}" IN ({marks}) '
                                "ORDER BY rowid",
                                chunk,
                            )
                        )
                    break
            tables[table] = rows
            ids[table] = [r["id"] for r in rows if "id" in r]
        return tables

    def import_case_rows(self, tables: Mapping[str, list[dict[str, Any]]]) -> int:
        """Insert a case from an archive with fresh ids, in one transaction; returns its id.

        Raises ValueError (words for the person) when the rows do not fit this database.
        """
        order = self.case_tables_in_order()
        unknown = set(tables) - set(order)
        if unknown:
            raise ValueError(
                "This archive holds data this version of Second Opinion does not know."
            )
        if len(tables.get("cases", [])) != 1:
            raise ValueError("This archive does not hold exactly one case.")
        new_ids: dict[str, dict[int, int]] = {}
        deferred: list[tuple[str, int, str, str, int]] = []
        with self.db.atomic():
            for table in order:
                columns = self.table_columns(table)
                keys = self._foreign_keys(table)
                new_ids[table] = {}
                for source in tables.get(table, []):
                    row = dict(source)
                    old_id = row.pop("id", None)
                    has_id = "id" in columns
                    if has_id and (not isinstance(old_id, int) or isinstance(old_id, bool)):
                        raise ValueError("This archive is damaged: a row has no number.")
                    extra = set(row) - set(columns)
                    if extra:
                        raise ValueError(
                            "This archive was made by a newer version of Second Opinion."
                        )
                    missing = [
                        c
                        for c, optional in columns.items()
                        if c != "id" and not optional and c not in row
                    ]
                    if missing:
                        raise ValueError("This archive is damaged: some details are missing.")
                    later: list[tuple[str, str, int]] = []
                    for column, parent, owned in keys:
                        value = row.get(column)
                        if value is None:
                            continue
                        if not isinstance(value, int) or isinstance(value, bool):
                            raise ValueError("This archive is damaged: a link is not a number.")
                        if parent in new_ids and parent != table and value in new_ids[parent]:
                            row[column] = new_ids[parent][value]
                        elif owned:
                            raise ValueError("This archive is damaged: a link points nowhere.")
                        else:
                            row[column] = None
                            later.append((column, parent, value))
                    if table == "cases":
                        row["title"] = self._unused_title(str(row.get("title") or "Imported"))
                    names = list(row)  # checked against the table's columns above
                    quoted = ", ".join(f'"{n}"' for n in names)
                    cursor = self.db.execute(
                        f'INSERT INTO "{table}" ({quoted}) '
                        f"VALUES ({', '.join('?' for _ in names)})",
                        [row[n] for n in names],
                    )
                    assert cursor.lastrowid is not None
                    if has_id:
                        new_ids[table][int(old_id)] = cursor.lastrowid
                    deferred += [(table, cursor.lastrowid, c, p, v) for c, p, v in later]
                    about = row.get("about")
                    if table == "reminders" and isinstance(about, str) and row.get("about_id"):
                        # not a foreign key: which table it points into depends on `about`
                        parent = ABOUT_TABLES.get(about, "")
                        deferred.append(
                            (table, cursor.lastrowid, "about_id", parent, row["about_id"])
                        )
            for table, row_id, column, parent, old in deferred:
                target = new_ids.get(parent, {}).get(old)
                self.db.execute(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', [target, row_id]
                )
        return next(iter(new_ids["cases"].values()))

    def _unused_title(self, title: str) -> str:
        taken = {c.title for c in self.list_cases()}
        if title not in taken:
            return title
        for n in range(2, 1000):
            candidate = f"{title} (imported {n})" if n > 2 else f"{title} (imported)"
            if candidate not in taken:
                return candidate
        return f"{title} (imported)"

    # --- summaries -----------------------------------------------------------------------

    def case_counts(self, case_id: int) -> dict[str, int]:
        """Counts the step pages show ('4 candidate doctors, 3 calls logged')."""
        rows = list(
            self.db.query(
                """
                SELECT
                  (SELECT count(*) FROM doctors WHERE case_id = :c AND role = 'candidate')
                    AS candidates,
                  (SELECT count(*) FROM doctors WHERE case_id = :c AND role != 'candidate')
                    AS treating,
                  (SELECT count(*) FROM calls JOIN doctors ON doctors.id = calls.doctor_id
                     WHERE doctors.case_id = :c) AS calls,
                  (SELECT count(*) FROM doctors WHERE case_id = :c AND status = 'booked')
                    AS booked,
                  (SELECT count(*) FROM doctors WHERE case_id = :c AND status = 'ruled_out')
                    AS ruled_out
                """,
                {"c": case_id},
            )
        )
        return {k: int(v) for k, v in rows[0].items()}

    # --- records -------------------------------------------------------------------------

    def today(self) -> dt.date:
        """Today by the repository's clock (tests set it), for due dates and date checks."""
        return self._clock().date()

    def data_folder(self) -> Path | None:
        """The folder holding the database file (attachments live beside it); None in memory."""
        for row in self.db.execute("PRAGMA database_list").fetchall():
            if row[1] == "main" and row[2]:
                return Path(row[2]).parent
        return None

    def list_records(self, case_id: int) -> list[RecordItem]:
        rows = self.db.query(
            "SELECT * FROM records WHERE case_id = ? ORDER BY position, id", [case_id]
        )
        return [_record_from_row(r) for r in rows]

    def get_record(self, record_id: int) -> RecordItem:
        return _record_from_row(self._one("SELECT * FROM records WHERE id = ?", [record_id]))

    def _insert_record(self, item: RecordItem, keep_id: bool) -> int:
        values = _record_values(item)
        if values["position"] <= 0:
            values["position"] = self.db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM records WHERE case_id = ?",
                [item.case_id],
            ).fetchone()[0]
        now = self._now()
        columns = ["case_id", *values, "created_at", "updated_at"]
        params = [item.case_id, *values.values(), now, now]
        if keep_id:
            columns.insert(0, "id")
            params.insert(0, item.id)
        cursor = self.db.execute(
            f"INSERT INTO records ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            params,
        )
        record_id = cursor.lastrowid
        assert record_id is not None
        return record_id

    def add_record(self, item: RecordItem) -> RecordItem:
        """Insert the item (its id is ignored; position 0 puts it last) and return it."""
        with self.db.atomic():
            record_id = self._insert_record(item, keep_id=False)
            self._touch_case(item.case_id)
        return self.get_record(record_id)

    def restore_record(self, item: RecordItem, attachments: Iterable[Attachment] = ()) -> None:
        """Put back a removed item under its old id, with its attachment rows (for undo)."""
        with self.db.atomic():
            self._insert_record(item, keep_id=True)
            for attachment in attachments:
                self.db.execute(
                    "INSERT INTO attachments (id, record_id, file_name, original_name, size, "
                    "sha256, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        attachment.id,
                        item.id,
                        attachment.file_name,
                        attachment.original_name,
                        attachment.size,
                        attachment.sha256,
                        attachment.added_at,
                    ],
                )
            self._touch_case(item.case_id)

    def update_record(self, item: RecordItem) -> RecordItem:
        with self.db.atomic():
            self._update("records", item.id, _record_values(item))
            self._touch_case(item.case_id)
        return self.get_record(item.id)

    def delete_record(self, record_id: int) -> list[Attachment]:
        """Delete the item; returns its attachment rows (now gone) so their copies can go too."""
        with self.db.atomic():
            attachments = self.list_attachments(record_id)
            self.db.execute("DELETE FROM records WHERE id = ?", [record_id])
        return attachments

    def ensure_default_records(self, case_id: int) -> list[RecordItem]:
        """Suggest the usual items once per case, the first time its checklist is shown.

        Only a case with no items gets them; the case remembers that it was offered them, so
        items the person removed do not come back.
        """
        with self.db.atomic():
            row = self._one("SELECT records_suggested_at FROM cases WHERE id = ?", [case_id])
            if row["records_suggested_at"] is None:
                has_items = self.db.execute(
                    "SELECT count(*) FROM records WHERE case_id = ?", [case_id]
                ).fetchone()[0]
                if not has_items:
                    for item in suggested_records(case_id, self.list_doctors(case_id)):
                        self._insert_record(item, keep_id=False)
                self.db.execute(
                    "UPDATE cases SET records_suggested_at = ? WHERE id = ?",
                    [self._now(), case_id],
                )
        return self.list_records(case_id)

    def booked_doctor(self, case_id: int) -> Doctor | None:
        """The second-opinion doctor: the one the visit is booked with, else one marked booked."""
        appointment = self.opinion_appointment(case_id)
        if appointment is not None and appointment.doctor_id is not None:
            try:
                return self.get_doctor(appointment.doctor_id)
            except NotFoundError:
                pass
        rows = list(
            self.db.query(
                "SELECT * FROM doctors WHERE case_id = ? AND status = 'booked' "
                "ORDER BY updated_at DESC, id DESC LIMIT 1",
                [case_id],
            )
        )
        return _doctor_from_row(rows[0]) if rows else None

    # --- attachments ---------------------------------------------------------------------

    def add_attachment(self, attachment: Attachment) -> Attachment:
        """Record a copied scan for an item (the copy is already in the attachments folder)."""
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO attachments (record_id, file_name, original_name, size, sha256, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    attachment.record_id,
                    attachment.file_name,
                    attachment.original_name,
                    attachment.size,
                    attachment.sha256,
                    attachment.added_at or self._now(),
                ],
            )
            attachment_id = cursor.lastrowid
        assert attachment_id is not None
        return self.get_attachment(attachment_id)

    def get_attachment(self, attachment_id: int) -> Attachment:
        row = self._one("SELECT * FROM attachments WHERE id = ?", [attachment_id])
        return _attachment_from_row(row)

    def list_attachments(self, record_id: int) -> list[Attachment]:
        rows = self.db.query(
            "SELECT * FROM attachments WHERE record_id = ? ORDER BY added_at, id", [record_id]
        )
        return [_attachment_from_row(r) for r in rows]

    def attachment_counts(self, case_id: int) -> dict[int, int]:
        """How many scans each of the case's items has (items without any are left out)."""
        rows = self.db.query(
            "SELECT attachments.record_id AS record_id, count(*) AS n FROM attachments "
            "JOIN records ON records.id = attachments.record_id WHERE records.case_id = ? "
            "GROUP BY attachments.record_id",
            [case_id],
        )
        return {int(r["record_id"]): int(r["n"]) for r in rows}

    def delete_attachment(self, attachment_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])

    # --- questions, opinions, reminders --------------------------------------------------

    def now(self) -> dt.datetime:
        """Now by the repository's clock (tests set it), for reminders and snoozes."""
        return self._clock()

    # rounds: 2 is the second opinion; a third opinion starts round 3

    def current_round(self, case_id: int) -> int:
        row = self._one("SELECT current_round FROM cases WHERE id = ?", [case_id])
        return int(row["current_round"])

    def _ensure_round(self, case_id: int, round_: int, reason: str = "") -> None:
        self.db.execute(
            "INSERT INTO rounds (case_id, round, started_at, reason) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (case_id, round) DO NOTHING",
            [case_id, round_, self._now(), reason],
        )

    def round_info(self, case_id: int, round_: int | None = None) -> RoundInfo:
        """A round's details (the current round unless one is named)."""
        number = self.current_round(case_id) if round_ is None else round_
        rows = list(
            self.db.query("SELECT * FROM rounds WHERE case_id = ? AND round = ?", [case_id, number])
        )
        return _round_from_row(rows[0]) if rows else RoundInfo(case_id=case_id, round=number)

    def set_doctors_talk(
        self, case_id: int, round_: int, day: dt.date | None, note: str = ""
    ) -> RoundInfo:
        """Note that the two doctors were asked to talk to each other (day None: not yet)."""
        with self.db.atomic():
            self._ensure_round(case_id, round_)
            self.db.execute(
                "UPDATE rounds SET doctors_talk_on = ?, doctors_talk_note = ? "
                "WHERE case_id = ? AND round = ?",
                [day.isoformat() if day else None, note.strip(), case_id, round_],
            )
            self._touch_case(case_id)
        return self.round_info(case_id, round_)

    def round_steps(self, case_id: int, round_: int) -> dict[int, StepProgress]:
        """How the steps stood when a finished round ended."""
        rows = self.db.query(
            "SELECT step, done_at, notes FROM round_steps WHERE case_id = ? AND round = ?",
            [case_id, round_],
        )
        return {r["step"]: StepProgress(r["step"], r["done_at"], r["notes"]) for r in rows}

    def start_new_round(self, case_id: int, reason: str = "") -> int:
        """Start the next round of opinions (a third opinion); returns its number.

        Doctors, calls and records are kept and reused; a doctor marked booked goes back to
        contacted. The checklist starts afresh: steps 3 to 6 are marked not done (how they
        stood is kept in `round_steps`), records that went to the previous doctor are to be
        sent again (their history kept in their notes), and the person's own questions come
        along, not yet asked.
        """
        with self.db.atomic():
            finished = self.current_round(case_id)
            self._ensure_round(case_id, finished)
            for progress in self.step_progress(case_id).values():
                self.db.execute(
                    "INSERT INTO round_steps (case_id, round, step, done_at, notes) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, round, step) DO UPDATE SET "
                    "done_at = excluded.done_at, notes = excluded.notes",
                    [case_id, finished, progress.step, progress.done_at, progress.notes],
                )
            redo = list(STEPS_REDONE_IN_A_NEW_ROUND)
            self.db.execute(
                f"UPDATE step_progress SET done_at = NULL WHERE case_id = ? "
                f"AND step IN ({', '.join('?' for _ in redo)})",
                [case_id, *redo],
            )
            visit = self.opinion_appointment(case_id, finished)
            previous = None
            if visit is not None and visit.doctor_id is not None:
                try:
                    previous = self.get_doctor(visit.doctor_id)
                except NotFoundError:
                    previous = None
            for item in records_for_new_round(self.list_records(case_id), finished, previous):
                self.update_record(item)
            # the previous doctor is no longer the one booked (the comparison table, and the
            # cover sheet's "booked doctor", look for the current round's)
            self.db.execute(
                "UPDATE doctors SET status = 'contacted' WHERE case_id = ? AND status = 'booked'",
                [case_id],
            )
            new_round = finished + 1
            self.db.execute("UPDATE cases SET current_round = ? WHERE id = ?", [new_round, case_id])
            self._ensure_round(case_id, new_round, reason.strip())
            for question in carried_over(self.list_questions(case_id, finished), new_round):
                self._insert_question(question)
            self._touch_case(case_id)
        return new_round

    # questions

    def list_questions(self, case_id: int, round_: int | None = None) -> list[Question]:
        """The questions of a round (the current one unless named), in their order."""
        number = self.current_round(case_id) if round_ is None else round_
        rows = self.db.query(
            "SELECT * FROM questions WHERE case_id = ? AND round = ? ORDER BY position, id",
            [case_id, number],
        )
        return [_question_from_row(r) for r in rows]

    def get_question(self, question_id: int) -> Question:
        row = self._one("SELECT * FROM questions WHERE id = ?", [question_id])
        return _question_from_row(row)

    def _insert_question(self, question: Question) -> int:
        position = question.position
        if position <= 0:
            position = self.db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM questions "
                "WHERE case_id = ? AND round = ?",
                [question.case_id, question.round],
            ).fetchone()[0]
        now = self._now()
        cursor = self.db.execute(
            "INSERT INTO questions (case_id, round, position, text, topic, asked_on, answer, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                question.case_id,
                question.round,
                position,
                question.text,
                question.topic.value,
                _storable(question.asked_on),
                question.answer,
                now,
                now,
            ],
        )
        question_id = cursor.lastrowid
        assert question_id is not None
        return question_id

    def add_question(self, question: Question) -> Question:
        """Insert the question (its id is ignored; position 0 puts it last) and return it."""
        with self.db.atomic():
            question_id = self._insert_question(question)
            self._touch_case(question.case_id)
        return self.get_question(question_id)

    def update_question(self, question: Question) -> Question:
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE questions SET text = ?, topic = ?, asked_on = ?, answer = ?, "
                "updated_at = ? WHERE id = ?",
                [
                    question.text,
                    question.topic.value,
                    _storable(question.asked_on),
                    question.answer,
                    self._now(),
                    question.id,
                ],
            )
            if cursor.rowcount:
                self._touch_case(question.case_id)
        if cursor.rowcount == 0:
            raise NotFoundError(f"question {question.id}")
        return self.get_question(question.id)

    def delete_question(self, question_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM questions WHERE id = ?", [question_id])

    def restore_question(self, question: Question) -> Question:
        """Put back a removed question under its old id and place (for undo)."""
        now = self._now()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO questions (id, case_id, round, position, text, topic, asked_on, "
                "answer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    question.id,
                    question.case_id,
                    question.round,
                    question.position,
                    question.text,
                    question.topic.value,
                    _storable(question.asked_on),
                    question.answer,
                    now,
                    now,
                ],
            )
        return self.get_question(question.id)

    def set_question_order(self, ordered: Iterable[Question]) -> None:
        """Save the positions of a reordered list in one go."""
        with self.db.atomic():
            for question in ordered:
                self.db.execute(
                    "UPDATE questions SET position = ? WHERE id = ?",
                    [question.position, question.id],
                )

    def ensure_starter_questions(self, case_id: int) -> list[Question]:
        """Suggest the starter questions once per round, the first time the list is shown.

        Only a round with no questions gets them; the round remembers it was offered them, so
        questions the person removed do not come back.
        """
        with self.db.atomic():
            number = self.current_round(case_id)
            self._ensure_round(case_id, number)
            row = self._one(
                "SELECT questions_suggested_at FROM rounds WHERE case_id = ? AND round = ?",
                [case_id, number],
            )
            if row["questions_suggested_at"] is None:
                has_any = self.db.execute(
                    "SELECT count(*) FROM questions WHERE case_id = ? AND round = ? "
                    "AND topic != 'own'",
                    [case_id, number],
                ).fetchone()[0]
                if not has_any:
                    case = self.get_case(case_id)
                    doctor = self._current_doctor_name(case)
                    own = self.list_questions(case_id, number)
                    for position, (topic, text) in enumerate(
                        starter_questions(case, doctor), start=1
                    ):
                        self._insert_question(
                            Question(
                                id=0,
                                case_id=case_id,
                                text=text,
                                round=number,
                                position=position,
                                topic=topic,
                            )
                        )
                    # the person's own questions (carried over) go after the starter set
                    for offset, question in enumerate(own, start=100):
                        self.db.execute(
                            "UPDATE questions SET position = ? WHERE id = ?",
                            [offset, question.id],
                        )
                self.db.execute(
                    "UPDATE rounds SET questions_suggested_at = ? WHERE case_id = ? AND round = ?",
                    [self._now(), case_id, number],
                )
        return self.list_questions(case_id, number)

    def _current_doctor_name(self, case: Case) -> str:
        """The doctor treating the patient now: the one told in step 1, else a treating one."""
        if case.told_doctor_id is not None:
            try:
                return self.get_doctor(case.told_doctor_id).name
            except NotFoundError:
                pass
        treating = self.list_doctors(case.id, Role.TREATING)
        return treating[0].name if treating else ""

    # opinions

    def list_opinions(self, case_id: int) -> list[Opinion]:
        rows = self.db.query("SELECT * FROM opinions WHERE case_id = ? ORDER BY round", [case_id])
        return [_opinion_from_row(r) for r in rows]

    def get_opinion(self, case_id: int, round_: int) -> Opinion | None:
        rows = list(
            self.db.query(
                "SELECT * FROM opinions WHERE case_id = ? AND round = ?", [case_id, round_]
            )
        )
        return _opinion_from_row(rows[0]) if rows else None

    def save_opinion(self, opinion: Opinion) -> Opinion:
        """Save a round's opinion (one per round: a second save replaces the first)."""
        values = {name: _storable(getattr(opinion, name)) for name in OPINION_FIELDS}
        if opinion.round == 1:
            values["outcome"] = None  # the first opinion is what the others are compared with
        now = self._now()
        columns = ["case_id", "round", *values, "created_at", "updated_at"]
        updates = ", ".join(f"{name} = excluded.{name}" for name in [*values, "updated_at"])
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO opinions ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)}) "
                f"ON CONFLICT (case_id, round) DO UPDATE SET {updates}",
                [opinion.case_id, opinion.round, *values.values(), now, now],
            )
            self._touch_case(opinion.case_id)
        saved = self.get_opinion(opinion.case_id, opinion.round)
        assert saved is not None
        return saved

    def delete_opinion(self, case_id: int, round_: int) -> None:
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM opinions WHERE case_id = ? AND round = ?", [case_id, round_]
            )

    # reminders

    def list_reminders(
        self, case_id: int | None = None, include_done: bool = True
    ) -> list[Reminder]:
        """Reminders of one case (or of all cases), soonest first."""
        where: list[str] = []
        params: list[Any] = []
        if case_id is not None:
            where.append("case_id = ?")
            params.append(case_id)
        if not include_done:
            where.append("done_at IS NULL")
        sql = "SELECT * FROM reminders"
        if where:
            sql += " WHERE " + " AND ".join(where)
        reminders = [_reminder_from_row(r) for r in self.db.query(sql, params)]
        # ISO texts with different offsets do not sort as text: sort the instants
        return sorted(reminders, key=lambda r: (r.done, r.fires_at, r.id))

    def open_reminders(self) -> list[Reminder]:
        """Every reminder not yet done, of every case (the scheduler watches them all)."""
        return self.list_reminders(None, include_done=False)

    def get_reminder(self, reminder_id: int) -> Reminder:
        return _reminder_from_row(self._one("SELECT * FROM reminders WHERE id = ?", [reminder_id]))

    def add_reminder(self, reminder: Reminder) -> Reminder:
        """Add the person's own reminder (no key: the rules never touch it)."""
        now = self._now()
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO reminders (case_id, key, title, detail, about, about_id, page, "
                "due_at, snoozed_until, done_at, created_at, updated_at) "
                "VALUES (?, NULL, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                [
                    reminder.case_id,
                    reminder.title,
                    reminder.detail,
                    reminder.about.value,
                    reminder.about_id,
                    reminder.page,
                    reminder.due_at.isoformat(timespec="seconds"),
                    now,
                    now,
                ],
            )
            reminder_id = cursor.lastrowid
        assert reminder_id is not None
        return self.get_reminder(reminder_id)

    def update_reminder(self, reminder: Reminder) -> Reminder:
        """Change the person's own reminder: what it says and when it is due."""
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE reminders SET title = ?, detail = ?, due_at = ?, snoozed_until = NULL, "
                "updated_at = ? WHERE id = ? AND key IS NULL",
                [
                    reminder.title,
                    reminder.detail,
                    reminder.due_at.isoformat(timespec="seconds"),
                    self._now(),
                    reminder.id,
                ],
            )
        if cursor.rowcount == 0:
            raise NotFoundError(f"own reminder {reminder.id}")
        return self.get_reminder(reminder.id)

    def set_reminder_done(self, reminder_id: int, done: bool) -> Reminder:
        with self.db.atomic():
            self.db.execute(
                "UPDATE reminders SET done_at = ?, updated_at = ? WHERE id = ?",
                [self._now() if done else None, self._now(), reminder_id],
            )
        return self.get_reminder(reminder_id)

    def snooze_reminder(self, reminder_id: int, until: dt.datetime | None) -> Reminder:
        """Show it again at `until` (None: stop snoozing)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE reminders SET snoozed_until = ?, done_at = NULL, updated_at = ? "
                "WHERE id = ?",
                [until.isoformat(timespec="seconds") if until else None, self._now(), reminder_id],
            )
        return self.get_reminder(reminder_id)

    def delete_reminder(self, reminder_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM reminders WHERE id = ?", [reminder_id])

    def reminder_facts(self, case_id: int) -> ReminderFacts:
        """What the reminder rules look at for one case."""
        calls = self.db.query(
            "SELECT calls.* FROM calls JOIN doctors ON doctors.id = calls.doctor_id "
            "WHERE doctors.case_id = ? ORDER BY calls.called_at, calls.id",
            [case_id],
        )
        added = self.db.query("SELECT key, created_at FROM todos WHERE case_id = ?", [case_id])
        return ReminderFacts(
            case=self.get_case(case_id),
            round=self.current_round(case_id),
            appointments=self.list_appointments(case_id),
            doctors=self.list_doctors(case_id),
            calls=[_call_from_row(r) for r in calls],
            records=self.list_records(case_id),
            todos=self.list_todos(case_id),
            todo_added={r["key"]: dt.datetime.fromisoformat(r["created_at"]) for r in added},
        )

    def sync_reminders(self, case_id: int, zone: dt.tzinfo | None = None) -> bool:
        """Bring the case's derived reminders in step with its data; True if any changed."""
        wanted = derive_reminders(self.reminder_facts(case_id), self.now(), zone)
        with self.db.atomic():
            plan = plan_sync(self.list_reminders(case_id), wanted)
            now = self._now()
            for item in plan.insert:
                values = _wanted_values(item)
                columns = ["case_id", "key", *values, "created_at", "updated_at"]
                self.db.execute(
                    f"INSERT INTO reminders ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [case_id, item.key, *values.values(), now, now],
                )
            for reminder_id, item, moved in plan.update:
                values = _wanted_values(item)
                if moved:
                    values.update(done_at=None, snoozed_until=None)
                assignments = ", ".join(f"{name} = ?" for name in values)
                self.db.execute(
                    f"UPDATE reminders SET {assignments}, updated_at = ? WHERE id = ?",
                    [*values.values(), now, reminder_id],
                )
            for reminder_id in plan.delete:
                self.db.execute("DELETE FROM reminders WHERE id = ?", [reminder_id])
        return not plan.empty

    def sync_all_reminders(self, zone: dt.tzinfo | None = None) -> bool:
        """Sync every case's derived reminders (at start, after a wake, on a new day)."""
        changed = False
        for row in list(self.db.query("SELECT id FROM cases ORDER BY id")):
            changed = self.sync_reminders(int(row["id"]), zone) or changed
        return changed
