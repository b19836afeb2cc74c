"""The call dialog: defaults, the answers it saves, times it refuses, hostile typing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
)

from secondopinion_desktop.domain.doctors import Answer, Doctor, Status
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
from tests.helpers.dialogs import (
    HOSTILE,
    choose,
    error_shown,
    type_everywhere,
)


def test_call_dialog_defaults_to_now_and_the_known_answers(
    call_dialog: Callable[[Doctor], CallDialog], raman: Doctor
) -> None:
    dialog = call_dialog(raman)
    assert dialog.windowTitle() == "Log a call to Dr. Priya Raman"
    assert dialog.day.text() == "today"
    assert dialog.time.time() == QTime(9, 30)
    assert dialog.accepting.currentData() == Answer.YES.value
    assert dialog.wait.text() == "9 days"
    assert dialog.referral.currentData() == Answer.NO.value
    dialog.accept()
    call = dialog.call()
    assert call is not None
    assert call.doctor_id == raman.id
    assert call.called_at == "2026-11-20T09:30-05:00"
    assert call.call_back_on is None
    assert dialog.updated_doctor() == raman  # nothing new learned: the row stays the same


def test_call_dialog_answers_update_the_doctor_and_a_candidate_becomes_contacted(
    call_dialog: Callable[[Doctor], CallDialog], repo: Repository, cole: Doctor
) -> None:
    dialog = call_dialog(cole)
    assert dialog.wait.text() == ""
    dialog.day.setText("yesterday")
    dialog.time.setTime(QTime(16, 45))
    dialog.answered_by.setText("  Denise at the front desk ")
    dialog.learned.setPlainText("  Taking new patients. Needs the referral faxed.  ")
    dialog.call_back.setText("Nov 23, 2026")
    choose(dialog.accepting, Answer.YES.value)
    dialog.wait.setText("about 3 weeks")
    choose(dialog.insurance, Answer.YES.value)
    choose(dialog.referral, Answer.YES.value)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    call = dialog.call()
    assert call is not None
    assert call.called_at == "2026-11-19T16:45-05:00"
    assert call.answered_by == "Denise at the front desk"
    assert call.learned == "Taking new patients. Needs the referral faxed."
    assert call.call_back_on == "2026-11-23"
    assert dialog.updated_doctor() == replace(
        cole,
        accepting_new_patients=Answer.YES,
        wait_days=21,
        accepts_insurance=Answer.YES,
        referral_required=Answer.YES,
        status=Status.CONTACTED,
    )
    repo.doctors.add_call(call)
    assert repo.doctors.list_calls(cole.id)[0].learned == call.learned


@pytest.mark.parametrize("status", [Status.CONTACTED, Status.BOOKED, Status.RULED_OUT])
def test_call_dialog_keeps_a_status_that_is_past_candidate(
    call_dialog: Callable[[Doctor], CallDialog], cole: Doctor, status: Status
) -> None:
    dialog = call_dialog(replace(cole, status=status))
    dialog.accept()
    updated = dialog.updated_doctor()
    assert updated is not None and updated.status is status


@pytest.mark.parametrize(
    ("day", "time", "message"),
    [
        ("today", QTime(10, 0), "That call is in the future."),
        ("tomorrow", QTime(8, 0), "That call is in the future."),
        ("21 Nov 2026", QTime(0, 5), "That call is in the future."),
        ("32 Nov 2026", QTime(9, 0), "When: There is no November 32"),
        ("last week", QTime(9, 0), "When: We couldn't read that date."),
    ],
)
def test_call_dialog_refuses_a_future_or_unreadable_time(
    call_dialog: Callable[[Doctor], CallDialog],
    cole: Doctor,
    day: str,
    time: QTime,
    message: str,
) -> None:
    dialog = call_dialog(cole)
    dialog.answered_by.setText("Denise")
    dialog.day.setText(day)
    dialog.time.setTime(time)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.call() is None and dialog.updated_doctor() is None
    assert dialog.error.text().startswith(message)
    assert error_shown(dialog)
    assert dialog.focusWidget() is dialog.day
    assert (dialog.day.text(), dialog.answered_by.text()) == (day, "Denise")


def test_call_dialog_allows_a_few_minutes_of_clock_difference(
    call_dialog: Callable[[Doctor], CallDialog], cole: Doctor
) -> None:
    dialog = call_dialog(cole)
    dialog.time.setTime(QTime(9, 34))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("wait", "soonish", "Wait: We couldn't read that wait."),
        ("wait", "-2 weeks", "Wait: The wait can't be less than zero."),
        ("call_back", "whenever", "Call back: We couldn't read that date."),
    ],
)
def test_call_dialog_explains_bad_answers(
    call_dialog: Callable[[Doctor], CallDialog],
    cole: Doctor,
    field: str,
    text: str,
    message: str,
) -> None:
    dialog = call_dialog(cole)
    getattr(dialog, field).setText(text)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.text().startswith(message)
    assert dialog.focusWidget() is getattr(dialog, field)
    assert getattr(dialog, field).text() == text


@pytest.mark.parametrize("text", HOSTILE)
def test_call_dialog_hostile_typing_never_raises(
    call_dialog: Callable[[Doctor], CallDialog], repo: Repository, cole: Doctor, text: str
) -> None:
    dialog = call_dialog(cole)
    time_of_call = dialog.time.text()
    type_everywhere(dialog, text)
    dialog.accept()
    if dialog.call() is None:
        assert error_shown(dialog)
    # Whatever went wrong with the day, the time or the wait, the rest can still be saved.
    dialog.day.setText("today")
    dialog.time.setText(time_of_call)
    dialog.wait.setText("")
    dialog.call_back.setText("")
    dialog.accept()
    call = dialog.call()
    assert call is not None
    saved = repo.doctors.add_call(call)
    assert saved.learned == call.learned
    assert len(call.learned) <= 20_000
