"""The step sidebar: every step's name and state show in full at every text size offered."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.models.steps_model import STATUS_TEXTS, StatusTextRole
from secondopinion_desktop.ui.sidebar import StepDelegate
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE
from tests.ui.conftest import AppSession


def cut_off(window: MainWindow) -> list[str]:
    """Every sidebar title or state that does not fit its row as laid out on screen now."""
    QApplication.processEvents()  # the splitter lays itself out again after a font change
    sidebar = window.sidebar
    font = sidebar.font()
    bold = QFont(font)
    bold.setBold(True)
    plain, heavy = QFontMetrics(font), QFontMetrics(bold)
    problems = []
    model = sidebar.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        rect = sidebar.visualRect(index)
        room = StepDelegate.text_rect(rect, plain).width()
        title = str(index.data())
        if heavy.horizontalAdvance(title) > room:
            problems.append(f"{title!r} needs {heavy.horizontalAdvance(title)}, has {room}")
        for status in {str(index.data(StatusTextRole)), *STATUS_TEXTS}:
            if plain.horizontalAdvance(status) > room:
                problems.append(f"{title!r}: {status!r} does not fit in {room}")
        if rect.right() > sidebar.viewport().width():
            problems.append(f"{title!r} runs past the sidebar's edge")
    return problems


@pytest.mark.parametrize("size", [MAX_POINT_SIZE, 16, DEFAULT_POINT_SIZE, MIN_POINT_SIZE])
def test_larger_text_never_cuts_a_step_off(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case], size: int
) -> None:
    make_case()
    window = session.open()
    window.resize(1000, 700)
    window.set_text_size(size)
    assert QApplication.font().pointSize() == size
    assert cut_off(window) == []
    # the sidebar also narrows again for smaller text, giving the page its room back
    assert window.sidebar.minimumWidth() == max(250, window.sidebar.needed_width())


def test_every_size_offered_fits_from_smallest_to_largest(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case()
    window = session.open()
    window.resize(1000, 700)
    window.set_text_size(MIN_POINT_SIZE)
    for size in range(MIN_POINT_SIZE, MAX_POINT_SIZE + 1):
        assert window.text_size() == size
        assert cut_off(window) == [], size
        window.larger_action.trigger()
    window.normal_size_action.trigger()
