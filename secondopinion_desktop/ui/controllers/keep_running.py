"""Keep reminding me when Second Opinion is closed: the setting, its first offer, closing to the
tray, quitting for real, and starting at login hidden (platform/autostart.py writes the entry).

When the setting is on and the desktop has a system tray, closing the window hides it and the
app keeps running beside the clock; File > Quit and Quit in the icon's menu really quit. At
login the app starts with HIDDEN_FLAG, without its window. Where there is no tray, the setting
is not turned on: the person is told so, in words, and offered Export to Calendar instead.

The offer is a quiet bar at the top of the window (not a dialog: it never interrupts typing),
shown the first time a reminder is made, once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.case_actions import new_action
from secondopinion_desktop.ui.style import dress
from secondopinion_desktop.ui.tray import TrayIcon

if TYPE_CHECKING:
    from secondopinion_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

KEEP_KEY = "reminders/keep_running"
OFFERED_KEY = "reminders/keep_running_offered"
TOLD_KEY = "reminders/told_still_running"
LAST_RUNNING_KEY = "reminders/last_running"

SETTING_TEXT = "Keep reminding me when Second Opinion is closed"
MENU_TEXT = "&Keep Reminding Me When Second Opinion Is Closed"
MENU_PATH = "Tools \u203a Keep Reminding Me When Second Opinion Is Closed"
OFFER_TEXT = (
    "Second Opinion has made a reminder for you. Would you like it to keep reminding you when "
    "its window is closed? It then waits as a small icon beside the clock, and starts by "
    "itself when you log in, without opening its window. You can change this at any time "
    f"under {MENU_PATH}."
)
NO_TRAY_TEXT = (
    "Second Opinion can remind you only while its window is open: this desktop has no place "
    "beside the clock (a system tray) for it to wait in. To be reminded anyway, you can put "
    "your visits and reminders in your calendar with Tools \u203a Export to Calendar."
)
NO_TRAY_OFFER = (
    "Second Opinion has made a reminder for you. It can remind you only while its window is "
    "open, because this desktop has no place beside the clock (a system tray) for it to wait "
    "in. To be reminded anyway, you can put your visits and reminders in your calendar."
)
STILL_RUNNING_TITLE = "Second Opinion is still running"
STILL_RUNNING_TEXT = (
    "It keeps your reminders from here. To stop it, choose Quit in this icon's menu or "
    "File \u203a Quit in the window."
)

StartAtLogin = Callable[[bool], None]


def start_at_login_here(data_dir: Path | None = None) -> StartAtLogin:
    """Writes or removes this computer's start-at-login entry for the copy running now."""

    def apply(on: bool) -> None:
        from secondopinion_desktop.platform import autostart

        frozen = bool(getattr(sys, "frozen", False))
        command = autostart.start_command(sys.executable, frozen, data_dir)
        run_key = None
        if sys.platform.startswith("win"):
            run_key = RunKey()
        autostart.set_start_at_login(
            on, command, sys.platform, dict(os.environ), Path.home(), run_key
        )

    return apply


def data_dir_of(settings: QSettings) -> Path | None:
    """The data folder the app runs on, when it is not the usual one (--data-dir): the entry
    that starts it at login must open the same folder. The settings file lives in it."""
    from secondopinion_desktop.paths import default_data_dir

    folder = Path(settings.fileName()).parent
    try:
        usual = folder.resolve() == default_data_dir().resolve()
    except OSError:
        usual = False
    return None if usual else folder


class RunKey:
    """The per-user Run key as a mapping (QSettings NativeFormat: the registry on Windows)."""

    def __init__(self) -> None:
        from secondopinion_desktop.platform.autostart import RUN_KEY

        self._settings = QSettings(RUN_KEY, QSettings.Format.NativeFormat)

    def __setitem__(self, name: str, value: str) -> None:
        self._settings.setValue(name, value)
        self._settings.sync()

    def __getitem__(self, name: str) -> str:
        if not self._settings.contains(name):
            raise KeyError(name)
        return str(self._settings.value(name))

    def __delitem__(self, name: str) -> None:
        self._settings.remove(name)
        self._settings.sync()

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._settings.contains(name)

    def pop(self, name: str, default: str | None = None) -> str | None:
        if name not in self:
            return default
        value = self[name]
        del self[name]
        return value


