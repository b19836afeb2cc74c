"""Menu actions that only make sense with a case open are marked, so one place can switch
them on and off (the window's own and those other parts of the app add to its menus)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

NEEDS_CASE = "secondopinion_needs_case"


def mark_needs_case(action: QAction) -> QAction:
    action.setProperty(NEEDS_CASE, True)
    return action


def enable_case_actions(window: QWidget, enabled: bool) -> None:
    for action in window.findChildren(QAction):
        if action.property(NEEDS_CASE):
            action.setEnabled(enabled)
