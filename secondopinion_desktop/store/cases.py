"""Cases and their progress through the six steps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from secondopinion_desktop.domain.cases import Case, StepProgress, clean_title
from secondopinion_desktop.domain.steps import STEP_COUNT
from secondopinion_desktop.store.rows import CASE_FIELDS, TableRepository, case_from_row, storable


class CaseRepository(TableRepository):
    """Loads and saves cases, their step progress and the counts the step pages show."""

    def list(self) -> list[Case]:
        return self._all(case_from_row, "SELECT * FROM cases ORDER BY title COLLATE NOCASE, id")

    def get(self, case_id: int) -> Case:
        return case_from_row(self._one("SELECT * FROM cases WHERE id = ?", [case_id]))

    def create(self, title: str, **details: Any) -> Case:
        unknown = set(details) - set(CASE_FIELDS)
        if unknown:
            raise TypeError(f"unknown case fields: {sorted(unknown)}")
        defaults = Case(id=0, title=title)
        values: dict[str, Any] = {name: getattr(defaults, name) for name in CASE_FIELDS}
        values.update(details)
        values["title"] = clean_title(title)
        return self.get(
            self._insert("cases", {name: storable(values[name]) for name in CASE_FIELDS})
        )

    def update(self, case: Case) -> Case:
        """Save every detail of the case; returns it as stored."""
        values = {name: storable(getattr(case, name)) for name in CASE_FIELDS}
        values["title"] = clean_title(case.title)
        self._update("cases", case.id, values)
        return self.get(case.id)

    def rename(self, case_id: int, title: str) -> Case:
        return self.update(replace(self.get(case_id), title=title))

    def delete(self, case_id: int) -> None:
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
        self._set_step(case_id, step, "done_at", self._now() if done else None)
        return self.step_progress(case_id)[step]

    def set_step_notes(self, case_id: int, step: int, notes: str) -> None:
        self._set_step(case_id, step, "notes", notes)

    def _set_step(self, case_id: int, step: int, column: str, value: str | None) -> None:
        """Write one column of a step's progress (its row made on first use); the case is
        stamped as changed."""
        with self.db.atomic():
            self.db.execute(
                f"INSERT INTO step_progress (case_id, step, {column}) VALUES (?, ?, ?) "
                f"ON CONFLICT (case_id, step) DO UPDATE SET {column} = excluded.{column}",
                [case_id, step, value],
            )
            self.touch_case(case_id)

    # --- summaries -----------------------------------------------------------------------

    def counts(self, case_id: int) -> dict[str, int]:
        """Counts the step pages show ('4 candidate doctors, 3 calls logged'): one pass over
        the doctors' status index, however many candidates the case lists."""
        counts = {"candidates": 0, "treating": 0, "calls": 0, "booked": 0, "ruled_out": 0}
        rows = self.db.execute(
            "SELECT status, role, count(*) FROM doctors WHERE case_id = ? GROUP BY status, role",
            [case_id],
        )
        for status, role, count in rows:
            counts["candidates" if role == "candidate" else "treating"] += int(count)
            if status in ("booked", "ruled_out"):
                counts[status] += int(count)
        (calls,) = self.db.execute(
            "SELECT count(*) FROM calls CROSS JOIN doctors"  # calls first: they are few
            " ON doctors.id = calls.doctor_id WHERE doctors.case_id = ?",
            [case_id],
        ).fetchone()
        counts["calls"] = int(calls)
        return counts

    def reopen_steps(self, case_id: int, steps: Iterable[int]) -> None:
        """Mark the steps not done (inside the caller's transaction); their notes stay."""
        redo = list(steps)
        self.db.execute(
            f"UPDATE step_progress SET done_at = NULL WHERE case_id = ? "
            f"AND step IN ({', '.join('?' for _ in redo)})",
            [case_id, *redo],
        )
