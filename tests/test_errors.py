"""A full disk: the failed write is rolled back, earlier data is intact, the message is clear."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from secondopinion_desktop import app as app_module
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.errors import DiskFullError, known_from_storage_error
from secondopinion_desktop.store.repository import Repository


def fill_the_disk(repo: Repository) -> None:
    """Let the database grow no further, as if the disk were full."""
    pages = repo.db.execute("PRAGMA page_count").fetchone()[0]
    repo.db.execute(f"PRAGMA max_page_count = {pages}")


def test_a_write_on_a_full_disk_fails_cleanly_and_loses_nothing(
    file_repo: Repository, data_dir: Path
) -> None:
    case = file_repo.cases.create("Before the disk filled")
    file_repo.cases.set_step_notes(case.id, 1, "saved earlier")
    fill_the_disk(file_repo)
    with pytest.raises(sqlite3.OperationalError) as info:
        for i in range(500):
            file_repo.doctors.add(Doctor(id=0, case_id=case.id, name=f"Dr. {i}", notes="x" * 4000))
    assert isinstance(known_from_storage_error(info.value), DiskFullError)
    assert not file_repo.db.conn.in_transaction
    assert file_repo.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert file_repo.cases.step_progress(case.id)[1].notes == "saved earlier"
    file_repo.db.execute("PRAGMA max_page_count = 1073741823")
    file_repo.cases.set_step_notes(case.id, 1, "saved after freeing space")
    assert file_repo.cases.step_progress(case.id)[1].notes == "saved after freeing space"


def test_storage_errors_get_words_for_the_person() -> None:
    full = known_from_storage_error(sqlite3.OperationalError("database or disk is full"))
    assert full is not None and "disk is full" in full.message
    nospace = known_from_storage_error(OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(nospace, DiskFullError)
    readonly = known_from_storage_error(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert readonly is not None and "cannot write" in readonly.message
    assert known_from_storage_error(ValueError("a bug")) is None


def test_the_excepthook_shows_the_disk_full_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app_module, "report_error", lambda message, *_: shown.append(message))
    monkeypatch.setattr("sys.excepthook", app_module.sys.excepthook)
    app_module.install_excepthook(interactive=False)
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as exc:
        app_module.sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and "disk is full" in shown[0]
    assert "Traceback" not in capsys.readouterr().err
