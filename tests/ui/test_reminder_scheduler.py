"""The reminder scheduler: due at start, armed for the next one, capped, wakes, never twice.

An injected clock stands in for the wall clock and an injected counter for the monotonic one;
real waits are a fraction of a second (qtbot.waitSignal), never a sleep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Call, Doctor
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.background_reads import reading_in_background
from secondopinion_desktop.ui.reminder_scheduler import MAX_ARM_MS, TICK_MS, ReminderScheduler
from tests.helpers.clock import FakeClock, FakeMonotonic
from tests.helpers.reminders import call_back

ZONE = dt.timezone(dt.timedelta(hours=-5))


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def case_id(repo: Repository) -> int:
    return repo.cases.create("Mum").id


@pytest.fixture
def make(qtbot: QtBot, repo: Repository, clock: FakeClock, mono: FakeMonotonic) -> Iterator[object]:
    made: list[ReminderScheduler] = []

    def build(**options: object) -> ReminderScheduler:
        scheduler = ReminderScheduler(repo, clock, ZONE, monotonic=mono, **options)  # type: ignore[arg-type]
        made.append(scheduler)
        return scheduler

    yield build
    for scheduler in made:
        scheduler.stop()


def own(repo: Repository, case_id: int, due: dt.datetime, title: str = "Call the lab") -> Reminder:
    return repo.reminders.add(Reminder(id=0, case_id=case_id, title=title, due_at=due))


def test_what_fell_due_while_closed_shows_at_start(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    missed = own(repo, case_id, clock() - dt.timedelta(days=2))
    scheduler = make()  # type: ignore[operator]
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        scheduler.start()
    assert [r.id for r in blocker.args[0]] == [missed.id]
    assert scheduler.check() == []  # announced once, not again and again


def test_several_due_at_once_come_together(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    first = own(repo, case_id, clock() - dt.timedelta(hours=1), "First")
    second = own(repo, case_id, clock() - dt.timedelta(minutes=5), "Second")
    scheduler = make()  # type: ignore[operator]
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        scheduler.start()
    assert [r.id for r in blocker.args[0]] == [first.id, second.id]


def test_armed_for_the_next_reminder_and_fires_on_time(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    clock.advance(milliseconds=700)  # times are stored to the second: due at the next one
    soon = own(repo, case_id, clock() + dt.timedelta(milliseconds=300))
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    assert scheduler.check() == []
    armed = scheduler.armed_ms()
    assert armed is not None and 250 <= armed <= 400
    clock.advance(seconds=1)  # the wall clock moves on while the timer runs
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        pass
    assert [r.id for r in blocker.args[0]] == [soon.id]
    assert scheduler.wakeups == 1


def test_a_far_reminder_is_armed_within_qtimers_limit(
    repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    own(repo, case_id, clock() + dt.timedelta(days=40))  # beyond QTimer's ~24.8 days
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    scheduler.check()
    armed = scheduler.armed_ms()
    assert armed is not None and armed <= MAX_ARM_MS < 2**31 - 1


def test_with_nothing_due_only_the_minute_check_runs(
    repo: Repository, case_id: int, make: object
) -> None:
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    scheduler.check()
    assert scheduler.armed_ms() is None
    assert scheduler.tick_ms() == TICK_MS == 60_000
    assert scheduler.tick_timer_type() == Qt.TimerType.VeryCoarseTimer


def test_after_a_sleep_what_fell_due_shows_at_the_next_tick(
    qtbot: QtBot,
    repo: Repository,
    clock: FakeClock,
    mono: FakeMonotonic,
    case_id: int,
    make: object,
) -> None:
    later = own(repo, case_id, clock() + dt.timedelta(hours=3))
    scheduler = make(tick_ms=50)  # type: ignore[operator]
    scheduler.start()
    assert scheduler.check() == []
    syncs = scheduler.syncs
    # the computer sleeps for five hours: the wall clock moves, the monotonic one hardly
    clock.advance(hours=5)
    mono.value += 0.05
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        pass
    assert [r.id for r in blocker.args[0]] == [later.id]
    assert scheduler.syncs > syncs  # the rules ran again after the jump


def test_a_snoozed_reminder_comes_back_when_the_snooze_ends(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    reminder = own(repo, case_id, clock() - dt.timedelta(minutes=1))
    scheduler = make()  # type: ignore[operator]
    with qtbot.waitSignal(scheduler.due, timeout=1000):
        scheduler.start()
    clock.advance(milliseconds=800)  # times are stored to the second: snooze to the next one
    repo.reminders.snooze(reminder.id, clock() + dt.timedelta(milliseconds=200))
    scheduler.reminder_changed()
    assert scheduler.armed_ms() is not None
    clock.advance(seconds=1)
    with qtbot.waitSignal(scheduler.due, timeout=1000) as blocker:
        pass
    assert [r.id for r in blocker.args[0]] == [reminder.id]


def test_done_is_never_announced(
    repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    reminder = own(repo, case_id, clock() - dt.timedelta(minutes=1))
    repo.reminders.set_done(reminder.id, True)
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    assert scheduler.check() == []
    assert scheduler.due_reminders() == []


def test_a_change_in_the_data_makes_a_due_reminder_at_once(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    scheduler.check()
    doctor = repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))
    call_back(repo, clock, doctor.id, 0)  # this morning, 9 am: already past
    with (
        qtbot.waitSignal(scheduler.reminders_changed, timeout=1000),
        qtbot.waitSignal(scheduler.due, timeout=1000) as blocker,
    ):
        scheduler.data_changed(case_id)
    assert blocker.args[0][0].title == "Call Dr. Marsh's office back"


def test_a_new_day_runs_the_rules_again(
    qtbot: QtBot,
    repo: Repository,
    clock: FakeClock,
    mono: FakeMonotonic,
    case_id: int,
    make: object,
) -> None:
    repo.appointments.add(
        Appointment(id=0, case_id=case_id, starts_at=clock() + dt.timedelta(hours=20))
    )
    scheduler = make(tick_ms=50)  # type: ignore[operator]
    scheduler.start()
    assert next(r.key or "" for r in repo.reminders.open()).startswith("visit:")
    # a day later, the visit is over: its reminder goes
    clock.advance(days=1)
    mono.value += 24 * 3600
    with qtbot.waitSignal(scheduler.reminders_changed, timeout=1000):
        pass
    assert repo.reminders.open() == []


def test_a_deleted_case_does_not_break_the_scheduler(
    repo: Repository, case_id: int, make: object
) -> None:
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    repo.cases.delete(case_id)
    scheduler.data_changed(case_id)
    assert scheduler.check() == []


def test_the_minute_check_reads_only_what_fell_due_since_the_last(
    make: object, repo: Repository, clock: FakeClock, case_id: int
) -> None:
    """Thousands overdue cost the minute check nothing: it reads what fell due since the last
    check; after a write it looks at every open reminder again (issue 16)."""
    with repo.db.atomic():
        for i in range(300):
            own(repo, case_id, clock() - dt.timedelta(days=1 + i), f"Old {i}")
    scheduler = make()  # type: ignore[operator]
    read: list[int] = []
    get_many = repo.reminders.get_many

    def counting(ids: object) -> list[Reminder]:
        found = get_many(ids)  # type: ignore[arg-type]
        read.extend(r.id for r in found)
        return found

    repo.reminders.get_many = counting  # type: ignore[method-assign]
    first = scheduler.check()
    assert len(first) == 300 and read == []
    assert first[-1].title == "Old 0" and read == [first[-1].id]  # only what is looked at
    read.clear()
    soon = own(repo, case_id, clock() + dt.timedelta(seconds=30), "Soon")
    assert scheduler.check() == []  # a write: every open reminder looked at again
    clock.advance(minutes=1)
    assert [r.id for r in scheduler.check_since_last()] == [soon.id]
    assert read == [soon.id]
    clock.advance(minutes=1)
    assert scheduler.check_since_last() == []


def test_a_scheduler_never_started_announces_nothing_after_an_edit(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    """A screenshot or an export builds the window with reminders off: an edit there (or a
    reminder marked done) must not pop the reminder window up over the page."""
    own(repo, case_id, clock() - dt.timedelta(hours=1))
    scheduler = make()  # type: ignore[operator]
    announced: list[object] = []
    scheduler.due.connect(announced.append)
    scheduler.data_changed(case_id)
    scheduler.reminder_changed()
    qtbot.wait(50)
    assert announced == []
    assert not scheduler.running


def test_changes_made_in_the_window_run_the_rules_once_in_the_next_turn(
    qtbot: QtBot, repo: Repository, clock: FakeClock, case_id: int, make: object
) -> None:
    """A burst of changes (typing saved, an item marked, its undo) runs the case's rules once,
    after the window has shown the change; a list about to show runs them at once."""
    scheduler = make()  # type: ignore[operator]
    scheduler.start()
    before = scheduler.syncs
    doctor = repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))
    call_back(repo, clock, doctor.id, 2)
    for _ in range(3):
        scheduler.data_changed_soon(case_id)
    assert scheduler.syncs == before  # not yet: the window paints the change first
    with qtbot.waitSignal(scheduler.reminders_changed, timeout=1000):
        pass
    assert scheduler.syncs == before + 1
    assert [r.title for r in repo.reminders.open()] == ["Call Dr. Marsh's office back"]
    repo.doctors.add_call(
        Call(id=0, doctor_id=doctor.id, called_at=clock().isoformat(), learned="Sorted.")
    )
    scheduler.data_changed_soon(case_id)
    scheduler.flush_changes()  # at once
    assert scheduler.syncs == before + 2
    qtbot.wait(20)
    assert scheduler.syncs == before + 2  # and not again


def test_on_a_data_file_the_rules_are_worked_out_off_the_window_thread(
    qtbot: QtBot, file_repo: Repository, clock: FakeClock, mono: FakeMonotonic
) -> None:
    """With a file the rules for a change are read and worked out on a worker (on a case of
    2,000 records that took 25 to 40 ms on the window's thread); only the latest change's
    result is written, and closing runs what is still out at once, here."""
    case_id = file_repo.cases.create("Dad").id
    scheduler = ReminderScheduler(file_repo, clock, ZONE, monotonic=mono)
    scheduler.start()
    qtbot.waitUntil(lambda: not scheduler.settling)  # every case's rules: see the next tests
    doctor = file_repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))

    def call_back_in(days: int) -> None:
        call_back(file_repo, clock, doctor.id, days)

    call_back_in(2)
    before = scheduler.syncs
    scheduler.data_changed_soon(case_id)
    qtbot.wait(0)
    call_back_in(3)  # a second change while the first is worked out
    scheduler.data_changed_soon(case_id)
    with qtbot.waitSignal(scheduler.reminders_changed, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not reading_in_background())
    qtbot.wait(50)
    assert scheduler.syncs == before + 1  # the first result was not written
    days = sorted((r.due_at.date() - clock().date()).days for r in file_repo.reminders.open())
    assert days == [2, 3]  # what the latest read saw: both calls

    call_back_in(5)
    scheduler.data_changed_soon(case_id)
    qtbot.wait(0)  # out on a worker now
    scheduler.stop()  # the window closes: the rules run here, at once
    days = sorted((r.due_at.date() - clock().date()).days for r in file_repo.reminders.open())
    assert days == [2, 3, 5]
    qtbot.waitUntil(lambda: not reading_in_background())
