"""Helpers for dialog tests: the day the fake clock says, hostile typing, answers to questions."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
from tests.helpers.clock import FIXED_NOW, FakeClock
from tests.helpers.fakes import Asked

TODAY = FIXED_NOW.date()  # Friday 20 November 2026, 9:30 am at UTC-5
TZ = FIXED_NOW.tzinfo


HOSTILE = [
    "x" * 10_000,
    "\x00\x01\x07\x1b[31m\x7f",
    "\u202eDr. \u05e9\u05dc\u05d5\u05dd\u202c \u200f\u200e",
    "\U0001f469\u200d\u2695\ufe0f \U0001fa7a\U0001f48a",
    "\ufeff\u2028\u2029\t",
    "(555) 622-4100\u200b",
    "\u0663 \u0623\u0633\u0627\u0628\u064a\u0639",  # "3 weeks" in Arabic, Arabic-Indic digit
]


def ask(monkeypatch: pytest.MonkeyPatch, answer: bool) -> Asked:
    asked = Asked(answer)
    monkeypatch.setattr(messages, "ask_yes_no", asked)
    return asked


def error_shown(dialog: Any) -> bool:
    return not dialog.error.isHidden() and bool(dialog.error.text())


def choose(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def text_fields(dialog: QWidget) -> list[QLineEdit | QPlainTextEdit]:
    """Every place a person can type, leaving out the time editors' inner line edits."""
    edits: list[QLineEdit | QPlainTextEdit] = [
        e for e in dialog.findChildren(QLineEdit) if not isinstance(e.parent(), QAbstractSpinBox)
    ]
    edits += dialog.findChildren(QPlainTextEdit)
    return edits


def type_everywhere(dialog: QWidget, text: str) -> None:
    for edit in text_fields(dialog):
        if isinstance(edit, QLineEdit):
            edit.setText(text)
        else:
            edit.setPlainText(text)


def make_call_dialog(doctor: Doctor, clock: FakeClock) -> CallDialog:
    return CallDialog(None, doctor, now=clock)


def make_booking_dialog(doctor: Doctor, clock: FakeClock) -> BookingDialog:
    return BookingDialog(None, doctor, now=clock)


def make_doctor_dialog(doctor: Doctor, clock: FakeClock) -> DoctorDialog:
    return DoctorDialog(None, doctor.case_id, today=lambda: TODAY)


GUARDED = {
    "doctor": (make_doctor_dialog, "name"),
    "call": (make_call_dialog, "answered_by"),
    "booking": (make_booking_dialog, "day"),
}
