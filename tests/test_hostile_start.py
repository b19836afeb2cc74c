"""Starting the real program on a data folder a stranger has tampered with: it starts, or
says in words why not, and no traceback ever reaches the person."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
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


# The data file itself is not the app's own: another program's database, ours with a table or
# column gone or a trigger added, one from a newer version, a shortcut to nothing, a folder, a
# pipe, a file that cannot be read. Each is refused in words at every start, and the file and
# the folder stay exactly as they were.

ALTERATIONS = {
    "a column dropped": "ALTER TABLE doctors DROP COLUMN phone",
    "a table dropped": "PRAGMA foreign_keys = OFF; DROP TABLE questions",
    "a trigger added": "CREATE TRIGGER t AFTER INSERT ON cases BEGIN DELETE FROM cases; END",
    "another program's table beside ours": "CREATE TABLE invoices (id INTEGER, total REAL)",
    "an index dropped": "DROP INDEX doctors_status",
}


def snapshot(folder: Path) -> dict[str, str]:
    """Every name in the folder with its bytes' checksum (or its kind): what must not change."""
    found: dict[str, str] = {}
    for item in sorted(folder.rglob("*")):
        name = str(item.relative_to(folder))
        if item.is_symlink():
            found[name] = f"-> {os.readlink(item)}"
        elif item.is_file():
            found[name] = hashlib.sha256(item.read_bytes()).hexdigest()
        else:
            found[name] = "folder" if item.is_dir() else "other"
    return found


def refused_twice(home: Path, folder: Path) -> str:
    """Start the program twice on the folder; both starts refuse the same way and change
    nothing. Returns what the person was told."""
    before = snapshot(folder)
    said = []
    for _ in range(2):
        result = run_app(home, "--data-dir", str(folder), "--export-calendar", "/dev/null")
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and "went wrong" not in result.stderr
        assert snapshot(folder) == before
        said.append(result.stderr)
    assert said[0] == said[1]
    return said[0]


@pytest.mark.parametrize("change", list(ALTERATIONS.values()), ids=list(ALTERATIONS))
def test_a_data_file_with_another_layout_is_refused_and_left_byte_for_byte(
    demo_folder: Path, tmp_path: Path, change: str
) -> None:
    """A dropped column made every page say 'Something went wrong'; a dropped table and a
    trigger that deletes every other case were opened as if nothing had happened."""
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    conn = sqlite3.connect(folder / "secondopinion.db", isolation_level=None)
    conn.executescript(change)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    said = refused_twice(tmp_path, folder)
    assert "changed by another program" in said and "restore a backup" in said


def test_another_programs_database_with_a_migrations_table_is_never_migrated_into(
    tmp_path: Path,
) -> None:
    """Another sqlite-utils program's file had the app's tables created inside it."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    conn = sqlite3.connect(folder / "secondopinion.db")
    conn.executescript(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
        "name TEXT, applied_at TEXT); CREATE TABLE recipes (name TEXT);"
        "INSERT INTO recipes VALUES ('soup')"
    )
    conn.close()
    said = refused_twice(tmp_path, folder)
    assert "another program's file" in said


def test_a_file_from_a_newer_version_is_refused_at_every_start(
    demo_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    conn = sqlite3.connect(folder / "secondopinion.db", isolation_level=None)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    assert "newer version" in refused_twice(tmp_path, folder)


@pytest.mark.parametrize("kind", ["shortcut to nothing", "folder", "pipe"])
def test_a_data_file_that_is_not_a_file_is_named_and_nothing_is_made(
    tmp_path: Path, kind: str
) -> None:
    """A shortcut to a missing file made a new, empty database wherever it pointed."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / "settings.ini").write_text("", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    place = folder / "secondopinion.db"
    if kind == "folder":
        place.mkdir()
    elif kind == "pipe":
        os.mkfifo(place)
    else:
        place.symlink_to(elsewhere / "secondopinion.db")
    said = refused_twice(tmp_path, folder)
    assert "secondopinion.db" in said and "Nothing has been changed" in said
    assert {"shortcut to nothing": "shortcut", "folder": "a folder", "pipe": "not an"}[kind] in said
    assert list(elsewhere.iterdir()) == []


@pytest.mark.needs_posix
@pytest.mark.needs_non_root
def test_a_data_file_that_cannot_be_read_is_named(demo_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    (folder / "secondopinion.db").chmod(0)
    try:
        assert "cannot be read" in refused_twice(tmp_path, folder)
    finally:
        (folder / "secondopinion.db").chmod(0o600)


def test_choosing_the_backup_keeps_the_altered_file_unchanged_beside(
    demo_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the window, the refusal offers the newest good backup; the altered file is kept."""
    from secondopinion_desktop import app as app_module
    from secondopinion_desktop.store import backups
    from secondopinion_desktop.store.repository import Repository
    from secondopinion_desktop.ui import messages

    folder = tmp_path / "data"
    shutil.copytree(demo_folder, folder)
    conn = sqlite3.connect(folder / "secondopinion.db", isolation_level=None)
    backups.make_backup(conn, folder, "daily")
    conn.execute("ALTER TABLE doctors DROP COLUMN phone")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    altered = hashlib.sha256((folder / "secondopinion.db").read_bytes()).hexdigest()
    offered: list[str] = []

    def choose(_parent: object, text: str, can_restore: bool) -> str:
        offered.append(text if can_restore else "no backup offered")
        return messages.RESTORE

    monkeypatch.setattr(messages, "choose_recovery", choose)
    opened = app_module.open_store(folder, interactive=True)
    assert isinstance(opened, tuple), "the restore was refused"
    _folder, db, instance = opened
    repo = Repository(db)
    assert [d.phone for d in repo.doctors.list(repo.cases.list()[0].id)]
    db.close()
    instance.release()
    assert "changed by another program" in offered[0]
    kept = [hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.damaged-*")]
    assert kept == [altered]
