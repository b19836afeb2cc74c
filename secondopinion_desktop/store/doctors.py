"""Doctors of a case (treating ones and candidates) and the calls made to them."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator

from secondopinion_desktop.domain.doctors import Call, Doctor, Role, Status, spoken_name
from secondopinion_desktop.store.appointments import AppointmentRepository
from secondopinion_desktop.store.rows import (
    NotFoundError,
    TableRepository,
    call_from_row,
    doctor_from_row,
    doctor_values,
)


def id_chunks(ids: Iterable[int], size: int = 500) -> Iterator[tuple[builtins.list[int], str]]:
    """The distinct ids in order, in chunks far below SQLite's limit of parameters, each with
    its "?, ?, ..." for an IN clause."""
    wanted = sorted({int(i) for i in ids})
    for start in range(0, len(wanted), size):
        chunk = wanted[start : start + size]
        yield chunk, ", ".join("?" for _ in chunk)


class DoctorRepository(TableRepository):
    """Loads and saves doctors and their calls."""

    def list(self, case_id: int, role: Role | None = None) -> builtins.list[Doctor]:
        if role is None:
            return self._where(doctor_from_row, "case_id = ?", [case_id], "id")
        return self._where(doctor_from_row, "case_id = ? AND role = ?", [case_id, role.value], "id")

    def own_doctors(self, case_id: int) -> builtins.list[Doctor]:
        """The person's own doctors (every role but candidate), without reading the candidates:
        a case may list thousands of them."""
        roles = [r.value for r in Role if r is not Role.CANDIDATE]
        marks = ", ".join("?" for _ in roles)
        rows = self.db.query(
            f"SELECT * FROM doctors WHERE case_id = ? AND role IN ({marks}) ORDER BY id",
            [case_id, *roles],
        )
        return [doctor_from_row(r) for r in rows]

    def for_records(self, case_id: int, also: Iterable[int] = ()) -> builtins.list[Doctor]:
        """The doctors records move between: the person's own, the ones with a visit, and
        the doctors in `also` (the new doctor, those an item already names); not every
        candidate on a list that may hold thousands."""
        roles = [r.value for r in Role if r is not Role.CANDIDATE]
        named = sorted({int(i) for i in also})
        marks = ", ".join("?" for _ in roles)
        rows = self.db.rows(  # by id, through the indexes (an OR walked every candidate)
            "SELECT * FROM doctors WHERE +case_id = ? AND id IN ("
            f"SELECT id FROM doctors WHERE case_id = ? AND role IN ({marks}) "
            "UNION SELECT doctor_id FROM appointments WHERE case_id = ?"
            f"{' UNION VALUES ' + ', '.join('(?)' for _ in named) if named else ''}"
            ") ORDER BY id",
            [case_id, case_id, *roles, case_id, *named],
        )
        return [doctor_from_row(r) for r in rows]

    def for_reminders(self, case_id: int) -> builtins.list[Doctor]:
        """The doctors a reminder can name: the person's own (a referral asks the primary-care
        doctor), those with a visit, a logged call or a record going to them; not every
        candidate on a list that may hold thousands (reading 100,000 rows after an import
        froze the window for seconds)."""
        roles = [r.value for r in Role if r is not Role.CANDIDATE]
        marks = ", ".join("?" for _ in roles)
        rows = self.db.rows(  # by id, through the indexes: no walk over every candidate
            "SELECT * FROM doctors WHERE +case_id = ? AND id IN ("
            f"SELECT id FROM doctors WHERE case_id = ? AND role IN ({marks}) "
            "UNION SELECT doctor_id FROM appointments WHERE case_id = ? "
            "UNION SELECT recipient_doctor_id FROM records WHERE case_id = ? "
            "UNION SELECT doctor_id FROM calls) ORDER BY id",  # calls are few; +case_id keeps ours
            [case_id, case_id, *roles, case_id, case_id],
        )
        return [doctor_from_row(r) for r in rows]

    def with_ids(self, ids: Iterable[int]) -> builtins.list[Doctor]:
        """The doctors with these ids (those still on the list), in id order."""
        found: builtins.list[Doctor] = []
        for chunk, marks in id_chunks(ids):
            found += [
                doctor_from_row(r)
                for r in self.db.query(f"SELECT * FROM doctors WHERE id IN ({marks})", chunk)
            ]
        return sorted(found, key=lambda d: d.id)

    def count(self, case_id: int, role: Role) -> int:
        """How many doctors of this role the case lists (without reading them)."""
        rows = self.db.execute(
            "SELECT count(*) FROM doctors WHERE case_id = ? AND role = ?", [case_id, role.value]
        )
        return int(rows.fetchone()[0])

    def names(self, case_id: int, ids: Iterable[int] | None = None) -> dict[int, str]:
        """Each doctor's name by id, as a person says it (for showing who holds what, without
        whole rows); only the doctors in `ids` when given: a list may hold thousands of
        candidates and a checklist names a few."""
        if ids is None:
            rows = self.db.execute("SELECT id, name FROM doctors WHERE case_id = ?", [case_id])
            return {int(doctor_id): spoken_name(str(name)) for doctor_id, name in rows}
        found: dict[int, str] = {}
        for chunk, marks in id_chunks(ids):
            rows = self.db.execute(
                f"SELECT id, name FROM doctors WHERE case_id = ? AND id IN ({marks})",
                [case_id, *chunk],
            )
            found.update((int(doctor_id), spoken_name(str(name))) for doctor_id, name in rows)
        return found

    def names_with_status(
        self, case_id: int, status: Status, limit: int | None = None
    ) -> builtins.list[str]:
        """The names of the case's doctors with this status, in the order they were added, as a
        person says them (only the first `limit` when given)."""
        rows = self.db.execute(
            "SELECT name FROM doctors WHERE case_id = ? AND status = ? ORDER BY id LIMIT ?",
            [case_id, status.value, -1 if limit is None else limit],
        )
        return [spoken_name(str(name)) for (name,) in rows]

    def get(self, doctor_id: int) -> Doctor:
        return doctor_from_row(self._one("SELECT * FROM doctors WHERE id = ?", [doctor_id]))

    def add(self, doctor: Doctor) -> Doctor:
        """Insert the doctor (its id is ignored) and return it with its new id."""
        return self.get(
            self._insert("doctors", {"case_id": doctor.case_id, **doctor_values(doctor)})
        )

    def update(self, doctor: Doctor) -> Doctor:
        self._update("doctors", doctor.id, doctor_values(doctor))
        return self.get(doctor.id)

    def add_many(self, doctors: Iterable[Doctor]) -> int:
        """Insert many doctors in one transaction (an import); returns how many."""
        now = self._now()
        rows = [
            {"case_id": d.case_id, **doctor_values(d), "created_at": now, "updated_at": now}
            for d in doctors
        ]
        if not rows:
            return 0
        columns = builtins.list(rows[0])
        with self.db.atomic():
            self.db.conn.executemany(
                f"INSERT INTO doctors ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)})",
                rows,
            )
        return len(rows)

    def delete(self, doctor_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM doctors WHERE id = ?", [doctor_id])

    def booked(self, case_id: int) -> Doctor | None:
        """The second-opinion doctor: the one the visit is booked with, else one marked booked."""
        appointment = AppointmentRepository(self.db, self.clock).opinion_visit(case_id)
        if appointment is not None and appointment.doctor_id is not None:
            try:
                return self.get(appointment.doctor_id)
            except NotFoundError:
                pass
        rows = builtins.list(
            self.db.query(
                "SELECT * FROM doctors WHERE case_id = ? AND status = 'booked' "
                "ORDER BY updated_at DESC, id DESC LIMIT 1",
                [case_id],
            )
        )
        return doctor_from_row(rows[0]) if rows else None

    def unbook_all(self, case_id: int) -> None:
        """Doctors marked booked go back to contacted (inside the caller's transaction)."""
        self.db.execute(
            "UPDATE doctors SET status = 'contacted' WHERE case_id = ? AND status = 'booked'",
            [case_id],
        )

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
        return call_from_row(self._one("SELECT * FROM calls WHERE id = ?", [call_id]))

    def list_calls(self, doctor_id: int) -> builtins.list[Call]:
        return self._where(call_from_row, "doctor_id = ?", [doctor_id], "called_at, id")

    def calls_of_case(self, case_id: int) -> builtins.list[Call]:
        """Every call to any of the case's doctors, oldest first."""
        return self._all(
            call_from_row,
            "SELECT calls.* FROM calls CROSS JOIN doctors ON doctors.id = calls.doctor_id "
            "WHERE doctors.case_id = ? ORDER BY calls.called_at, calls.id",  # calls are few
            [case_id],
        )

    def delete_call(self, call_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM calls WHERE id = ?", [call_id])
