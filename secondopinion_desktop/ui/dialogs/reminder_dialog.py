"""The reminder window: what is due now, all together, each with Done, Snooze and Open.

It is not modal and does not take the keyboard when it appears, so a reminder never swallows
what the person was typing. Several reminders due at once are listed in the one window; more
falling due later are added to it rather than opening another.

It shows the few that fell due most recently as cards (SHOWN_CARDS) and counts the rest, which
Tools > Reminders lists: ten thousand overdue reminders once took a minute to lay out as cards
and most of another to close (issue 16). The window is as tall as its cards, no taller.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
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
    due_heading,
    in_an_hour,
    state_text,
    to_local,
    tomorrow_morning,
)
from secondopinion_desktop.domain.typed_dates import not_before
from secondopinion_desktop.services import reminders as reminder_service
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.card import Card
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.dialogs.reminder_window import ReminderWindow
from secondopinion_desktop.ui.forms import FormDialog, screen_room
from secondopinion_desktop.ui.selectable_label import SelectableLabel
from secondopinion_desktop.ui.style import dress
from secondopinion_desktop.ui.time_entry import TimeEntry
from secondopinion_desktop.ui.write_pause import says_when_paused


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
        when = self.checked_moment(self.day, self.time, self._zone)
        if when is None:
            return
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
        self.title = SelectableLabel(reminder.title)
        dress(self.title, "cardTitle")
        self.when = SelectableLabel()
        dress(self.when, "situation")
        self._case_name = case_name
        self.detail = SelectableLabel(reminder.detail)
        self.detail.setVisible(bool(reminder.detail))
        for label in (self.title, self.when, self.detail):
            layout.addWidget(label)
        buttons = QHBoxLayout()
        self.done_button = QPushButton("Done")
        dress(self.done_button, "primary")
        self.done_button.setAccessibleName(f"Done: {reminder.title}")
        self.snooze_button = dress(QPushButton("Snooze"))
        self.snooze_button.setAccessibleName(f"Snooze: {reminder.title}")
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_hour = QAction("For 1 hour", self.snooze_menu)
        self.snooze_morning = QAction("Until tomorrow morning (9 am)", self.snooze_menu)
        self.snooze_pick = QAction("Pick a day and time\u2026", self.snooze_menu)
        for action in (self.snooze_hour, self.snooze_morning, self.snooze_pick):
            self.snooze_menu.addAction(action)
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = dress(QPushButton(open_label(reminder.page)))
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

SHOWN_CARDS = 5
BULK = 64  # more than this at once: sort the whole list again rather than insert each
# the share of the screen's height the cards may take before they scroll
MAX_SCREEN_SHARE = 0.6


def more_text(count: int) -> str:
    """Below the cards: how many more are due, and where they are all listed (the real menu)."""
    return f"And {count:,} more: see Tools \u203a Reminders."


class CardsArea(QScrollArea):
    """Scrolls the cards, and asks for their own height (up to a share of the screen), so the
    window holds one card without a blank gap under it and many without growing off screen."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        hint = super().sizeHint()
        if inner is None:
            return hint
        # the cards' height at the width they have (wrapped words take fewer lines when wide)
        layout = inner.layout()
        width = self.viewport().width()
        if width > 0 and layout is not None and layout.hasHeightForWidth():
            wanted = layout.totalHeightForWidth(width)
        else:
            wanted = inner.sizeHint().height()
        wanted += 2 * self.frameWidth()
        limit = int(screen_room(self).height() * MAX_SCREEN_SHARE)
        return QSize(hint.width(), min(wanted, limit))


