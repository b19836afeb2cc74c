"""The calm looks (ui/style.py), as a person sees them: every button and every named label
on every page and in every dialog wears its look, at normal and at the largest text size,
and after the text size is changed from the View menu."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.style import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    apply_style,
    stored_point_size,
)
from tests.helpers.every_dialog import every_dialog
from tests.helpers.looks import undressed
from tests.helpers.stranger import answer_next_dialog, button
from tests.ui.conftest import AppSession

# The real functions: the test session replaces them with ones that fail (no modal waits).
REAL_SHOW_ERROR = messages.show_error
REAL_ASK_YES_NO = messages.ask_yes_no


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture
def demo(session: AppSession) -> Case:
    return build_demo(session.open_repo(), session.clock().date())


def open_window(session: AppSession) -> MainWindow:
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    window = MainWindow(session.open_repo(), settings, session.factory, reminders=False)
    session.qtbot.addWidget(window)
    window.resize(1280, 840)
    window.show()
    return window


@pytest.mark.parametrize("size", [DEFAULT_POINT_SIZE, MAX_POINT_SIZE])
def test_every_page_wears_its_looks(
    session: AppSession, demo: Case, qapp: QApplication, size: int
) -> None:
    apply_style(qapp, size)
    try:
        window = open_window(session)
        window.open_case(demo.id)
        for page in range(1, OUTCOME_PAGE + 1):
            window.show_page(page)
            settle()
            assert undressed(window) == [], f"page {page}"
    finally:
        apply_style(qapp, DEFAULT_POINT_SIZE)


def test_every_dialog_wears_its_looks(session: AppSession, demo: Case) -> None:
    failing = {}
    for name, dialog in every_dialog(session.open_repo(), demo, session.clock):
        session.qtbot.addWidget(dialog)
        dialog.show()
        settle()
        if found := undressed(dialog):
            failing[name] = found
        dialog.hide()
    assert failing == {}


def test_larger_text_from_the_view_menu_dresses_everything_again(
    session: AppSession, demo: Case
) -> None:
    window = open_window(session)
    window.open_case(demo.id)
    window.show_page(3)
    settle()
    done = window.step_page(3).done_button
    before = done.minimumHeight()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    larger = next(a for a in view.actions() if a.text() == "&Larger Text")
    for _ in range(4):
        larger.trigger()
    settle()
    assert QApplication.font().pointSize() == DEFAULT_POINT_SIZE + 4
    assert done.minimumHeight() > before
    assert undressed(window) == []


def test_the_check_finds_a_button_made_without_its_look(session: AppSession, demo: Case) -> None:
    window = open_window(session)
    window.open_case(demo.id)
    window.show_page(3)
    done = window.step_page(3).done_button
    plain = QPushButton("Made without dress")
    done.parentWidget().layout().addWidget(plain)
    settle()
    assert any("Made without dress" in problem for problem in undressed(window))


def _read_and_press(seen: list[list[str]], click: str) -> Callable[[QWidget], None]:
    """What a person does with the message box: reads it (we record what is undressed), then
    presses `click`."""

    def fill(box: QWidget) -> None:
        seen.append(undressed(box))
        button(box, click).click()

    return fill


@pytest.mark.parametrize("kind", ["error", "question"])
def test_message_boxes_buttons_wear_their_looks(qapp: QApplication, kind: str) -> None:
    parent = QWidget()
    parent.show()
    seen: list[list[str]] = []
    if kind == "error":
        answer_next_dialog(_read_and_press(seen, "OK"))
        REAL_SHOW_ERROR(parent, "Could not save", "The disk is full.")
    else:
        answer_next_dialog(_read_and_press(seen, "Delete"))
        assert REAL_ASK_YES_NO(parent, "Delete?", "Delete this note?", "Delete")
    assert seen == [[]]
    parent.close()


def test_the_welcome_page_wears_its_looks(session: AppSession) -> None:
    """A first start: no case yet, only the welcome page and its buttons."""
    window = open_window(session)
    settle()
    assert window.built_pages().keys() >= {0}
    assert undressed(window) == []


@pytest.mark.parametrize(
    ("stored", "size"),
    [
        (None, 12),
        ("14", 14),
        (" 16 ", 16),
        ("\u00b2", 12),
        ("\u2460", 12),
        ("-5", 10),
        ("1000000", 22),
        ("1e9", 12),
        ("nan", 12),
        ("big", 12),
        (18, 18),
        ([], 12),
    ],
)
def test_a_stored_text_size_is_read_within_the_offered_sizes(stored: object, size: int) -> None:
    assert stored_point_size(stored) == size
