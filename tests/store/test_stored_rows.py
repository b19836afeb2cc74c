"""A bad value already in the database (an older version's, a hand edit's) never locks the
person out: every list still reads, reminders still sync, and the app still starts."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.services.exports import case_calendar
from secondopinion_desktop.services.reminders import sync_all_reminders
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock

ROOT = Path(__file__).resolve().parents[2]

# (table, column, value): what older versions or an unchecked import could leave behind; the
# schema's CHECK constraints let every one of these in
BAD_VALUES = [
    ("cases", "date_of_birth", "2026-02-30"),
    ("cases", "told_on", "last week"),
    ("doctors", "wait_days", "nine"),
    ("calls", "called_at", "yesterday"),
    ("calls", "call_back_on", "soon"),
    ("appointments", "starts_at", "garbage"),
    ("appointments", "starts_at", "2026-11-26T09:30:00"),  # no UTC offset
    ("records", "requested_on", "garbage"),
    ("records", "sent_on", "2026-13-01"),
    ("records", "pages", "many"),
    ("questions", "asked_on", "garbage"),
    ("opinions", "given_on", "2026-04-31"),
    ("rounds", "doctors_talk_on", "tomorrow"),
    ("reminders", "due_at", "whenever"),
    ("reminders", "due_at", "2026-11-30T09:00:00"),  # no UTC offset
    ("reminders", "snoozed_until", "later"),
    ("reminders", "done_at", "done"),
    ("todos", "created_at", "long ago"),
    ("step_progress", "done_at", "yes"),
]
# Choices are guarded by CHECK constraints: no version of the app could store these, and a file
# holding one fails SQLite's own check at start (it is then treated as damaged, in words).
CHECKED_VALUES = [
    ("cases", "referral_asked", "perhaps"),
    ("doctors", "role", "surgeon"),
    ("doctors", "status", "not a status"),
    ("appointments", "kind", "party"),
    ("records", "timing", "whenever"),
    ("questions", "topic", "weather"),
    ("reminders", "about", "weather"),
]


def damaged_folder(tmp_path: Path, table: str, column: str, value: object) -> Path:
    folder = tmp_path / f"{table}-{column}"
    folder.mkdir()
    repo = Repository(open_database(folder), FakeClock())
    build_demo(repo, dt.date(2026, 11, 20))
    repo.db.close()
    conn = sqlite3.connect(folder / "secondopinion.db")
    conn.execute(f'UPDATE "{table}" SET "{column}" = ?', [value])
    conn.commit()
    conn.close()
    return folder


def reads_everything(repo: Repository) -> None:
    sync_all_reminders(repo)
    repo.reminders.open()
    for case in repo.cases.list():
        repo.cases.get(case.id)
        repo.doctors.list(case.id)
        repo.appointments.list(case.id)
        repo.questions.list(case.id)
        repo.opinions.list(case.id)
        repo.rounds.info(case.id)
        repo.todos.list(case.id)
        repo.reminders.list(case.id)
        for record in repo.records.list(case.id):
            repo.records.list_attachments(record.id)
        case_calendar(repo, case.id)


@pytest.mark.parametrize(("table", "column", "value"), BAD_VALUES)
def test_a_bad_stored_value_is_read_as_not_given(
    tmp_path: Path, table: str, column: str, value: object
) -> None:
    folder = damaged_folder(tmp_path, table, column, value)
    repo = Repository(open_database(folder), FakeClock())
    try:
        reads_everything(repo)
    finally:
        repo.db.close()


def test_choices_outside_the_list_cannot_be_stored(tmp_path: Path) -> None:
    folder = damaged_folder(tmp_path, "cases", "notes", "fine")
    conn = sqlite3.connect(folder / "secondopinion.db")
    for table, column, value in CHECKED_VALUES:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(f'UPDATE "{table}" SET "{column}" = ?', [value])
    conn.close()


def test_the_app_starts_on_a_database_full_of_bad_values(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    repo = Repository(open_database(folder), FakeClock())
    build_demo(repo, dt.date(2026, 11, 20))
    repo.db.close()
    conn = sqlite3.connect(folder / "secondopinion.db")
    for table, column, value in BAD_VALUES:
        conn.execute(f'UPDATE "{table}" SET "{column}" = ?', [value])
    conn.commit()
    conn.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    for extra in (
        ["--export-calendar", str(tmp_path / "out.ics")],
        ["--screenshot", str(tmp_path / "step3.png"), "--step", "3"],
        ["--screenshot", str(tmp_path / "step4.png"), "--step", "4"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "secondopinion_desktop", "--data-dir", str(folder), *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, (extra, done.stderr[-3000:])


def test_what_a_bad_value_reads_as(tmp_path: Path) -> None:
    """Dates as not given, a visit with no readable time left out, a reminder due at once."""
    folder = damaged_folder(tmp_path, "appointments", "starts_at", "garbage")
    conn = sqlite3.connect(folder / "secondopinion.db")
    conn.execute("UPDATE cases SET date_of_birth = '2026-02-30'")
    conn.execute("UPDATE reminders SET due_at = 'whenever' WHERE key IS NULL")
    conn.commit()
    conn.close()
    repo = Repository(open_database(folder), FakeClock())
    try:
        case = repo.cases.list()[0]
        assert case.date_of_birth is None
        assert repo.appointments.list(case.id) == []  # still in the file, untouched
        assert repo.db.execute("SELECT count(*) FROM appointments").fetchone()[0] == 1
        own = [r for r in repo.reminders.list(case.id) if r.key is None]
        assert own and all(r.due_at < FakeClock()() for r in own)
    finally:
        repo.db.close()
