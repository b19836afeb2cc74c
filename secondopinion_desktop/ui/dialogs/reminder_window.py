"""What both reminder windows share: the pop-up of what fell due, and Tools > Reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from secondopinion_desktop.store.repository import Repository


class ReminderWindow(QDialog):
    """What both reminder windows share (the pop-up and Tools > Reminders): the store, the
    clock and time zone they read "due" by, a non-modal window, and their two signals.

    Signals:
        open_requested(object): Open was pressed on this Reminder.
        changed(): reminders were marked done, snoozed, added, changed or removed.
    """

    open_requested = Signal(object)
    changed = Signal()

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None,
        clock: Callable[[], dt.datetime] | None,
        zone: dt.tzinfo | None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self._clock = clock or repo.now
        self._zone = zone
        self.setWindowTitle("Reminders \u2014 Second Opinion")
        self.setModal(False)