class ReminderDialog(ReminderWindow):
    """The reminders due now, together.

    Signals (besides ReminderWindow's; `changed` here: marked done or snoozed):
        list_requested(): the person asked for every reminder (Tools > Reminders).
    """

    list_requested = Signal()

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        zone: dt.tzinfo | None = None,
        case_name: Callable[[int], str] | None = None,
    ) -> None:
        super().__init__(repo, parent, clock, zone)
        self._case_name = case_name or (lambda _case_id: "")
        self.cards: list[ReminderCard] = []  # the ones shown, in the order they fell due
        # every reminder in the window, shown or not: when it fell due; read ones by id
        self.waiting: dict[int, dt.datetime] = {}
        self._order: list[tuple[dt.datetime, int]] = []  # the same, sorted as they fell due
        self._read: dict[int, Reminder] = {}
        self._away: set[int] = set()  # of those, the ones that fell due while the app was closed
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        # about sixty letters a line, so larger text gets a wider window, not a longer one
        self.setMinimumWidth(max(600, 60 * self.fontMetrics().averageCharWidth()))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.heading = QLabel()
        dress(self.heading, "pageTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.cards_area = CardsArea()
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setFrameShape(QFrame.Shape.NoFrame)
        self.cards_area.setAccessibleName("The reminders due")  # it takes the focus
        inner = QWidget()
        self.list_layout = QVBoxLayout(inner)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(12)
        self.list_layout.addStretch(1)  # a window made taller keeps its cards at the top
        self.cards_area.setWidget(inner)
        layout.addWidget(self.cards_area, 1)
        self.more_label = QLabel()
        dress(self.more_label, "situation")
        self.more_label.setWordWrap(True)
        layout.addWidget(self.more_label)
        self.see_all_button = dress(QPushButton("See All Reminders\u2026"))
        self.see_all_button.setAccessibleName("See all reminders (Tools, Reminders)")
        self.see_all_button.setAutoDefault(False)
        self.see_all_button.clicked.connect(self.list_requested)
        self.hint = QLabel(
            "Snooze puts a reminder off until later. If you close this window instead, the "
            "reminders stay on the list and come back the next time you open Second Opinion."
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        bottom = QHBoxLayout()
        bottom.addWidget(self.see_all_button)
        bottom.addStretch(1)
        self.close_button = dress(QPushButton("Close"))
        self.close_button.setAccessibleName("Close the reminders window")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self._show_more(0)

    # --- showing ---------------------------------------------------------------------------

    def show_reminders(
        self,
        reminders: Sequence[Reminder],
        away_since: dt.datetime | None = None,
        away: bool = False,
    ) -> None:
        """Add these to the window (updating any already there) and show it on top.

        `away`: these fell due while Second Opinion was not running (at start); those due
        after `away_since` (all, when it is None) are counted as such in the heading. Only
        the reminders given as cards are read (`reminders` may read them lazily: DueReminders).
        """
        if not away:
            self._away.clear()  # the start's heading is shown once
        times = getattr(reminders, "times", None)
        if times is None:
            times = [(r.id, r.fires_at) for r in reminders]
            self._read.update((r.id, r) for r in reminders)
        else:
            for reminder_id, _fires in times:
                self._read.pop(reminder_id, None)  # changed since it was read
        self._put(times)
        for reminder_id, fires in times:
            if away and (away_since is None or fires > away_since):
                self._away.add(reminder_id)
        self._update_cards()
        if not self.cards:
            return
        if self.isVisible():
            if QGuiApplication.platformName() != "offscreen":  # no stacking there (it warns)
                self.raise_()  # already open, perhaps behind the main window
        else:
            self.show()  # a new window opens on top

    def _shown(self) -> list[Reminder]:
        """The few that fell due most recently (what the window just came up for), in the
        order they fell due; read from the store as needed."""
        while True:
            ids = [reminder_id for _fires, reminder_id in self._order[-SHOWN_CARDS:]]
            missing = [reminder_id for reminder_id in ids if reminder_id not in self._read]
            if missing:
                self._read.update((r.id, r) for r in self.repo.reminders.get_many(missing))
                gone = [reminder_id for reminder_id in missing if reminder_id not in self._read]
                for reminder_id in gone:  # removed meanwhile
                    self._take(reminder_id)
                if gone:
                    continue
            return [self._read[reminder_id] for reminder_id in ids]

    def _put(self, times: Sequence[tuple[int, dt.datetime]]) -> None:
        """Add (or move) these in the window's list, kept in the order they fell due."""
        if len(times) > BULK:
            for reminder_id, fires in times:
                self.waiting[reminder_id] = fires
            self._order = sorted((fires, rid) for rid, fires in self.waiting.items())
            return
        for reminder_id, fires in times:
            self._take(reminder_id)
            self.waiting[reminder_id] = fires
            bisect.insort(self._order, (fires, reminder_id))

    def _take(self, reminder_id: int) -> None:
        fires = self.waiting.pop(reminder_id, None)
        if fires is None:
            return
        index = bisect.bisect_left(self._order, (fires, reminder_id))
        if index < len(self._order) and self._order[index] == (fires, reminder_id):
            del self._order[index]

    def _update_cards(self) -> None:
        """Cards for the ones to show: the ones still shown are kept, the others made."""
        wanted = self._shown()
        wanted_ids = {r.id for r in wanted}
        for card in [c for c in self.cards if c.reminder.id not in wanted_ids]:
            self._remove(card)
        kept = {card.reminder.id: card for card in self.cards}
        for card in self.cards:
            self.list_layout.removeWidget(card)  # put back below, in order
        self.cards = []
        for position, reminder in enumerate(wanted):
            old = kept.get(reminder.id)
            if old is not None and old.reminder == reminder:
                card = old
            else:
                if old is not None:
                    self._remove(old, forget=False)
                card = self._make_card(reminder)
            self.cards.append(card)
            self.list_layout.insertWidget(position, card)
        self._refresh()

    def _make_card(self, reminder: Reminder) -> ReminderCard:
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
        return card

    def _remove(self, card: ReminderCard, forget: bool = True) -> None:
        if forget and card in self.cards:
            self.cards.remove(card)
        self.list_layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def _refresh(self) -> None:
        now = self._clock()
        self._away &= self.waiting.keys()
        earlier = len(self.waiting) - len(self._away)
        self.heading.setText(due_heading(len(self.waiting), len(self._away), earlier))
        for card in self.cards:
            card.refresh(now, self._zone)
        self._show_more(len(self.waiting) - len(self.cards))
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the cards and the words at this width: no blank gap under one card (the
        size hint alone measures wrapped words at their narrowest, which leaves one)."""
        self.cards_area.updateGeometry()
        self.adjustSize()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            layout.activate()  # the cards now have their width: measure them at it
            self.cards_area.updateGeometry()
            layout.invalidate()
            self.resize(self.width(), layout.totalHeightForWidth(self.width()))

    def _show_more(self, count: int) -> None:
        self.more_label.setText(more_text(count) if count else "")
        self.more_label.setVisible(count > 0)
        self.see_all_button.setVisible(count > 0)

    def card_for(self, reminder_id: int) -> ReminderCard | None:
        return next((c for c in self.cards if c.reminder.id == reminder_id), None)

    # --- acting ----------------------------------------------------------------------------

    @says_when_paused
    def mark_done(self, reminder_id: int) -> None:
        reminder_service.set_done(self.repo, reminder_id, True)
        self._finish(reminder_id)

    @says_when_paused
    def snooze(self, reminder_id: int, until: dt.datetime) -> None:
        reminder_service.snooze(self.repo, reminder_id, until)
        self._finish(reminder_id)

    def pick_snooze(self, reminder_id: int) -> None:
        until = ask_snooze_time(self, self._clock(), self._zone)
        if until is not None:
            self.snooze(reminder_id, until)

    def _finish(self, reminder_id: int) -> None:
        self._take(reminder_id)
        self._read.pop(reminder_id, None)
        self._update_cards()
        self.changed.emit()
        if not self.cards:
            self.hide()

    def drop_missing(self, open_ids: set[int]) -> None:
        """Take away reminders that were done or removed elsewhere (the list, the rules)."""
        self.drop({rid for rid in self.waiting if rid not in open_ids})

    def drop(self, gone: set[int]) -> None:
        """Take away these reminders (done or removed elsewhere)."""
        gone = {rid for rid in gone if rid in self.waiting}
        if not gone:
            return
        for reminder_id in gone:
            self._take(reminder_id)
            self._read.pop(reminder_id, None)
        self._update_cards()
        if not self.cards:
            self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        # what was not acted on stays due; the window is emptied and shown again when needed
        self.waiting.clear()
        self._order.clear()
        self._read.clear()
        self._away.clear()
        for card in list(self.cards):
            self._remove(card)
        super().closeEvent(event)
