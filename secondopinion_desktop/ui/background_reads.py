"""Reads off the window's thread: a page's long list (5,000 candidate doctors, a checklist of
2,000 items), the reminder rules of every case at start. `read_in_background` runs a read
(reads only, never writes) on a worker of Qt's global thread pool with its own connection to
the database file, and hands the result back on the window's thread. No dialog, no lock: the
page says in words that it is reading meanwhile (ui/background.py has the jobs that write).

Lifetimes: what carries a result back (`_ReadSignals`) has no parent and is kept here until
its result has arrived, then deleted on the window's thread. As a child of the page or
scheduler that asked, it was deleted with it when that was let go while the read ran, as the
worker emitted on it, and the test run crashed in QObject's destructor. The one that asked is
held until then too; if Qt deleted it meanwhile (its window went), nothing is called.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from secondopinion_desktop.store.repository import Repository

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The reads under way: their signal carriers, kept until their result arrives.
_PENDING: set[_ReadSignals] = set()


def reading_in_background() -> bool:
    """Whether a `read_in_background` worker is running (their pool, Qt's global one, runs
    nothing else): work that can wait (pages built ahead) waits, rather than take turns with
    it for the interpreter lock."""
    return QThreadPool.globalInstance().activeThreadCount() > 0


class _ReadSignals(QObject):
    """Made on the window's thread, emitted from the reader's."""

    done = Signal(object)
    failed = Signal()


class _Reader(QRunnable):
    """Runs one read on a pool thread, on its own connection to the database file."""

    def __init__(
        self,
        read: Callable[[Repository], Any],
        database: Path,
        clock: Any,
        signals: _ReadSignals,
    ) -> None:
        super().__init__()
        self.read, self.database, self.clock, self.signals = read, database, clock, signals

    def run(self) -> None:
        try:
            repo = Repository.open_another(self.database, self.clock)
        except Exception as exc:  # the file went away: the page reads it again when shown
            self._tell(None, exc)
            return
        from secondopinion_desktop.ui.collector import quiet_collector

        try:
            with quiet_collector():  # see ui/collector.py: no full passes meanwhile
                result = self.read(repo)
        except Exception as exc:
            self._tell(None, exc)
        else:
            self._tell(result, None)
        finally:
            repo.close()

    def _tell(self, result: Any, failure: Exception | None) -> None:
        if failure is not None:
            kind = getattr(failure, "sqlite_errorname", None) or type(failure).__name__
            log.error("background read failed (%s)", kind)  # the kind only, never data
        try:
            if failure is None:
                self.signals.done.emit(result)
            else:
                self.signals.failed.emit()
        except RuntimeError:  # (the app is quitting: nobody is waiting)
            pass


def read_in_background(
    owner: QObject,
    repo: Repository,
    read: Callable[[Repository], T],
    done: Callable[[T], object],
    failed: Callable[[], object],
) -> bool:
    """Run `read` (reads only, never writes) on a worker thread with its own connection;
    `done(result)` or `failed()` is called later on the window's thread, unless Qt deleted
    `owner` meanwhile (see the module). False, with nothing started, when the database is in
    memory: the caller reads at once."""
    database = repo.database_file()
    if database is None:
        return False
    signals = _ReadSignals()
    _PENDING.add(signals)

    def finish(then: Callable[[], object]) -> None:
        _PENDING.discard(signals)
        signals.deleteLater()
        from secondopinion_desktop.ui.collector import tidy  # (loaded by the worker already)

        tidy()  # what the worker's quiet block left for this thread (ui/collector.py)
        if shiboken6.isValid(owner):
            then()

    signals.done.connect(lambda result: finish(lambda: done(result)))
    signals.failed.connect(lambda: finish(failed))
    QThreadPool.globalInstance().start(_Reader(read, database, repo.clock, signals))
    return True
