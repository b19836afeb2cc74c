"""How a long job says how far along it is, and how the person's Cancel stops it.

A long use case (importing a list of 100,000 doctors, exporting a case with hundreds of
megabytes of scans, a backup) takes a `progress` callable and calls it now and then with
what it has done, out of how much, and a sentence saying what it is doing ("Checking the
list: 40,000 of 100,000 rows"). The same call is the cancel check: whoever runs the job
(the window's background runner) raises `Cancelled` from inside it once the person pressed
Cancel. The job then unwinds like after any error, through its `db.atomic()` and its temp
files' clean-up, so a cancelled job leaves everything exactly as it was.

Plain Python, no Qt: the domain's pure functions (`read_table`, `build_candidates`) take the
hook as well, so a long parse can be stopped too; services/progress.py re-exports it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

__all__ = ["Cancelled", "Progress", "Ticker", "megabytes", "no_progress", "uncancellable"]

#: progress(done, total, what): `what` is a whole sentence for the person; may raise Cancelled.
Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The person pressed Cancel: the job stopped and changed nothing."""


def no_progress(done: int, total: int, what: str) -> None:
    """The hook of a job nobody watches (the command line, tests): never cancels."""


def megabytes(count: int) -> str:
    """A byte count as progress words say it: '0.4', '12', '1,300' (millions of bytes)."""
    return f"{count / 1_000_000:,.0f}" if count >= 10_000_000 else f"{count / 1_000_000:,.1f}"


def uncancellable(progress: Progress) -> Progress:
    """`progress` for a last step that must not stop half-way: it reports, Cancel is ignored.

    Used where stopping would leave more changed than finishing (a restore's final copy,
    after the present data was backed up); the words still tell the person how far it is.
    """

    def report(done: int, total: int, what: str) -> None:
        with contextlib.suppress(Cancelled):
            progress(done, total, what)

    return report


class Ticker:
    """Counts through `total` items and calls `progress` every `every` of them (and at the end).

    Calling the hook for each of 100,000 rows would cost more than the rows; every 500th is
    often enough for a smooth bar and a Cancel that answers at once. `words(done, total)`
    makes the sentence, so each feature keeps its own text.
    """

    def __init__(
        self,
        progress: Progress,
        total: int,
        words: Callable[[int, int], str],
        every: int = 500,
    ) -> None:
        self.progress = progress
        self.total = total
        self.words = words
        self.every = max(1, every)
        self.done = 0
        self._next = 0

    def start(self) -> None:
        """Say the job began (0 of total); also the first chance to cancel."""
        self.progress(0, self.total, self.words(0, self.total))
        self._next = self.every

    def finish(self) -> None:
        """Say it is all done (when `total` was an estimate the count did not reach)."""
        self.done = self.total
        self.progress(self.total, self.total, self.words(self.total, self.total))

    def advance(self, count: int = 1) -> None:
        """`count` more items are done; reports when another `every` have passed."""
        self.done += count
        if self.done >= self._next or self.done >= self.total:
            self._next = self.done + self.every
            self.progress(min(self.done, self.total), self.total, self.words(self.done, self.total))
