"""The whole app with the keyboard alone: no mouse event anywhere in this file.

Every control on every page is reached with Tab, in the order a person reads the page, and
Tab always comes back round (nothing traps it). The control with the keyboard has a ring
drawn round it (ui/focus_ring.py), checked in the window's pixels. The menus open with Alt
and close with Escape, every dialog walks the same way and closes with Escape, the doctor
table is changed with the arrows and F2, and the "Show:" list on step 3 no longer changes
when an arrow key passes over it (#13).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMenu,
    QScrollArea,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.colours import contrast, focus_color
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, apply_style
from tests.helpers.every_dialog import every_dialog
from tests.helpers.stranger import named
from tests.ui.conftest import AppSession

MAX_TABS = 200


@pytest.fixture
def demo(session: AppSession) -> Case:
    return build_demo(session.open_repo(), session.clock().date())


@pytest.fixture
def window(session: AppSession, demo: Case, qapp: QApplication) -> Iterator[MainWindow]:
    apply_style(qapp, DEFAULT_POINT_SIZE)  # the style draws the focus ring
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    # no reminder window: the sample's due reminders would take the keyboard away
    window = MainWindow(session.open_repo(), settings, session.factory, reminders=False)
    session.qtbot.addWidget(window)
    window.show()
    window.open_case(demo.id)
    window.activateWindow()
    session.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard went nowhere"
    return widget


def tab_round(qtbot: QtBot, start: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    """Press Tab from `start` until the focus comes back to it; the widgets passed."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [focused()]
    for _ in range(MAX_TABS):
        before = focused()
        qtbot.keyClick(before, key)
        if focused() is before:
            break  # Tab kept in one place
        if focused() is visited[0]:
            return visited
        visited.append(focused())
    raise AssertionError(
        "Tab never came back: trapped in " + ", ".join(label(w) for w in visited[-3:])
    )


def label(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.accessibleName()!r}"


def tab_stops(root: QWidget) -> list[QWidget]:
    """Every control under `root` a person can reach with Tab (shown, enabled, one stop each)."""
    stops = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.window() is root.window()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or (
            isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox)
        ):
            continue  # part of another control
        stops.append(widget)
    return stops


def reads_before(first: QWidget, second: QWidget, page: QWidget) -> bool:
    """`first` is above `second` on the page, or beside it on its left."""
    a = first.geometry().translated(first.parentWidget().mapTo(page, QPoint(0, 0)))
    b = second.geometry().translated(second.parentWidget().mapTo(page, QPoint(0, 0)))
    if a.bottom() < b.top():
        return True
    overlap = a.top() <= b.bottom() and b.top() <= a.bottom()
    return overlap and a.right() < b.left()


def out_of_order(visited: list[QWidget], page: QScrollArea) -> list[str]:
    inner = page.widget()
    on_page = [w for w in visited if inner.isAncestorOf(w)]
    return [
        f"{label(second)} comes after {label(first)}"
        for first, second in itertools.pairwise(on_page)
        if reads_before(second, first, inner)
    ]


# --- Tab through every page ----------------------------------------------------------------


def test_tab_reaches_every_control_of_every_page_in_reading_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    for page in range(1, OUTCOME_PAGE + 1):
        window.show_page(page)
        visited = tab_round(qtbot, window.case_combo)
        missed = [label(w) for w in tab_stops(window) if w not in visited]
        assert missed == [], f"page {page}: Tab never reaches {missed}"
        stack_page = window.stack.currentWidget()
        assert isinstance(stack_page, QScrollArea)
        assert out_of_order(visited, stack_page) == [], f"page {page}"
        # the case bar, then the steps, then the page: top to bottom, left to right
        order = [visited.index(w) for w in (window.case_combo, window.sidebar, stack_page)]
        assert order == sorted(order), f"page {page}"
        assert tab_round(qtbot, window.case_combo, Qt.Key.Key_Backtab)[1:] == visited[:0:-1]


