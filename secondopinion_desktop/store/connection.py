"""The app's everyday handle on its SQLite file: the small part of sqlite-utils' API we use.

`execute`, `query`, `atomic`, `table_names` and `enable_wal` behave as sqlite-utils 4's do.
sqlite-utils itself (with click, pluggy and dateutil) costs about 45 ms and 5 MB at every
start, so it is imported only when the schema has to change (store/migrations.py), where its
`Migrations` and table tools do the work on this same connection.

The connection is in driver autocommit mode (`isolation_level=None`): a statement outside
`atomic()` is its own transaction and is on disk when it returns; `atomic()` groups several.

While a background job writes through its own connection (an import, a restore), the window's
connection is paused (`pause_writes`): its next `atomic()` raises `WritesPaused` at once, in
the person's words, instead of waiting for the lock and failing with "database is locked".
Every use case is one `atomic()`, so this one check is the rule for every write; reading goes
on as before (WAL lets the window read while the job writes).
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from secondopinion_desktop.errors import KnownError

Parameters = Sequence[Any] | Mapping[str, Any] | None

_savepoints = itertools.count(1)


class WritesPaused(KnownError):
    """Nothing was written: another connection of the app is writing (a background job).
    The message says so for the person; typed text waits and is saved when the job ends."""


class Database:
    """One open database file (or `:memory:`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.isolation_level = None
        self.conn = conn
        self._paused: str | None = None

    @classmethod
    def connect(cls, path: Path | str, timeout: float) -> Database:
        return cls(sqlite3.connect(str(path), timeout=timeout, isolation_level=None))

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        """Run one statement; outside `atomic()` a write is committed when this returns."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, parameters: Parameters = None) -> Iterator[dict[str, Any]]:
        """Run a statement that returns rows; the rows as dicts, fetched as they are read."""
        cursor = self.execute(sql, parameters)
        if cursor.description is None:
            raise ValueError("query() is for SQL that returns rows; use execute() for others")
        names = [column[0] for column in cursor.description]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    def rows(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        """Like `query`, but each row is an `sqlite3.Row` (read by column name, as a dict is)
        instead of a new dict: half the cost for the long lists a page shows."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, () if parameters is None else parameters)

    def pause_writes(self, words: str) -> None:
        """Refuse writes (`WritesPaused` with these words) until `resume_writes`."""
        self._paused = words

    def resume_writes(self) -> None:
        self._paused = None

    @property
    def paused_words(self) -> str | None:
        """Why writes are refused now (None when they are not)."""
        return self._paused

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """All of the block's writes, or none of them; nested blocks use savepoints.

        `WritesPaused` before anything is done while writes are paused (`pause_writes`).
        """
        if self.conn.in_transaction:
            savepoint = f"secondopinion_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # A failed statement may already have ended the whole transaction.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        if self._paused is not None:
            raise WritesPaused(self._paused, "writes paused while a background job writes")
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [str(row[0]) for row in rows]

    @property
    def journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0])

    def enable_wal(self) -> None:
        if self.journal_mode != "wal":
            self.conn.execute("PRAGMA journal_mode = wal")

    def close(self) -> None:
        self.conn.close()
