"""When reminders fall due: one single-shot QTimer for the next one, and a coarse check a minute.

QTimer counts monotonic time, which stops while the computer sleeps, and cannot be armed for
more than about 24 days. So the single-shot timer is armed for the next due reminder but never
for longer than MAX_ARM_MS, and a very coarse timer looks at the wall clock once a minute. When
the wall clock has moved differently from the monotonic one (the computer slept, the clock was
changed) or a new day began, the reminder rules run again and whatever fell due meanwhile is
shown at once. At start, whatever fell due while the app was closed is shown straight away.

With nothing due, the app wakes once a minute for the check, and for nothing else. That check
reads only what fell due since the previous one (an index on the due moment, migration 0007),
so it costs the same with ten reminders or ten thousand; after any write, or when the clock
moved, it looks at every open reminder again (a few columns each, never whole rows).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import overload

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from secondopinion_desktop.domain.reminder_rules import Wanted
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.services.reminders import (
    all_wanted_reminders,
    keep_all_in_step,
    keep_in_step,
    sync_all_reminders,
    sync_reminders,
    wanted_reminders,
)
from secondopinion_desktop.store.repository import NotFoundError, Repository, WritesPaused
from secondopinion_desktop.ui.background_reads import read_in_background
from secondopinion_desktop.ui.collector import quiet_collector

log = logging.getLogger(__name__)

TICK_MS = 60_000
MAX_ARM_MS = 6 * 60 * 60 * 1000  # far below QTimer's limit of 2**31 - 1 ms (about 24.8 days)
ARM_SLACK_MS = 20  # fire just after the due time, never just before it
JUMP_TOLERANCE = dt.timedelta(minutes=2)
CHECK_OVERLAP = dt.timedelta(minutes=1)  # each check looks a little behind the last one


class ReminderScheduler(QObject):
    """Watches the open reminders of every case and says when some fall due.

    Each reminder is announced once per session at each due time: closing the reminder
    window without Done or Snooze leaves it due (it shows again at the next start); snoozing
    moves its due time, so it is announced again then.

    Signals:
        due(list): reminders that fell due and were not announced yet (all together).
        reminders_changed(): stored reminders changed (rules re-run, done, snoozed).
    """

    due = Signal(object)  # DueReminders, passed as it is (a list type would read every row)
    reminders_changed = Signal()

    def __init__(
        self,
        repo: Repository,
        clock: Callable[[], dt.datetime] | None = None,
        zone: dt.tzinfo | None = None,
        parent: QObject | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        tick_ms: int = TICK_MS,
        max_arm_ms: int = MAX_ARM_MS,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self._clock = clock or repo.now
        self._zone = zone
        self._monotonic = monotonic
        self._max_arm_ms = max_arm_ms
        self._announced = repo.reminders.announcements()
        self._last_wall: dt.datetime | None = None
        self._last_mono = 0.0
        self._checked_at: dt.datetime | None = None
        self._writes = -1
        self._starting = False
        self._sync_waiting = False  # the rules could not run (a job was writing): run them next
        # True while `due` announces what fell due while the app was not running (at start)
        self.at_start = False
        self.wakeups = 0  # timer firings, for the idle benchmark
        self.syncs = 0

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        # changes made in the window: their rules run in the next turn of the event loop, once
        # for a burst of changes, after the window has shown the change (on a case of 2,000
        # records they take about 25 ms, which the change itself then does not wait for)
        self._stopped = False  # see `data_changed_soon`
        self._soon: set[int | None] = set()
        self._reading: dict[int, int] = {}  # cases whose rules are worked out off the thread
        self._soon_timer = QTimer(self)
        self._soon_timer.setSingleShot(True)
        self._soon_timer.timeout.connect(self._changes_made)
        self._all_reading: int | None = None  # every case's rules, being read (a number)
        self._all_reads = 0
        self._changed_meanwhile: set[int] = set()  # cases changed while they are read
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._on_tick)

    # --- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Run the rules for every case, then check (after the window is shown). The rules
        are read and worked out off the window's thread (`_sync_all_soon`): 52 cases of five
        years took 0.8 to 1.2 s, which the window stood still for at every start."""
        self._stopped = False
        self._starting = True
        self._remember_clocks()
        self._tick.start()
        self._sync_all_soon(lambda _changed: self._first_check())

    @property
    def settling(self) -> bool:
        """Whether every case's rules are being worked out off the window's thread (at start,
        after a sleep or at a new day); the check follows when they are written."""
        return self._all_reading is not None

    def stop(self) -> None:
        """No more checks (the window closes, the data may be closed next): the rules put
        off for the latest changes run now, while the data is open."""
        self._flush(announce=False)
        self._all_reading = None  # rules read for every case are not written any more: the
        # data may be closed next, and the next start runs them again
        self._stopped = True
        self._timer.stop()
        self._tick.stop()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def armed_ms(self) -> int | None:
        """How long until the single-shot timer fires (None when it is not armed)."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def tick_ms(self) -> int:
        return self._tick.interval()

    def tick_timer_type(self) -> Qt.TimerType:
        """How precise the minute check is: very coarse, so it never keeps a computer awake."""
        return self._tick.timerType()

    # --- what changed --------------------------------------------------------------------

    def data_changed(self, case_id: int | None = None) -> None:
        """The person changed something: re-run the rules for the case and re-arm."""
        self._changed_during_read(case_id)
        changed = self._sync(case_id) if case_id is not None else self._sync_all()
        if changed:
            self.reminders_changed.emit()
        if self.running:  # a scheduler never started (a screenshot, an export) announces nothing
            self.check()

    def data_changed_soon(self, case_id: int | None = None) -> None:
        """`data_changed` in the next turn of the event loop (several changes: once); at
        once after `stop` (the window closes: the data may be closed next)."""
        if self._stopped:
            self.data_changed(case_id)
            return
        self._changed_during_read(case_id)
        self._soon.add(case_id)
        self._soon_timer.start(0)

    def flush_changes(self) -> None:
        """Run now the rules `data_changed_soon` put off (a reminder list about to show)."""
        self._flush(announce=True)

    def _flush(self, announce: bool) -> None:
        self._soon_timer.stop()
        waiting, self._soon = self._soon | set(self._reading), set()
        self._reading.clear()  # what a read under way brings back is not written any more
        if not waiting:
            return
        if None in waiting:
            changed = self._sync_all()
        else:
            changed = any([self._sync(case_id) for case_id in waiting if case_id is not None])
        self._rules_ran(changed and announce, announce)

    def _rules_ran(self, changed: bool, check: bool) -> None:
        if changed:
            self.reminders_changed.emit()
        if check and self.running:
            self.check()

    def _changed_during_read(self, case_id: int | None) -> None:
        """A change the rules read for every case may not have seen: that case's rules are
        run on their own, so the read's result for it is not written (for every case: the
        rules all ran here, so none of it is)."""
        if self._all_reading is None:
            return
        if case_id is None:
            self._all_reading = None
        else:
            self._changed_meanwhile.add(case_id)

    def _sync_all_soon(self, then: Callable[[bool], object]) -> None:
        """Every case's rules read and worked out off the window's thread, written here, then
        `then(changed)`; here at once when the data is in memory or cannot be opened again."""
        self._all_reads += 1
        self._all_reading = reading = self._all_reads
        self._changed_meanwhile = set()
        zone = self._zone

        def arrived(wanted: dict[int, list[Wanted]]) -> None:
            if self._all_reading != reading:
                return  # stopped, or the rules all ran here meanwhile
            self._all_reading = None
            skip, self._changed_meanwhile = self._changed_meanwhile, set()
            self.syncs += 1
            try:
                changed = keep_all_in_step(self.repo, wanted, skip)
            except WritesPaused:
                self._sync_waiting, changed = True, False
            then(changed)

        def failed() -> None:
            if self._all_reading == reading:
                self._all_reading = None
                then(self._sync_all())

        def read(repo: Repository) -> dict[int, list[Wanted]]:
            return all_wanted_reminders(repo, zone)

        if not read_in_background(self, self.repo, read, arrived, failed):
            failed()

    def _changes_made(self) -> None:
        """The rules for the window's latest changes: for a case, read and worked out off the
        window's thread (a case of 2,000 records took 25 to 40 ms there), then written here."""
        if None in self._soon or self.repo.database_file() is None:
            self.flush_changes()
            return
        waiting, self._soon = self._soon, set()
        for case_id in waiting:
            if case_id is not None:
                self._work_out(case_id)

    def _work_out(self, case_id: int) -> None:
        """The case's rules read and worked out off the window's thread, written here; only
        the latest change's read is written (and none once `flush_changes` ran them here)."""
        self._reading[case_id] = reading = self._reading.get(case_id, 0) + 1
        zone = self._zone

        def arrived(wanted: list[Wanted]) -> None:
            if self._reading.get(case_id) != reading:
                return  # a later change's read comes, or the rules ran here meanwhile
            del self._reading[case_id]
            self.syncs += 1
            try:
                changed = keep_in_step(self.repo, case_id, wanted)
            except NotFoundError:
                changed = False
            except WritesPaused:
                self._sync_waiting, changed = True, False
            self._rules_ran(changed, True)

        def failed() -> None:  # the file could not be opened again: here, then
            if self._reading.get(case_id) == reading:
                del self._reading[case_id]
                self._rules_ran(self._sync(case_id), True)

        def read(repo: Repository) -> list[Wanted]:
            return wanted_reminders(repo, case_id, zone)

        if not read_in_background(self, self.repo, read, arrived, failed):
            failed()

    def reminder_changed(self) -> None:
        """A reminder was marked done, snoozed, added or removed: re-arm."""
        self.reminders_changed.emit()
        if self.running:
            self.check()

    def closed_among(self, ids: Iterable[int]) -> set[int]:
        """Which of these reminders are done or removed: the announced ones by their record (a
        join inside SQLite), any others one by one."""
        wanted = set(ids)
        known = wanted & self._announced.ids
        gone = self._announced.closed() & known
        others = wanted - known
        if others:
            gone |= others - self.repo.reminders.open_among(others)
        return gone

    def forget(self, reminder_id: int) -> None:
        """Announce this reminder again when it is next due (it was reopened)."""
        self._announced.forget(reminder_id)

    # --- checking --------------------------------------------------------------------------

    def due_reminders(self) -> list[Reminder]:
        """Every open reminder due now, announced or not."""
        times = self.repo.reminders.open_fire_times(until=self._clock())
        return list(DueReminders(times, self.repo.reminders.get_many))

    def check(self) -> DueReminders:
        """Announce what is due and not yet announced (looking at every open reminder); arm
        the timer for the next one."""
        now = self._clock()
        # with thousands overdue (at start) this makes tens of thousands of small objects,
        # and the cycle collector's full pass they set off stood the window still 40 ms more
        with quiet_collector():
            return self._announce(self._announced.fresh(now), now)

    def _first_check(self) -> None:
        """The check at start, once the rules are written: while this scheduler has announced
        nothing, what is due is every open reminder due by now, read off the window's thread
        (10,000 overdue took 75 ms here) and announced here; if anything was written
        meanwhile, or there is no file to read on a worker, `check` looks again here."""
        if self._stopped:
            return
        now, writes = self._clock(), self.repo.reminders.write_count()

        def arrived(times: list[tuple[int, dt.datetime]]) -> None:
            if self._stopped:
                return
            if self._announced.ids or self.repo.reminders.write_count() != writes:
                self.check()
                return
            with quiet_collector():
                self._announce(times, now)

        def read(repo: Repository) -> list[tuple[int, dt.datetime]]:
            return repo.reminders.open_fire_times(until=now)

        if self._announced.ids or not read_in_background(
            self, self.repo, read, arrived, self.check
        ):
            self._timer.start(0)

    def check_since_last(self) -> DueReminders:
        """The timers' check: only what fell due since the last check, unless something was
        written meanwhile (then every open reminder, as check())."""
        now = self._clock()
        if self._checked_at is None or self.repo.reminders.write_count() != self._writes:
            return self.check()
        since = min(self._checked_at, now) - CHECK_OVERLAP
        return self._announce(self._announced.fresh(now, since), now)

    def _announce(self, times: list[tuple[int, dt.datetime]], now: dt.datetime) -> DueReminders:
        """`times` are due and not announced at that moment yet: announce them, re-arm."""
        self._announced.mark(rid for rid, _fires in times)
        self._arm(self.repo.reminders.next_fire_time(now), now)
        self._checked_at = now
        self._writes = self.repo.reminders.write_count()
        at_start, self._starting = self._starting, False
        fresh = DueReminders(times, self.repo.reminders.get_many)
        if fresh:
            self.at_start = at_start
            try:
                self.due.emit(fresh)
            finally:
                self.at_start = False
        return fresh

    def _arm(self, when: dt.datetime | None, now: dt.datetime) -> None:
        if when is None:
            self._timer.stop()
            return
        wait_ms = math.ceil((when - now).total_seconds() * 1000) + ARM_SLACK_MS
        self._timer.start(max(0, min(self._max_arm_ms, wait_ms)))

    def _on_timer(self) -> None:
        self.wakeups += 1
        self.check_since_last()

    def _on_tick(self) -> None:
        """Once a minute: compare the clocks; after a sleep, a clock change or at a new day,
        run the rules again; then check what is due."""
        self.wakeups += 1
        wall = self._clock()
        mono = self._monotonic()
        if self._all_reading is not None:  # the rules for every case are still being read
            self._last_wall, self._last_mono = wall, mono
            return
        if self._sync_waiting:
            self._remember_clocks()
            self._sync_all_soon(lambda changed: self._rules_ran(changed, True))
            return
        if self._last_wall is not None:
            expected = self._last_wall + dt.timedelta(seconds=mono - self._last_mono)
            jumped = abs(wall - expected) > JUMP_TOLERANCE
            new_day = wall.astimezone(self._zone).date() != (
                self._last_wall.astimezone(self._zone).date()
            )
            if jumped or new_day:
                log.info("Clock moved (slept, changed or a new day): checking reminders again")
                self._last_wall, self._last_mono = wall, mono
                self._sync_all_soon(lambda changed: self._rules_ran(changed, True))
                return
        self._last_wall, self._last_mono = wall, mono
        self.check_since_last()

    def _remember_clocks(self) -> None:
        self._last_wall = self._clock()
        self._last_mono = self._monotonic()

    def _sync(self, case_id: int) -> bool:
        self.syncs += 1
        try:
            return sync_reminders(self.repo, case_id, self._zone)
        except NotFoundError:
            return False  # the case was deleted meanwhile
        except WritesPaused:
            self._sync_waiting = True  # a job is writing: every case's rules run next time
            return False

    def _sync_all(self) -> bool:
        """Run every case's rules; while a background job writes they wait for the next
        check (the job's own connection holds the file: never "database is locked")."""
        self._all_reading = None  # (a read of them under way is not written)
        self.syncs += 1
        try:
            changed = sync_all_reminders(self.repo, self._zone)
        except WritesPaused:
            self._sync_waiting = True
            return False
        self._sync_waiting = False
        return changed


