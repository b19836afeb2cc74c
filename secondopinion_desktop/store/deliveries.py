"""Where each record went in each finished round: the `record_deliveries` table.

A record's own row holds the state for the round under way (the next doctor); these rows keep
the earlier destinations, written once when a round ends, so a new round never erases them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from secondopinion_desktop.domain.records import Delivery
from secondopinion_desktop.domain.rounds import RecordDelivery
from secondopinion_desktop.domain.stored_values import stored_date
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.rows import RowMapper, optional_choice


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


delivery_from_row = RowMapper(
    RecordDelivery,
    "record_deliveries",
    delivery=optional_choice(Delivery),
    sent_on=stored_date,
    confirmed_on=stored_date,
    returned_on=stored_date,
    still_away=bool,
)


class DeliveriesRepository:
    """Reads and writes the per-round history of a case's records."""

    def __init__(self, db: Database, clock: Callable[[], dt.datetime]) -> None:
        self.db = db
        self._clock = clock

    def for_case(self, case_id: int) -> dict[int, list[RecordDelivery]]:
        """record id -> its earlier rounds, oldest first (records without any are left out)."""
        rows = self.db.query(
            "SELECT record_deliveries.* FROM record_deliveries JOIN records "
            "ON records.id = record_deliveries.record_id WHERE records.case_id = ? "
            "ORDER BY record_deliveries.record_id, record_deliveries.round",
            [case_id],
        )
        history: dict[int, list[RecordDelivery]] = {}
        for row in rows:
            history.setdefault(int(row["record_id"]), []).append(delivery_from_row(row))
        return history

    def for_record(self, record_id: int) -> list[RecordDelivery]:
        rows = self.db.query(
            "SELECT * FROM record_deliveries WHERE record_id = ? ORDER BY round", [record_id]
        )
        return [delivery_from_row(r) for r in rows]

    def add_many(self, deliveries: Iterable[RecordDelivery]) -> None:
        """Keep each round's history of a record (a round's row is written once: a second
        one for the same record and round replaces it)."""
        now = self._clock().isoformat(timespec="seconds")
        with self.db.atomic():
            for d in deliveries:
                self.db.execute(
                    "INSERT INTO record_deliveries (record_id, round, doctor_id, doctor_name, "
                    "delivery, sent_on, confirmed_on, confirmed_by, returned_on, still_away, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (record_id, round) DO UPDATE SET doctor_id = excluded.doctor_id, "
                    "doctor_name = excluded.doctor_name, delivery = excluded.delivery, "
                    "sent_on = excluded.sent_on, confirmed_on = excluded.confirmed_on, "
                    "confirmed_by = excluded.confirmed_by, returned_on = excluded.returned_on, "
                    "still_away = excluded.still_away",
                    [
                        d.record_id,
                        d.round,
                        d.doctor_id,
                        d.doctor_name,
                        d.delivery.value if d.delivery else None,
                        _iso(d.sent_on),
                        _iso(d.confirmed_on),
                        d.confirmed_by,
                        _iso(d.returned_on),
                        int(d.still_away),
                        now,
                    ],
                )
