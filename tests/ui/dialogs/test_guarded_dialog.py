"""GuardedDialog (ui/forms.py) in the real doctor, call and booking dialogs: nothing typed is
lost by mistake, and hostile names never crash."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
from secondopinion_desktop.ui.forms import GuardedDialog
from tests.helpers.clock import FakeClock
from tests.helpers.dialogs import (
    GUARDED,
    HOSTILE,
    TODAY,
    ask,
    error_shown,
    make_booking_dialog,
    make_call_dialog,
    make_doctor_dialog,
)


@pytest.mark.parametrize("kind", list(GUARDED))
def test_cancel_after_typing_asks_and_keep_editing_keeps_it(
    show: Callable[[QDialog], Any],
    monkeypatch: pytest.MonkeyPatch,
    raman: Doctor,
    clock: FakeClock,
    kind: str,
) -> None:
    make, field = GUARDED[kind]
    dialog: GuardedDialog = show(make(raman, clock))
    getattr(dialog, field).setText("3 December 2026")
    asked = ask(monkeypatch, False)
    dialog.reject()
    dialog.close()
    assert asked.titles == ["Discard changes?", "Discard changes?"]
    assert dialog.isVisible()
    assert getattr(dialog, field).text() == "3 December 2026"

    asked.answer = True
    dialog.reject()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("kind", list(GUARDED))
def test_escape_after_typing_asks_too(
    qtbot: QtBot,
    show: Callable[[QDialog], Any],
    monkeypatch: pytest.MonkeyPatch,
    raman: Doctor,
    clock: FakeClock,
    kind: str,
) -> None:
    make, field = GUARDED[kind]
    dialog: GuardedDialog = show(make(raman, clock))
    getattr(dialog, field).setText("something")
    asked = ask(monkeypatch, False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked.titles == ["Discard changes?"]
    assert dialog.isVisible()


@pytest.mark.parametrize("kind", list(GUARDED))
def test_cancel_with_nothing_typed_closes_without_asking(
    show: Callable[[QDialog], Any], raman: Doctor, clock: FakeClock, kind: str
) -> None:
    make, _field = GUARDED[kind]
    dialog: GuardedDialog = show(make(raman, clock))
    dialog.reject()  # an unexpected question would fail the test
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_doctor_names_open_every_dialog(
    show: Callable[[QDialog], Any], clock: FakeClock, raman: Doctor, text: str
) -> None:
    doctor = replace(raman, name=text, practice=text, address=text, phone=text, notes=text)
    for make in (make_doctor_dialog, make_call_dialog, make_booking_dialog):
        dialog = show(make(doctor, clock))
        dialog.reject()
    editing = show(DoctorDialog(None, doctor.case_id, doctor, today=lambda: TODAY))
    editing.accept()  # the stored phone is hostile: the dialog explains, it does not crash
    assert editing.doctor() is not None or error_shown(editing)