def test_the_step_list_and_its_pages_follow_the_arrow_keys(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page(1)
    window.sidebar.setFocus()
    for page in range(2, OUTCOME_PAGE + 1):
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        assert window.current_page() == page
    qtbot.keyClick(focused(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == OUTCOME_PAGE - 1


# --- the focus ring ------------------------------------------------------------------------


def fully_shown(widget: QWidget, window: QWidget) -> bool:
    """The whole control, and a few pixels round it, is in view (not scrolled half away)."""
    want = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).adjusted(-4, -4, 4, 4)
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not window:
        shown = QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size())
        if not shown.contains(want) and ancestor.parentWidget() is not window.centralWidget():
            return False
        ancestor = ancestor.parentWidget()
    return True


def ring_sides(window: MainWindow, widget: QWidget, ring: QColor) -> int:
    """On how many of its four sides `widget` has the ring colour within 3 px of its edge."""
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    rect = widget.rect()
    middle = rect.center()
    sides = [
        [QPoint(middle.x(), rect.top() + d) for d in range(-3, 3)],
        [QPoint(middle.x(), rect.bottom() + d) for d in range(-2, 4)],
        [QPoint(rect.left() + d, middle.y()) for d in range(-3, 3)],
        [QPoint(rect.right() + d, middle.y()) for d in range(-2, 4)],
    ]
    found = 0
    for points in sides:
        for point in points:
            at = widget.mapTo(window, point)
            x, y = int(at.x() * ratio), int(at.y() * ratio)
            if image.valid(x, y) and contrast(image.pixelColor(x, y), ring) < 1.15:
                found += 1
                break
    return found


def test_the_control_with_the_keyboard_has_a_ring_round_it(
    qtbot: QtBot, window: MainWindow, qapp: QApplication
) -> None:
    ring = focus_color(qapp.palette())
    window.show_page(2)
    visited = tab_round(qtbot, window.case_combo)
    checked = 0
    for widget in visited[:8]:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        page = window.stack.currentWidget()
        if isinstance(page, QScrollArea) and page.widget().isAncestorOf(widget):
            page.ensureWidgetVisible(widget, 40, 40)
        qtbot.wait(1)
        if not fully_shown(widget, window):
            continue
        checked += 1
        assert ring_sides(window, widget, ring) == 4, f"no ring round {label(widget)}"
    assert checked >= 4
    window.details_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert ring_sides(window, window.case_combo, ring) == 0, "a ring left behind"


# --- menus and dialogs ---------------------------------------------------------------------


def test_the_menus_open_with_alt_and_close_with_escape(qtbot: QtBot, window: MainWindow) -> None:
    titles = []
    for key in (Qt.Key.Key_F, Qt.Key.Key_E, Qt.Key.Key_V, Qt.Key.Key_T, Qt.Key.Key_H):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        titles.append(menu.title())
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        assert menu.activeAction() is not None
        qtbot.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        qtbot.keyClick(window.menuBar(), Qt.Key.Key_Escape)
    assert titles == ["&File", "&Edit", "&View", "&Tools", "&Help"]


def test_every_dialog_walks_with_tab_and_closes_with_escape(
    qtbot: QtBot, session: AppSession, demo: Case, qapp: QApplication
) -> None:
    apply_style(qapp, DEFAULT_POINT_SIZE)
    now = session.clock
    for name, dialog in every_dialog(session.open_repo(), demo, now):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d)  # type: ignore[misc]
        first = next(iter(tab_stops(dialog)), None)
        assert first is not None, name
        visited = tab_round(qtbot, first)
        missed = [label(w) for w in tab_stops(dialog) if w not in visited]
        assert missed == [], f"{name}: Tab never reaches {missed}"
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        assert not dialog.isVisible(), f"Escape did not close the {name} dialog"
        if isinstance(dialog, QDialog) and name != "reminder window":
            assert dialog.result() == QDialog.DialogCode.Rejected, name


# --- the doctor table and the "Show:" list ---------------------------------------------------


def test_the_doctor_table_is_changed_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, session: AppSession, demo: Case
) -> None:
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    visited = tab_round(qtbot, window.case_combo)
    assert table in visited
    table.setFocus(Qt.FocusReason.TabFocusReason)
    model = table.model()
    answer_column = next(
        c
        for c in range(model.columnCount())
        if "insurance" in str(model.headerData(c, Qt.Orientation.Horizontal)).lower()
    )
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(model.columnCount()):
        if table.currentIndex().column() >= answer_column:
            break
        qtbot.keyClick(table, Qt.Key.Key_Right)
    row = table.currentIndex().row()
    assert table.currentIndex().column() == answer_column
    name = str(model.index(row, 0).data())
    before = next(d for d in session.open_repo().doctors.list(demo.id) if d.name in name)
    wanted = Answer.NO if before.accepts_insurance is not Answer.NO else Answer.YES
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QAbstractItemView.State.EditingState
    editor = focused()
    assert isinstance(editor, QComboBox) and table.isAncestorOf(editor)
    while editor.currentData() != wanted.value:
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    after = session.open_repo().doctors.get(before.id)
    assert after.accepts_insurance is wanted
    # the save re-runs the reminder rules, and the sample's reminders due today open the
    # reminder window, which takes the keyboard (MainWindow(reminders=False) does not stop
    # that check); back to the table as the person would
    table.activateWindow()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == answer_column + 1


def test_arrow_keys_on_show_open_the_list_and_change_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    shown = table.model().rowCount()
    find = named(window, QLineEdit, "Find in the table")
    find.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(find, Qt.Key.Key_Tab)
    show = focused()
    assert isinstance(show, QComboBox) and show.accessibleName().startswith("Show doctors")
    for key in (Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_B):
        qtbot.keyClick(show, key)
        assert show.currentIndex() == 0 and table.model().rowCount() == shown
        assert show.view().isVisible(), "the list opens, so the choice is seen"
        qtbot.keyClick(show.view(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not show.view().isVisible())
    qtbot.keyClick(show, Qt.Key.Key_Down)
    qtbot.keyClick(show.view(), Qt.Key.Key_Down)
    qtbot.keyClick(show.view(), Qt.Key.Key_Return)
    assert show.currentIndex() == 1, "Enter in the open list chooses"
    assert table.model().rowCount() <= shown


class EatsTab(QObject):
    """A control that keeps Tab for itself: what a trap looks like to the check."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Tab


def test_the_keyboard_check_finds_a_trap(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page(6)
    table = named(window, QTableView, "Questions for the visit")
    trap = EatsTab(table)
    table.installEventFilter(trap)
    with pytest.raises(AssertionError, match="trapped"):
        tab_round(qtbot, table)
