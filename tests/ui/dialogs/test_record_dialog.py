"""The record dialog: dates and pages checked as typed, other places, returned slides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.records import (
    Delivery,
    RecordItem,
    RecordKind,
    RecordState,
    Timing,
)
from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog

TODAY = dt.date(2026, 11, 20)  # the FakeClock's day


def make_dialog(qtbot: QtBot, item: RecordItem, **kwargs: Any) -> RecordDialog:
    doctors = [
        Doctor(id=7, case_id=1, name="Dr. Ruth Adler"),
        Doctor(id=8, case_id=1, name="Dr. Priya Raman"),
    ]
    dialog = RecordDialog(None, item, doctors, doctors[1], lambda: TODAY, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_dialog_checks_dates_and_pages_as_they_are_typed(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, RecordItem(id=0, case_id=1, title="Medical records"))
    dialog.show()
    assert dialog.save_button.isEnabled()
    sent = dialog.dates["sent_on"]
    sent.edit.setText("31/31/2026")
    assert not dialog.save_button.isEnabled()
    assert sent.hint.isVisible() and "no month 31" in sent.hint.text()
    sent.edit.setText("11/18/2026")
    assert dialog.save_button.isEnabled()
    assert sent.hint.text() == "Wednesday 18 November 2026"
    dialog.pages.setText("lots")
    assert not dialog.save_button.isEnabled()
    assert "as a number" in dialog.pages_hint.text()
    dialog.pages.setText("12")
    assert dialog.save_button.isEnabled()
    dialog.dates["confirmed_on"].today_button.click()
    assert dialog.dates["confirmed_on"].value() == TODAY
    dialog.confirmed_by.setText("Denise")
    dialog.holder.setCurrentIndex(dialog.holder.findData(7))
    dialog.delivery.setCurrentIndex(dialog.delivery.findData(Delivery.FAX.value))
    assert dialog.fax_note.isVisible()
    dialog.accept()
    saved = dialog.item()
    assert saved is not None
    assert saved.holder_doctor_id == 7 and saved.goes_to_new_doctor
    assert saved.pages == 12 and saved.state is RecordState.ARRIVED
    assert saved.confirmed_by == "Denise"


def test_dialog_refuses_impossible_dates_in_plain_words(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, RecordItem(id=0, case_id=1, title="Scans"))
    dialog.dates["requested_on"].edit.setText("tomorrow")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "in the future" in dialog.error.text()
    dialog.dates["requested_on"].edit.setText("")
    dialog.title_edit.setText("  ")
    dialog.accept()
    assert "Please give the item a name" in dialog.error.text()


def test_dialog_other_places_and_returned_slides(qtbot: QtBot) -> None:
    slides = RecordItem(id=5, case_id=1, title="Slides", kind=RecordKind.PATHOLOGY_SLIDES)
    dialog = make_dialog(qtbot, slides)
    dialog.show()
    assert dialog.dates["returned_on"].isVisible()
    dialog.holder.setEditText("Springfield pathology lab")
    dialog.recipient.setEditText("Lakeside pathology department")
    dialog.delivery.setCurrentIndex(dialog.delivery.findData(Delivery.BRING.value))
    assert dialog.timing.currentData() == Timing.BRING_ALONG.value
    dialog.dates["returned_on"].edit.setText("yesterday")
    dialog.accept()
    saved = dialog.item()
    assert saved is not None and saved.id == 5
    assert saved.holder_doctor_id is None and saved.holder_text == "Springfield pathology lab"
    assert saved.recipient_text == "Lakeside pathology department"
    assert saved.returned_on == TODAY - dt.timedelta(days=1)
    dialog2 = make_dialog(qtbot, RecordItem(id=0, case_id=1, title="Notes"))
    dialog2.show()
    assert not dialog2.dates["returned_on"].isVisible()
