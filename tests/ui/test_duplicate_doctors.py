"""Step 1's "Add your current doctor" warns about a doctor already on the list, by the rule the
import skips repeats with (domain.doctors.duplicate_kind), and can open the one listed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.stranger import (
    add_doctor,
    answer_next_dialog,
    button,
    named,
    open_the_one_listed,
)
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


def test_step_1_warns_about_a_doctor_already_listed_and_opens_that_one(
    qtbot: QtBot, window: MainWindow, session: AppSession, case: Case
) -> None:
    warned: list[str] = []
    edited: list[str] = []
    then = open_the_one_listed(warned, edited)
    opened = answer_next_dialog(add_doctor(qtbot, "CHEN, DAVID MD", "555.201.3000", then))
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
    def then(dialog: QWidget) -> None:
        assert "(same phone)" in named(dialog, QLabel, "Already on your list").text()
        button(dialog, "Add anyway: a different doctor").click()

    opened = answer_next_dialog(add_doctor(qtbot, "Dr. Ana Ruiz", "555-201-3000", then))
    button(window, "Add your current doctor").click()
    assert opened
    names = sorted(d.name for d in session.open_repo().doctors.list(case.id))
    assert names == ["Dr. Ana Ruiz", "Dr. David Chen"]
