"""Step 1's "Add your current doctor" warns about a doctor already on the list, by the rule the
import skips repeats with (domain.doctors.duplicate_kind), and can open the one listed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.stranger import answer_next_dialog, button, named, retype
from tests.ui.conftest import AppSession


@pytest.fixture
def case(make_case: Callable[..., Case]) -> Case:
    case = make_case("Dad's second opinion", patient_name="Walter Brooks")
    return case


@pytest.fixture
def window(session: AppSession, case: Case) -> MainWindow:
    session.open_repo().doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. David Chen",
            phone="(555) 201-3000",
            role=Role.TREATING,
        )
    )
    window = session.open()
    window.show_page(1)
    return window


def _type_doctor(qtbot: QtBot, dialog: QWidget, name: str, phone: str) -> None:
    retype(qtbot, named(dialog, QLineEdit, "Doctor's name"), name)
    retype(qtbot, named(dialog, QLineEdit, "Phone number"), phone)
    button(dialog, "Add doctor").click()


def test_step_1_warns_about_a_doctor_already_listed_and_opens_that_one(
    qtbot: QtBot, window: MainWindow, session: AppSession, case: Case
) -> None:
    warned: list[str] = []
    edited: list[str] = []

    def fill(dialog: QWidget) -> None:
        _type_doctor(qtbot, dialog, "CHEN, DAVID MD", "555.201.3000")
        assert dialog.isVisible(), "the same doctor was added a second time without a word"
        warned.append(named(dialog, QLabel, "Already on your list").text())

        def edit(editor: QWidget) -> None:
            edited.append(named(editor, QLineEdit, "Doctor's name").text())
            button(editor, "Cancel").click()

        answer_next_dialog(edit)
        button(dialog, "Open the doctor already on your list").click()

    opened = answer_next_dialog(fill)
    button(window, "Add your current doctor").click()
    assert opened
    assert warned == [
        "Dr. David Chen is already on your list (same name and phone). Is this the same "
        "doctor? You can open the one on your list, or add this one anyway."
    ]
    assert edited == ["Dr. David Chen"]
    assert len(session.open_repo().doctors.list(case.id)) == 1


def test_step_1_adds_a_different_doctor_with_the_same_phone_when_told_to(
    qtbot: QtBot, window: MainWindow, session: AppSession, case: Case
) -> None:
    def fill(dialog: QWidget) -> None:
        _type_doctor(qtbot, dialog, "Dr. Ana Ruiz", "555-201-3000")
        assert "(same phone)" in named(dialog, QLabel, "Already on your list").text()
        button(dialog, "Add anyway: a different doctor").click()

    opened = answer_next_dialog(fill)
    button(window, "Add your current doctor").click()
    assert opened
    names = sorted(d.name for d in session.open_repo().doctors.list(case.id))
    assert names == ["Dr. Ana Ruiz", "Dr. David Chen"]
