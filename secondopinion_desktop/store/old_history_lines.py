"""The data part of migration 0005: history lines that old versions kept in a record's notes.

Kept beside migrations.py (not in it) so that file stays a list of schema steps. Like a landed
migration, this code must not change meaning: files written by old versions are read with it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


def carry_old_history_lines(db: sqlite_utils.Database) -> None:
    """Earlier versions reset a record in place when a round began and kept a line in its
    notes ("Second opinion: sent Mon 2 Nov, arrived ..."): turn each such line into a history
    row of that round, and take it out of the notes. A line whose dates cannot be read for
    certain stays in the notes, as it was."""
    from secondopinion_desktop.domain.doctors import Doctor
    from secondopinion_desktop.domain.rounds import RecordDelivery, parse_old_history_line

    rows = db.execute(
        "SELECT records.id, records.case_id, records.notes, records.updated_at, "
        "cases.current_round FROM records JOIN cases ON cases.id = records.case_id "
        "WHERE cases.current_round >= 3 AND records.notes LIKE '%opinion: %'"
    ).fetchall()
    for record_id, case_id, notes, updated_at, current in rows:
        kept: list[str] = []
        found: list[RecordDelivery] = []
        for line in str(notes).split("\n"):
            number = _old_line_round(line, current)
            if number is None:
                kept.append(line)
                continue
            started = db.execute(
                "SELECT started_at FROM rounds WHERE case_id = ? AND round = ?",
                [case_id, number + 1],
            ).fetchone()
            before = dt.date.fromisoformat(str(started[0] if started else updated_at)[:10])
            doctor_row = db.execute(
                "SELECT doctors.id, doctors.name FROM appointments JOIN doctors "
                "ON doctors.id = appointments.doctor_id WHERE appointments.case_id = ? "
                "AND appointments.round = ? AND appointments.kind != 'other' "
                "ORDER BY appointments.starts_at DESC, appointments.id DESC LIMIT 1",
                [case_id, number],
            ).fetchone()
            doctor = (
                Doctor(id=doctor_row[0], case_id=case_id, name=doctor_row[1])
                if doctor_row
                else None
            )
            parsed = parse_old_history_line(line, record_id, before, doctor)
            taken = {d.round for d in found}
            if parsed is None or parsed.round in taken:
                kept.append(line)
                continue
            found.append(parsed)
        for delivery in found:
            db.execute(
                "INSERT OR IGNORE INTO record_deliveries (record_id, round, doctor_id, "
                "doctor_name, delivery, sent_on, confirmed_on, confirmed_by, returned_on, "
                "still_away, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                [
                    record_id,
                    delivery.round,
                    delivery.doctor_id,
                    delivery.doctor_name,
                    _iso(delivery.sent_on),
                    _iso(delivery.confirmed_on),
                    delivery.confirmed_by,
                    _iso(delivery.returned_on),
                    int(delivery.still_away),
                    str(updated_at),
                ],
            )
        if found:
            db.execute(
                "UPDATE records SET notes = ? WHERE id = ?",
                ["\n".join(kept).strip(), record_id],
            )


def _old_line_round(line: str, current: int) -> int | None:
    """The round an old history line names, if it is one of a finished round."""
    from secondopinion_desktop.domain.opinions import round_name

    for number in range(2, current):
        if line.startswith(f"{round_name(number)}: "):
            return number
    return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
