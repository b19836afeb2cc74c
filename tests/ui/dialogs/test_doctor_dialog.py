"""The real doctor dialog.

They are shown, filled in and accepted by the test (never exec()); the "Discard changes?"
question goes through a patched `messages.ask_yes_no`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QPlainTextEdit,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Source, Status
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
from tests.helpers.dialogs import (
    HOSTILE,
    choose,
    error_shown,
    type_everywhere,
)

# --- DoctorDialog -----------------------------------------------------------------------------


def fill_doctor(dialog: DoctorDialog, **fields: str) -> None:
    for name, text in fields.items():
        widget = getattr(dialog, name)
        if isinstance(widget, QComboBox):
            choose(widget, text)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)


GOOD_DOCTOR = {
    "name": "  Dr.  Priya   Raman ",
    "specialty": " Surgical oncology ",
    "practice": "Lakeside Cancer Center",
    "address": "2500 Lakeshore Boulevard",
    "phone": "555.622.4100",
    "fax": "+44 20 7946 0958",
    "source": Source.BOARD_DIRECTORY.value,
    "source_detail": "certificationmatters.org",
    "board": Answer.YES.value,
    "board_checked": "2 Nov 2026",
    "accepting": Answer.YES.value,
    "wait": "2 weeks",
    "insurance": Answer.NO.value,
    "referral": Answer.YES.value,
    "status": Status.CONTACTED.value,
    "notes": "Call before 10.",
}


def test_doctor_dialog_returns_a_clean_doctor(
    doctor_dialog: Callable[..., DoctorDialog], repo: Repository, case: Case
) -> None:
    dialog = doctor_dialog()
    assert dialog.windowTitle() == "Add a doctor"
    fill_doctor(dialog, **GOOD_DOCTOR)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not error_shown(dialog)
    doctor = dialog.doctor()
    assert doctor == Doctor(
        id=0,
        case_id=case.id,
        name="Dr. Priya Raman",
        role=Role.CANDIDATE,
        specialty="Surgical oncology",
        practice="Lakeside Cancer Center",
        address="2500 Lakeshore Boulevard",
        phone="(555) 622-4100",
        fax="+44 20 7946 0958",
        source=Source.BOARD_DIRECTORY,
        source_detail="certificationmatters.org",
        board_certified=Answer.YES,
        board_checked_on="2026-11-02",
        accepting_new_patients=Answer.YES,
        wait_days=14,
        accepts_insurance=Answer.NO,
        referral_required=Answer.YES,
        status=Status.CONTACTED,
        notes="Call before 10.",
    )
    saved = repo.doctors.add(doctor)
    assert replace(saved, id=0) == doctor


@pytest.mark.parametrize(
    ("fields", "message", "bad_field"),
    [
        ({"name": "   "}, "Please type the doctor's name.", "name"),
        ({"phone": "12"}, "Phone: That phone number looks too short.", "phone"),
        ({"phone": "call the desk"}, "Phone: That phone number has letters in it.", "phone"),
        ({"fax": "555-0199-fax"}, "Fax: That fax number has letters in it.", "fax"),
        ({"fax": "1234"}, "Fax: That fax number looks too short.", "fax"),
        ({"wait": "soonish"}, "Wait: We couldn't read that wait.", "wait"),
        ({"wait": "2-3 weeks"}, "Wait: Please pick just one number", "wait"),
        ({"board_checked": "1 Dec 2026"}, "The date checked is in the future.", "board_checked"),
        (
            {"board_checked": "31 Nov 2026"},
            "Date checked: There is no November 31",
            "board_checked",
        ),
    ],
)
def test_doctor_dialog_explains_a_problem_and_keeps_all_typing(
    doctor_dialog: Callable[..., DoctorDialog],
    fields: dict[str, str],
    message: str,
    bad_field: str,
) -> None:
    dialog = doctor_dialog()
    fill_doctor(dialog, **{**GOOD_DOCTOR, **fields})
    typed = dialog.snapshot()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()
    assert dialog.doctor() is None
    assert error_shown(dialog)
    assert dialog.error.text().startswith(message)
    assert dialog.snapshot() == typed
    assert dialog.focusWidget() is getattr(dialog, bad_field)

    # Fixing it and saving again works, and the message goes away.
    fill_doctor(dialog, **{bad_field: GOOD_DOCTOR[bad_field]})
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not error_shown(dialog)
    assert dialog.doctor() is not None


def test_doctor_dialog_needs_only_a_name(doctor_dialog: Callable[..., DoctorDialog]) -> None:
    dialog = doctor_dialog()
    dialog.name.setText("Dr. Amara Diallo")
    dialog.accept()
    doctor = dialog.doctor()
    assert doctor is not None
    assert (doctor.phone, doctor.fax, doctor.wait_days, doctor.source) == ("", "", None, None)
    assert doctor.board_checked_on is None
    assert doctor.accepting_new_patients is Answer.UNKNOWN
    assert doctor.status is Status.CANDIDATE


def test_doctor_dialog_editing_shows_everything_and_saves_it_unchanged(
    doctor_dialog: Callable[..., DoctorDialog], raman: Doctor
) -> None:
    dialog = doctor_dialog(raman)
    assert dialog.windowTitle() == "Edit doctor"
    assert dialog.name.text() == "Dr. Priya Raman"
    assert dialog.wait.text() == "9 days"
    assert dialog.board_checked.text() == "11 November 2026"
    assert dialog.source.currentData() == Source.REFERRAL.value
    assert dialog.status.currentData() == Status.CONTACTED.value
    assert not dialog.is_modified()
    dialog.accept()  # no question: nothing was typed
    assert dialog.doctor() == raman


def test_doctor_dialog_for_the_current_doctor_hides_the_candidate_parts(
    doctor_dialog: Callable[..., DoctorDialog],
) -> None:
    dialog = doctor_dialog(None, Role.TREATING)
    assert not dialog.source_box.isVisibleTo(dialog)
    assert not dialog.answers_box.isVisibleTo(dialog)
    choose(dialog.role, Role.CANDIDATE.value)
    assert dialog.source_box.isVisibleTo(dialog) and dialog.answers_box.isVisibleTo(dialog)
    choose(dialog.role, Role.TREATING.value)
    assert not dialog.answers_box.isVisibleTo(dialog)
    dialog.name.setText("Dr. Samuel Okafor")
    dialog.accept()
    doctor = dialog.doctor()
    assert doctor is not None and doctor.role is Role.TREATING


@pytest.mark.parametrize("text", HOSTILE)
def test_doctor_dialog_hostile_typing_never_raises(
    doctor_dialog: Callable[..., DoctorDialog], repo: Repository, text: str
) -> None:
    dialog = doctor_dialog()
    type_everywhere(dialog, text)
    dialog.accept()
    doctor = dialog.doctor()
    if doctor is None:
        assert error_shown(dialog)
    else:
        saved = repo.doctors.add(doctor)
        assert replace(saved, id=0) == doctor
        assert len(doctor.notes) <= 20_000


def test_doctor_dialog_keeps_a_number_written_in_words(
    doctor_dialog: Callable[..., DoctorDialog], repo: Repository
) -> None:
    """ "1-800-FLOWERS" was refused: now it is kept, after the digits a phone dials for it."""
    dialog = doctor_dialog()
    fill_doctor(dialog, **{**GOOD_DOCTOR, "phone": "1-800-FLOWERS", "fax": "(555) CALL-NOW"})
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    doctor = dialog.doctor()
    assert doctor is not None
    assert (doctor.phone, doctor.fax) == (
        "(800) 356-9377 (1-800-FLOWERS)",
        "(555) 225-5669 ((555) CALL-NOW)",
    )
    saved = repo.doctors.add(doctor)
    again = doctor_dialog(saved)
    assert again.phone.text() == doctor.phone  # the box is long enough: nothing cut
    again.accept()  # shown again, saved unchanged
    assert again.doctor() == saved


def test_doctor_dialog_opened_and_saved_keeps_a_long_name_from_a_list_whole(
    doctor_dialog: Callable[..., DoctorDialog], repo: Repository, raman: Doctor
) -> None:
    """A doctors' list keeps 500 letters a cell and a case file 2,000 a line, the name box
    300: Qt cut the name when the window opened, and Save wrote the shorter one."""
    long = replace(
        raman,
        name="Dr. " + "Maria-Fernanda " * 29 + "Ortiz",
        practice="Lakeside " * 55,
        phone="1-800-FLOWERS",
    )
    repo.doctors.update(long)
    stored = repo.doctors.get(raman.id)
    assert len(stored.name) > 300 and len(stored.practice) > 300
    dialog = doctor_dialog(stored)
    assert dialog.name.text() == stored.name
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.doctor()
    assert saved is not None
    assert (saved.name, saved.practice) == (stored.name, stored.practice.strip())
    assert saved.phone == "(800) 356-9377 (1-800-FLOWERS)"
