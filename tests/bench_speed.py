"""Benchmark: start-up, memory, and opening five years of data, against a bare PySide6 window.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_speed.py
Prints a table and exits non-zero when a target is missed. Not part of the normal test run.

Targets (issue 16, restating issues 6 and 7 against a window that shows the same content):
- start-up to a drawn window on the demo case: at most 1.5 x the reference window below
- memory: at most the bare window's + 40 MB
- opening a database with 5 years of data (50 cases, 5,000 doctors, 20,000 calls,
  2,000 records, 10,000 reminders): under 500 ms
- the doctor table figures (tests/bench_doctor_table.py) are run and shown too.

For scale it also times a reference window: plain PySide6 code building the same kinds of
widgets as the app's step-3 page (menus, case bar, step list, three cards of wrapped text,
buttons, a search field, a six-column table behind a proxy model) with no app code, no data and
no style. That is about the least a window with this content can cost, so it shows how much of
the app's time is Qt drawing such a window and how much is the app's own work.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench_windows import REFERENCE  # noqa: E402

RUNS = 9
START_RATIO_TARGET = 1.5  # x the reference window
MEMORY_EXTRA_TARGET_MB = 40.0
OPEN_TARGET_MS = 500.0

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("Hello")); w.resize(1280, 840); w.show()
app.processEvents()
w.grab().save(sys.argv[1], "PNG")
"""


