"""The reminder window: what is due now, all together, each with Done, Snooze and Open.

It is not modal and does not take the keyboard when it appears, so a reminder never swallows
what the person was typing. Several reminders due at once are listed in the one window; more
falling due later are added to it rather than opening another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.reminders import (
    Reminder,
    in_an_hour,
    local_at,
    state_text,
    to_local,
    tomorrow_morning,
)
from secondopinion_desktop.domain.typed_dates import not_before
from secondopinion_desktop.services import reminders as reminder_service
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.card import Card
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import FormDialog
from secondopinion_desktop.ui.time_entry import TimeEntry


def open_label(page: int | None) -> str:
    """What the Open button says: where it goes."""
    if page is None:
        return ""
    if page == 7:
        return "Open the outcome page"
    return f"Open step {page}"


# --- picking a time -------------------------------------------------------------------------


class PickTimeDialog(FormDialog):
    """Ask for a day and a time to be reminded again."""

    def __init__(
        self, parent: QWidget | None, now: dt.datetime, zone: dt.tzinfo | None = None
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._zone = zone
        self._chosen: dt.datetime | None = None
        self.setWindowTitle("Remind me again")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel("When should Second Opinion remind you again?")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.day = DateEntry(
            "Day to be reminded",
            lambda: to_local(self._now, self._zone).date(),
            lean="future",
            required="Please type a day, for example \u201ctomorrow\u201d.",
            rule=lambda day: not_before(day, to_local(self._now, self._zone).date(), "That day"),
            placeholder="For example: tomorrow, or Dec 3, 2026",
        )
        self.day.setText("tomorrow")
        self.time = TimeEntry("Time to be reminded", dt.time(9, 0))
        form.addRow("&Day:", self.day)
        form.addRow("", self.day.note_label)
        form.addRow("&Time:", self.time)
        form.addRow("", self.time.problem_label)
        layout.addLayout(form)
        self.add_error_and_buttons(
            layout, "Remind me then", button=QDialogButtonBox.StandardButton.Ok
        )
        self.day.selectAll()
        self.day.setFocus()

    def chosen(self) -> dt.datetime | None:
        return self._chosen

    def accept(self) -> None:
        day = self.checked_day(self.day)
        if day is None:
            return
        at = self.checked_time(self.time)
        if at is None:
            return
        when = local_at(day, at, self._zone)
        if when <= self._now:
            self.fail("That time has already passed. Please choose a later one.", self.day)
            return
        self._chosen = when
        super().accept()


def ask_snooze_time(
    parent: QWidget | None, now: dt.datetime, zone: dt.tzinfo | None = None
) -> dt.datetime | None:
    """Ask when to remind again; None when cancelled. Modal: tests patch this function."""
    dialog = PickTimeDialog(parent, now, zone)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


# --- one reminder -----------------------------------------------------------------------------


class ReminderCard(Card):
    """One due reminder: what to do, since when, and the three buttons."""

    def __init__(self, reminder: Reminder, case_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        self.title = QLabel(reminder.title)
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.when = QLabel()
        self.when.setObjectName("situation")
        self.when.setWordWrap(True)
        self._case_name = case_name
        self.detail = QLabel(reminder.detail)
        self.detail.setWordWrap(True)
        self.detail.setVisible(bool(reminder.detail))
        for label in (self.title, self.when, self.detail):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        buttons = QHBoxLayout()
        self.done_button = QPushButton("Done")
        self.done_button.setObjectName("primary")
        self.done_button.setAccessibleName(f"Done: {reminder.title}")
        self.snooze_button = QPushButton("Snooze")
        self.snooze_button.setAccessibleName(f"Snooze: {reminder.title}")
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_hour = QAction("For 1 hour", self.snooze_menu)
        self.snooze_morning = QAction("Until tomorrow morning (9 am)", self.snooze_menu)
        self.snooze_pick = QAction("Pick a day and time\u2026", self.snooze_menu)
        for action in (self.snooze_hour, self.snooze_morning, self.snooze_pick):
            self.snooze_menu.addAction(action)
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = QPushButton(open_label(reminder.page))
        self.open_button.setAccessibleName(f"{open_label(reminder.page)}: {reminder.title}")
        self.open_button.setVisible(reminder.page is not None)
        for button in (self.done_button, self.snooze_button, self.open_button):
            button.setAutoDefault(False)  # Enter never marks a reminder done by accident
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setAccessibleName(f"Reminder: {reminder.title}")

    def refresh(self, now: dt.datetime, zone: dt.tzinfo | None) -> None:
        text = state_text(self.reminder, now, zone)
        if self._case_name:
            text += f" \u2014 {self._case_name}"
        self.when.setText(text)


# --- the window -------------------------------------------------------------------------------


class ReminderDialog(QDialog):
    """The reminders due now, together.

    Signals:
        open_requested(object): the person pressed Open on this Reminder.
        changed(): a reminder was marked done or snoozed (the scheduler re-arms).
    """

    open_requested = Signal(object)
    changed = Signal()

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        zone: dt.tzinfo | None = None,
        case_name: Callable[[int], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self._clock = clock or repo.now
        self._zone = zone
        self._case_name = case_name or (lambda _case_id: "")
        self.cards: list[ReminderCard] = []
        self.setWindowTitle("Reminders \u2014 Second Opinion")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setMinimumSize(600, 360)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        layout.addWidget(self.heading)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("The reminders due")  # it takes the focus
        inner = QWidget()
        self.list_layout = QVBoxLayout(inner)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(12)
        self.list_layout.addStretch(1)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        hint = QLabel(
            "Snooze puts a reminder off until later. If you close this window instead, the "
            "reminders stay on the list and come back the next time you open Second Opinion."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the reminders window")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    # --- showing ---------------------------------------------------------------------------

    def show_reminders(self, reminders: list[Reminder]) -> None:
        """Add these to the window (updating any already there) and show it on top."""
        by_id = {card.reminder.id: card for card in self.cards}
        for reminder in reminders:
            card = by_id.get(reminder.id)
            if card is not None:
                self._remove(card)
            self._add(reminder)
        self._refresh()
        if not self.cards:
            return
        if self.isVisible():
            if QGuiApplication.platformName() != "offscreen":  # no stacking there (it warns)
                self.raise_()  # already open, perhaps behind the main window
        else:
            self.show()  # a new window opens on top

    def _add(self, reminder: Reminder) -> None:
        card = ReminderCard(reminder, self._case_name(reminder.case_id), self)
        card.done_button.clicked.connect(lambda: self.mark_done(reminder.id))
        card.snooze_hour.triggered.connect(
            lambda: self.snooze(reminder.id, in_an_hour(self._clock()))
        )
        card.snooze_morning.triggered.connect(
            lambda: self.snooze(reminder.id, tomorrow_morning(self._clock(), self._zone))
        )
        card.snooze_pick.triggered.connect(lambda: self.pick_snooze(reminder.id))
        card.open_button.clicked.connect(lambda: self.open_requested.emit(card.reminder))
        self.cards.append(card)
        self.list_layout.insertWidget(self.list_layout.count() - 1, card)

    def _remove(self, card: ReminderCard) -> None:
        self.cards.remove(card)
        self.list_layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def _refresh(self) -> None:
        now = self._clock()
        count = len(self.cards)
        self.heading.setText("1 thing to do now" if count == 1 else f"{count} things to do now")
        for card in self.cards:
            card.refresh(now, self._zone)

    def card_for(self, reminder_id: int) -> ReminderCard | None:
        return next((c for c in self.cards if c.reminder.id == reminder_id), None)

    # --- acting ----------------------------------------------------------------------------

    def mark_done(self, reminder_id: int) -> None:
        reminder_service.set_done(self.repo, reminder_id, True)
        self._finish(reminder_id)

    def snooze(self, reminder_id: int, until: dt.datetime) -> None:
        reminder_service.snooze(self.repo, reminder_id, until)
        self._finish(reminder_id)

    def pick_snooze(self, reminder_id: int) -> None:
        until = ask_snooze_time(self, self._clock(), self._zone)
        if until is not None:
            self.snooze(reminder_id, until)

    def _finish(self, reminder_id: int) -> None:
        card = self.card_for(reminder_id)
        if card is not None:
            self._remove(card)
        self._refresh()
        self.changed.emit()
        if not self.cards:
            self.hide()

    def drop_missing(self, open_ids: set[int]) -> None:
        """Take away reminders that were done or removed elsewhere (the list, the rules)."""
        for card in [c for c in self.cards if c.reminder.id not in open_ids]:
            self._remove(card)
        self._refresh()
        if not self.cards:
            self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        # what was not acted on stays due; the window is emptied and shown again when needed
        for card in list(self.cards):
            self._remove(card)
        super().closeEvent(event)
