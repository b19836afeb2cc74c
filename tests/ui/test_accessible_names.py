"""Every control a person can Tab to says what it does, and no two in a window say the same.

The fast, in-process twin of tests/accessibility/test_atspi.py (which reads the real program
through AT-SPI, as Orca does): the names Qt hands to a screen reader, on every page of the demo
case, the welcome page and every dialog those pages open.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QScrollBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
from secondopinion_desktop.ui.main_window import MainWindow
from tests.conftest import OFFSCREEN_NOISE
from tests.helpers.stranger import button
from tests.ui.conftest import AppSession

# Per page of the demo case: the buttons that open a dialog.
DIALOG_BUTTONS: dict[int, list[str]] = {
    1: ["Add your current doctor"],
    2: ["Add a doctor"],
    3: [
        "Log a call to the selected doctor",
        "Show what to ask on the phone",
        "Edit the selected doctor",
        "Change the date, time or place of the visit",
    ],
    4: ["Add an item", "Change the selected item"],
    5: ["Add an item"],
    6: ["Add a question of your own"],
    OUTCOME_PAGE: ["First opinion: change", "Second opinion: write it down"],
}


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for `widget`: its accessible name (a button's text when it
    has none, as Qt does), and for a combo box the text of its buddy label first: Qt on Linux
    names a combo box by its current value and hands its label over as a relation.
    """
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "").strip()
    if isinstance(widget, QComboBox):
        labels = [
            label.text().replace("&", "").strip()
            for label in widget.window().findChildren(QLabel)
            if label.buddy() is widget
        ]
        name = " ".join([*labels, name]).strip() if labels else ""
    return name


def focusable(window: QWidget) -> list[QWidget]:
    """The widgets Tab can reach in `window` (the parts inside spin and combo boxes aside)."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if widget.window() is window
        and widget.isVisibleTo(window)
        and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(widget, QLabel | QScrollBar)
        and not isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
        and not (
            isinstance(widget.parent(), QAbstractScrollArea)
            and widget is widget.parent().viewport()  # type: ignore[attr-defined]
        )
    ]


def name_problems(window: QWidget) -> list[str]:
    """Focusable widgets with no name, or with the name of another one in the same window."""
    problems: list[str] = []
    seen: set[str] = set()
    title = window.windowTitle() or type(window).__name__
    for widget in focusable(window):
        name = spoken_name(widget)
        if not name or name.startswith(":") or name.endswith(":"):
            problems.append(f"{title}: {type(widget).__name__} {widget.objectName()!r} unnamed")
        elif name in seen:
            problems.append(f"{title}: two controls are called {name!r}")
        seen.add(name)
    for clear in window.findChildren(QToolButton):  # shown in a field once it holds text
        if isinstance(clear.parent(), QLineEdit) and not clear.accessibleName().strip():
            field = clear.parent().accessibleName()  # type: ignore[attr-defined]
            problems.append(f"{title}: the clear button of {field!r} is unnamed")
    return problems


def dialog_problems(window: MainWindow, name: str) -> list[str]:
    """Open the dialog behind the button called `name`, read its names, and close it."""
    found: list[str] = []
    before = set(QApplication.topLevelWidgets())
    opened: list[QDialog] = []
    waiting = True

    def poll() -> None:  # runs inside a modal dialog's exec(), until it is open
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog not in before:
            opened.append(dialog)
            found.extend(name_problems(dialog))
            QDialog.done(dialog, QDialog.DialogCode.Rejected)
        elif waiting:
            QTimer.singleShot(5, poll)

    target = button(window, name)
    waited = QElapsedTimer()
    waited.start()
    while not target.isEnabled() and waited.elapsed() < 3000:  # as a person waits for it
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    enabled = target.isEnabled()
    QTimer.singleShot(0, poll)
    target.click()
    waiting = False
    QApplication.processEvents()
    shown = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
    for window_beside in shown:  # one that stays open beside the main window (phone script)
        found.extend(name_problems(window_beside))
        window_beside.close()
    assert opened or shown, f"{name!r} opened no dialog ({'enabled' if enabled else 'disabled'})"
    return found


def test_the_welcome_page_names_every_control(session: AppSession) -> None:
    assert name_problems(session.open()) == []


# The phone script stays open beside the window and is raised (offscreen cannot).
@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$", OFFSCREEN_NOISE)
def test_every_page_and_dialog_of_the_demo_names_every_control_once(
    session: AppSession,
) -> None:
    demo = build_demo(session.open_repo(), session.clock().date())
    window = session.open()
    window.open_case(demo.id)
    found: list[str] = []
    for page in range(1, OUTCOME_PAGE + 1):
        window.show_page(page)
        QApplication.processEvents()
        found += [f"page {page}: {p}" for p in name_problems(window)]
        for name in DIALOG_BUTTONS[page]:
            found += dialog_problems(window, name)
    assert found == []


@pytest.mark.parametrize("existing", [False, True])
def test_the_case_dialog_names_every_control_once(
    qtbot: QtBot, session: AppSession, existing: bool
) -> None:
    case = session.open_repo().cases.create("Mum's second opinion") if existing else None
    dialog = CaseDialog(None, case)
    qtbot.addWidget(dialog)
    dialog.show()
    assert name_problems(dialog) == []
