"""Times typed into the window are kept exactly, or refused in words beside the field.

Through the real window and its real dialogs, as a person would: Step 3, select a doctor,
"Choose and book…", select the whole time and type over it, press the main button.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.stranger import answer_next_dialog, button, named, retype
from tests.ui.conftest import AppSession


@pytest.fixture
def window(session: AppSession, make_case: Callable[..., Case]) -> MainWindow:
    case = make_case("Dad's second opinion", patient_name="Walter Brooks")
    session.open_repo().doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", phone="(555) 010-2000")
    )
    window = session.open()
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    table.setCurrentIndex(table.model().index(0, 0))
    return window


def _book(qtbot: QtBot, day: str, time: str) -> Callable[[QWidget], None]:
    def fill(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Day of the visit"), day)
        retype(qtbot, named(dialog, QLineEdit, "Time of the visit"), time)
        button(dialog, "Book this visit").click()

    return fill


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("2:15 PM", "2:15 pm"), ("14:15", "2:15 pm"), ("2pm", "2:00 pm"), ("2.15", "2:15 pm")],
)
def test_a_typed_visit_time_is_kept_exactly(
    qtbot: QtBot, window: MainWindow, session: AppSession, typed: str, shown: str
) -> None:
    opened = answer_next_dialog(_book(qtbot, "3 December 2031", typed))
    button(window, "Choose the selected doctor and book the visit").click()
    assert opened, "the booking dialog did not open"
    page = named(window, QLabel, "Booked visit")
    assert f"at {shown}" in page.text()
    (visit,) = session.open_repo().appointments.list(session.open_repo().cases.list()[0].id)
    assert (
        visit.starts_at.strftime("%H:%M")
        == {
            "2:15 pm": "14:15",
            "2:00 pm": "14:00",
            "2:15 am": "02:15",
        }[shown]
    )


def test_a_time_that_is_not_a_time_is_refused_beside_the_field(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Day of the visit"), "3 December 2031")
        time = named(dialog, QLineEdit, "Time of the visit")
        retype(qtbot, time, "quarter past")
        button(dialog, "Book this visit").click()
        assert dialog.isVisible(), "the dialog closed with a time it could not read"
        problem = named(dialog, QLabel, "Problem with the time of the visit")
        seen.append(problem.text())
        assert time.text() == "quarter past", "what was typed was changed"
        retype(qtbot, time, "2:15 pm")
        assert not problem.isVisible(), "the message stays after the time was put right"
        button(dialog, "Book this visit").click()

    opened = answer_next_dialog(fill)
    button(window, "Choose the selected doctor and book the visit").click()
    assert opened
    assert seen == ["That is not a time we can read. Please type it like 2:15 pm or 14:15."]
    assert "at 2:15 pm" in named(window, QLabel, "Booked visit").text()


def test_a_typed_call_time_is_kept_exactly(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    def fill(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Day of the call"), "yesterday")
        retype(qtbot, named(dialog, QLineEdit, "Time of the call"), "2:15 PM")
        button(dialog, "Save call").click()

    opened = answer_next_dialog(fill)
    button(window, "Log a call to the selected doctor").click()
    assert opened and isinstance(opened[0], QDialog)
    repo = session.open_repo()
    (doctor,) = repo.doctors.list(repo.cases.list()[0].id)
    (call,) = repo.doctors.list_calls(doctor.id)
    assert call.called_at[11:16] == "14:15"


def test_a_visit_time_without_am_or_pm_says_how_it_is_read_before_anything_is_pressed(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    """ "2:30" for a visit became 2:30 in the morning without a word."""
    seen: list[tuple[str, str]] = []

    def fill(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Day of the visit"), "3 December 2031")
        time = named(dialog, QLineEdit, "Time of the visit")
        retype(qtbot, time, "2:30")
        line = named(dialog, QLabel, "Problem with the time of the visit")
        seen.append((line.text(), time.accessibleDescription()))
        assert line.isVisible(), "how the time was read is not shown while typing"
        button(dialog, "Book this visit").click()

    opened = answer_next_dialog(fill)
    button(window, "Choose the selected doctor and book the visit").click()
    assert opened
    words = "2:30 is read as 2:30 pm, in the afternoon. If you mean 2:30 am, please type that."
    assert seen == [(words, words)]
    assert "at 2:30 pm" in named(window, QLabel, "Booked visit").text()
    repo = session.open_repo()
    (visit,) = repo.appointments.list(repo.cases.list()[0].id)
    assert visit.starts_at.strftime("%H:%M") == "14:30"


def test_the_words_stay_when_the_time_is_shown_back(qtbot: QtBot) -> None:
    import datetime as dt

    from secondopinion_desktop.ui.time_entry import TimeEntry

    entry = TimeEntry("Time of the call", dt.time(9, 0))
    qtbot.addWidget(entry)
    retype(qtbot, entry, "7:30")
    entry.editingFinished.emit()
    assert entry.text() == "7:30 am"
    assert entry.check()
    assert entry.problem_label.text().startswith("7:30 is read as 7:30 am, in the morning.")
    retype(qtbot, entry, "7:30 pm")
    assert entry.check() and entry.problem_label.text() == ""