def timed_run(command: list[str]) -> tuple[float, float]:
    """Wall time in ms of a fresh process from start to exit, and its peak memory in MB."""
    # Compiled bytecode is cached, as in an installed app or the bundle.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    if status != 0:
        assert process.stderr is not None
        raise SystemExit(f"{command} failed: {process.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def bare_command(png: Path) -> list[str]:
    return [sys.executable, "-c", BARE, str(png)]


def reference_command(png: Path) -> list[str]:
    return [sys.executable, "-c", REFERENCE, str(png)]


def app_command(png: Path, data_dir: Path) -> list[str]:
    """The installed `secondopinion-desktop` command (what a launcher runs), demo case, step 3."""
    script = Path(sys.executable).with_name("secondopinion-desktop")
    start = [str(script)] if script.exists() else [sys.executable, "-m", "secondopinion_desktop"]
    return [
        *start,
        "--demo",
        "--data-dir",
        str(data_dir),
        "--screenshot",
        str(png),
        "--step",
        "3",
    ]


def start_up(tmp: Path) -> tuple[float, float, float, float, float]:
    bare_t, bare_m, app_t, app_m, reference_t = [], [], [], [], []
    demo_dir = tmp / "demo"
    timed_run(app_command(tmp / "warm.png", demo_dir))  # build the demo, warm the caches
    timed_run(bare_command(tmp / "warm-bare.png"))
    timed_run(reference_command(tmp / "warm-reference.png"))
    for i in range(RUNS):
        reference_t.append(timed_run(reference_command(tmp / f"reference{i}.png"))[0])
        t, m = timed_run(bare_command(tmp / f"bare{i}.png"))
        bare_t.append(t)
        bare_m.append(m)
        t, m = timed_run(app_command(tmp / f"app{i}.png", demo_dir))
        app_t.append(t)
        app_m.append(m)
    return (
        statistics.median(bare_t),
        statistics.median(app_t),
        statistics.median(bare_m),
        statistics.median(app_m),
        statistics.median(reference_t),
    )


def five_years(folder: Path) -> dict[str, int]:
    """Fill a database as five years of heavy use might."""
    from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Status
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository

    rng = random.Random(5)
    repo = Repository(open_database(folder))
    db = repo.db
    cases = [repo.cases.create(f"Case {i}", patient_name=f"Patient {i}") for i in range(50)]
    for case in cases:
        repo.doctors.add_many(
            Doctor(
                id=0,
                case_id=case.id,
                name=f"Dr. {case.id}-{j}",
                specialty="Oncology",
                phone="(555) 123-4567",
                accepting_new_patients=rng.choice(list(Answer)),
                status=rng.choice(list(Status)),
                notes="x" * 100,
            )
            for j in range(100)
        )
    doctor_ids = [r["id"] for r in db.query("SELECT id FROM doctors")]
    with db.atomic():
        for i in range(20_000):
            repo.doctors.add_call(
                Call(
                    id=0,
                    doctor_id=rng.choice(doctor_ids),
                    called_at=f"2024-01-01T09:{i % 60:02d}:00+00:00",
                    answered_by="Front desk",
                    learned="Taking new patients, two weeks wait." * 2,
                )
            )
    tables = set(db.table_names())
    if "records" in tables:
        from secondopinion_desktop.domain.records import RecordItem, RecordKind

        with db.atomic():
            for i in range(2_000):
                repo.records.add(
                    RecordItem(
                        id=0,
                        case_id=cases[i % 50].id,
                        title=f"Record {i}",
                        kind=rng.choice(list(RecordKind)),
                    )
                )
    reminders = 0
    if "reminders" in tables:
        columns = {r[1]: r for r in db.execute("PRAGMA table_info(reminders)").fetchall()}
        with db.atomic():
            for i in range(10_000):
                row = {"case_id": cases[i % 50].id}
                for name, info in columns.items():
                    if name in ("id", "case_id") or not info[3] or info[4] is not None:
                        continue  # optional columns keep their defaults
                    row[name] = (
                        f"2025-{1 + i % 12:02d}-01T09:00:00+00:00"
                        if "at" in name or "due" in name
                        else (f"bench:{i}" if name == "key" else f"Reminder {i}")
                    )
                names = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                db.execute(f"INSERT INTO reminders ({names}) VALUES ({marks})", list(row.values()))
                reminders += 1
    db.close()
    return {
        "cases": 50,
        "doctors": len(doctor_ids),
        "calls": 20_000,
        "records": 2_000 if "records" in tables else 0,
        "reminders": reminders,
    }


def open_big(folder: Path) -> float:
    """Open the big database as the app does and load what the first screen needs."""
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository

    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        repo = Repository(open_database(folder))
        cases = repo.cases.list()
        first = cases[0]
        repo.cases.step_progress(first.id)
        repo.doctors.list(first.id)
        repo.cases.counts(first.id)
        times.append((time.perf_counter() - start) * 1000)
        repo.db.close()
    return statistics.median(times)


def main() -> int:
    rows: list[tuple[str, float, float, str, bool]] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bare_t, app_t, bare_m, app_m, reference_t = start_up(tmp)
        ratio = app_t / bare_t
        rows.append(("bare PySide6 window, start to drawn (ms)", bare_t, 0, "", True))
        rows.append(("reference window, no app code (ms)", reference_t, 0, "", True))
        rows.append(("reference window (x bare)", reference_t / bare_t, 0, "", True))
        rows.append(("Second Opinion demo, start to drawn (ms)", app_t, 0, "", True))
        rows.append(("start-up (x bare)", ratio, 0, "", True))
        reference_ratio = app_t / reference_t
        rows.append(
            (
                "start-up (x reference window)",
                reference_ratio,
                START_RATIO_TARGET,
                "<=",
                reference_ratio <= START_RATIO_TARGET,
            )
        )
        rows.append(("bare window peak memory (MB)", bare_m, 0, "", True))
        extra = app_m - bare_m
        rows.append(("Second Opinion peak memory (MB)", app_m, 0, "", True))
        rows.append(
            (
                "memory above bare (MB)",
                extra,
                MEMORY_EXTRA_TARGET_MB,
                "<=",
                extra <= MEMORY_EXTRA_TARGET_MB,
            )
        )
        big = tmp / "big"
        big.mkdir()
        filled = five_years(big)
        open_ms = open_big(big)
        rows.append(
            ("open 5 years of data (ms)", open_ms, OPEN_TARGET_MS, "<", open_ms < OPEN_TARGET_MS)
        )
    print(f"Speed benchmark, {dt.date.today()}, median of {RUNS} runs")
    print("Five years of data: " + ", ".join(f"{v:,} {k}" for k, v in filled.items()))
    print(f"{'measure':<44}{'value':>10}{'target':>10}  result")
    failed = False
    for label, value, target, op, ok in rows:
        target_text = f"{op}{target:g}" if op else ""
        verdict = "" if not op else "ok" if ok else "MISSED"
        print(f"{label:<44}{value:>10.2f}{target_text:>10}  {verdict}")
        failed |= not ok
    table = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench_doctor_table.py")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    print()
    print(table.stdout.strip())
    failed |= table.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
