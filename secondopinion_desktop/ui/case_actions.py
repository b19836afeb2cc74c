"""Menu actions: made in one way (`new_action`), and those that only make sense with a case
open are marked, so one place can switch them on and off (the window's own and those other
parts of the app add to its menus)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from secondopinion_desktop.ui.controllers import add_actions
from secondopinion_desktop.ui.forms import pressed

if TYPE_CHECKING:
    from secondopinion_desktop.ui.main_window import MainWindow
    from secondopinion_desktop.ui.models.cases_model import CasesModel

NEEDS_CASE = "secondopinion_needs_case"


def new_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    tip: str = "",
    keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    """A menu action that runs `slot`, with its status-bar tip and shortcut when given."""
    action = QAction(text, parent)
    if tip:
        action.setStatusTip(tip)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    context = parent if isinstance(parent, QWidget) else None
    action.triggered.connect(lambda: pressed(context, slot))  # WritesPaused said in words
    return action


def mark_needs_case(action: QAction) -> QAction:
    action.setProperty(NEEDS_CASE, True)
    return action


def enable_case_actions(window: QWidget, enabled: bool) -> None:
    for action in window.findChildren(QAction):
        if action.property(NEEDS_CASE):
            action.setEnabled(enabled)


def fill_switch_menu(
    menu: QMenu, cases: CasesModel, current_id: int | None, open_case: Callable[[int], None]
) -> None:
    """File > Switch To Case: one checkable entry per case, the open one ticked."""
    menu.clear()
    for row in range(cases.rowCount()):
        case = cases.row_at(row)
        action = menu.addAction(case.display_name)
        action.setCheckable(True)
        action.setChecked(case.id == current_id)
        action.triggered.connect(lambda _checked=False, cid=case.id: open_case(cid))
    if not cases.rowCount():
        empty = menu.addAction("No cases yet")
        empty.setEnabled(False)


def build_menu_bar(window: MainWindow) -> QMenu:
    """The window's menus in their order, with the actions the window and its controllers
    made (Tools, the reminders', goes in before Help); returns File's Switch To Case menu."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(window.new_case_action)
    switch_menu = file_menu.addMenu("&Switch To Case")
    case_items = [window.details_action, window.rename_action, window.delete_action]
    data_items = [*window.transfer.actions(), None, *window.backups.actions()]
    menus: list[tuple[QMenu, list[QAction | None]]] = [
        (
            file_menu,
            [None, *case_items, None, *data_items, None, window.quit_action],
        ),
        (
            bar.addMenu("&Edit"),
            [window.undo_action, window.redo_action, None, window.mark_done_action],
        ),
        (
            bar.addMenu("&View"),
            [
                *(window.prev_action, window.next_action, window.first_open_action, None),
                *(window.larger_action, window.smaller_action, window.normal_size_action),
            ],
        ),
        (bar.addMenu("&Help"), [window.help_action, None, window.about_action]),
    ]
    for menu, actions in menus:
        add_actions(menu, actions)
    return switch_menu
