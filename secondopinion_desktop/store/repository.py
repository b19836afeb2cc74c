"""The only place SQL lives: loading and saving the domain objects.

Every write runs in its own transaction (`db.atomic()`), so an edit is on disk the moment a
method returns; there is no Save button to forget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, replace
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind, Todo
from secondopinion_desktop.domain.cases import Case, StepProgress, clean_title
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.domain.steps import STEP_COUNT

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


class Repository:
    """Loads and saves cases, step progress, doctors and calls."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self._clock = clock

    def _now(self) -> str:
        return self._clock().isoformat(timespec="seconds")

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
        values = {name: _storable(value) for name, value in values.items()}
        now = self._now()
        columns = [*CASE_FIELDS, "created_at", "updated_at"]
        params = [values[c] for c in CASE_FIELDS] + [now, now]
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO cases ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                params,
            )
            case_id = cursor.lastrowid
        assert case_id is not None
        return self.get_case(case_id)

    def update_case(self, case: Case) -> Case:
        """Save every detail of the case; returns it as stored."""
        values = {name: _storable(getattr(case, name)) for name in CASE_FIELDS}
        values["title"] = clean_title(case.title)
        assignments = ", ".join(f"{name} = ?" for name in CASE_FIELDS)
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE cases SET {assignments}, updated_at = ? WHERE id = ?",
                [*values.values(), self._now(), case.id],
            )
        if cursor.rowcount == 0:
            raise NotFoundError(f"case {case.id}")
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
        values = _doctor_values(doctor)
        now = self._now()
        columns = ["case_id", *values, "created_at", "updated_at"]
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO doctors ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [doctor.case_id, *values.values(), now, now],
            )
            doctor_id = cursor.lastrowid
        assert doctor_id is not None
        return self.get_doctor(doctor_id)

    def update_doctor(self, doctor: Doctor) -> Doctor:
        values = _doctor_values(doctor)
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE doctors SET {assignments}, updated_at = ? WHERE id = ?",
                [*values.values(), self._now(), doctor.id],
            )
        if cursor.rowcount == 0:
            raise NotFoundError(f"doctor {doctor.id}")
        return self.get_doctor(doctor.id)

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
        values = _appointment_values(appointment)
        now = self._now()
        columns = ["case_id", *values, "created_at", "updated_at"]
        with self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO appointments ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [appointment.case_id, *values.values(), now, now],
            )
            appointment_id = cursor.lastrowid
        assert appointment_id is not None
        return self.get_appointment(appointment_id)

    def get_appointment(self, appointment_id: int) -> Appointment:
        row = self._one("SELECT * FROM appointments WHERE id = ?", [appointment_id])
        return _appointment_from_row(row)

    def update_appointment(self, appointment: Appointment) -> Appointment:
        values = _appointment_values(appointment)
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE appointments SET {assignments}, updated_at = ? WHERE id = ?",
                [*values.values(), self._now(), appointment.id],
            )
        if cursor.rowcount == 0:
            raise NotFoundError(f"appointment {appointment.id}")
        return self.get_appointment(appointment.id)

    def delete_appointment(self, appointment_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM appointments WHERE id = ?", [appointment_id])

    def list_appointments(self, case_id: int) -> list[Appointment]:
        rows = self.db.query(
            "SELECT * FROM appointments WHERE case_id = ? ORDER BY starts_at, id", [case_id]
        )
        return [_appointment_from_row(r) for r in rows]

    def opinion_appointment(self, case_id: int, round_: int = 2) -> Appointment | None:
        """The visit for this round (the latest one booked), if any."""
        rows = list(
            self.db.query(
                "SELECT * FROM appointments WHERE case_id = ? AND round = ? "
                "AND kind != 'other' ORDER BY id DESC LIMIT 1",
                [case_id, round_],
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
