"""Fixtures for the real dialogs: shown without exec(), a case and its doctors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QDialog,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Source, Status
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
from tests.helpers.clock import FakeClock
from tests.helpers.dialogs import (
    TODAY,
)


@pytest.fixture
def show(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Callable[[QDialog], Any]:
    """Show a dialog without exec(); on teardown, answer its "Discard changes?" with yes."""

    def discard_on_teardown(_dialog: Any) -> None:
        monkeypatch.setattr(messages, "ask_yes_no", lambda *args, **kwargs: True)

    def show_dialog(dialog: QDialog) -> Any:
        qtbot.addWidget(dialog, before_close_func=discard_on_teardown)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show_dialog


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create("Mum's second opinion", patient_name="Margaret Ellis")


@pytest.fixture
def raman(repo: Repository, case: Case) -> Doctor:
    return repo.doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. Priya Raman",
            specialty="Surgical oncology (breast)",
            practice="Lakeside Cancer Center",
            address="2500 Lakeshore Boulevard, Suite 300",
            phone="(555) 622-4100",
            fax="(555) 622-4190",
            source=Source.REFERRAL,
            source_detail="Suggested by Dr. Okafor",
            board_certified=Answer.YES,
            board_checked_on="2026-11-11",
            accepting_new_patients=Answer.YES,
            wait_days=9,
            accepts_insurance=Answer.YES,
            referral_required=Answer.NO,
            status=Status.CONTACTED,
            notes="Runs a breast clinic on Tuesdays.",
        )
    )


@pytest.fixture
def doctor_dialog(show: Callable[[QDialog], Any], case: Case) -> Callable[..., DoctorDialog]:
    def make(doctor: Doctor | None = None, role: Role = Role.CANDIDATE) -> DoctorDialog:
        dialog: DoctorDialog = show(DoctorDialog(None, case.id, doctor, role, today=lambda: TODAY))
        return dialog

    return make


@pytest.fixture
def call_dialog(show: Callable[[QDialog], Any], clock: FakeClock) -> Callable[[Doctor], CallDialog]:
    def make(doctor: Doctor) -> CallDialog:
        dialog: CallDialog = show(CallDialog(None, doctor, now=clock))
        return dialog

    return make


@pytest.fixture
def cole(repo: Repository, case: Case) -> Doctor:
    return repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Henry Cole", phone="(555) 730-5500")
    )


@pytest.fixture
def booking_dialog(
    show: Callable[[QDialog], Any], clock: FakeClock
) -> Callable[..., BookingDialog]:
    def make(doctor: Doctor, existing: Appointment | None = None) -> BookingDialog:
        dialog: BookingDialog = show(BookingDialog(None, doctor, existing, now=clock))
        return dialog

    return make
