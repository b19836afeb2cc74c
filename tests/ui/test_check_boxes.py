"""Check boxes and option buttons at the largest text: the box grows with the words.

Fusion draws a 14 px box at any text size; at 22 pt a tired reader with reading glasses could
not hit it. `style.dress` sizes every box to the text (`box_side`), and a `TargetCheckBox` is
pressed anywhere in it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.style import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    MIN_TARGET,
    apply_style,
    box_side,
)
from tests.helpers.every_dialog import every_dialog
from tests.helpers.stranger import named
from tests.ui.conftest import AppSession
from tests.ui.test_large_text import demo, settle

__all__ = ["demo"]  # the fixture: the sample case


def drawn_box(button: QAbstractButton) -> QRect:
    """Where the style draws the box (or the round option button) inside `button`."""
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = (
        QStyle.SubElement.SE_RadioButtonIndicator
        if isinstance(button, QRadioButton)
        else QStyle.SubElement.SE_CheckBoxIndicator
    )
    return button.style().subElementRect(element, option, button)


def small_boxes(root: QWidget, least: int) -> list[str]:
    """Every shown check box or option button whose box is smaller than `least` or cut off."""
    found = []
    for button in root.findChildren(QAbstractButton):
        if not isinstance(button, (QCheckBox, QRadioButton)) or not button.isVisibleTo(root):
            continue
        box = drawn_box(button)
        name = button.accessibleName() or button.text()
        if min(box.width(), box.height()) < least:
            found.append(f"{name!r}: its box is {box.width()} x {box.height()} px")
        if not button.rect().contains(box) or button.height() < MIN_TARGET:
            found.append(f"{name!r}: {button.size().toTuple()} does not hold its box")
    return found


@pytest.fixture
def largest_text(qapp: QApplication) -> Iterator[int]:
    apply_style(qapp, MAX_POINT_SIZE)
    yield MAX_POINT_SIZE
    apply_style(qapp, DEFAULT_POINT_SIZE)


def open_window(session: AppSession, case: Case) -> MainWindow:
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    window = MainWindow(session.open_repo(), settings, session.factory, reminders=False)
    session.qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    window.open_case(case.id)
    return window


def test_the_box_grows_with_the_text() -> None:
    assert box_side(19) == 15  # the normal text: about Fusion's own 14 px
    assert box_side(34) == 27  # the largest text
    assert box_side(10) == 14  # never smaller than Fusion draws it


def test_every_box_on_every_page_and_dialog_is_large_at_the_largest_text(
    session: AppSession, demo: Case, largest_text: int
) -> None:
    least = max(MIN_TARGET, box_side(QFontMetrics(QApplication.font()).height()))
    window = open_window(session, demo)
    failing = {}
    for page in range(1, OUTCOME_PAGE + 1):
        window.show_page(page)
        settle()
        failing[f"page {page}"] = small_boxes(window, least)
    for name, dialog in every_dialog(session.open_repo(), demo, session.clock):
        session.qtbot.addWidget(dialog)
        dialog.show()
        settle()
        failing[name] = small_boxes(dialog, least)
        dialog.hide()
    assert {k: v for k, v in failing.items() if v} == {}
    assert sum(1 for _ in window.findChildren(QCheckBox)) >= 3  # the check really ran


def test_a_stranger_ticks_the_team_box_by_its_far_corner_at_the_largest_text(
    session: AppSession, demo: Case, largest_text: int
) -> None:
    window = open_window(session, demo)
    window.show_page(6)
    settle()
    box = named(window, QCheckBox, "Several specialists will see me on the same day")
    drawn = drawn_box(box)
    assert drawn.width() >= MIN_TARGET
    was = box.isChecked()
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=drawn.bottomRight() - QPoint(1, 1))
    assert box.isChecked() is not was
    # and the edge of the target round the box counts too, not only the square drawn
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 1, 0))
    assert box.isChecked() is was
