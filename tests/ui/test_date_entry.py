"""Days typed into the window's date fields are kept as typed and read back beside the field.

Through the real window, as a person would: a day that cannot be read is explained under its
field as soon as the person leaves it, before any button is pressed; a day that can be read is
shown back in words ("Thursday 12 March 2026"), and a day typed without a year is the one the
field is about (the latest one gone by for an opinion or a record, the next one for a visit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.stranger import answer_next_dialog, button, named, retype
from tests.ui.conftest import AppSession


@pytest.fixture
def window(session: AppSession, make_case: Callable[..., Case]) -> MainWindow:
    case = make_case("Dad's second opinion", patient_name="Walter Brooks")
    session.open_repo().doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", phone="(555) 010-2000")
    )
    return session.open()


def _leave(qtbot: QtBot, field: QWidget) -> None:
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_a_visit_day_is_explained_beside_the_field_before_booking(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    table.setCurrentIndex(table.model().index(0, 0))
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        day = named(dialog, QLineEdit, "Day of the visit")
        retype(qtbot, day, "soonish")
        _leave(qtbot, day)
        about = named(dialog, QLabel, "About the day of the visit")
        seen.append(about.text())
        assert day.text() == "soonish", "what was typed was changed"
        retype(qtbot, day, "3/12/2031")
        seen.append(about.text())  # follows the typing once something is said
        retype(qtbot, named(dialog, QLineEdit, "Time of the visit"), "2:15 pm")
        button(dialog, "Book this visit").click()
        assert day.text() == "3/12/2031"

    opened = answer_next_dialog(fill)
    button(window, "Choose the selected doctor and book the visit").click()
    assert opened
    assert seen[0].startswith("We couldn't read that date.")
    assert seen[1] == "Wednesday 12 March 2031"
    repo = session.open_repo()
    (visit,) = repo.appointments.list(repo.cases.list()[0].id)
    assert visit.starts_at.date() == dt.date(2031, 3, 12)


def test_an_opinion_day_without_a_year_is_the_latest_one(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    window.show_page(OUTCOME_PAGE)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        day = named(dialog, QLineEdit, "Day the doctor said it")
        retype(qtbot, day, "March 12")
        _leave(qtbot, day)
        seen.append(named(dialog, QLabel, "About the day the doctor said it").text())
        button(dialog, "Save the opinion").click()

    opened = answer_next_dialog(fill)
    button(window, "First opinion: write it down").click()
    assert opened
    assert seen == ["Thursday 12 March 2026"]  # the clock says Friday 20 November 2026
    repo = session.open_repo()
    (opinion,) = repo.opinions.list(repo.cases.list()[0].id)
    assert opinion.given_on == dt.date(2026, 3, 12)


def test_a_record_date_uses_the_same_field(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    window.show_page(4)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Name of the item"), "Biopsy report")
        asked = named(dialog, QLineEdit, "Date asked for")
        retype(qtbot, asked, "3/12")
        _leave(qtbot, asked)
        seen.append(named(dialog, QLabel, "About the date asked for").text())
        retype(qtbot, asked, "31/12")
        seen.append(named(dialog, QLabel, "About the date asked for").text())
        retype(qtbot, asked, "11/2")
        button(dialog, "Add item").click()

    opened = answer_next_dialog(fill)
    button(window, "Add an item").click()
    assert opened
    assert seen[0] == "Thursday 12 March 2026"
    assert "no month 31" in seen[1]
    repo = session.open_repo()
    items = [i for i in repo.records.list(repo.cases.list()[0].id) if i.title == "Biopsy report"]
    assert [i.requested_on for i in items] == [dt.date(2026, 11, 2)]
