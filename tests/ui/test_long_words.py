"""A word longer than the window (a pasted web address, a diagnosis typed without spaces)
never makes the window wider than a screen.

A patient line holding one 3,000-letter word asked for a window 47,536 pixels wide: the
window grew past every screen, and its buttons and text went out of sight.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from tests.helpers.stranger import named
from tests.ui.conftest import AppSession

SMALL_LAPTOP_WIDTH = 1366
LONG_WORD = "Invasive" + "ductalcarcinoma" * 30  # no place to break a line


@pytest.mark.parametrize("page", [1, 4])
def test_a_very_long_word_never_widens_the_window_past_a_screen(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case], page: int
) -> None:
    make_case("Mum", patient_name="Margaret Ellis", diagnosis=LONG_WORD)
    window = session.open()
    window.show_page(page)
    qtbot.wait(10)
    assert window.minimumSizeHint().width() <= SMALL_LAPTOP_WIDTH
    assert window.minimumWidth() <= SMALL_LAPTOP_WIDTH
    line = named(window, QLabel, "Patient and diagnosis")
    assert LONG_WORD in line.text()  # all of it is still there, to read and to copy


def test_the_text_size_grows_but_the_window_still_fits(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case("Mum", patient_name="Margaret Ellis", diagnosis=LONG_WORD)
    window = session.open()
    (larger,) = [a for a in window.findChildren(QAction) if a.text() == "&Larger Text"]
    for _ in range(12):  # up to the largest text size offered
        larger.trigger()
    qtbot.wait(10)
    assert window.minimumSizeHint().width() <= SMALL_LAPTOP_WIDTH
