"""View > text size and the Help menu: the actions and what they do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from secondopinion_desktop import __version__
from secondopinion_desktop.domain.steps import STEPS
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.case_actions import new_action
from secondopinion_desktop.ui.style import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    MIN_POINT_SIZE,
    stored_point_size,
)

if TYPE_CHECKING:
    from secondopinion_desktop.ui.main_window import MainWindow

SIZE_KEY = "view/point_size"


class ViewController(QObject):
    """Owns Larger / Smaller / Normal text and How it works / About of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        key = QKeySequence.StandardKey
        self.larger_action = new_action(
            self.window, "&Larger Text", lambda: self.change_text_size(1), keys=key.ZoomIn
        )
        self.smaller_action = new_action(
            self.window, "&Smaller Text", lambda: self.change_text_size(-1), keys=key.ZoomOut
        )
        self.normal_size_action = new_action(
            self.window,
            "N&ormal Text Size",
            lambda: self.set_text_size(DEFAULT_POINT_SIZE),
            keys="Ctrl+0",
        )
        self.help_action = new_action(self.window, "&How Second Opinion Works", self.show_help)
        self.help_action.setShortcut(QKeySequence(key.HelpContents))
        self.about_action = new_action(self.window, "&About Second Opinion", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def text_size(self) -> int:
        return stored_point_size(self.window.settings.value(SIZE_KEY))

    def set_text_size(self, size: int) -> None:
        from secondopinion_desktop.ui.style import apply_style

        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self.window.settings.setValue(SIZE_KEY, size)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app, size)
        self.window.status.showMessage(f"Text size {size}.", 3000)

    def change_text_size(self, delta: int) -> None:
        self.set_text_size(self.text_size() + delta)

    def show_help(self) -> None:
        steps = "\n".join(f"{s.number}. {s.title} \u2014 {s.summary}" for s in STEPS)
        messages.show_info(
            self.window,
            "How Second Opinion works",
            "Second Opinion walks you through six steps:\n\n"
            f"{steps}\n\n"
            "Choose a step on the left to see what to do. Mark it as done when it is done. "
            "Everything you type is saved at once, on this computer only.\n\n"
            "This program organises your search. It does not give medical advice.",
        )

    def show_about(self) -> None:
        messages.show_about(
            self.window,
            "About Second Opinion",
            f"Second Opinion {__version__}\n\n"
            "A calm helper for getting a second medical opinion: telling your doctor, finding "
            "and calling other doctors, gathering records, and preparing the visit.\n\n"
            "It works offline. Your information stays on this computer.\n"
            "It does not give medical advice.",
        )
