"""Controllers: each owns one family of the window's menu actions and what they do.

The window makes them and lays their actions out in its menus; it knows nothing else about
reminders, backups or moving a case.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def add_actions(menu: QMenu, actions: Sequence[QAction | None]) -> None:
    """Lay actions out in a menu, None standing for a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
