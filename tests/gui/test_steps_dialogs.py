"""The real step 1-3 dialogs: doctor, call, booking and the calling-script window.

They are shown, filled in and accepted by the test (never exec()); the "Discard changes?"
question goes through a patched `messages.ask_yes_no`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Source, Status
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs import script_dialog
from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
from secondopinion_desktop.ui.dialogs.script_dialog import ScriptDialog
from secondopinion_desktop.ui.forms import GuardedDialog
from tests.conftest import FIXED_NOW, FakeClock

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


class Asked:
    """A stand-in for messages.ask_yes_no that records each question and gives one answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.titles: list[str] = []

    def __call__(self, parent: Any, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        self.titles.append(title)
        return self.answer


def ask(monkeypatch: pytest.MonkeyPatch, answer: bool) -> Asked:
    asked = Asked(answer)
    monkeypatch.setattr(messages, "ask_yes_no", asked)
    return asked


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
    return repo.create_case("Mum's second opinion", patient_name="Margaret Ellis")


@pytest.fixture
def raman(repo: Repository, case: Case) -> Doctor:
    return repo.add_doctor(
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


# --- DoctorDialog -----------------------------------------------------------------------------


@pytest.fixture
def doctor_dialog(show: Callable[[QDialog], Any], case: Case) -> Callable[..., DoctorDialog]:
    def make(doctor: Doctor | None = None, role: Role = Role.CANDIDATE) -> DoctorDialog:
        dialog: DoctorDialog = show(DoctorDialog(None, case.id, doctor, role, today=lambda: TODAY))
        return dialog

    return make


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
    saved = repo.add_doctor(doctor)
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


# --- GuardedDialog: nothing typed is lost by mistake ------------------------------------------


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


# --- CallDialog -------------------------------------------------------------------------------


@pytest.fixture
def call_dialog(show: Callable[[QDialog], Any], clock: FakeClock) -> Callable[[Doctor], CallDialog]:
    def make(doctor: Doctor) -> CallDialog:
        dialog: CallDialog = show(CallDialog(None, doctor, now=clock))
        return dialog

    return make


@pytest.fixture
def cole(repo: Repository, case: Case) -> Doctor:
    return repo.add_doctor(
        Doctor(id=0, case_id=case.id, name="Dr. Henry Cole", phone="(555) 730-5500")
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
    repo.add_call(call)
    assert repo.list_calls(cole.id)[0].learned == call.learned


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


# --- BookingDialog ----------------------------------------------------------------------------


@pytest.fixture
def booking_dialog(
    show: Callable[[QDialog], Any], clock: FakeClock
) -> Callable[..., BookingDialog]:
    def make(doctor: Doctor, existing: Appointment | None = None) -> BookingDialog:
        dialog: BookingDialog = show(BookingDialog(None, doctor, existing, now=clock))
        return dialog

    return make


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
    saved = repo.add_appointment(visit)
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
    existing = repo.add_appointment(
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
    assert repo.update_appointment(changed) == changed


# --- ScriptDialog -----------------------------------------------------------------------------


def test_script_window_is_not_modal_and_copies_its_text(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ScriptDialog(None, "What to ask on the phone", "Hello.\nIs the doctor taking...")
    qtbot.addWidget(window)
    assert not window.isModal()
    assert window.text.isReadOnly()
    QApplication.clipboard().clear()
    window.copy_button.click()
    assert QApplication.clipboard().text() == "Hello.\nIs the doctor taking..."
    window.set_text("Other words")
    printed: list[tuple[Any, str, str]] = []
    monkeypatch.setattr(script_dialog, "print_text", lambda *args: printed.append(args) or True)
    window.print_button.click()
    assert printed == [(window, "What to ask on the phone", "Other words")]


# --- hostile input ----------------------------------------------------------------------------


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
        saved = repo.add_doctor(doctor)
        assert replace(saved, id=0) == doctor
        assert len(doctor.notes) <= 20_000


@pytest.mark.parametrize("text", HOSTILE)
def test_call_dialog_hostile_typing_never_raises(
    call_dialog: Callable[[Doctor], CallDialog], repo: Repository, cole: Doctor, text: str
) -> None:
    dialog = call_dialog(cole)
    type_everywhere(dialog, text)
    dialog.accept()
    if dialog.call() is None:
        assert error_shown(dialog)
    # Whatever went wrong with the day, the time or the wait, the rest can still be saved.
    dialog.day.setText("today")
    dialog.wait.setText("")
    dialog.call_back.setText("")
    dialog.accept()
    call = dialog.call()
    assert call is not None
    saved = repo.add_call(call)
    assert saved.learned == call.learned
    assert len(call.learned) <= 20_000


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
    dialog.accept()
    visit = dialog.appointment()
    assert visit is not None
    repo.add_appointment(visit)


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
