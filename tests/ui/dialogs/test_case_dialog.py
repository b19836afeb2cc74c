"""The case dialog: what it accepts, how it explains problems, and that it never loses typing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import MAX_TITLE_LENGTH, Case
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails, CaseDialog
from secondopinion_desktop.ui.forms import MAX_FIELD

TODAY = dt.date(2026, 11, 20)

DialogMaker = Callable[..., CaseDialog]


@pytest.fixture
def make_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> DialogMaker:
    def discard_on_teardown(_dialog: Any) -> None:
        # pytest-qt closes the dialog after the test; answer its "Discard changes?" then.
        monkeypatch.setattr(messages, "ask_yes_no", lambda *args, **kwargs: True)

    def make(case: Case | None = None) -> CaseDialog:
        dialog = CaseDialog(None, case, today=lambda: TODAY)
        qtbot.addWidget(dialog, before_close_func=discard_on_teardown)
        dialog.show()  # never exec(): that would wait for a person
        qtbot.waitExposed(dialog)
        return dialog

    return make


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[dict[str, Any]]:
    asked: list[dict[str, Any]] = []

    def ask(parent: Any, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        asked.append({"parent": parent, "title": title, "yes": yes, "no": no})
        return answer

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return asked


def all_text(dialog: CaseDialog) -> tuple[str, ...]:
    return dialog.snapshot()


def error_shown(dialog: CaseDialog) -> bool:
    return not dialog.error.isHidden() and bool(dialog.error.text())


def save_button(dialog: CaseDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


# --- required name ------------------------------------------------------------------------------


def test_empty_patient_name_shows_an_error_and_stays_open(
    qtbot: QtBot, make_dialog: DialogMaker
) -> None:
    dialog = make_dialog()
    assert dialog.windowTitle() == "New case"
    assert save_button(dialog).text() == "Create case"
    assert not error_shown(dialog)
    dialog.diagnosis.setText("Something")

    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.details() is None
    assert error_shown(dialog)
    assert "patient's name" in dialog.error.text()
    assert dialog.focusWidget() is dialog.patient_name
    assert dialog.diagnosis.text() == "Something"


def test_accept_with_only_spaces_does_not_accept(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("   \t ")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.details() is None
    assert error_shown(dialog)


def test_a_case_name_alone_is_enough(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.title_edit.setText("  Dad's knee  ")
    dialog.accept()
    result = dialog.details()
    assert result is not None
    assert result.title == "Dad's knee"
    assert result.patient_name == ""


# --- dates and phones ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["31/02/1950", "next week-ish", "1950-02-30", "13/13/13"])
def test_a_bad_date_of_birth_shows_an_error_and_keeps_all_typing(
    qtbot: QtBot, make_dialog: DialogMaker, typed: str
) -> None:
    dialog = make_dialog()
    qtbot.keyClicks(dialog.patient_name, "Margaret Ellis")
    qtbot.keyClicks(dialog.title_edit, "Mum")
    qtbot.keyClicks(dialog.date_of_birth, typed)
    qtbot.keyClicks(dialog.diagnosis, "IDC")
    qtbot.keyClicks(dialog.notes, "prefers mornings")
    before = all_text(dialog)

    dialog.accept()

    assert dialog.isVisible()
    assert dialog.details() is None
    assert error_shown(dialog)
    assert dialog.error.text().startswith("Date of birth:")
    assert dialog.focusWidget() is dialog.date_of_birth
    assert all_text(dialog) == before
    assert dialog.date_of_birth.text() == typed


def test_fixing_the_date_clears_the_error(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("Margaret Ellis")
    dialog.date_of_birth.setText("next week-ish")
    dialog.accept()
    assert error_shown(dialog)
    dialog.date_of_birth.setText("12 April 1956")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.error.isHidden()
    assert not dialog.isVisible()


def test_a_date_of_birth_in_the_future_is_refused(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("Baby Ellis")
    dialog.date_of_birth.setText("1/5/2027")
    dialog.accept()
    assert dialog.details() is None
    assert "future" in dialog.error.text()


def test_a_bad_phone_number_is_explained(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("Margaret Ellis")
    dialog.organiser_phone.setText("call me maybe")
    dialog.accept()
    assert dialog.details() is None
    assert dialog.error.text().startswith("Your phone:")
    assert dialog.focusWidget() is dialog.organiser_phone
    assert dialog.organiser_phone.text() == "call me maybe"


# --- a valid form -------------------------------------------------------------------------------


def test_a_valid_form_returns_tidy_details_with_the_parsed_date(
    qtbot: QtBot, make_dialog: DialogMaker
) -> None:
    dialog = make_dialog()
    qtbot.keyClicks(dialog.patient_name, "  Margaret   Ellis ")
    qtbot.keyClicks(dialog.date_of_birth, "12 April 1956")
    qtbot.keyClicks(dialog.diagnosis, " Invasive ductal carcinoma ")
    qtbot.keyClicks(dialog.treatment, "Lumpectomy")
    qtbot.keyClicks(dialog.insurance_plan, "Bluebrook PPO")
    qtbot.keyClicks(dialog.member_id, "BBH-4471")
    qtbot.keyClicks(dialog.organiser_name, "Sarah")
    qtbot.keyClicks(dialog.organiser_phone, "555 201 7745")
    qtbot.keyClicks(dialog.notes, "Mornings")

    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert dialog.details() == CaseDetails(
        title="Second opinion for Margaret Ellis",
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy",
        insurance_plan="Bluebrook PPO",
        insurance_member_id="BBH-4471",
        organiser_name="Sarah",
        organiser_phone="(555) 201-7745",
        notes="Mornings",
    )


def test_an_empty_date_of_birth_is_fine(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("Margaret Ellis")
    dialog.accept()
    result = dialog.details()
    assert result is not None and result.date_of_birth is None


def test_editing_a_case_shows_its_details_and_returns_them(make_dialog: DialogMaker) -> None:
    case = Case(
        id=7,
        title="Mum's second opinion",
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
        diagnosis="IDC",
        organiser_phone="(555) 201-7745",
        notes="Mornings",
    )
    dialog = make_dialog(case)
    assert dialog.windowTitle() == "Case details"
    assert save_button(dialog).text() == "Save"
    assert dialog.patient_name.text() == "Margaret Ellis"
    assert dialog.date_of_birth.text() == "12 April 1956"
    assert dialog.notes.toPlainText() == "Mornings"
    assert not dialog.is_modified()

    dialog.diagnosis.setText("DCIS")
    assert dialog.is_modified()
    dialog.accept()
    result = dialog.details()
    assert result is not None
    changed = result.applied_to(case)
    assert changed.id == 7
    assert changed.diagnosis == "DCIS"
    assert changed.date_of_birth == dt.date(1956, 4, 12)
    assert changed.title == case.title


def test_saving_an_unchanged_case_gives_back_the_same_case(make_dialog: DialogMaker) -> None:
    case = Case(id=3, title="Dad's knee", patient_name="Robert", date_of_birth=dt.date(1950, 1, 2))
    dialog = make_dialog(case)
    dialog.accept()
    result = dialog.details()
    assert result is not None and result.applied_to(case) == case


# --- cancelling -----------------------------------------------------------------------------------


def test_cancel_with_nothing_typed_closes_without_asking(
    qtbot: QtBot, make_dialog: DialogMaker
) -> None:
    dialog = make_dialog()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # asking would fail the test
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.details() is None


def test_cancel_after_typing_asks_and_keep_editing_stays_open(
    qtbot: QtBot, make_dialog: DialogMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog()
    qtbot.keyClicks(dialog.patient_name, "Margaret")
    asked = answer_questions(monkeypatch, answer=False)
    dialog.reject()
    assert len(asked) == 1
    assert asked[0]["parent"] is dialog
    assert asked[0]["yes"] == "Discard"
    assert asked[0]["no"] == "Keep editing"
    assert dialog.isVisible()
    assert dialog.patient_name.text() == "Margaret"


def test_escape_and_close_after_typing_also_ask(
    qtbot: QtBot, make_dialog: DialogMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog()
    qtbot.keyClicks(dialog.notes, "half a note")
    asked = answer_questions(monkeypatch, answer=False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.close()
    assert dialog.isVisible()
    assert len(asked) == 2
    assert dialog.notes.toPlainText() == "half a note"


def test_cancel_after_typing_and_discard_closes(
    qtbot: QtBot, make_dialog: DialogMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = make_dialog()
    qtbot.keyClicks(dialog.patient_name, "Margaret")
    asked = answer_questions(monkeypatch, answer=True)
    dialog.reject()
    assert len(asked) == 1
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.details() is None


def test_typing_and_then_undoing_it_does_not_ask(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("M")
    dialog.patient_name.setText("")
    dialog.reject()
    assert not dialog.isVisible()


# --- hostile input --------------------------------------------------------------------------------

HOSTILE = [
    "x" * 10_000,
    "\u05de\u05e8\u05d2\u05e8\u05d8 \u05d0\u05dc\u05d9\u05e1",  # RTL Hebrew
    "\u202eelbat\u202c Ellis",  # right-to-left override
    "Margaret \U0001f469\u200d\u2695\ufe0f \U0001f338",  # emoji with joiners
    "Null\x00Byte\x07Bell\x1b[31mred",
    "line\nbreak\ttab\r\n",
    "\ufeff\u200b\u00a0",
    "' OR 1=1; DROP TABLE cases; --",
    "<b>bold</b> &amp; %s %d {0}",
]


def fill_every_field(dialog: CaseDialog, text: str) -> None:
    for edit in dialog.findChildren(QLineEdit):
        edit.setText(text)
    dialog.notes.setPlainText(text)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_every_field_never_raises(make_dialog: DialogMaker, text: str) -> None:
    dialog = make_dialog()
    fill_every_field(dialog, text)
    result = dialog.validate()
    if result is None:
        assert error_shown(dialog)
    else:
        assert 0 < len(result.title) <= MAX_TITLE_LENGTH
        assert result.title.isprintable()
        assert len(result.patient_name) <= MAX_FIELD


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_patient_names_are_kept_or_explained(make_dialog: DialogMaker, text: str) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText(text)
    dialog.title_edit.setText("A case")
    dialog.accept()
    result = dialog.details()
    if result is None:
        assert error_shown(dialog)
        assert dialog.isVisible()
    else:
        assert result.title == "A case"
        assert len(result.patient_name) <= MAX_FIELD


def test_fields_refuse_more_than_their_limit(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    fill_every_field(dialog, "y" * 10_000)
    assert len(dialog.patient_name.text()) == MAX_FIELD
    assert len(dialog.title_edit.text()) == MAX_TITLE_LENGTH
    dialog.accept()
    # Every field is full of letters: the phone number is the first problem found.
    assert dialog.details() is None
    assert error_shown(dialog)


def test_a_long_patient_name_alone_is_enough(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    dialog.patient_name.setText("Ana " * 60)
    dialog.accept()
    result = dialog.details()
    assert result is not None
    assert 0 < len(result.title) <= MAX_TITLE_LENGTH


field_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.sampled_from(HOSTILE)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    patient=field_text,
    title=field_text,
    dob=field_text | st.from_regex(r"\A[0-9]{1,12}[/.\- ][0-9]{1,12}[/.\- ][0-9]{1,12}\Z"),
    phone=field_text,
    notes=field_text,
)
@example(patient="", title="", dob="", phone="", notes="")
@example(patient="M", title="", dob="99999999999/1/1", phone="+", notes="")
def test_any_typing_is_either_accepted_or_explained(
    qapp: QApplication, patient: str, title: str, dob: str, phone: str, notes: str
) -> None:
    dialog = CaseDialog(None, None, today=lambda: TODAY)
    try:
        dialog.patient_name.setText(patient)
        dialog.title_edit.setText(title)
        dialog.date_of_birth.setText(dob)
        dialog.organiser_phone.setText(phone)
        dialog.notes.setPlainText(notes)
        typed = dialog.snapshot()
        result = dialog.validate()
        assert dialog.snapshot() == typed  # nothing typed is lost or rewritten
        if result is None:
            assert dialog.error.text()
            assert not dialog.error.isHidden()
        else:
            assert dialog.error.isHidden()
            assert 0 < len(result.title) <= MAX_TITLE_LENGTH
            assert result.date_of_birth is None or result.date_of_birth <= TODAY
    finally:
        dialog.deleteLater()


# --- accessibility --------------------------------------------------------------------------------


def test_every_field_has_a_name_for_screen_readers(make_dialog: DialogMaker) -> None:
    dialog = make_dialog()
    edits = [*dialog.findChildren(QLineEdit), *dialog.findChildren(QPlainTextEdit)]
    assert len(edits) == 10
    for edit in edits:
        assert edit.accessibleName().strip(), edit


def test_a_two_digit_year_of_birth_is_read_in_the_century_gone_by(
    qtbot: QtBot, make_dialog: DialogMaker
) -> None:
    """Born in 1945, "3/4/45" was read as 2045 and refused: "The date of birth is in the
    future"."""
    from tests.helpers.stranger import button, named, retype

    dialog = make_dialog()
    retype(qtbot, named(dialog, QLineEdit, "Patient's name"), "Margaret Ellis")
    retype(qtbot, named(dialog, QLineEdit, "Patient's date of birth"), "3/4/45")
    button(dialog, "Create case").click()
    result = dialog.details()
    assert result is not None, dialog.error.text()
    assert result.date_of_birth == dt.date(1945, 3, 4)


def test_a_long_title_from_a_case_file_is_shown_whole_and_refused_at_save_in_words(
    make_dialog: DialogMaker,
) -> None:
    """A case file may hold a 2,000-letter line; the title box keeps 200. Qt cut the title
    when the window opened, and Save wrote the cut one without a word."""
    title = "Mum's second opinion about the surgery " * 40
    case = Case(id=5, title=title.strip(), patient_name="M" * 1_500)
    dialog = make_dialog(case)
    assert dialog.title_edit.text() == case.title
    assert dialog.patient_name.text() == case.patient_name
    dialog.accept()
    assert dialog.details() is None
    assert error_shown(dialog) and dialog.isVisible()
    assert dialog.title_edit.text() == case.title  # nothing cut, to be shortened by the person