class DueReminders(Sequence[Reminder]):
    """Reminders that fell due, in the order they fell due, each read from the store only when
    it is looked at: with thousands overdue at start, the reminder window shows a few and counts
    the rest, and reading every row would cost more than all the rest of the check.

    `times` are (id, when it falls due); one removed before it is read is left out.
    """

    def __init__(
        self,
        times: list[tuple[int, dt.datetime]],
        load: Callable[[list[int]], list[Reminder]],
    ) -> None:
        self.times = sorted(times, key=itemgetter(1, 0))  # by when, then id
        self._load = load
        self._read: dict[int, Reminder] = {}

    def __len__(self) -> int:
        return len(self.times)

    @overload
    def __getitem__(self, index: int) -> Reminder: ...

    @overload
    def __getitem__(self, index: slice) -> list[Reminder]: ...

    def __getitem__(self, index: int | slice) -> Reminder | list[Reminder]:
        if isinstance(index, slice):
            return self._fetch([rid for rid, _fires in self.times[index]])
        return self._fetch([self.times[index][0]])[0]

    def __iter__(self) -> Iterator[Reminder]:
        return iter(self._fetch([rid for rid, _fires in self.times]))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"DueReminders({len(self)} reminders)"

    def _fetch(self, ids: list[int]) -> list[Reminder]:
        missing = [rid for rid in ids if rid not in self._read]
        if missing:
            self._read.update((r.id, r) for r in self._load(missing))
            gone = {rid for rid in missing if rid not in self._read}
            if gone:
                self.times = [item for item in self.times if item[0] not in gone]
        return [self._read[rid] for rid in ids if rid in self._read]
