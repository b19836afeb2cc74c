"""The opinion each round ends with (one per round) and how it compares."""

from __future__ import annotations

import builtins

from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.store.rows import (
    OPINION_FIELDS,
    TableRepository,
    opinion_from_row,
    storable,
)


class OpinionRepository(TableRepository):
    """Loads and saves opinions."""

    def list(self, case_id: int) -> builtins.list[Opinion]:
        return self._where(opinion_from_row, "case_id = ?", [case_id], "round")

    def get(self, case_id: int, round_: int) -> Opinion | None:
        rows = builtins.list(
            self.db.query(
                "SELECT * FROM opinions WHERE case_id = ? AND round = ?", [case_id, round_]
            )
        )
        return opinion_from_row(rows[0]) if rows else None

    def save(self, opinion: Opinion) -> Opinion:
        """Save a round's opinion (one per round: a second save replaces the first)."""
        values = {name: storable(getattr(opinion, name)) for name in OPINION_FIELDS}
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
            self.touch_case(opinion.case_id)
        saved = self.get(opinion.case_id, opinion.round)
        assert saved is not None
        return saved

    def delete(self, case_id: int, round_: int) -> None:
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM opinions WHERE case_id = ? AND round = ?", [case_id, round_]
            )
