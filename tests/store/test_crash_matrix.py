"""SIGKILL at random moments of start-up (with a schema upgrade), backup, import, attaching
and adding an insurer's list of doctors.

Each phase runs the app's own code in a child process: the real program (`python -m
secondopinion_desktop`) for start-up, and for the others a small driver calling the same
functions the window calls, printing a line once each step has returned (acknowledged). The
child is killed at a random moment; then the folder must pass SQLite's integrity and
foreign-key checks, open as the next start would, and hold every acknowledged step, with
every attachment row's file present and whole.

The default run kills a few times per phase; `pytest -m slow -k crash_matrix` many times
(.ci/run runs it).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from secondopinion_desktop.domain.candidate_import import (
    build_candidates,
    guess_mapping,
    read_table,
)
from secondopinion_desktop.paths import database_path, prepare_data_dir
from secondopinion_desktop.store import backups, migrations
from secondopinion_desktop.store.database import connect, open_database
from tests.helpers.data_files import add_cases
from tests.helpers.real_app import app_env

pytestmark = pytest.mark.needs_posix

FEW = 2
MANY = 15


def check_folder(folder: Path) -> sqlite3.Connection:
    """The checks after a kill: a private copy is checked first, then the folder is opened."""
    copy = folder.parent / f"{folder.name}-checked"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    for suffix in ("", "-wal"):
        side = Path(f"{database_path(folder)}{suffix}")
        if side.exists():
            shutil.copyfile(side, Path(f"{database_path(copy)}{suffix}"))
    conn = sqlite3.connect(database_path(copy))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    open_database(folder).close()  # the next start: checks, merges its own -wal, migrates
    conn = sqlite3.connect(f"{database_path(folder).as_uri()}?mode=ro&immutable=1", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for name, sha in conn.execute("SELECT file_name, sha256 FROM attachments"):
        stored = folder / "attachments" / name
        assert stored.is_file(), f"an attachment row without its file: {name}"
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    return conn


def next_start_leaves_nothing_behind(folder: Path, home: Path) -> None:
    """The real program started once more: what the kills left half-made is gone."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "secondopinion_desktop",
            "--data-dir",
            str(folder),
            "--screenshot",
            str(home / "after.png"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=app_env(home),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    left = [
        p.relative_to(folder)
        for p in folder.rglob("*")
        if ".partial" in p.name or p.name.startswith((".incoming-", ".importing-"))
    ]
    assert left == []
    conn = sqlite3.connect(f"{database_path(folder).as_uri()}?mode=ro&immutable=1", uri=True)
    named = {str(r[0]) for r in conn.execute("SELECT file_name FROM attachments")}
    conn.close()
    for made in backups.list_backups(folder):
        conn = sqlite3.connect(f"{made.path.as_uri()}?mode=ro&immutable=1", uri=True)
        named |= {str(r[0]) for r in conn.execute("SELECT file_name FROM attachments")}
        conn.close()
    scans = folder / "attachments"
    stray = sorted(p.name for p in scans.iterdir() if p.name not in named) if scans.exists() else []
    assert stray == [], "scan copies nothing names were left behind"


def case_titles(conn: sqlite3.Connection) -> set[str]:
    return {str(row[0]) for row in conn.execute("SELECT title FROM cases")}


def kill_after_acks(
    script: str, folder: Path, rng: random.Random, home: Path, *args: str
) -> list[str]:
    """Run a driver, let it acknowledge 1-6 steps, kill it mid-way through another."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(folder), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=app_env(home),
    )
    assert child.stdout is not None
    wanted = rng.randint(1, 6)
    acked: list[str] = []
    deadline = time.monotonic() + 60
    while len(acked) < wanted and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acked.append(line.strip())
    time.sleep(rng.random() * 0.05)  # somewhere inside the next step
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    acked += child.stdout.read().split()
    child.stdout.close()
    return acked


def old_schema_folder(root: Path, count: int) -> Path:
    """A folder as an earlier version left it: every schema step but the last, `count` cases."""
    folder = prepare_data_dir(root / "template")
    db = connect(database_path(folder))
    migrations.apply(db, stop_before=migrations.known_names()[-1])
    db.enable_wal()
    add_cases(db, "Before the upgrade", count)
    db.close()
    return folder


def startup_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    template = old_schema_folder(tmp_path, 40)
    for number in range(rounds):
        folder = tmp_path / f"round-{number}"
        shutil.copytree(template, folder)
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "secondopinion_desktop",
                "--data-dir",
                str(folder),
                "--screenshot",
                str(tmp_path / "s.png"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=app_env(tmp_path),
        )
        time.sleep(rng.uniform(0.05, 1.5))  # from importing to migrating to drawing
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        conn = check_folder(folder)
        assert case_titles(conn) == {f"Before the upgrade {i}" for i in range(40)}
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names())
        conn.close()
    next_start_leaves_nothing_behind(folder, tmp_path)


BACKUP_DRIVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from secondopinion_desktop.store import backups
    from secondopinion_desktop.store.database import open_database
    folder = Path(sys.argv[1])
    db = open_database(folder)
    i = 0
    while True:
        with db.atomic():
            db.execute("INSERT INTO cases (title, notes, created_at, updated_at) "
                       "VALUES (?, ?, '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z')",
                       [f"backed up {sys.argv[2]}-{i}", "n" * 3000])
        backups.make_backup(db.conn, folder, "by hand", keep=3)
        print(f"{sys.argv[2]}-{i}", flush=True)
        i += 1
    """
)


