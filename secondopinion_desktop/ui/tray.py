"""The icon beside the clock (the system tray): notifications while the window is hidden, and,
when the person keeps Second Opinion running to be reminded, the way back in and out.

One QSystemTrayIcon, made only when first needed (most starts never need it). Its menu has
Open and Quit; a click on the icon or on a notification opens the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

TRAY_MESSAGE_MS = 15_000
TOOLTIP = "Second Opinion: keeping your reminders"


def offscreen() -> bool:
    return QGuiApplication.platformName() == "offscreen"


def system_tray_available() -> bool:
    """Whether this desktop has a system tray (GNOME has none without an extension)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class TrayIcon(QObject):
    """The app's icon in the system tray, where there is one.

    Signals:
        open_requested(): the icon, a notification or Open in its menu was clicked.
        quit_requested(): Quit in its menu.
    """

    open_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject, available: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        # whether there is a tray here: asked each time (a tray can come and go; tests say)
        self.available: Callable[[], bool] = available or (lambda: system_tray_available())
        self._icon: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None
        self.open_action: QAction | None = None
        self.quit_action: QAction | None = None
        self.messages: list[tuple[str, str]] = []  # what was shown, for tests and the log
        self._shown = False

    @property
    def shown(self) -> bool:
        """Whether the icon is in the tray (offscreen, where there is none: would be)."""
        return self._icon is not None and self._shown

    def _made(self) -> QSystemTrayIcon:
        if self._icon is None:
            icon = QSystemTrayIcon(self)
            app = QApplication.instance()
            if isinstance(app, QApplication) and not app.windowIcon().isNull():
                icon.setIcon(app.windowIcon())
            else:  # no icon file found (a checkout without resources): a plain one, not none
                standard = QStyle.StandardPixmap.SP_MessageBoxInformation
                icon.setIcon(QApplication.style().standardIcon(standard))
            icon.setToolTip(TOOLTIP)
            menu = QMenu()
            menu.setAccessibleName("Second Opinion")
            self.open_action = QAction("&Open Second Opinion", menu)
            self.open_action.setStatusTip("Show the Second Opinion window")
            self.open_action.triggered.connect(self.open_requested)
            self.quit_action = QAction("&Quit Second Opinion", menu)
            self.quit_action.setStatusTip("Stop Second Opinion: no reminders until it is opened")
            self.quit_action.triggered.connect(self.quit_requested)
            menu.addAction(self.open_action)
            menu.addSeparator()
            menu.addAction(self.quit_action)
            icon.setContextMenu(menu)
            icon.messageClicked.connect(self.open_requested)
            icon.activated.connect(self._activated)
            self.menu = menu
            self._icon = icon
        return self._icon

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

    def show(self) -> bool:
        """Put the icon in the tray; False where there is no tray."""
        if not self.available():
            return False
        icon = self._made()
        if not offscreen():  # no tray to show it in (Qt warns)
            icon.show()
        self._shown = True
        return True

    def hide(self) -> None:
        if self._icon is not None:
            self._icon.hide()
        self._shown = False

    def notify(self, title: str, text: str) -> bool:
        """A notification from the icon; False where the desktop cannot show one."""
        if not self.available() or not QSystemTrayIcon.supportsMessages():
            return False
        self.show()
        if not offscreen():
            information = QSystemTrayIcon.MessageIcon.Information
            self._made().showMessage(title, text, information, TRAY_MESSAGE_MS)
        self.messages.append((title, text))
        return True

    def close(self) -> None:
        """Take the icon away for good (the app is quitting)."""
        if self._icon is not None:
            self._icon.hide()
            self._icon.deleteLater()
            self._icon = None
        self._shown = False
        if self.menu is not None:
            self.menu.deleteLater()
            self.menu = None
