"""The reminder window and the snooze-time dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.dialogs import reminder_dialog
from secondopinion_desktop.ui.dialogs.reminder_dialog import PickTimeDialog, ReminderDialog
from tests.helpers.accessibility import unnamed_controls
from tests.helpers.clock import FakeClock
from tests.helpers.reminders import ZONE, own

# --- the reminder window --------------------------------------------------------------------


@pytest.fixture
def popup(qtbot: QtBot, repo: Repository, clock: FakeClock) -> ReminderDialog:
    dialog = ReminderDialog(repo, None, clock, ZONE)
    qtbot.addWidget(dialog)
    return dialog


def test_several_reminders_show_in_one_window(
    popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.cases.create("Mum")
    first = own(repo, case.id, clock() - dt.timedelta(hours=2), "Phone the lab")
    second = own(repo, case.id, clock(), "Fax the referral")
    popup.show_reminders([first, second])
    assert popup.isVisible()
    assert popup.heading.text() == "2 things to do now"
    assert [c.reminder.title for c in popup.cards] == ["Phone the lab", "Fax the referral"]
    assert popup.cards[0].when.text() == "Due since today at 7:30 am"
    assert popup.cards[1].when.text() == "Due now"
    # falling due again (or later ones) join the same window, never a second copy
    popup.show_reminders([second])
    assert len(popup.cards) == 2
    assert unnamed_controls(popup) == []


def test_done_snooze_and_open(
    qtbot: QtBot, popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.cases.create("Mum")
    a, b, c, d = (
        own(repo, case.id, clock(), title) for title in ("Done one", "Hour", "Morning", "Open")
    )
    popup.show_reminders([a, b, c, d])
    with qtbot.waitSignal(popup.changed):
        popup.card_for(a.id).done_button.click()  # type: ignore[union-attr]
    assert repo.reminders.get(a.id).done
    popup.card_for(b.id).snooze_hour.trigger()  # type: ignore[union-attr]
    assert repo.reminders.get(b.id).snoozed_until == clock() + dt.timedelta(hours=1)
    popup.card_for(c.id).snooze_morning.trigger()  # type: ignore[union-attr]
    assert repo.reminders.get(c.id).snoozed_until == dt.datetime(2026, 11, 21, 9, tzinfo=ZONE)
    assert [card.reminder.id for card in popup.cards] == [d.id]
    card = popup.card_for(d.id)
    assert card is not None and card.open_button.text() == "Open step 4"
    with qtbot.waitSignal(popup.open_requested) as blocker:
        card.open_button.click()
    assert blocker.args[0].id == d.id
    popup.card_for(d.id).done_button.click()  # type: ignore[union-attr]
    assert not popup.isVisible()  # the last one done closes the window


def test_snooze_to_a_picked_time(
    monkeypatch: pytest.MonkeyPatch, popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.cases.create("Mum")
    reminder = own(repo, case.id, clock())
    popup.show_reminders([reminder])
    picked = dt.datetime(2026, 11, 24, 14, 0, tzinfo=ZONE)
    answers: list[dt.datetime | None] = [None, picked]
    monkeypatch.setattr(reminder_dialog, "ask_snooze_time", lambda *_a: answers.pop(0))
    card = popup.card_for(reminder.id)
    assert card is not None
    card.snooze_pick.trigger()  # cancelled: nothing changes
    assert repo.reminders.get(reminder.id).snoozed_until is None
    card.snooze_pick.trigger()
    assert repo.reminders.get(reminder.id).snoozed_until == picked


def test_closing_leaves_them_due(popup: ReminderDialog, repo: Repository, clock: FakeClock) -> None:
    case = repo.cases.create("Mum")
    reminder = own(repo, case.id, clock())
    popup.show_reminders([reminder])
    popup.close_button.click()
    assert not popup.isVisible() and popup.cards == []
    assert not repo.reminders.get(reminder.id).done


def test_pick_time_dialog_checks_the_time(qtbot: QtBot, clock: FakeClock) -> None:
    dialog = PickTimeDialog(None, clock(), ZONE)
    qtbot.addWidget(dialog)
    dialog.day.setText("today")
    dialog.time.setTime(QTime(8, 0))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "already passed" in dialog.error.text()
    dialog.day.setText("the day after")
    dialog.accept()
    assert "couldn't read" in dialog.error.text()
    dialog.day.setText("tomorrow")
    dialog.accept()
    assert dialog.chosen() == dt.datetime(2026, 11, 21, 8, 0, tzinfo=ZONE)


def test_many_due_show_the_latest_few_and_a_count(
    qtbot: QtBot, popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    """Thousands due make five cards and a count, not a card each (issue 16)."""
    case = repo.cases.create("Mum")
    made = [
        own(repo, case.id, clock() - dt.timedelta(hours=20 - i), f"Reminder {i}") for i in range(12)
    ]
    popup.show_reminders(made)
    assert len(popup.cards) == reminder_dialog.SHOWN_CARDS == 5
    assert [c.reminder.title for c in popup.cards] == [f"Reminder {i}" for i in range(7, 12)]
    assert popup.heading.text() == "12 things to do now"
    assert popup.more_label.text() == "And 7 more: see Tools \u203a Reminders."
    assert popup.see_all_button.isVisibleTo(popup)
    with qtbot.waitSignal(popup.list_requested):
        popup.see_all_button.click()
    popup.card_for(made[11].id).done_button.click()  # type: ignore[union-attr]
    assert [c.reminder.title for c in popup.cards] == [f"Reminder {i}" for i in range(6, 11)]
    assert popup.more_label.text() == "And 6 more: see Tools \u203a Reminders."
    popup.drop_missing({r.id for r in made[:3]})
    assert len(popup.cards) == 3 and not popup.more_label.isVisibleTo(popup)
    assert not popup.see_all_button.isVisibleTo(popup)


def test_one_card_leaves_no_blank_gap(
    popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    """The window is as tall as its cards: nothing empty between a single card and the words
    under it (issue 13's leftover)."""
    case = repo.cases.create("Mum")
    long = "Fax the referral to Dr. Chen's office and phone afterwards to check it arrived"
    popup.show_reminders([own(repo, case.id, clock(), long)])
    card = popup.cards[0]
    card_bottom = card.mapTo(popup, card.rect().bottomLeft()).y()
    below = popup.hint.mapTo(popup, popup.hint.rect().topLeft()).y()
    spacing = popup.layout().spacing()
    assert below - card_bottom <= 2 * spacing + 4
    assert popup.height() <= popup.sizeHint().height() + 1


def test_what_fell_due_while_away_is_counted_once(
    popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.cases.create("Mum")
    before = own(repo, case.id, clock() - dt.timedelta(days=2), "From before")
    away = [own(repo, case.id, clock() - dt.timedelta(hours=h), f"Away {h}") for h in (1, 2, 3)]
    popup.show_reminders([before, *away], away_since=clock() - dt.timedelta(days=1), away=True)
    assert popup.heading.text() == "While you were away: 3 reminders, and 1 from before"
    popup.card_for(before.id).done_button.click()  # type: ignore[union-attr]
    assert popup.heading.text() == "While you were away: 3 reminders"
    later = own(repo, case.id, clock(), "Later")
    popup.show_reminders([later])
    assert popup.heading.text() == "4 things to do now"


def test_a_hundred_at_once_then_more_keep_their_order(
    popup: ReminderDialog, repo: Repository, clock: FakeClock
) -> None:
    case = repo.cases.create("Mum")
    with repo.db.atomic():
        made = [
            own(repo, case.id, clock() - dt.timedelta(hours=200 - i), f"R{i}") for i in range(100)
        ]
    popup.show_reminders(list(reversed(made)))  # many at once: sorted in one go
    assert [c.reminder.title for c in popup.cards] == [f"R{i}" for i in range(95, 100)]
    newest = own(repo, case.id, clock(), "Newest")
    popup.show_reminders([newest])  # one more: put in its place
    assert [c.reminder.title for c in popup.cards][-1] == "Newest"
    popup.drop({newest.id, made[99].id})
    assert [c.reminder.title for c in popup.cards] == [f"R{i}" for i in range(94, 99)]
    assert popup.more_label.text() == "And 94 more: see Tools \u203a Reminders."
