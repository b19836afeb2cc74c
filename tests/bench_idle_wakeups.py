"""Idle cost: how often the app wakes up when no reminder is due.

Opens the demo case in a throw-away folder, snoozes every due reminder to the day after
tomorrow, shows the window on step 6 and lets it sit. An application-wide event filter counts
every timer event (each one is a wake-up of the event loop) by the object that received it, and
minute by minute; the reminder scheduler counts its own firings too. The goal: no more than one
wake-up a minute from the app. (Qt's own pixmap cache tidies itself every 30 s for the first
minutes after painting, then stops: the per-minute figures show it.)

With --tray, "Keep reminding me when Second Opinion is closed" is turned on (a tray is assumed
and no start-at-login entry is written) and the window is closed to the tray before the idle
time starts: the same goal holds, and the memory in use must be no higher than with the window
shown (both measured after the same settling time; Linux, from /proc/self/status).

Not collected by pytest. Run it with:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench_idle_wakeups.py [--seconds 300] [--tray]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.services.reminders import sync_reminders


class TimerCounter(QObject):
    """Counts timer events (wake-ups) and every other event, by receiver class."""

    def __init__(self, ignore: set[int]) -> None:
        super().__init__()
        self.ignore = ignore
        self.timers: collections.Counter[str] = collections.Counter()
        self.events: collections.Counter[str] = collections.Counter()
        self.by_minute: collections.Counter[int] = collections.Counter()
        self.started = 0.0
        self.counting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.counting:
            self.events[event.type().name] += 1
            if event.type() == QEvent.Type.Timer:
                timer_id = event.timerId()  # type: ignore[attr-defined]
                if timer_id not in self.ignore:
                    name = watched.objectName() or watched.metaObject().className()
                    parent = watched.parent()
                    owner = parent.metaObject().className() if parent is not None else "no parent"
                    self.timers[f"{name} (in {owner})"] += 1
                    self.by_minute[int((time.monotonic() - self.started) // 60)] += 1
        return False


MEMORY_NOISE_KB = 1024  # what the allocator's own bookkeeping moves by, idle or not


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="how long to sit idle")
    parser.add_argument(
        "--tray", action="store_true", help="sit idle closed to the tray instead of shown"
    )
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    from secondopinion_desktop.demo import build_demo
    from secondopinion_desktop.printing.fonts import register_fonts
    from secondopinion_desktop.store.database import open_database
    from secondopinion_desktop.store.repository import Repository
    from secondopinion_desktop.ui.main_window import MainWindow
    from secondopinion_desktop.ui.style import apply_style

    register_fonts()
    folder = Path(tempfile.mkdtemp(prefix="secondopinion-bench-"))
    db = open_database(folder)
    repo = Repository(db)
    case = build_demo(repo, dt.date.today())
    sync_reminders(repo, case.id)
    later = repo.now() + dt.timedelta(days=2)
    for reminder in repo.reminders.open():
        if reminder.fires_at <= later:
            repo.reminders.snooze(reminder.id, later)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("last_case_id", case.id)
    apply_style(app, 12)
    window = MainWindow(repo, settings)
    window.show()
    window.show_page(6)
    window.setFocus()  # no text field has the keyboard: no blinking cursor
    scheduler = window.reminders.scheduler
    if args.tray:
        from secondopinion_desktop.ui import tray

        tray.system_tray_available = lambda: True  # offscreen has none; assume one
        keep = window.reminders.keep
        keep.start_at_login = lambda _on: None  # never write this computer's login entry
        keep.set_keep(True)

    stop = QTimer()
    stop.setSingleShot(True)
    marks: dict[str, float] = {}

    def finish() -> None:
        """Take the figures before quitting (quitting closes the window, which stops the
        scheduler)."""
        counter.counting = False
        marks["rss_end"] = resident_kb()
        marks["elapsed"] = time.monotonic() - marks["started"]
        marks["armed"] = scheduler.armed_ms() or 0
        marks["firings"] = scheduler.wakeups - marks["wakeups"]
        app.quit()

    stop.timeout.connect(finish)
    counter = TimerCounter(ignore=set())
    app.installEventFilter(counter)

    def begin() -> None:
        marks["rss_shown"] = resident_kb()
        if args.tray:
            window.close()  # to the tray: hidden, the reminders still running
            assert not window.isVisible() and scheduler.running
        stop.start(int(args.seconds * 1000))
        counter.ignore.add(stop.timerId())
        counter.started = time.monotonic()
        counter.counting = True
        marks["wakeups"] = scheduler.wakeups
        marks["started"] = time.monotonic()

    QTimer.singleShot(1500, begin)  # let start-up settle (first paint, the start-up check)
    app.exec()
    elapsed = marks["elapsed"]

    total = sum(counter.timers.values())
    minutes = elapsed / 60
    state = "closed to the tray" if args.tray else "with the window shown"
    print(
        f"Idle for {elapsed:.0f} s {state}, with {len(repo.reminders.open())} open reminders, "
        "none due"
    )
    armed = marks["armed"]
    print(
        "  next reminder: "
        + (
            f"single-shot timer armed for {armed / 60000:.0f} min (capped at 6 h)"
            if armed
            else "none"
        )
    )
    print(f"  coarse check: every {scheduler.tick_ms() / 1000:.0f} s (Qt.VeryCoarseTimer)")
    print(f"  timer wake-ups, all objects: {total} ({total / minutes:.2f} a minute)")
    for name, count in counter.timers.most_common():
        print(f"    {count:4d}  {name}")
    minutes_seen = range(int(elapsed // 60) + (1 if elapsed % 60 > 5 else 0))
    per_minute = ", ".join(str(counter.by_minute[m]) for m in minutes_seen)
    print(f"  wake-ups in each minute: {per_minute}")
    print(f"  reminder scheduler firings: {int(marks['firings'])}")
    events = ", ".join(f"{name} {n}" for name, n in counter.events.most_common())
    print(f"  events of any kind delivered while idle: {sum(counter.events.values())} ({events})")
    shown_kb, end_kb = marks["rss_shown"], marks["rss_end"]
    memory_ok = True
    if shown_kb and end_kb:
        where = "in the tray" if args.tray else "still shown"
        print(
            f"  memory in use: {shown_kb:.0f} kB with the window shown, "
            f"{end_kb:.0f} kB {where} at the end"
        )
        memory_ok = not args.tray or end_kb <= shown_kb + MEMORY_NOISE_KB
    if args.tray:
        window.reminders.keep.quit_app = lambda: None
        window.quit_app()
    else:
        window.close()
    db.close()
    full_minutes = int(elapsed // 60)
    ours_ok = marks["firings"] <= full_minutes + 1
    last_ok = full_minutes == 0 or counter.by_minute[full_minutes - 1] <= 1
    ok = ours_ok and last_ok and memory_ok
    print("  result: " + ("within the goal" if ok else "MISSED the goal"))
    return 0 if ok else 1


def resident_kb() -> float:
    """Memory in use now (resident set), in kB; 0 where /proc is not there."""
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1])
    return 0.0


if __name__ == "__main__":
    sys.exit(main())
