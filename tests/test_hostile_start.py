"""Starting the real program on a data folder a stranger has tampered with: it starts, or
says in words why not, and no traceback ever reaches the person."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.real_app import run_app

# Every key the program reads back from settings.ini, each holding something it never wrote.
HOSTILE_SETTINGS = """\
[General]
last_case_id=99999999999999999999999
[view]
point_size=\u00b2
[window]
geometry=@ByteArray(\\0\\0\\xff garbage)
splitter=1e9
[case]
1\\page=-3
[printing]
page_size=Z9
last_folder=/no/such/folder
[reminders]
keep_running=maybe
last_running=0000-00-00T00:00:00
"""


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo")
    folder = home / "data"
    made = run_app(home, "--demo", "--data-dir", str(folder), "--export-calendar", "/dev/null")
    assert made.returncode == 0, made.stderr
    return folder


@pytest.mark.parametrize(
    "how",
    [["--screenshot", "shot.png", "--step", "3"], ["--export-calendar", "out.ics"]],
    ids=["window", "calendar"],
)
def test_garbage_in_every_setting_never_stops_the_start(
    demo_folder: Path, tmp_path: Path, how: list[str]
) -> None:
    """A text size of "²" passed the start's isdigit() check and then int() refused it: the
    program said "Something went wrong" at every start, locking the person out."""
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    (folder / "settings.ini").write_text(HOSTILE_SETTINGS, encoding="utf-8")
    args = [str(tmp_path / arg) if arg.endswith((".png", ".ics")) else arg for arg in how]
    result = run_app(tmp_path, "--data-dir", str(folder), *args)
    assert result.returncode == 0, result.stderr
    assert "went wrong" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_case_file_with_a_line_break_in_its_name_still_exports_its_calendar(
    tmp_path: Path,
) -> None:
    """A case archive checks a name's length, not its letters: a case named "Mum", a line
    break and "END:VCALENDAR" imported, and then --export-calendar (and the window's calendar)
    ended with "Something went wrong", since the calendar's name is written unescaped."""
    from icalendar import Calendar

    from secondopinion_desktop.services import transfer
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository
    from tests.helpers.archives import tables_of, with_tables

    for name in ("old", "new"):
        (tmp_path / name).mkdir()
    source = Repository(open_database(tmp_path / "old"))
    case = source.cases.create("Mum")
    transfer.export_case(source, case.id, tmp_path / "Mum.secondopinion")
    source.db.close()
    data = (tmp_path / "Mum.secondopinion").read_bytes()
    tables = tables_of(data)
    tables["cases"][0]["title"] = "Mum\r\nEND:VCALENDAR\x00"
    target = Repository(open_database(tmp_path / "new"))
    transfer.import_case(target, with_tables(data, tables))
    target.db.close()

    result = run_app(
        tmp_path, "--data-dir", str(tmp_path / "new"), "--export-calendar", str(tmp_path / "o.ics")
    )
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "o.ics").read_bytes()
    assert b"\x00" not in written
    assert str(Calendar.from_ical(written)["x-wr-calname"]) == ("Second Opinion: Mum END:VCALENDAR")


@pytest.mark.parametrize("how", ["--export-calendar", "--export-cover-sheet"])
def test_an_export_to_a_pipe_is_refused_and_leaves_it_a_pipe(
    demo_folder: Path, tmp_path: Path, how: str
) -> None:
    """The new file was renamed over the pipe (as root, over /dev/full too), and the program
    said it had written the file."""
    import os
    import stat

    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    pipe = tmp_path / "out"
    os.mkfifo(pipe)
    result = run_app(tmp_path, "--data-dir", str(folder), how, str(pipe))
    assert result.returncode == 2, result.stderr
    assert "could not write" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_damaged_start_restores_the_good_backup_behind_an_altered_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt
    import sqlite3

    from secondopinion_desktop import app as app_module
    from secondopinion_desktop.paths import database_path
    from secondopinion_desktop.store import backups
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository
    from secondopinion_desktop.ui import messages

    folder = tmp_path / "data"
    folder.mkdir()
    repo = Repository(open_database(folder))
    repo.cases.create("Safe in the backup")
    backups.make_backup(repo.db.conn, folder, "daily")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    altered = backups.make_backup(repo.db.conn, folder, "by hand", now=later)
    repo.db.close()
    conn = sqlite3.connect(altered.path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON cases BEGIN DELETE FROM cases; END")
    conn.commit()
    conn.close()
    database_path(folder).write_bytes(b"this file was damaged" * 300)
    monkeypatch.setattr(messages, "choose_recovery", lambda *a: messages.RESTORE)
    opened = app_module.open_store(folder, interactive=True)
    assert isinstance(opened, tuple), "the restore was refused"
    _folder, db, instance = opened
    assert [c.title for c in Repository(db).cases.list()] == ["Safe in the backup"]
    assert not db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    db.close()
    instance.release()


@pytest.mark.parametrize("kind", ["pipe", "folder"])
def test_a_lock_that_is_not_a_file_is_named_in_words(
    demo_folder: Path, tmp_path: Path, kind: str
) -> None:
    """A pipe under the lock's name made the start wait for ever, without a word; a folder
    there was taken for another open window, at every start."""
    import os

    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    lock = folder / ".secondopinion.lock"
    if kind == "pipe":
        os.mkfifo(lock)
    else:
        lock.mkdir()
    result = run_app(
        tmp_path, "--data-dir", str(folder), "--export-calendar", "/dev/null", timeout=30
    )
    assert result.returncode == 2, result.stderr
    assert ".secondopinion.lock" in result.stderr and "move it" in result.stderr
    assert "already open" not in result.stderr and "Traceback" not in result.stderr
    assert lock.exists()  # never removed: it is not ours
