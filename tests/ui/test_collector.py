"""The cycle collector is kept quiet while a worker builds big data, and set back after."""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Iterator

import pytest

from secondopinion_desktop.ui.collector import QUIET_SWITCH_S, QUIET_THRESHOLDS, quiet_collector


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()  # the rest of the test run sees the collector as it was
    gc.set_threshold(*before)


class Tracked:
    """Something the collector tracks (as rows and doctors are)."""


def test_quiet_while_working_and_set_back_after() -> None:
    before = gc.get_threshold()
    with quiet_collector():
        assert gc.get_threshold() == QUIET_THRESHOLDS
        with quiet_collector():  # a background read during a job
            assert gc.get_threshold() == QUIET_THRESHOLDS
        assert gc.get_threshold() == QUIET_THRESHOLDS  # the outer one still works
    assert gc.get_threshold() == before


def test_what_was_built_is_frozen_but_still_freed_when_dropped() -> None:
    with quiet_collector():
        rows = [Tracked() for _ in range(1_000)]
    assert gc.get_freeze_count() >= 1_000
    assert not any(row is rows[0] for row in gc.get_objects())  # out of the collector's sight
    watch = weakref.ref(rows[0])
    del rows
    assert watch() is None  # reference counting frees it as before


def test_set_back_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), quiet_collector():
        raise RuntimeError("the job failed")
    assert gc.get_threshold() == before


def test_the_interpreter_lock_changes_hands_often_while_working() -> None:
    """The window's thread waits for the lock at each call into Python: while a worker
    runs, it gets it back within half a millisecond, not five, and the old interval returns."""
    before = sys.getswitchinterval()
    with quiet_collector():
        assert sys.getswitchinterval() == QUIET_SWITCH_S
        with quiet_collector():
            assert sys.getswitchinterval() == QUIET_SWITCH_S
    assert sys.getswitchinterval() == before


def test_on_a_worker_nothing_is_collected_there_and_the_window_tidies_after() -> None:
    """A collection on a worker would free the window's garbage too (a wrapped Qt object in
    a reference cycle), deleting a Qt object off its thread: none runs there; the window's
    thread freezes what was built and turns the collector back on (`tidy`)."""
    import threading

    from secondopinion_desktop.ui.collector import tidy

    assert gc.isenabled()
    seen: list[bool] = []
    passes: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(threading.current_thread().name)

    def work() -> None:
        with quiet_collector():
            seen.append(gc.isenabled())
            _rows = [Tracked() for _ in range(50_000)]  # would set off passes
        seen.append(gc.isenabled())

    gc.callbacks.append(note)
    try:
        worker = threading.Thread(target=work, name="worker")
        worker.start()
        worker.join()
        assert seen == [False, False]  # none during the block, none after it on the worker
        assert "worker" not in passes
        frozen = gc.get_freeze_count()
        tidy()
        assert gc.get_freeze_count() > frozen  # what it built, out of the collector's sight
    finally:
        gc.callbacks.remove(note)
    assert gc.isenabled()
    tidy()  # nothing left to do: harmless
    assert gc.isenabled()
