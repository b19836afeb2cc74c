"""Where the window was, and where the person was in it: kept in the settings between runs.

The window's size and place and the sidebar's width come back at the next start; the case last
open and the page each case was on let the next start go straight back to them.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QMainWindow, QSplitter

from secondopinion_desktop.domain.cases import Case

#: The size of a first start, before the person has moved or resized the window.
FIRST_SIZE = QSize(1200, 800)


def restore_window_state(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(FIRST_SIZE)
    state = settings.value("window/splitter")
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)


def save_window_state(
    window: QMainWindow,
    splitter: QSplitter,
    settings: QSettings,
    case: Case | None,
    page: int | None,
) -> None:
    """Save at once (sync): the process may end right after the window closes."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", splitter.saveState())
    if case is not None:
        settings.setValue("last_case_id", case.id)
        settings.setValue(f"case/{case.id}/page", page)
    settings.sync()


def bring_forward(window: QMainWindow) -> None:
    """Another launch asked for this window: show it, raised and active."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
