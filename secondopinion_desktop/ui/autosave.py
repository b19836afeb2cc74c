"""Typed text is saved a moment after typing stops, and at once whenever the window asks.

Notes, answers, thoughts about the options and the tests ordered are saved without a Save
button: each edit restarts a short single-shot timer, and the text is saved when it fires. The
window must never lose what was typed in the last moment, so before anything that reloads or
leaves the text (another page, another case, undo, closing, logout, SIGTERM) it calls
`flush_all`, which saves every pending edit in its tree of widgets at once. An `AutoSaver` is a
child of the widget that owns the text, so it goes away with its widget; the savers alive are
kept in a weak set, so `flush_all` looks only at those with something pending (asking Qt for
every child of the window, as it once did, walked hundreds of widgets at each page change).

While a background job writes (a restore, an import), saving is paused (store/connection.py
`WritesPaused`): the text stays pending and on screen, is tried again after each pause, and
the window saves it the moment the job ends.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterator

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from secondopinion_desktop.domain.validation import too_long
from secondopinion_desktop.store.repository import WritesPaused

#: The pause after the last keystroke before typed text is saved.
SAVE_DELAY_MS = 600


def _never() -> bool:
    return False


class AutoSaver(QObject):
    """Calls `save` once typing has paused for `delay_ms`, or at once on `flush`.

    `ignore` says when a change is not the person's typing (the owner filling its fields from
    the database): such changes are neither saved nor marked pending.
    """

    def __init__(
        self,
        save: Callable[[], object],
        parent: QObject,
        *,
        ignore: Callable[[], bool] = _never,
        delay_ms: int = SAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._ignore = ignore
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        _SAVERS.add(self)

    def watch(self, *edits: QPlainTextEdit | QTextEdit | QLineEdit) -> None:
        """Treat every change of these fields' text as an edit."""
        for edit in edits:
            edit.textChanged.connect(self.edited)

    def edited(self) -> None:
        """Something was typed: save after the pause (unless `ignore` says it was not typing)."""
        if self._ignore():
            return
        self._pending = True
        self._timer.start()

    @property
    def pending(self) -> bool:
        """Typed, and not saved yet."""
        return self._pending

    def flush(self) -> None:
        """Save now if anything is pending (the timer, leaving, closing, the window asking)."""
        self._timer.stop()
        if self._pending:
            self._pending = False
            try:
                self._save()
            except WritesPaused:
                self._pending = True  # kept: saved when the job ends (or after the next pause)
                self._timer.start()

    @contextlib.contextmanager
    def kept_while_paused(self) -> Iterator[None]:
        """Around a save made where `flush` cannot see it fail (a signal's receiver): when
        saving is paused, the text stays pending, saved when the job ends."""
        try:
            yield
        except WritesPaused:
            self._pending = True
            self._timer.start()

    def discard(self) -> None:
        """Forget pending typing: the owner has just shown the stored text again."""
        self._timer.stop()
        self._pending = False


_SAVERS: weakref.WeakSet[AutoSaver] = weakref.WeakSet()


def _below(item: QObject, root: QObject) -> bool:
    parent = item.parent()
    while parent is not None:
        if parent is root:
            return True
        parent = parent.parent()
    return False


def flush_all(root: QObject) -> None:
    """Save every pending edit below `root` (the window: before a reload, a switch, quitting)."""
    for saver in list(_SAVERS):
        if shiboken6.isValid(saver) and saver.pending and _below(saver, root):
            saver.flush()


def kept_part(text: str, limit: int, label: QLabel) -> str:
    """The part of an autosaved box's `text` that is saved: all of it, or the first `limit`
    letters while `label` (under the box) says the rest is not saved. Cutting it without a
    word lost the end of a long paste; what was typed stays on the screen to be shortened."""
    problem = too_long(text, limit, "This text")
    if problem:
        problem += f" Until then, only the first {limit:,} letters are saved."
    label.setText(problem)
    label.setVisible(bool(problem))
    return text[:limit]
