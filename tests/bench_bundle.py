"""Benchmark: start-up of the built bundle to a drawn window, against a bare PySide6 window.

Run (after `bash packaging/build.sh`):
    .venv/bin/python tests/bench_bundle.py [--runs N] [--bundle DIR]

Each run is a fresh process that starts, shows its main window at 1280x840, draws it
(`QWidget.grab()`), writes the picture and exits; the time is the wall clock from starting
the process to its exit, so it covers everything the person waits for:
- bare: `python -c` a QApplication with one QMainWindow and a label (this interpreter);
- bundle: `secondopinion-desktop --data-dir DIR --screenshot FILE` on an empty data folder
  (opens the database, builds the real window) and on the demo case;
- source: the same app from this checkout (`python -m secondopinion_desktop`, demo case), to
  tell what the packaging adds from what the app's own start-up costs.
Targets (issue 16, restating issue 6): the bundle within 1.5x the reference window of
tests/bench_windows.py (plain PySide6 with the same kinds of widgets), and its peak memory
within the bare window's + 40 MB. Prints medians and the ratios and exits non-zero when a
target is missed. Uses a real X server: $DISPLAY, else a private Xvfb
when `Xvfb` is installed, else Qt's offscreen platform. Not part of the normal test run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bench_windows import REFERENCE  # noqa: E402

TARGET_RATIO = 1.5  # x the reference window
MEMORY_EXTRA_TARGET_MB = 40.0  # above the bare window
EXE_NAME = "secondopinion-desktop.exe" if sys.platform == "win32" else "secondopinion-desktop"

BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare")
window.setCentralWidget(QLabel("A bare PySide6 window"))
window.resize(1280, 840)
window.show()
for _ in range(3):
    app.processEvents()
window.grab().save(sys.argv[1], "PNG")
window.close()
"""


@contextmanager
def display() -> Iterator[dict[str, str]]:
    """An environment with a real X display if one can be had, else offscreen."""
    env = dict(os.environ)
    if env.get("QT_QPA_PLATFORM"):  # the caller chose, e.g. offscreen
        yield env
        return
    if sys.platform.startswith("linux") and not env.get("DISPLAY"):
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            env["QT_QPA_PLATFORM"] = "offscreen"
            yield env
            return
        number = 90 + os.getpid() % 100
        server = subprocess.Popen(
            [xvfb, f":{number}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(1.0)
            env["DISPLAY"] = f":{number}"
            env.pop("WAYLAND_DISPLAY", None)
            yield env
        finally:
            server.terminate()
            server.wait(timeout=10)
        return
    yield env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from start to exit, and peak memory in MB (0 where the OS cannot tell)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        code, peak = os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024
    else:
        code, peak = process.wait(), 0.0
    elapsed = time.perf_counter() - start
    if code != 0:
        assert process.stderr is not None
        raise SystemExit(f"{command[0]} failed ({code}):\n{process.stderr.read()}")
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "secondopinion-desktop")
    args = parser.parse_args()
    exe = args.bundle / EXE_NAME
    if not exe.exists():
        print(f"No bundle at {exe}: build it with `bash packaging/build.sh`.", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="secondopinion-bench-"))
    shot = str(work / "shot.png")
    empty = work / "empty"
    demo = work / "demo"
    commands = {
        "bare PySide6 window": [sys.executable, "-c", BARE_WINDOW, shot],
        "reference window": [sys.executable, "-c", REFERENCE, shot],
        "source, demo case": [
            *[sys.executable, "-m", "secondopinion_desktop"],
            *["--demo", "--data-dir", str(work / "source"), "--screenshot", shot],
        ],
        "bundle, empty folder": [str(exe), "--data-dir", str(empty), "--screenshot", shot],
        "bundle, demo case": [str(exe), "--demo", "--data-dir", str(demo), "--screenshot", shot],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[float]] = {name: [] for name in commands}
    try:
        with display() as env:
            platform = env.get("QT_QPA_PLATFORM") or f"xcb on {env.get('DISPLAY')}"
            for command in commands.values():  # warm the disk cache; the demo case is made here
                timed(command, env)
            for _ in range(args.runs):  # interleaved, so drift hits all alike
                for name, command in commands.items():
                    seconds, peak = timed(command, env)
                    times[name].append(seconds)
                    memory[name].append(peak)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    bare = statistics.median(times["bare PySide6 window"])
    reference = statistics.median(times["reference window"])
    bare_memory = statistics.median(memory["bare PySide6 window"])
    print(f"Start-up to a drawn window, median of {args.runs} runs ({platform}):")
    print(f"{'':24} {'median':>8} {'min':>8} {'max':>8} {'x bare':>7} {'x ref':>6} {'MB':>6}")
    worst, worst_memory = 0.0, 0.0
    for name, values in times.items():
        median = statistics.median(values)
        peak = statistics.median(memory[name])
        if name.startswith("bundle"):
            worst = max(worst, median / reference)
            worst_memory = max(worst_memory, peak - bare_memory)
        print(
            f"{name:24} {median * 1000:6.0f}ms {min(values) * 1000:6.0f}ms "
            f"{max(values) * 1000:6.0f}ms {median / bare:6.2f}x {median / reference:5.2f}x"
            f" {peak:6.1f}"
        )
    source = statistics.median(times["source, demo case"])
    bundle = statistics.median(times["bundle, demo case"])
    print(f"Bundle against the same app run from source: {bundle / source:.2f}x")
    time_ok = worst <= TARGET_RATIO
    memory_ok = worst_memory <= MEMORY_EXTRA_TARGET_MB
    verdict = "met" if time_ok else "MISSED"
    print(f"Target: bundle within {TARGET_RATIO}x the reference window: {verdict} ({worst:.2f}x)")
    verdict = "met" if memory_ok else "MISSED"
    print(
        f"Target: bundle memory within the bare window + {MEMORY_EXTRA_TARGET_MB:.0f} MB: "
        f"{verdict} (+{worst_memory:.1f} MB)"
    )
    return 0 if time_ok and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
