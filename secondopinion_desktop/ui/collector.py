"""Keep Python's cycle collector from freezing the window while a worker builds big data.

Work on a worker thread shares the interpreter lock with the window's thread. Python code
hands the lock back every few milliseconds, but a *full* collection of the cycle collector
does not: it walks every live object at once. Reading a 100,000-row list makes a few hundred
thousand objects, and the collector's full passes over them (set off by the worker's
allocations) stopped the window for 100 to 500 ms at a time (measured: the stalls of the
import preview were exactly the collector's passes on the worker's thread).

`quiet_collector()` goes around such work: meanwhile young passes are rarer and larger (a
few milliseconds each) and no full pass runs; at the end what the work built is moved out of
the collector's sight (`gc.freeze`), so no later full pass walks the long list while the
window shows it. Frozen objects are still freed the ordinary way (by reference counting)
when nothing holds them any more; only a reference cycle among them would wait for the app
to quit, and the rows, doctors and results built here hold none.

The same block also shortens the interpreter's switch interval (5 ms by default, 0.5 ms
meanwhile). The window's thread needs the lock for every call into Python (a heartbeat, a
progress signal, each cell the preview table paints) and waits up to the interval for the
worker to hand it over at each one: with a hundred such calls to draw a frame, the window
stood still for seconds while a 100,000-row list was checked (measured: 5 to 7 s; the worker
was running plain Python all along).

Nested and overlapping uses (a background read during a job) share one setting: the first
to enter sets it, the last to leave puts the old thresholds back.

On a worker the collector does not run at all meanwhile, and what it does at the end
(freeze, turn the collector back on) waits for the window's thread (`tidy`, called as a job
or a read reports back): a collection on a worker frees whatever garbage is around, also the
window's (a wrapped Qt object left in a reference cycle), and a Qt object deleted off its
thread crashed the app later (a style animation's timer, found by the test run).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator

__all__ = ["quiet_collector", "tidy"]

#: While quiet: a young pass every this many new objects (default 700), and practically
#: never an older one (the last value is the full pass's: after that many older ones).
QUIET_THRESHOLDS = (10_000, 1_000, 1_000)
#: While quiet: how long (s) a thread keeps the interpreter lock before offering it.
QUIET_SWITCH_S = 0.0005

_lock = threading.Lock()
_users = 0
_saved: tuple[int, int, int] = gc.get_threshold()
_saved_switch = sys.getswitchinterval()
_enable_after: bool | None = None  # set when the window's thread has tidying to do


@contextlib.contextmanager
def quiet_collector() -> Iterator[None]:
    """No full collection while the block runs; what it built is frozen when it ends."""
    global _users, _saved, _saved_switch, _enable_after
    worker = threading.current_thread() is not threading.main_thread()
    with _lock:
        if _users == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(*QUIET_THRESHOLDS)
            _saved_switch = sys.getswitchinterval()
            sys.setswitchinterval(QUIET_SWITCH_S)
        if worker and gc.isenabled():
            _enable_after = True
            gc.disable()  # no pass on this thread (see the module)
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0:
                gc.set_threshold(*_saved)
                sys.setswitchinterval(_saved_switch)
                if not worker:
                    _tidy_now()
                elif _enable_after is None:
                    _enable_after = False  # was off: tidy, leave it off


def tidy() -> None:
    """On the window's thread, after a worker's quiet block: freeze what it built and turn
    the collector back on (nothing while a block runs)."""
    with _lock:
        if _users == 0 and _enable_after is not None:
            _tidy_now()


def _tidy_now() -> None:
    global _enable_after
    # no young pass first: with the collector off through a read of 100,000 doctors the young
    # generation holds all it built, and a pass over it stood the window still for 300 ms; a
    # reference cycle that became garbage meanwhile waits for the app to quit
    gc.freeze()
    if _enable_after:
        gc.enable()
    _enable_after = None
