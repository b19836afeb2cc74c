"""The outcome page through the window: the first opinion starts from Case details, the
different-treatment options leave view when the outcome changes, and the page's title follows
the round ("After the third opinion")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.opinions import Outcome
from secondopinion_desktop.domain.steps import OUTCOME_PAGE, outcome_summary
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.rounds import walked_to_a_third_round
from tests.helpers.stranger import answer_next_dialog, button, named
from tests.ui.conftest import AppSession

LIKES = "What I like about the option from Dr. Asha Patel"


@pytest.fixture
def window(session: AppSession, make_case: Callable[..., Case]) -> MainWindow:
    case = make_case(
        "Dad's second opinion",
        patient_name="Walter Brooks",
        diagnosis="Prostate cancer, Gleason 7",
        recommended_treatment="Radical prostatectomy",
    )
    repo = session.open_repo()
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Sam Hale", role=Role.TREATING))
    patel = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Asha Patel", status=Status.BOOKED)
    )
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=case.id,
            starts_at=session.clock() - dt.timedelta(days=2),
            doctor_id=patel.id,
        )
    )
    window = session.open()
    window.show_page(OUTCOME_PAGE)
    return window


def _write(qtbot: QtBot, window: MainWindow, which: str, fill: Callable[[QWidget], None]) -> None:
    opened = answer_next_dialog(fill)
    button(window, which).click()
    assert opened, f"{which}: no dialog"


def test_the_first_opinion_starts_from_the_case_details(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[tuple[str, str]] = []

    def look(dialog: QWidget) -> None:
        seen.append(
            (
                named(dialog, QPlainTextEdit, "The diagnosis").toPlainText(),
                named(dialog, QPlainTextEdit, "The treatment recommended").toPlainText(),
            )
        )
        button(dialog, "Save the opinion").click()

    _write(qtbot, window, "First opinion: write it down", look)
    assert seen == [("Prostate cancer, Gleason 7", "Radical prostatectomy")]


def test_the_options_leave_view_when_the_doctor_sees_it_differently(
    qtbot: QtBot, window: MainWindow
) -> None:
    def choose(outcome: Outcome, treatment: str = "") -> Callable[[QWidget], None]:
        def fill(dialog: QWidget) -> None:
            if treatment:
                edit = named(dialog, QPlainTextEdit, "The treatment recommended")
                edit.setPlainText(treatment)
            named(dialog, QRadioButton, outcome.label).setChecked(True)
            button(dialog, "Save the opinion").click()

        return fill

    _write(qtbot, window, "First opinion: write it down", _save_as_is())
    _write(
        qtbot,
        window,
        "Second opinion: write it down",
        choose(Outcome.DIFFERENT_TREATMENT, "Active surveillance"),
    )
    likes = named(window, QPlainTextEdit, LIKES)
    assert likes.isVisible() and likes.isVisibleTo(window)

    _write(qtbot, window, "Second opinion: change", choose(Outcome.DISAGREES))
    shown = [
        edit
        for edit in window.findChildren(QPlainTextEdit)
        if edit.accessibleName().startswith("What I like") and edit.isVisibleTo(window)
    ]
    assert shown == [], "the different-treatment options stayed in view"
    assert not any(
        label.isVisible() and label.text() == "Your options, side by side"
        for label in window.findChildren(QLabel)
    )
    assert button(window, "Start a third-opinion round").isVisible()


def _save_as_is() -> Callable[[QWidget], None]:
    def fill(dialog: QWidget) -> None:
        button(dialog, "Save the opinion").click()

    return fill


def test_the_outcome_page_is_titled_for_the_round_under_way(session: AppSession) -> None:
    walked_to_a_third_round(session.open_repo())
    window = session.open()
    window.show_page(OUTCOME_PAGE)
    titles = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    assert "After the third opinion" in titles
    assert "After the second opinion" not in titles
    assert outcome_summary(3) in titles
