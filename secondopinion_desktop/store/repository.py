"""The one handle widgets and services hold on the data: a repository per aggregate.

    repo.cases, repo.doctors, repo.appointments, repo.todos, repo.records, repo.deliveries,
    repo.rounds,
    repo.questions, repo.opinions, repo.reminders, repo.archive

Every write runs in its own transaction (`db.atomic()`), so an edit is on disk the moment a
method returns; there is no Save button to forget. Use cases that change several aggregates
at once live in secondopinion_desktop/services/, each one transaction.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from secondopinion_desktop.store.appointments import AppointmentRepository
from secondopinion_desktop.store.cases import CaseRepository
from secondopinion_desktop.store.connection import Database, WritesPaused
from secondopinion_desktop.store.deliveries import DeliveriesRepository
from secondopinion_desktop.store.doctors import DoctorRepository
from secondopinion_desktop.store.opinions import OpinionRepository
from secondopinion_desktop.store.questions import QuestionRepository
from secondopinion_desktop.store.records import RecordRepository
from secondopinion_desktop.store.reminders import ReminderRepository
from secondopinion_desktop.store.rounds import RoundRepository
from secondopinion_desktop.store.rows import Clock, NotFoundError, system_clock
from secondopinion_desktop.store.todos import TodoRepository

if TYPE_CHECKING:
    from secondopinion_desktop.store.archive_rows import ArchiveRows

__all__ = ["Clock", "NotFoundError", "Repository", "WritesPaused", "system_clock"]


class Repository:
    """The database, its clock, and one repository per aggregate sharing both."""

    def __init__(self, db: Database, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.cases = CaseRepository(db, clock)
        self.doctors = DoctorRepository(db, clock)
        self.appointments = AppointmentRepository(db, clock)
        self.todos = TodoRepository(db, clock)
        self.records = RecordRepository(db, clock)
        self.deliveries = DeliveriesRepository(db, clock)
        self.rounds = RoundRepository(db, clock)
        self.questions = QuestionRepository(db, clock)
        self.opinions = OpinionRepository(db, clock)
        self.reminders = ReminderRepository(db, clock)

    @cached_property
    def archive(self) -> ArchiveRows:
        """The archive row copy, made when first used: it loads the archive's value rules,
        which only an export or import needs (kept off start-up)."""
        from secondopinion_desktop.store.archive_rows import ArchiveRows

        return ArchiveRows(self.db)

    def now(self) -> dt.datetime:
        """Now by the repository's clock (tests set it), for reminders and snoozes."""
        return self.clock()

    def today(self) -> dt.date:
        """Today by the repository's clock (tests set it), for due dates and date checks."""
        return self.clock().date()

    def database_file(self) -> Path | None:
        """The database file, for a second connection on it (a background job); None in memory."""
        for row in self.db.execute("PRAGMA database_list").fetchall():
            if row[1] == "main" and row[2]:
                return Path(row[2])
        return None

    @classmethod
    def open_another(cls, database: Path, clock: Clock = system_clock) -> Repository:
        """A repository on its own connection to an open, checked database file (same pragmas).

        For work on another thread (ui/background.py): a sqlite3 connection belongs to the
        thread that made it, and WAL lets the window's connection read meanwhile. The caller
        closes it with `close()`.
        """
        from secondopinion_desktop.store.database import connect

        return cls(connect(database), clock)

    def close(self) -> None:
        self.db.close()

    def data_folder(self) -> Path | None:
        """The folder holding the database file (attachments live beside it); None in memory."""
        for row in self.db.execute("PRAGMA database_list").fetchall():
            if row[1] == "main" and row[2]:
                return Path(row[2]).parent
        return None
