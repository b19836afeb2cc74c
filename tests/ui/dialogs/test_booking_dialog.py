"""The booking dialog: the visit it returns, days it refuses, hostile typing, notes on a past
visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
)

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
from tests.helpers.dialogs import (
    HOSTILE,
    TZ,
    choose,
    error_shown,
    type_everywhere,
)


def test_booking_dialog_suggests_the_doctors_office(
    booking_dialog: Callable[..., BookingDialog], raman: Doctor
) -> None:
    dialog = booking_dialog(raman)
    assert dialog.place.text() == "Lakeside Cancer Center, 2500 Lakeshore Boulevard, Suite 300"
    assert dialog.day.text() == ""
    assert dialog.time.time() == QTime(9, 0)
    assert dialog.kind.currentData() == AppointmentKind.SECOND_OPINION.value


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("", "Please type the day of the visit."),
        ("   ", "Please type the day of the visit."),
        ("19 Nov 2026", "That day has already passed."),
        ("yesterday", "That day has already passed."),
        ("sometime next month", "Day: We couldn't read that date."),
        ("Monday, Dec 3, 2026", "Day: December 3, 2026 is a Thursday, not a Monday."),
    ],
)
def test_booking_dialog_refuses_a_missing_past_or_unreadable_day(
    booking_dialog: Callable[..., BookingDialog], raman: Doctor, day: str, message: str
) -> None:
    dialog = booking_dialog(raman)
    dialog.day.setText(day)
    dialog.team.setText("surgeon")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.appointment() is None
    assert error_shown(dialog)
    assert dialog.error.text().startswith(message)
    assert (dialog.day.text(), dialog.team.text()) == (day, "surgeon")
    assert dialog.focusWidget() is dialog.day


def test_booking_dialog_returns_the_visit_with_team_members_split(
    booking_dialog: Callable[..., BookingDialog], repo: Repository, raman: Doctor
) -> None:
    dialog = booking_dialog(raman)
    dialog.day.setText("3 December 2026")
    dialog.time.setTime(QTime(14, 15))
    dialog.place.setText("  Lakeside Cancer Center, 3rd floor ")
    choose(dialog.kind, AppointmentKind.MULTIDISCIPLINARY.value)
    dialog.team.setText("surgeon,  radiation   oncologist; medical oncologist, ,")
    dialog.notes.setPlainText(" Bring the slides. ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    visit = dialog.appointment()
    assert visit == Appointment(
        id=0,
        case_id=raman.case_id,
        starts_at=dt.datetime(2026, 12, 3, 14, 15, tzinfo=TZ),
        doctor_id=raman.id,
        round=2,
        place="Lakeside Cancer Center, 3rd floor",
        kind=AppointmentKind.MULTIDISCIPLINARY,
        team_members=("surgeon", "radiation oncologist", "medical oncologist"),
        notes="Bring the slides.",
    )
    saved = repo.appointments.add(visit)
    assert saved.team_members == visit.team_members
    assert saved.starts_at == visit.starts_at


def test_booking_dialog_accepts_today(
    booking_dialog: Callable[..., BookingDialog], raman: Doctor
) -> None:
    dialog = booking_dialog(raman)
    dialog.day.setText("today")
    dialog.time.setTime(QTime(16, 0))
    dialog.accept()
    visit = dialog.appointment()
    assert visit is not None and visit.starts_at == dt.datetime(2026, 11, 20, 16, 0, tzinfo=TZ)


def test_booking_dialog_editing_keeps_the_visit_id_and_round(
    booking_dialog: Callable[..., BookingDialog], repo: Repository, raman: Doctor
) -> None:
    existing = repo.appointments.add(
        Appointment(
            id=0,
            case_id=raman.case_id,
            starts_at=dt.datetime(2026, 12, 3, 9, 30, tzinfo=TZ),
            doctor_id=raman.id,
            round=3,
            place="Suite 300",
            team_members=("surgeon", "radiologist"),
            notes="Parking in lot B.",
        )
    )
    dialog = booking_dialog(raman, existing)
    assert dialog.day.text() == "3 December 2026"
    assert dialog.time.time() == QTime(9, 30)
    assert dialog.place.text() == "Suite 300"
    assert dialog.team.text() == "surgeon, radiologist"
    assert not dialog.is_modified()
    dialog.accept()
    assert dialog.appointment() == existing

    dialog = booking_dialog(raman, existing)
    dialog.day.setText("4 Dec 2026")
    dialog.accept()
    changed = dialog.appointment()
    assert changed is not None
    assert (changed.id, changed.round) == (existing.id, 3)
    assert changed.starts_at == dt.datetime(2026, 12, 4, 9, 30, tzinfo=TZ)
    assert repo.appointments.update(changed) == changed


@pytest.mark.parametrize("text", HOSTILE)
def test_booking_dialog_hostile_typing_never_raises(
    booking_dialog: Callable[..., BookingDialog], repo: Repository, raman: Doctor, text: str
) -> None:
    dialog = booking_dialog(raman)
    type_everywhere(dialog, text)
    dialog.accept()
    if dialog.appointment() is None:
        assert error_shown(dialog)
    dialog.day.setText("3 Dec 2026")
    dialog.time.setText("9:00 am")
    dialog.accept()
    visit = dialog.appointment()
    assert visit is not None
    repo.appointments.add(visit)


def test_a_past_visit_can_still_get_notes(qtbot: Any) -> None:
    """Writing notes on a visit that already happened is not refused for its date."""
    from secondopinion_desktop.domain.appointments import Appointment
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog

    when = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    visit = Appointment(id=7, case_id=1, starts_at=when, doctor_id=3, place="Lakeside")
    doctor = Doctor(id=3, case_id=1, name="Dr. Priya Raman")
    dialog = BookingDialog(None, doctor, visit, now=lambda: when + dt.timedelta(days=18))
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Bring the CD of scans back to Dr. Okafor.")
    dialog.accept()
    saved = dialog.appointment()
    assert saved is not None and saved.id == 7 and saved.starts_at.date() == when.date()
    assert "CD of scans" in saved.notes
