"""Every case's reminder rules at start (and after a sleep or at a new day) are read and worked
out off the window's thread: 52 cases of five years took 0.8 to 1.2 s, which the window stood
still for at every start (issue 16). Written on the window's thread; a case changed meanwhile
keeps what its own rules wrote; a window closed meanwhile writes nothing more."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.reminder_rules import Wanted
from secondopinion_desktop.services import reminders as reminder_services
from secondopinion_desktop.store.reminders import ReminderRepository
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import reminder_scheduler
from secondopinion_desktop.ui.background_reads import reading_in_background
from secondopinion_desktop.ui.reminder_scheduler import ReminderScheduler
from tests.helpers.clock import FakeClock, FakeMonotonic
from tests.helpers.reminders import ZONE, call_back, own


class HeldRead:
    """The read of every case's rules, noted (on which thread) and held once it has read
    until `go` is set: the test changes the data between the read and its arrival."""

    def __init__(self) -> None:
        self.read = threading.Event()
        self.go = threading.Event()
        self.threads: list[bool] = []  # True: it ran on the window's thread

    def __call__(self, repo: Repository, zone: dt.tzinfo | None) -> dict[int, list[Wanted]]:
        wanted = reminder_services.all_wanted_reminders(repo, zone)
        self.threads.append(threading.current_thread() is threading.main_thread())
        self.read.set()
        self.go.wait(5)
        return wanted


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldRead]:
    read = HeldRead()
    monkeypatch.setattr(reminder_scheduler, "all_wanted_reminders", read)
    yield read
    read.go.set()  # never leave a worker waiting
    QThreadPool.globalInstance().waitForDone(5000)


def call_back_days(repo: Repository, clock: FakeClock) -> list[int]:
    return sorted((r.due_at.date() - clock().date()).days for r in repo.reminders.open())


def test_at_start_the_rules_are_read_off_the_window_thread_then_what_is_due_shows(
    qtbot: QtBot, file_repo: Repository, clock: FakeClock, held: HeldRead
) -> None:
    """The call-back asked for yesterday shows once the rules are written, as shown at start."""
    case_id = file_repo.cases.create("Dad").id
    doctor = file_repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))
    call_back(file_repo, clock, doctor.id, -1)  # it was due yesterday
    scheduler = ReminderScheduler(file_repo, clock, ZONE, monotonic=FakeMonotonic())
    announced: list[tuple[list[str], bool]] = []
    scheduler.due.connect(
        lambda due: announced.append(([r.title for r in due], scheduler.at_start))
    )
    scheduler.start()
    assert scheduler.settling
    assert held.read.wait(5)
    assert file_repo.reminders.open() == []  # nothing written yet, nothing shown
    qtbot.wait(20)
    assert announced == []
    held.go.set()
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    assert held.threads == [False]
    assert not scheduler.settling
    assert announced == [(["Call Dr. Marsh's office back"], True)]
    scheduler.stop()


def test_a_case_changed_while_the_rules_are_read_keeps_what_its_own_rules_wrote(
    qtbot: QtBot, file_repo: Repository, clock: FakeClock, held: HeldRead
) -> None:
    """The read saw one call-back; a second is logged meanwhile and its rules run at once
    (a list about to show): the read's older answer must not take the second away."""
    case_id = file_repo.cases.create("Dad").id
    other_id = file_repo.cases.create("Mum").id
    doctor = file_repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))
    other = file_repo.doctors.add(Doctor(id=0, case_id=other_id, name="Dr. Okafor"))
    call_back(file_repo, clock, doctor.id, 2)
    call_back(file_repo, clock, other.id, 4)
    scheduler = ReminderScheduler(file_repo, clock, ZONE, monotonic=FakeMonotonic())
    scheduler.start()
    assert held.read.wait(5)
    call_back(file_repo, clock, doctor.id, 3)
    scheduler.data_changed_soon(case_id)
    scheduler.flush_changes()  # Dad's rules, here and now
    assert call_back_days(file_repo, clock) == [2, 3]
    held.go.set()
    qtbot.waitUntil(lambda: not scheduler.settling, timeout=5000)
    assert call_back_days(file_repo, clock) == [2, 3, 4]  # Mum's from the read, Dad's kept
    scheduler.stop()


def test_a_window_closed_while_the_rules_are_read_writes_nothing_more(
    qtbot: QtBot, file_repo: Repository, clock: FakeClock, held: HeldRead
) -> None:
    case_id = file_repo.cases.create("Dad").id
    doctor = file_repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))
    call_back(file_repo, clock, doctor.id, 2)
    scheduler = ReminderScheduler(file_repo, clock, ZONE, monotonic=FakeMonotonic())
    scheduler.start()
    assert held.read.wait(5)
    syncs = scheduler.syncs
    scheduler.stop()  # the window closes; the data may be closed next
    assert not scheduler.settling
    held.go.set()
    qtbot.waitUntil(lambda: not reading_in_background(), timeout=5000)
    qtbot.wait(50)
    assert scheduler.syncs == syncs
    assert file_repo.reminders.open() == []  # the next start runs the rules again


def test_a_reminder_written_while_the_first_check_reads_is_shown_with_the_rest(
    qtbot: QtBot,
    file_repo: Repository,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first check reads what is due on a worker; one added meanwhile (the person was
    quick) is not in that read, so the check looks again here and shows both, once."""
    case_id = file_repo.cases.create("Dad").id
    first = own(file_repo, case_id, clock() - dt.timedelta(days=1), "Call the lab")
    read, go = threading.Event(), threading.Event()
    reading = ReminderRepository.open_fire_times

    def held(self: ReminderRepository, *args: object, **kwargs: object) -> object:
        times = reading(self, *args, **kwargs)  # type: ignore[arg-type]
        if threading.current_thread() is not threading.main_thread():
            read.set()
            go.wait(5)
        return times

    monkeypatch.setattr(ReminderRepository, "open_fire_times", held)
    scheduler = ReminderScheduler(file_repo, clock, ZONE, monotonic=FakeMonotonic())
    announced: list[list[int]] = []
    scheduler.due.connect(lambda due: announced.append(sorted(r.id for r in due)))
    scheduler.start()
    qtbot.waitUntil(read.is_set, timeout=5000)
    second = own(file_repo, case_id, clock() - dt.timedelta(hours=1), "Ring the clinic")
    go.set()
    qtbot.waitUntil(lambda: bool(announced), timeout=5000)
    qtbot.wait(50)
    assert announced == [sorted([first.id, second.id])]
    scheduler.stop()
    QThreadPool.globalInstance().waitForDone(5000)


def test_in_memory_the_rules_run_at_once(qtbot: QtBot, repo: Repository, clock: FakeClock) -> None:
    """Data in memory (a screenshot, the tests) cannot be opened by a worker: as before."""
    case_id = repo.cases.create("Dad").id
    doctor = repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Marsh"))
    call_back(repo, clock, doctor.id, 2)
    scheduler = ReminderScheduler(repo, clock, ZONE, monotonic=FakeMonotonic())
    scheduler.start()
    assert not scheduler.settling
    assert call_back_days(repo, clock) == [2]
    scheduler.stop()