def backup_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    folder = prepare_data_dir(tmp_path / "data")
    db = open_database(folder)
    add_cases(db, "Base", 50)
    db.close()
    acked: list[str] = []
    for number in range(rounds):
        acked += kill_after_acks(BACKUP_DRIVER, folder, rng, tmp_path, str(number))
        conn = check_folder(folder)
        missing = {f"backed up {a}" for a in acked} - case_titles(conn)
        conn.close()
        assert not missing, f"acknowledged but lost: {sorted(missing)[:3]}"
        for made in backups.list_backups(folder):
            assert backups.is_good(made.path), made.path.name
    assert acked
    next_start_leaves_nothing_behind(folder, tmp_path)


IMPORT_DRIVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from secondopinion_desktop.services import transfer
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository
    folder = Path(sys.argv[1])
    repo = Repository(open_database(folder))
    while True:
        print(transfer.import_case(repo, Path(sys.argv[2])).case_id, flush=True)
    """
)

ATTACH_DRIVER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from secondopinion_desktop.domain.records import RecordItem
    from secondopinion_desktop.services import records
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository
    folder = Path(sys.argv[1])
    repo = Repository(open_database(folder))
    case_id = int(repo.db.execute("SELECT min(id) FROM cases").fetchone()[0])
    item, _ = records.save_item(repo, None, RecordItem(id=0, case_id=case_id, title="Scans"))
    scans = folder.parent / "scans"
    scans.mkdir(exist_ok=True)
    i = 0
    while True:
        source = scans / f"scan-{sys.argv[2]}-{i}.pdf"
        source.write_bytes(b"%PDF-1.4\\n" + os.urandom(200_000) + b"\\n%%EOF\\n")
        records.attach_scan(repo, folder, item, source)
        print(f"{sys.argv[2]}-{i}", flush=True)
        i += 1
    """
)


def a_case_with_a_scan(folder: Path) -> Path:
    """The app's own export of a case with one scan, to import again and again."""
    from secondopinion_desktop.domain.records import RecordItem
    from secondopinion_desktop.services import records, transfer
    from secondopinion_desktop.store.repository import Repository

    repo = Repository(open_database(folder))
    case = repo.cases.create("Exported")
    item, _ = records.save_item(repo, None, RecordItem(id=0, case_id=case.id, title="Biopsy"))
    assert item is not None
    scan = folder.parent / "biopsy.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + os.urandom(300_000) + b"\n%%EOF\n")
    records.attach_scan(repo, folder, item, scan)
    target = folder.parent / "case.secondopinion"
    transfer.export_case(repo, case.id, target)
    repo.db.close()
    return target


def import_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    folder = prepare_data_dir(tmp_path / "data")
    exported = a_case_with_a_scan(folder)
    acked: list[str] = []
    for _ in range(rounds):
        acked += kill_after_acks(IMPORT_DRIVER, folder, rng, tmp_path, str(exported))
        conn = check_folder(folder)
        for case_id in acked:
            scans = conn.execute(
                "SELECT count(*) FROM attachments JOIN records ON records.id = record_id "
                "WHERE records.case_id = ?",
                [int(case_id)],
            ).fetchone()[0]
            assert scans == 1, f"imported case {case_id} lost its scan"
        conn.close()
    assert acked
    next_start_leaves_nothing_behind(folder, tmp_path)


