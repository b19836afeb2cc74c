"""A write the person asked for while a background job writes: said in words, nothing lost.

While a job that writes runs (ui/background.py), the window's connection refuses writes
(`WritesPaused`, store/connection.py). The main window is behind the job's progress dialog
then, and the reminder windows may not be: their Done, Snooze and edits are slots wrapped
with `says_when_paused`, which tells the person to wait (ui/messages.py) and leaves everything
as it was, so they can press it again once the job has finished; a form to fill asks
`refused_while_paused` before it opens, so nothing typed into it is lost. A form already open
when the job started (opened in the moment before its progress dialog showed) is not closed
by Save meanwhile: it says why under the form and keeps what was typed (`held_words`, asked
by forms.GuardedDialog), to save once the job has finished. The job runner puts
the pause on the window's status line, quietly, and saves what was typed meanwhile the moment
it ends. Anything else that writes meets the same `WritesPaused`, a KnownError: its words,
never "database is locked".
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtWidgets import QWidget

from secondopinion_desktop.store.repository import Repository, WritesPaused

P = ParamSpec("P")
R = TypeVar("R")
W = TypeVar("W", bound=QWidget)


_held: str | None = None  # why writes wait now: set by the job runner (ui/background.py)


def hold(words: str | None) -> None:
    """A job that writes started (`words`: "Second Opinion is still restoring the backup.
    Please wait until it finishes.") or ended (None)."""
    global _held
    _held = words


def held_words() -> str | None:
    """Why saving waits now, for a form whose Save was pressed meanwhile; None when it
    does not."""
    return _held


def says_when_paused(
    slot: Callable[Concatenate[W, P], R],
) -> Callable[Concatenate[W, P], R | None]:
    """The slot, or (when saving is paused) a calm "please wait" and None."""

    @functools.wraps(slot)
    def run(widget: W, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return slot(widget, *args, **kwargs)
        except WritesPaused as exc:
            from secondopinion_desktop.ui import messages

            messages.show_info(widget, "Please wait", exc.message)
            return None

    return run


def refused_while_paused(parent: QWidget, repo: Repository) -> bool:
    """True, after saying so, when saving is paused: asked before a form opens, so nothing
    typed into it can be lost."""
    words = repo.db.paused_words
    if words is None:
        return False
    from secondopinion_desktop.ui import messages

    messages.show_info(parent, "Please wait", words)
    return True
