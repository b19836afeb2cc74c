"""Long work off the window's thread: one job at a time, with progress, Cancel and words.

Importing a list of 100,000 doctors or exporting a case with 300 MB of scans takes seconds;
run on the window's thread it would freeze the window. A `Job` is a services call with its
progress hook (domain/progress.py); `Jobs.start` runs it on a worker thread with **its own
SQLite connection** on the same file (the window's connection stays the window's: a sqlite3
connection belongs to the thread that made it; WAL lets the window read meanwhile), shows a
window-modal progress dialog with what is happening and how far along it is, and hands the
result back on the window's thread through a signal.

Cancel sets a flag the worker's progress hook checks: the next report raises `Cancelled`,
and the job unwinds through its one transaction and its temp files' clean-up, so the data is
exactly as before. The dialog stays up ("Stopping…") until the worker has really stopped.
A page that only *reads* a lot (5,000 candidate doctors) uses `read_in_background`
(ui/background_reads.py): no dialog and no lock, the same own connection, the result by
signal; the page says in words that it is reading meanwhile.

A job that fails says why in words through ui/messages.py (a KnownError's message, or a calm
sentence for a bug, which goes to the log by kind only), never a traceback.

One job at a time per window: a second one is refused in words ("Second Opinion is still
importing the list. Please wait until it finishes."), and anything else that writes can ask
`refuse_if_busy` first. A second writer is prevented once for all: while a job that writes
runs, the window's own connection refuses writes (store/connection.py `WritesPaused`, with
those words), so nothing on the window's side (typing saved after a pause, a reminder's Done,
the minute check of reminders) meets "database is locked". The window's status line says so
meanwhile, and what was typed meanwhile is saved when the job ends (`paused` tells others).

A database in memory (tests, tools) has no file to open a second connection on: its jobs run
at once on the window's thread, with the same results.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services.progress import Cancelled, Progress, no_progress
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.autosave import flush_all
from secondopinion_desktop.ui.style import dress

__all__ = ["Job", "JobProgressDialog", "Jobs"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How long a job runs before its dialog shows (a quick one never flashes a window).
SHOW_AFTER_MS = 300
#: At most this often does a report cross to the window's thread (Cancel is checked every time).
REPORT_EVERY_S = 0.05
BAR_STEPS = 1000


@frozen
class Job(Generic[T]):
    """A long use case and the words around it.

    `run(repo, progress)` is called on the worker's thread with a repository on the worker's
    own connection; it must reach the data only through that repository (and files).
    `doing` completes "Second Opinion is still …" ("importing the list"); `title` heads the
    progress dialog ("Importing the list"); `failed_title` heads the message if it fails.
    `writes`: the job changes the database, so nothing else may write while it runs (a job
    that only reads, like saving a PDF, leaves the window free to save typing meanwhile).
    """

    title: str
    doing: str
    failed_title: str
    run: Callable[[Repository, Progress], T]
    writes: bool = True


class _CancelButton(QPushButton):
    """QProgressDialog places its button by sizeHint; the app's style sets a larger minimum
    size (for large text), so the hint includes it, or the button would be cut off."""

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(self.minimumSize())


class JobProgressDialog(QProgressDialog):
    """The progress dialog: Cancel (or Esc, or closing it) asks the job to stop; the dialog
    stays until it has, saying so, so nothing can start while the old job still unwinds."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.canceled.disconnect(self.cancel)  # Qt would hide it at once; we wait for the job
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(2**31 - 1)  # shown by Jobs, after SHOW_AFTER_MS
        self.label = QLabel(f"{title}\u2026")
        self.label.setWordWrap(True)
        self.label.setAccessibleName("What is happening")
        self.setLabel(self.label)
        self.bar = QProgressBar()
        self.bar.setAccessibleName("How far along it is")
        self.setBar(self.bar)
        self.cancel_button = dress(_CancelButton("Cancel"))
        self.cancel_button.setAccessibleName("Cancel, and change nothing")
        self.setCancelButton(self.cancel_button)
        self.setRange(0, BAR_STEPS)
        self.setValue(0)
        self.setMinimumWidth(max(460, self.label.fontMetrics().averageCharWidth() * 52))

    def show_progress(self, done: int, total: int, what: str) -> None:
        if self.cancel_button.isEnabled():
            self.label.setText(what)
        if total <= 0:
            self.setRange(0, 0)  # a bar that moves without a count: how far is not known
            return
        if self.maximum() != BAR_STEPS:
            self.setRange(0, BAR_STEPS)
        self.setValue(min(BAR_STEPS, max(0, done * BAR_STEPS // total)))

    def show_stopping(self) -> None:
        self.label.setText("Stopping\u2026 Nothing will be changed.")
        self.cancel_button.setEnabled(False)

    def showEvent(self, event: QShowEvent) -> None:
        # the style sheet's larger buttons are known only once shown: make room for them
        super().showEvent(event)
        self.ensurePolished()
        self.resize(self.sizeHint().expandedTo(self.size()))

    def reject(self) -> None:
        self.canceled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.canceled.emit()


class _Signals(QObject):
    """Made on the window's thread, emitted from the worker's: Qt queues them across."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Worker(QRunnable):
    """Runs one job on a pool thread, on its own connection to the database file."""

    def __init__(
        self, job: Job[Any], database: Path, clock: Any, signals: _Signals, stop: threading.Event
    ) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Jobs holds it until its end is reported
        self.job = job
        self.database = database
        self.clock = clock
        self.signals = signals
        self.stop = stop
        self._last = 0.0

    def report(self, done: int, total: int, what: str) -> None:
        if self.stop.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._last >= REPORT_EVERY_S or (total > 0 and done >= total):
            self._last = now
            self.signals.progress.emit(done, total, what)

    def run(self) -> None:
        try:
            repo = Repository.open_another(self.database, self.clock)
        except Exception as exc:  # the file went away or is locked: said in words
            self.signals.failed.emit(_failure_words(self.job, exc))
            return
        from secondopinion_desktop.ui.collector import quiet_collector

        try:
            with quiet_collector():  # the collector's full passes would stop the window
                result = self.job.run(repo, self.report)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            self.signals.failed.emit(_failure_words(self.job, exc))
        else:
            self.signals.succeeded.emit(result)
        finally:
            repo.close()


def _failure_words(job: Job[Any], exc: BaseException) -> str:
    """A KnownError's own words; for anything else a calm sentence, and the kind in the log."""
    if isinstance(exc, KnownError):
        return exc.message
    kind = getattr(exc, "sqlite_errorname", None) or type(exc).__name__  # never its text
    log.error("background job failed: %s (%s)", job.title, kind)
    return (
        f"Something went wrong while {job.doing}, so it was stopped. Nothing was changed.\n\n"
        "Please try again. If it happens again, restarting Second Opinion may help."
    )


class Jobs(QObject):
    """The window's runner of long jobs: one at a time, each on its own SQLite connection.

    Signals:
        busy_changed(bool): a job started (True) or ended (False), for status lines.
        paused(str): a job that writes started (words for the status line: saving waits) or
            ended ("": save what waited).
    """

    busy_changed = Signal(bool)
    paused = Signal(str)

    def __init__(self, parent: QObject | None, repo: Repository) -> None:
        super().__init__(parent)
        self.repo = repo
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        #: How long a job runs before its progress dialog shows (tests set 0).
        self.show_after_ms = SHOW_AFTER_MS
        self.dialog: JobProgressDialog | None = None
        self._job: Job[Any] | None = None
        self._worker: _Worker | None = None
        self._signals: _Signals | None = None
        self._stop = threading.Event()

    @property
    def busy(self) -> bool:
        """Whether a job is running (or still stopping)."""
        return self._job is not None

    def busy_words(self) -> str:
        """'Second Opinion is still importing the list. Please wait until it finishes.'"""
        doing = self._job.doing if self._job is not None else "working"
        return f"Second Opinion is still {doing}. Please wait until it finishes."

    def paused_words(self) -> str:
        """'Saving is paused while Second Opinion is restoring the backup. ...'"""
        doing = self._job.doing if self._job is not None else "working"
        return (
            f"Saving is paused while Second Opinion is {doing}. What you type is kept and "
            "saved when it finishes."
        )

    def _say(self, words: str) -> None:
        """On the window's status line, quietly (no status line: nothing to say)."""
        window = self.parent()
        if isinstance(window, QMainWindow):
            if words:
                window.statusBar().showMessage(words)
            else:
                window.statusBar().clearMessage()

    def refuse_if_busy(self, parent: QWidget | None) -> bool:
        """True (after saying so, in words) when a job is running and nothing may write."""
        if self._job is None:
            return False
        from secondopinion_desktop.ui import messages

        messages.show_info(parent, "Please wait", self.busy_words())
        return True

    def start(
        self,
        job: Job[T],
        parent: QWidget | None,
        done: Callable[[T], object],
        stopped: Callable[[], object] | None = None,
        *,
        at_once: bool = False,
    ) -> bool:
        """Run `job`; `done(result)` on the window's thread when it succeeds, `stopped()` when
        it was cancelled or failed (after the failure was explained). False, after saying
        why, when another job is still running. `at_once`: the input is small, so the job runs
        now on the window's thread (no dialog to flash for a few milliseconds of work)."""
        if self.refuse_if_busy(parent):
            return False
        database = self.repo.database_file()
        if database is None or at_once:
            return self._run_here(job, parent, done, stopped)
        self._job = job
        self._stop = threading.Event()
        signals = _Signals(self)
        worker = _Worker(job, database, self.repo.clock, signals, self._stop)
        dialog = JobProgressDialog(parent, job.title)
        dialog.canceled.connect(self.cancel)
        signals.progress.connect(dialog.show_progress)
        signals.succeeded.connect(lambda result: self._finish(lambda: done(result)))
        signals.failed.connect(lambda words: self._finish(lambda: self._failed(job, words)))
        signals.cancelled.connect(lambda: self._finish(stopped))
        self._signals, self._worker, self.dialog = signals, worker, dialog
        QTimer.singleShot(self.show_after_ms, dialog, self._show_dialog)
        self.busy_changed.emit(True)
        if job.writes:
            from secondopinion_desktop.ui.write_pause import hold  # (not needed at start)

            self.repo.db.pause_writes(self.busy_words())
            hold(self.busy_words())
            self._say(self.paused_words())
            self.paused.emit(self.paused_words())
        self.pool.start(worker)
        return True

    def _show_dialog(self) -> None:
        if self.dialog is not None and self.busy and not self.dialog.isVisible():
            self.dialog.show()

    def cancel(self) -> None:
        """Ask the running job to stop; it unwinds at its next report, changing nothing."""
        if self._job is None:
            return
        self._stop.set()
        if self.dialog is not None:
            self.dialog.show_stopping()

    def _failed(self, job: Job[Any], words: str) -> None:
        from secondopinion_desktop.ui import messages

        parent = self.dialog.parentWidget() if self.dialog is not None else None
        messages.show_error(parent, job.failed_title, words)

    def _finish(self, then: Callable[[], object] | None) -> None:
        dialog = self.dialog
        paused = self.repo.db.paused_words is not None
        self.repo.db.resume_writes()
        from secondopinion_desktop.ui.collector import tidy  # (loaded by the worker already)

        tidy()  # what the worker's quiet block left for this thread (ui/collector.py)
        if paused:
            from secondopinion_desktop.ui.write_pause import hold

            hold(None)
        self._job = self._worker = self._signals = self.dialog = None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        if paused:  # before the result is shown (a restore reloads every page after it)
            self._say("")
            window = self.parent()
            if window is not None:
                flush_all(window)  # what was typed meanwhile is saved now
            self.paused.emit("")
        self.busy_changed.emit(False)
        if then is not None:
            then()

    def _run_here(
        self,
        job: Job[T],
        parent: QWidget | None,
        done: Callable[[T], object],
        stopped: Callable[[], object] | None,
    ) -> bool:
        """A small job, or a database in memory: it runs now, on the window's connection."""
        try:
            result = job.run(self.repo, no_progress)
        except KnownError as exc:
            from secondopinion_desktop.ui import messages

            messages.show_error(parent, job.failed_title, exc.message)
            if stopped is not None:
                stopped()
            return True
        done(result)
        return True

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Cancel nothing; wait (letting the window's events run) until no job is running.

        For quitting with a job under way (after `cancel`) and for tests; False on timeout.
        """
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(timeout_ms)
        while self.busy and not deadline.hasExpired():
            self.pool.waitForDone(10)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        return not self.busy

    def shut_down(self) -> None:
        """The window closes: stop the job (it changes nothing) and wait for its thread."""
        if self.busy:
            self.cancel()
            self.wait(30_000)
        self.pool.waitForDone(30_000)
        QThreadPool.globalInstance().waitForDone(30_000)  # reads (`read_in_background`)