def attach_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    folder = prepare_data_dir(tmp_path / "data")
    db = open_database(folder)
    add_cases(db, "Scans", 1)
    db.close()
    acked: list[str] = []
    for number in range(rounds):
        acked += kill_after_acks(ATTACH_DRIVER, folder, rng, tmp_path, str(number))
        conn = check_folder(folder)
        names = {str(r[0]) for r in conn.execute("SELECT original_name FROM attachments")}
        conn.close()
        missing = {f"scan-{a}.pdf" for a in acked} - names
        assert not missing, f"acknowledged but lost: {sorted(missing)[:3]}"
    assert acked
    next_start_leaves_nothing_behind(folder, tmp_path)


CSV_ROWS = 5_000
CSV_DRIVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from secondopinion_desktop.domain.candidate_import import (
        build_candidates, guess_mapping, read_table,
    )
    from secondopinion_desktop.domain.doctors import Source
    from secondopinion_desktop.services.doctors import import_doctors
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository
    folder, csv = Path(sys.argv[1]), Path(sys.argv[2])
    table = read_table(csv.read_bytes())
    found = build_candidates(table, guess_mapping(table.headers), []).candidates
    repo = Repository(open_database(folder))
    def progress(done, total, what):
        print(f"wrote{done}", flush=True)
    while True:
        case_id = repo.cases.create(f"List {sys.argv[3]}").id
        import_doctors(repo, case_id, found, Source.INSURANCE_LIST, csv.name, progress)
        print(f"done{case_id}", flush=True)
    """
)


def surname(number: int) -> str:
    """A different name for each number ('Baa', 'Bab', ...): names are letters, not digits."""
    letters = "".join(chr(ord("a") + number // 26**k % 26) for k in range(3))
    return "B" + letters


def csv_rounds(tmp_path: Path, rounds: int, seed: int) -> None:
    """An insurer's list of 5,000 doctors added again and again, killed mid-way: each case
    has all of them or none, and every import that said it was done has all of them."""
    rng = random.Random(seed)
    folder = prepare_data_dir(tmp_path / "data")
    open_database(folder).close()
    csv = tmp_path / "insurer list.csv"
    csv.write_text(
        "Provider Name,Specialty,Phone\n"
        + "".join(
            f"Dr. Ann {surname(i)},Medical oncology,(555) 201-{i % 10_000:04d}\n"
            for i in range(CSV_ROWS)
        ),
        encoding="utf-8",
    )
    table = read_table(csv.read_bytes())
    assert len(build_candidates(table, guess_mapping(table.headers), []).candidates) == CSV_ROWS
    acked: list[str] = []
    for number in range(rounds):
        acked += kill_after_acks(CSV_DRIVER, folder, rng, tmp_path, str(csv), str(number))
        conn = check_folder(folder)
        counts = dict(
            conn.execute(
                "SELECT cases.id, count(doctors.id) FROM cases "
                "LEFT JOIN doctors ON doctors.case_id = cases.id GROUP BY cases.id"
            ).fetchall()
        )
        conn.close()
        assert set(counts.values()) <= {0, CSV_ROWS}, "a list half-added"
        done = [int(a.removeprefix("done")) for a in acked if a.startswith("done")]
        assert all(counts[case_id] == CSV_ROWS for case_id in done)
    assert acked
    next_start_leaves_nothing_behind(folder, tmp_path)


PHASES = {
    "startup": startup_rounds,
    "backup": backup_rounds,
    "import": import_rounds,
    "attach": attach_rounds,
    "csv": csv_rounds,
}


@pytest.mark.parametrize("phase", sorted(PHASES))
def test_crash_matrix_few(tmp_path: Path, phase: str) -> None:
    PHASES[phase](tmp_path, FEW, seed=2026)


@pytest.mark.slow
@pytest.mark.parametrize("phase", sorted(PHASES))
def test_crash_matrix_many(tmp_path: Path, phase: str) -> None:
    PHASES[phase](tmp_path, MANY, seed=int.from_bytes(os.urandom(2), "big"))
