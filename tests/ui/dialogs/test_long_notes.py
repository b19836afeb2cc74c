"""Notes longer than a dialog keeps: refused in words, never cut off without a word.

The case, doctor, record and opinion dialogs kept only the first 20,000 letters of a box: a long
paste (a letter, a report copied in) lost its end when Save was pressed, and nothing said so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
from secondopinion_desktop.ui.dialogs.opinion_dialog import OpinionDialog
from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog
from tests.helpers.stranger import button, named

TODAY = dt.date(2026, 11, 20)
LIMIT = 20_000
PASTED = ("A long letter from the hospital, copied in whole. " * 500)[: LIMIT + 12]


def case_dialog() -> QDialog:
    dialog = CaseDialog(None, None, today=lambda: TODAY)
    named(dialog, QLineEdit, "Patient's name").setText("Margaret Ellis")
    return dialog


def doctor_dialog() -> QDialog:
    dialog = DoctorDialog(None, 1, None, today=lambda: TODAY)
    named(dialog, QLineEdit, "Doctor's name").setText("Dr. Priya Raman")
    return dialog


def record_dialog() -> QDialog:
    doctors = [Doctor(id=8, case_id=1, name="Dr. Priya Raman")]
    item = RecordItem(id=0, case_id=1, title="Pathology report")
    return RecordDialog(None, item, doctors, doctors[0], lambda: TODAY)


def opinion_dialog() -> QDialog:
    doctors = [Doctor(id=8, case_id=1, name="Dr. Priya Raman")]
    return OpinionDialog(None, Opinion(id=0, case_id=1, round=2, doctor_id=8), doctors)


DIALOGS: dict[str, tuple[Callable[[], QDialog], str, str, Callable[[Any], str]]] = {
    "case": (case_dialog, "Notes about this case", "Create case", lambda d: d.details().notes),
    "doctor": (doctor_dialog, "Notes about this doctor", "Add doctor", lambda d: d.doctor().notes),
    "record": (record_dialog, "Notes about this item", "Add item", lambda d: d.item().notes),
    "opinion": (
        opinion_dialog,
        "The diagnosis",
        "Save the opinion",
        lambda d: d.opinion().diagnosis,
    ),
}


@pytest.mark.parametrize("which", DIALOGS)
def test_notes_too_long_to_keep_are_refused_in_words_and_kept_on_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    make, notes_name, save, saved_notes = DIALOGS[which]
    dialog = make()
    qtbot.addWidget(dialog)
    monkeypatch.setattr("secondopinion_desktop.ui.messages.ask_yes_no", lambda *a, **k: True)
    dialog.show()
    notes = named(dialog, QPlainTextEdit, notes_name)
    notes.setPlainText(PASTED)  # what a paste does

    button(dialog, save).click()

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    problem = named(dialog, QLabel, "Problem with what was typed").text()
    assert "20,012 letters" in problem and "20,000" in problem, problem
    assert notes.toPlainText() == PASTED
    assert dialog.focusWidget() is notes

    shorter = PASTED[:LIMIT]
    notes.setPlainText(shorter)
    button(dialog, save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved_notes(dialog).strip() == shorter.strip()


def test_a_reminders_detail_too_long_to_keep_is_refused_in_words(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only its first 2,000 letters were kept, without a word."""
    from secondopinion_desktop.ui.dialogs.reminders_list_dialog import OwnReminderDialog

    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    dialog = OwnReminderDialog(None, 1, now)
    qtbot.addWidget(dialog)
    monkeypatch.setattr("secondopinion_desktop.ui.messages.ask_yes_no", lambda *a, **k: True)
    dialog.show()
    named(dialog, QLineEdit, "What to be reminded of").setText("Ask Jo to drive")
    detail = named(dialog, QPlainTextEdit, "More about it")
    detail.setPlainText("x" * 2_012)
    button(dialog, "Save reminder").click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "2,012 letters" in named(dialog, QLabel, "Problem with what was typed").text()
    assert detail.toPlainText() == "x" * 2_012