class OfferBar(QFrame):
    """The offer, in a quiet bar at the top of the window, with its two answers."""

    def __init__(self, text: str, yes: str, no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offerBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(SETTING_TEXT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        self.yes_button = QPushButton(yes)
        dress(self.yes_button, "primary")
        self.yes_button.setAccessibleName(yes.replace("\u2026", ""))
        self.no_button = dress(QPushButton(no))
        self.no_button.setAccessibleName(no)
        for button in (self.yes_button, self.no_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class KeepRunningController(QObject):
    """The setting and what follows from it, for one main window."""

    def __init__(
        self,
        window: MainWindow,
        settings: QSettings,
        tray: TrayIcon,
        export_calendar: Callable[[], None],
        clock: Callable[[], dt.datetime],
        start_at_login: StartAtLogin | None = None,
        active: bool = True,
    ) -> None:
        """`active` False for the non-interactive modes: no icon, closing closes."""
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.tray = tray
        self._export_calendar = export_calendar
        self._clock = clock
        # writes or removes the entry that starts the app at login (tests pass a fake)
        self.start_at_login: StartAtLogin = start_at_login or start_at_login_here(
            data_dir_of(settings)
        )
        self.quit_app: Callable[[], None] = QApplication.quit  # tests replace it
        self.any_reminder: Callable[[], bool] = lambda: True  # the window gives the real one
        self.active = active
        self.quitting = False
        self.offer: OfferBar | None = None
        self.action = new_action(
            window,
            MENU_TEXT,
            lambda: self.set_keep(self.action.isChecked()),
            "Stay beside the clock when the window is closed, and start at login, to remind you",
        )
        self.action.setCheckable(True)
        self.action.setChecked(self.keep)
        tray.quit_requested.connect(self.quit)
        app = QApplication.instance()
        if active and isinstance(app, QApplication):
            app.aboutToQuit.connect(self.remember_running)
            app.commitDataRequest.connect(lambda _manager: self.remember_running())
        if active and self.keep:
            self._apply_keep(True)

    # --- the setting -------------------------------------------------------------------------

    @property
    def keep(self) -> bool:
        """Whether the person chose to be reminded while the window is closed."""
        return _true(self.settings.value(KEEP_KEY))

    @property
    def offered(self) -> bool:
        return _true(self.settings.value(OFFERED_KEY))

    def set_keep(self, on: bool) -> bool:
        """Turn the setting on or off (the menu, the offer); False when it could not be."""
        if on and not self.tray.available():
            self.action.setChecked(False)
            self._offer_calendar()
            return False
        try:
            self.start_at_login(on)
        except (KnownError, OSError) as exc:
            log.warning("Start at login not changed: %s", type(exc).__name__)
            self.action.setChecked(self.keep)
            messages.show_error(
                self.window,
                "Could not change the setting",
                "Second Opinion could not change what starts when you log in, so the setting "
                "is as it was. Please try again.",
            )
            return False
        self.settings.setValue(KEEP_KEY, on)
        self.settings.setValue(OFFERED_KEY, True)
        self.settings.sync()
        self.action.setChecked(on)
        self._apply_keep(on)
        self.close_offer()
        return True

    def _apply_keep(self, on: bool) -> None:
        if not self.active:
            return
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.quitOnLastWindowClosed() == on:
            # hidden in the tray, closing the reminder window must not end the app
            app.setQuitOnLastWindowClosed(not on)
        if on:
            self.tray.show()
        else:
            self.tray.hide()

    def _offer_calendar(self) -> None:
        if messages.ask_yes_no(
            self.window,
            SETTING_TEXT,
            NO_TRAY_TEXT,
            "Export to Calendar\u2026",
            "Not Now",
        ):
            self._export_calendar()

    # --- the first offer ---------------------------------------------------------------------

    def reminder_made(self) -> None:
        """Reminders changed: the first time there is one, offer the setting (once)."""
        if not self.active or self.offered or self.keep or self.offer is not None:
            return
        if not self.any_reminder():
            return  # only taken away: nothing was made
        if self.tray.available():
            # no & letters: the bar comes and goes over pages whose letters are taken
            bar = OfferBar(OFFER_TEXT, "Keep Reminding Me", "No, Only While Open")
            bar.yes_button.clicked.connect(lambda: self.set_keep(True))
        else:
            bar = OfferBar(
                NO_TRAY_OFFER,
                "Export to Calendar\u2026",
                "Not Now",
            )
            bar.yes_button.clicked.connect(self._export_from_offer)
        bar.no_button.clicked.connect(self._declined)
        central = self.window.centralWidget()
        layout = central.layout() if central is not None else None
        if not isinstance(layout, QVBoxLayout):
            return
        layout.insertWidget(1, bar)  # under the case bar, above the steps
        bar.show()
        self.offer = bar

    def _export_from_offer(self) -> None:
        self._declined()
        self._export_calendar()

    def _declined(self) -> None:
        self.settings.setValue(OFFERED_KEY, True)
        self.close_offer()

    def close_offer(self) -> None:
        if self.offer is not None:
            self.offer.hide()
            self.offer.deleteLater()
            self.offer = None

    # --- closing, opening, quitting ------------------------------------------------------------

    def close_to_tray(self) -> bool:
        """The window is being closed: keep running in the tray instead, when so chosen.
        True when the window was hidden (the close is then ignored)."""
        if not self.active or self.quitting or not self.keep or not self.tray.show():
            return False
        self.window.flush_edits()
        self.window.save_window_state()
        self.window.hide()
        self.remember_running()
        if not _true(self.settings.value(TOLD_KEY)):
            self.settings.setValue(TOLD_KEY, True)
            self.tray.notify(STILL_RUNNING_TITLE, STILL_RUNNING_TEXT)
        return True

    def start_hidden(self) -> bool:
        """Started at login (HIDDEN_FLAG): stay beside the clock. False when the setting is
        off (an entry left behind): the app should not run then, and the entry is removed."""
        if not self.keep:
            with contextlib.suppress(KnownError, OSError):
                self.start_at_login(False)
            return False
        self.tray.show()
        return True

    def quit(self) -> None:
        """Quit for real (File > Quit, the icon's Quit, the system asking the app to stop)."""
        self.quitting = True
        self.remember_running()
        self.window.close()
        self.tray.close()
        self.quit_app()

    # --- what fell due while away ------------------------------------------------------------

    def remember_running(self) -> None:
        """Note that the app ran until now: at the next start, what falls due after this is
        counted as having fallen due while the app was away."""
        self.settings.setValue(LAST_RUNNING_KEY, self._clock().isoformat(timespec="seconds"))

    def last_running(self) -> dt.datetime | None:
        value = self.settings.value(LAST_RUNNING_KEY)
        if not isinstance(value, str):
            return None
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
        return when if when.tzinfo is not None else None


def _true(value: object) -> bool:
    """A stored yes (QSettings' ini files give back text)."""
    return value is True or (isinstance(value, str) and value.lower() == "true")
