"""Reminder rows: the person's own reminders and the ones derived from the data."""

from __future__ import annotations

import builtins
import datetime as dt
import functools
import itertools
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from secondopinion_desktop.domain.reminder_rules import SyncPlan
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.domain.stored_values import stored_time
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.rows import (
    NotFoundError,
    TableRepository,
    due_time,
    reminder_from_row,
    wanted_values,
)

# When an open reminder falls due, as a Julian day: the expression of the reminders_fires index
# (migration 0007), written the same way so SQLite uses it. julianday() reads a time without an
# offset as UTC where the app reads it as local time, so ranges are widened by MARGIN_DAYS and
# the exact times compared in Python.
FIRES_SQL = "max(coalesce(julianday(due_at), 0), coalesce(julianday(snoozed_until), 0))"
MARGIN_DAYS = 1
#: Done (1) or open (0): the first key of the reminders list's order (index of migration 0009).
DONE_SQL = "(done_at IS NOT NULL)"
NEXT_BATCH = 64
IDS_PER_QUERY = 500  # below SQLite's limit on ? parameters
IDS_FROM_JSON = "SELECT value FROM json_each(?)"  # the ids of a JSON list, as rows


@functools.lru_cache(maxsize=16_384)
def fires_at_of(due_at: str, snoozed_until: str | None) -> dt.datetime:
    """When a stored reminder falls due, from its two stored times (as Reminder.fires_at)."""
    due = due_time(due_at)
    snoozed = stored_time(snoozed_until)
    return snoozed if snoozed is not None and snoozed > due else due


