"""Menu actions: made in one way (`new_action`), and those that only make sense with a case
open are marked, so one place can switch them on and off (the window's own and those other
parts of the app add to its menus)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
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
    action.triggered.connect(slot)
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
