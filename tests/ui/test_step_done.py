"""Mark this step as done: compared with the step's own 'When is this step done?'."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.ui import messages
from tests.ui.conftest import AppSession


def done_button(window: Any) -> QPushButton:
    page = window.stack.currentWidget()
    found = [
        b
        for b in page.findChildren(QPushButton)
        if b.accessibleName() == "Mark this step as done" and b.isVisible()
    ]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("answer", [False, True])
def test_marking_a_step_done_says_what_is_still_open_and_lets_the_person_decide(
    qtbot: QtBot,
    session: AppSession,
    make_case: Callable[..., Case],
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
) -> None:
    case = make_case()
    asked: list[tuple[str, str, str, str]] = []

    def ask(parent: Any, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        asked.append((title, text, yes, no))
        return answer

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    window = session.open()
    window.show_page(3)
    QApplication.processEvents()
    qtbot.mouseClick(done_button(window), Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    title, text, yes, no = asked[0]
    assert title == "Mark this step as done?"
    assert "This step is done when: You have booked an appointment" in text
    assert "\u2022 No visit is booked yet." in text
    assert (yes, no) == ("Mark as done", "Not yet")
    assert (3 in session.open_repo().cases.done_steps(case.id)) is answer
    assert window.step_page(3).is_done is answer


def test_a_step_with_nothing_open_is_marked_done_without_a_question(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    case = make_case()
    repo = session.open_repo()
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo"))
    window = session.open()
    window.show_page(2)
    QApplication.processEvents()
    qtbot.mouseClick(done_button(window), Qt.MouseButton.LeftButton)  # no modal expected
    assert 2 in repo.cases.done_steps(case.id)