def _julian(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


class Announced:
    """Which open reminders the scheduler has announced, each at the due moment it had then: a
    TEMP table on the connection, so "what is due and not announced yet" is answered inside
    SQLite. The scheduler asks after every write; with 10,000 overdue, comparing them in Python
    cost about 40 ms a time (issue 16). One table per scheduler, made again if the connection
    was replaced; it ends with the connection and is never in a backup (only `main` is)."""

    _numbers = itertools.count(1)

    def __init__(self, db: Database) -> None:
        self.db = db
        self.table = f"reminders_announced_{next(self._numbers)}"
        self.ids: set[int] = set()  # the ones marked, so callers know which they can ask about

    def _ensure(self) -> None:
        self.db.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {self.table} "
            "(id INTEGER PRIMARY KEY, seen_due TEXT, seen_snoozed TEXT)"
        )

    def fresh(
        self, until: dt.datetime, since: dt.datetime | None = None
    ) -> builtins.list[tuple[int, dt.datetime]]:
        """(id, when it falls due) of the open reminders due by `until` (and after `since`)
        that were not announced at that due moment."""
        self._ensure()
        sql = (
            f"SELECT r.id, r.due_at, r.snoozed_until FROM reminders AS r{{indexed}} "
            f"LEFT JOIN temp.{self.table} AS a ON a.id = r.id "
            f"WHERE r.done_at IS NULL AND {FIRES_SQL} <= julianday(?) + {MARGIN_DAYS} "
            "AND (a.id IS NULL OR a.seen_due IS NOT r.due_at "
            "OR a.seen_snoozed IS NOT r.snoozed_until)"
        )
        params: builtins.list[Any] = [_julian(until)]
        indexed = ""
        if since is not None:
            indexed = " INDEXED BY reminders_fires"
            sql += f" AND {FIRES_SQL} > julianday(?) - {MARGIN_DAYS}"
            params.append(_julian(since))
        rows = self.db.execute(sql.format(indexed=indexed), params).fetchall()
        times = [(row[0], fires_at_of(row[1], row[2])) for row in rows]
        return [
            (reminder_id, fires)
            for reminder_id, fires in times
            if fires <= until and (since is None or fires > since)
        ]

    def mark(self, ids: Iterable[int]) -> None:
        """These were announced, at the due moment each has now: in one statement, the ids
        given as one JSON list (10,000 overdue at start took 22 to 40 ms in statements of
        500 ids, 10 ms so); in statements of 500 where SQLite has no JSON functions."""
        self._ensure()
        wanted = builtins.list(ids)
        self.ids.update(wanted)
        if not wanted:
            return
        try:
            self.db.execute(
                f"INSERT OR REPLACE INTO temp.{self.table} (id, seen_due, seen_snoozed) "
                f"SELECT id, due_at, snoozed_until FROM reminders WHERE id IN ({IDS_FROM_JSON})",
                [json.dumps(wanted)],
            )
            return
        except sqlite3.OperationalError:  # no such function: an SQLite built without JSON
            pass
        for start in range(0, len(wanted), IDS_PER_QUERY):
            chunk = wanted[start : start + IDS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            self.db.execute(
                f"INSERT OR REPLACE INTO temp.{self.table} (id, seen_due, seen_snoozed) "
                f"SELECT id, due_at, snoozed_until FROM reminders WHERE id IN ({marks})",
                chunk,
            )

    def forget(self, reminder_id: int) -> None:
        """Announce it again when it is next due (it was opened again)."""
        self._ensure()
        self.ids.discard(reminder_id)
        self.db.execute(f"DELETE FROM temp.{self.table} WHERE id = ?", [reminder_id])

    def closed(self) -> set[int]:
        """Announced ones that are done or removed since (the reminder window drops them)."""
        self._ensure()
        rows = self.db.execute(
            f"SELECT a.id FROM temp.{self.table} AS a LEFT JOIN reminders AS r ON r.id = a.id "
            "WHERE r.id IS NULL OR r.done_at IS NOT NULL"
        ).fetchall()
        return {row[0] for row in rows}


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

    def page(
        self, case_id: int, include_done: bool, offset: int, limit: int
    ) -> builtins.list[Reminder]:
        """`limit` of a case's reminders from `offset` on, in the list's order (open ones first,
        then soonest first), read in that order from the reminders_case_order index (migration
        0009): Tools > Reminders reads a page at a time as it is scrolled, never all 10,000.
        A time stored without an offset is placed as if it were UTC here (moments stored the
        app's way are in their exact order)."""
        sql = "SELECT * FROM reminders INDEXED BY reminders_case_order WHERE case_id = ?"
        if include_done:
            sql += f" ORDER BY {DONE_SQL}, {FIRES_SQL}, id"
        else:  # the index's order as it is (a done term here would make SQLite sort)
            sql += f" AND {DONE_SQL} = 0 ORDER BY {FIRES_SQL}, id"
        sql += " LIMIT ? OFFSET ?"
        rows = self.db.rows(sql, [case_id, max(0, limit), max(0, offset)])
        return [reminder_from_row(r) for r in rows]

    def tally(self, case_id: int, now: dt.datetime) -> tuple[int, int, int]:
        """(how many in all, how many open, how many open and due by `now`) for a case, counted
        in the index (the list's heading), with the same reading of times as `page`."""
        where = "FROM reminders INDEXED BY reminders_case_order WHERE case_id = ?"
        everyone = self.db.execute(f"SELECT count(*) {where}", [case_id]).fetchone()[0]
        still = self.db.execute(
            f"SELECT count(*) {where} AND {DONE_SQL} = 0", [case_id]
        ).fetchone()[0]
        due = self.db.execute(
            f"SELECT count(*) {where} AND {DONE_SQL} = 0 AND {FIRES_SQL} <= julianday(?)",
            [case_id, _julian(now)],
        ).fetchone()[0]
        return int(everyone), int(still), int(due)

    def derived(self, case_id: int) -> builtins.list[Reminder]:
        """The case's reminders made by the rules (those with a key), for keeping them in step
        with the data: not the person's own, which may be thousands (by the case/key index)."""
        rows = self.db.rows(
            "SELECT * FROM reminders WHERE case_id = ? AND key IS NOT NULL ORDER BY id", [case_id]
        )
        return [reminder_from_row(r) for r in rows]

    def open(self) -> builtins.list[Reminder]:
        """Every reminder not yet done, of every case (the scheduler watches them all)."""
        return self.list(None, include_done=False)

    def open_fire_times(
        self, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> builtins.list[tuple[int, dt.datetime]]:
        """(id, when it falls due) of every open reminder, or of those falling due after
        `since` and by `until`: a few columns, no whole rows (the scheduler reads this often)."""
        sql = "SELECT id, due_at, snoozed_until FROM reminders"
        if since is not None or until is not None:
            sql += " INDEXED BY reminders_fires"  # SQLite would otherwise take reminders_open
        sql += " WHERE done_at IS NULL"
        params: builtins.list[Any] = []
        if since is not None:
            sql += f" AND {FIRES_SQL} > julianday(?) - {MARGIN_DAYS}"
            params.append(_julian(since))
        if until is not None:
            sql += f" AND {FIRES_SQL} <= julianday(?) + {MARGIN_DAYS}"
            params.append(_julian(until))
        rows = self.db.execute(sql, params).fetchall()
        times = [(row[0], fires_at_of(row[1], row[2])) for row in rows]
        return [
            (reminder_id, fires)
            for reminder_id, fires in times
            if (since is None or fires > since) and (until is None or fires <= until)
        ]

    def next_fire_time(self, after: dt.datetime) -> dt.datetime | None:
        """The soonest time after `after` at which an open reminder falls due (by the index:
        the first few rows from just before `after`, all of them only if those do not say)."""
        sql = (
            "SELECT due_at, snoozed_until FROM reminders INDEXED BY reminders_fires "
            "WHERE done_at IS NULL "
            f"AND {FIRES_SQL} > julianday(?) - {MARGIN_DAYS} ORDER BY {FIRES_SQL}"
        )
        params = [_julian(after)]
        rows = self.db.execute(f"{sql} LIMIT {NEXT_BATCH}", params).fetchall()
        if len(rows) == NEXT_BATCH:
            # a time read as UTC may sort up to a day from its place, in either direction
            later = [fires_at_of(r[0], r[1]) for r in rows]
            future = [t for t in later if t > after]
            last = later[-1]
            if not future or min(future) + dt.timedelta(days=2 * MARGIN_DAYS) > last:
                rows = self.db.execute(sql, params).fetchall()
        times = [t for t in (fires_at_of(r[0], r[1]) for r in rows) if t > after]
        return min(times) if times else None

    def open_ids(self) -> set[int]:
        """The ids of the reminders not yet done."""
        rows = self.db.execute("SELECT id FROM reminders WHERE done_at IS NULL").fetchall()
        return {row[0] for row in rows}

    def open_among(self, ids: Iterable[int]) -> set[int]:
        """Which of these are still open (the reminder window drops the others)."""
        wanted = builtins.list(ids)
        found: set[int] = set()
        for start in range(0, len(wanted), IDS_PER_QUERY):
            chunk = wanted[start : start + IDS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.execute(
                f"SELECT id FROM reminders WHERE done_at IS NULL AND id IN ({marks})", chunk
            ).fetchall()
            found.update(row[0] for row in rows)
        return found

    def any_open(self) -> bool:
        """Whether any reminder is waiting to be done (one row at most is read)."""
        return bool(
            self.db.execute("SELECT 1 FROM reminders WHERE done_at IS NULL LIMIT 1").fetchall()
        )

    def announcements(self) -> Announced:
        """A new record of what a scheduler has announced (see Announced)."""
        return Announced(self.db)

    def get_many(self, ids: Iterable[int]) -> builtins.list[Reminder]:
        """These reminders (those that still exist), in no particular order."""
        wanted = builtins.list(ids)
        found: builtins.list[Reminder] = []
        for start in range(0, len(wanted), IDS_PER_QUERY):
            chunk = wanted[start : start + IDS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            rows = self.db.query(f"SELECT * FROM reminders WHERE id IN ({marks})", chunk)
            found.extend(reminder_from_row(r) for r in rows)
        return found

    def write_count(self) -> int:
        """How many rows this connection has changed since it opened: when it moves, anything
        may have changed (the scheduler then looks at every reminder again)."""
        return int(self.db.conn.total_changes)

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
