"""Appointments: the second-opinion visit of each round, and any other visits."""

from __future__ import annotations

import builtins

from secondopinion_desktop.domain.appointments import Appointment, check_visit_time
from secondopinion_desktop.store.rows import (
    TableRepository,
    appointment_from_row,
    appointment_values,
    readable,
)


class AppointmentRepository(TableRepository):
    """Loads and saves appointments. A visit's time is saved only with its UTC offset
    (`check_visit_time`: ValueError otherwise), so a case archive can always read it back."""

    def add(self, appointment: Appointment) -> Appointment:
        check_visit_time(appointment.starts_at)
        values = {"case_id": appointment.case_id, **appointment_values(appointment)}
        return self.get(self._insert("appointments", values))

    def get(self, appointment_id: int) -> Appointment:
        row = self._one("SELECT * FROM appointments WHERE id = ?", [appointment_id])
        return appointment_from_row(row)

    def update(self, appointment: Appointment) -> Appointment:
        check_visit_time(appointment.starts_at)
        self._update("appointments", appointment.id, appointment_values(appointment))
        return self.get(appointment.id)

    def delete(self, appointment_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM appointments WHERE id = ?", [appointment_id])

    def list(self, case_id: int) -> builtins.list[Appointment]:
        rows = self.db.query(
            "SELECT * FROM appointments WHERE case_id = ? ORDER BY starts_at, id", [case_id]
        )
        return builtins.list(readable(rows, appointment_from_row))

    def opinion_visit(self, case_id: int, round_: int | None = None) -> Appointment | None:
        """The visit for this round (the case's current round unless named), if any."""
        rows = builtins.list(
            self.db.query(
                "SELECT * FROM appointments WHERE case_id = ? AND round = "
                "coalesce(?, (SELECT current_round FROM cases WHERE id = ?)) "
                "AND kind != 'other' ORDER BY id DESC LIMIT 1",
                [case_id, round_, case_id],
            )
        )
        return next(readable(rows, appointment_from_row), None)
