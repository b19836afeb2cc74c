"""Reminder rows: the person's own reminders and the ones derived from the data."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

from secondopinion_desktop.domain.reminder_rules import SyncPlan
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.store.rows import (
    NotFoundError,
    TableRepository,
    reminder_from_row,
    wanted_values,
)


class ReminderRepository(TableRepository):
    """Loads and saves reminders (which ones the data implies is domain/reminders.py's rule)."""

    def list(
        self, case_id: int | None = None, include_done: bool = True
    ) -> builtins.list[Reminder]:
        """Reminders of one case (or of all cases), soonest first."""
        where: builtins.list[str] = []
        params: builtins.list[Any] = []
        if case_id is not None:
            where.append("case_id = ?")
            params.append(case_id)
        if not include_done:
            where.append("done_at IS NULL")
        sql = "SELECT * FROM reminders"
        if where:
            sql += " WHERE " + " AND ".join(where)
        reminders = [reminder_from_row(r) for r in self.db.query(sql, params)]
        # ISO texts with different offsets do not sort as text: sort the instants
        return sorted(reminders, key=lambda r: (r.done, r.fires_at, r.id))

    def open(self) -> builtins.list[Reminder]:
        """Every reminder not yet done, of every case (the scheduler watches them all)."""
        return self.list(None, include_done=False)

    def get(self, reminder_id: int) -> Reminder:
        return reminder_from_row(self._one("SELECT * FROM reminders WHERE id = ?", [reminder_id]))

    def add(self, reminder: Reminder) -> Reminder:
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
        return self.get(reminder_id)

    def update(self, reminder: Reminder) -> Reminder:
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
        return self.get(reminder.id)

    def set_done(self, reminder_id: int, done: bool) -> Reminder:
        with self.db.atomic():
            self.db.execute(
                "UPDATE reminders SET done_at = ?, updated_at = ? WHERE id = ?",
                [self._now() if done else None, self._now(), reminder_id],
            )
        return self.get(reminder_id)

    def snooze(self, reminder_id: int, until: dt.datetime | None) -> Reminder:
        """Show it again at `until` (None: stop snoozing)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE reminders SET snoozed_until = ?, done_at = NULL, updated_at = ? "
                "WHERE id = ?",
                [until.isoformat(timespec="seconds") if until else None, self._now(), reminder_id],
            )
        return self.get(reminder_id)

    def delete(self, reminder_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM reminders WHERE id = ?", [reminder_id])

    def apply(self, case_id: int, plan: SyncPlan) -> None:
        """Write a sync plan for the case's derived reminders, in one transaction."""
        with self.db.atomic():
            now = self._now()
            for item in plan.insert:
                values = wanted_values(item)
                columns = ["case_id", "key", *values, "created_at", "updated_at"]
                self.db.execute(
                    f"INSERT INTO reminders ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    [case_id, item.key, *values.values(), now, now],
                )
            for reminder_id, item, moved in plan.update:
                values = wanted_values(item)
                if moved:
                    values.update(done_at=None, snoozed_until=None)
                assignments = ", ".join(f"{name} = ?" for name in values)
                self.db.execute(
                    f"UPDATE reminders SET {assignments}, updated_at = ? WHERE id = ?",
                    [*values.values(), now, reminder_id],
                )
            for reminder_id in plan.delete:
                self.db.execute("DELETE FROM reminders WHERE id = ?", [reminder_id])
