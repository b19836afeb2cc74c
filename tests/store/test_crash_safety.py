"""Killing the app mid-write never loses an edit it reported as saved, nor damages the file."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from secondopinion_desktop.store.database import open_database

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from secondopinion_desktop.domain.doctors import Call, Doctor
    from secondopinion_desktop.paths import prepare_data_dir
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository

    repo = Repository(open_database(prepare_data_dir(Path(sys.argv[1]))))
    case = repo.cases.list()[0] if repo.cases.list() else repo.cases.create("Crash test")
    i = int(sys.argv[2])
    while True:
        doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name=f"edit {i}", notes="x" * 2000))
        repo.doctors.add_call(Call(id=0, doctor_id=doctor.id, called_at="2026-11-20T09:00:00-05:00",
                           learned=f"call {i}"))
        repo.cases.set_step_notes(case.id, 1 + i % 6, f"notes {i}")
        print(i, flush=True)
        i += 1
    """
)


@pytest.mark.needs_posix
def test_sigkill_in_the_middle_of_writes(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rng = random.Random(2026)
    saved: list[int] = []
    next_index = 0
    for _round in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(next_index)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert child.stdout is not None
        target = rng.randint(1, 40)
        seen: list[int] = []
        deadline = time.monotonic() + 30
        while len(seen) < target and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            seen.append(int(line))
        time.sleep(rng.random() * 0.01)  # land the kill at a random point of the next write
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        # anything printed before the kill was reported as saved
        rest = child.stdout.read()
        child.stdout.close()
        seen += [int(x) for x in rest.split()]
        assert seen, "the writer never reported a saved edit"
        saved += seen
        next_index = seen[-1] + 1

        db = open_database(folder)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {row["name"] for row in db.query("SELECT name FROM doctors")}
        learned = {row["learned"] for row in db.query("SELECT learned FROM calls")}
        db.close()
        missing = [i for i in saved if f"edit {i}" not in names or f"call {i}" not in learned]
        assert not missing, f"edits reported saved but lost: {missing[:5]}"
    assert len(saved) >= 12
