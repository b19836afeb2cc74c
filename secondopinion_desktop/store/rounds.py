"""Rounds of opinions: 2 is the second opinion; a third opinion starts round 3."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.cases import StepProgress
from secondopinion_desktop.domain.opinions import RoundInfo
from secondopinion_desktop.store.rows import TableRepository, round_from_row


class RoundRepository(TableRepository):
    """Loads and saves rounds: their details and how the steps stood when one ended."""

    def current(self, case_id: int) -> int:
        row = self._one("SELECT current_round FROM cases WHERE id = ?", [case_id])
        return int(row["current_round"])

    def set_current(self, case_id: int, round_: int) -> None:
        """Make `round_` the case's current round (inside the caller's transaction)."""
        self.db.execute("UPDATE cases SET current_round = ? WHERE id = ?", [round_, case_id])

    def ensure(self, case_id: int, round_: int, reason: str = "") -> None:
        """Add the round's row if it is missing (inside the caller's transaction)."""
        self.db.execute(
            "INSERT INTO rounds (case_id, round, started_at, reason) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (case_id, round) DO NOTHING",
            [case_id, round_, self._now(), reason],
        )

    def info(self, case_id: int, round_: int | None = None) -> RoundInfo:
        """A round's details (the current round unless one is named)."""
        number = self.current(case_id) if round_ is None else round_
        rows = list(
            self.db.query("SELECT * FROM rounds WHERE case_id = ? AND round = ?", [case_id, number])
        )
        return round_from_row(rows[0]) if rows else RoundInfo(case_id=case_id, round=number)

    def set_doctors_talk(
        self, case_id: int, round_: int, day: dt.date | None, note: str = ""
    ) -> RoundInfo:
        """Note that the two doctors were asked to talk to each other (day None: not yet)."""
        with self.db.atomic():
            self.ensure(case_id, round_)
            self.db.execute(
                "UPDATE rounds SET doctors_talk_on = ?, doctors_talk_note = ? "
                "WHERE case_id = ? AND round = ?",
                [day.isoformat() if day else None, note.strip(), case_id, round_],
            )
            self.touch_case(case_id)
        return self.info(case_id, round_)

    def mark_questions_suggested(self, case_id: int, round_: int) -> None:
        """Remember the round was offered the starter questions (inside a transaction)."""
        self.db.execute(
            "UPDATE rounds SET questions_suggested_at = ? WHERE case_id = ? AND round = ?",
            [self._now(), case_id, round_],
        )

    def steps(self, case_id: int, round_: int) -> dict[int, StepProgress]:
        """How the steps stood when a finished round ended."""
        rows = self.db.query(
            "SELECT step, done_at, notes FROM round_steps WHERE case_id = ? AND round = ?",
            [case_id, round_],
        )
        return {r["step"]: StepProgress(r["step"], r["done_at"], r["notes"]) for r in rows}

    def keep_steps(self, case_id: int, round_: int, progress: StepProgress) -> None:
        """Keep how a step stood when the round ended (inside the caller's transaction)."""
        self.db.execute(
            "INSERT INTO round_steps (case_id, round, step, done_at, notes) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, round, step) DO UPDATE SET "
            "done_at = excluded.done_at, notes = excluded.notes",
            [case_id, round_, progress.step, progress.done_at, progress.notes],
        )
