"""Very large text: nothing cut off or drawn over, targets big enough, and it all fits.

At the largest text size View > Larger Text offers, on a 1366 x 768 screen, and at normal
text on the same screen scaled to 200 % (QT_SCALE_FACTOR=2: 683 x 384 px to lay out, which
is what these tests give the window; Qt scales the pixels, not the layout): on every page
and in every dialog each label and button gets the room its text needs (a wrapped label its
height for its width), no two controls overlap, every target is at least 24 px (a page's
primary button 44 px), no page or dialog scrolls sideways, and the window's smallest size
fits the screen, so what does not fit scrolls rather than hides.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QApplication, QWidget

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, apply_style
from tests.helpers.every_dialog import every_dialog
from tests.helpers.large_text import (
    clipped_text,
    elided_cells,
    fits,
    overlapping,
    sideways_scrolling,
    small_targets,
)
from tests.ui.conftest import AppSession

# (text size, room for the window: the screen less a title bar and a task bar)
SCREENS = {
    "largest text, 1366 x 768": (MAX_POINT_SIZE, QSize(1366, 700)),
    "200 % scaling, 1366 x 768": (DEFAULT_POINT_SIZE, QSize(683, 350)),
}


def settle() -> None:
    """Let queued layout work finish (wrapped labels, the step list narrowing to numbers)."""
    for _ in range(3):
        QApplication.processEvents()


def problems(root: QWidget) -> list[str]:
    return clipped_text(root) + overlapping(root) + small_targets(root)


@pytest.fixture
def demo(session: AppSession) -> Case:
    return build_demo(session.open_repo(), session.clock().date())


@pytest.fixture(params=list(SCREENS))
def screen(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QSize]:
    size, room = SCREENS[request.param]
    apply_style(qapp, size)
    yield room
    apply_style(qapp, DEFAULT_POINT_SIZE)


def test_every_page_fits_with_nothing_cut_off(
    session: AppSession, demo: Case, screen: QSize
) -> None:
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    window = MainWindow(session.open_repo(), settings, session.factory, reminders=False)
    session.qtbot.addWidget(window)
    window.resize(screen)
    window.show()
    window.open_case(demo.id)
    assert fits(window, QRect(0, 0, screen.width(), screen.height()))
    for page in range(1, OUTCOME_PAGE + 1):
        window.show_page(page)
        settle()
        assert window.size() == screen
        assert problems(window) == [], f"page {page}"
        assert sideways_scrolling(window) == [], f"page {page}"
        assert elided_cells(window) == [], f"page {page}"  # every cell shows all its words


def test_every_dialog_fits_with_nothing_cut_off(
    session: AppSession, demo: Case, screen: QSize
) -> None:
    """Each dialog as a window manager opens it: its size hint, within the screen. A long form
    scrolls up and down in its body (never sideways), its error line and buttons in sight."""
    failing = {}
    for name, dialog in every_dialog(session.open_repo(), demo, session.clock):
        session.qtbot.addWidget(dialog)
        dialog.show()
        dialog.resize(dialog.sizeHint().expandedTo(dialog.minimumSizeHint()).boundedTo(screen))
        settle()
        found = problems(dialog) + sideways_scrolling(dialog)
        if not fits(dialog, QRect(0, 0, screen.width(), screen.height())):
            found.append(f"smallest size {dialog.minimumSizeHint().toTuple()}")
        if found:
            failing[name] = found
        dialog.hide()
    assert failing == {}


def test_the_check_finds_cut_off_text(session: AppSession, demo: Case, qapp: QApplication) -> None:
    apply_style(qapp, MAX_POINT_SIZE)
    try:
        window = MainWindow(
            session.open_repo(),
            QSettings(str(session.settings_path()), QSettings.Format.IniFormat),
            reminders=False,
        )
        session.qtbot.addWidget(window)
        window.show()
        window.open_case(demo.id)
        window.show_page(2)
        settle()
        button = window.step_page(2).done_button
        button.setFixedSize(button.width() // 2, 20)
        settle()
        found = problems(window)
        assert any("Mark as not done" in line and "x20 <" in line for line in found), found
        assert any("Mark as not done" in line and "< 24" in line for line in found), found
    finally:
        apply_style(qapp, DEFAULT_POINT_SIZE)
