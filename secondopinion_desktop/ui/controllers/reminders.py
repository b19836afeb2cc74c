"""Reminders in the window: the scheduler, the reminder window, Tools > Reminders and
Tools > Export to Calendar, a tray notification when the window is hidden, and (through
KeepRunningController) keeping the reminders while the window is closed.

The main window creates one ReminderController and otherwise knows nothing about reminders.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.case_actions import mark_needs_case, new_action
from secondopinion_desktop.ui.controllers.keep_running import KeepRunningController
from secondopinion_desktop.ui.reminder_scheduler import ReminderScheduler
from secondopinion_desktop.ui.tray import TrayIcon

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.reminder_dialog import ReminderDialog
    from secondopinion_desktop.ui.dialogs.reminders_list_dialog import RemindersListDialog
    from secondopinion_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# what the reminder rules look at (store: reminder_facts): a change of these re-runs them
REMINDER_FACTS = frozenset(
    {
        Kind.CASE,
        Kind.ROUNDS,
        Kind.APPOINTMENTS,
        Kind.DOCTORS,
        Kind.CALLS,
        Kind.RECORDS,
        Kind.TODOS,
        Kind.REMINDERS,
    }
)


def raise_window(widget: QWidget, activate: bool = True) -> None:
    """Bring a window to the front (where windows have a front: not offscreen, which warns)."""
    if QGuiApplication.platformName() == "offscreen":
        return
    widget.raise_()
    if activate:
        widget.activateWindow()


class ReminderController(QObject):
    """Owns the scheduler and the reminder windows of one main window."""

    def __init__(
        self,
        window: MainWindow,
        repo: Repository,
        clock: Callable[[], dt.datetime] | None = None,
        zone: dt.tzinfo | None = None,
        notify: Callable[[str, str], bool] | None = None,
        start: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.repo = repo
        self._clock = clock or repo.now
        self._zone = zone
        self.scheduler = ReminderScheduler(repo, self._clock, zone, self)
        self._popup: ReminderDialog | None = None  # made when first needed
        self.list_dialog: RemindersListDialog | None = None
        self.tray = TrayIcon(self)
        self.tray.open_requested.connect(self.bring_back)
        # How a person hears of a reminder while the window is hidden (tests replace it).
        self.notify: Callable[[str, str], bool] = notify or self.tray.notify
        self.notifications: list[tuple[str, str]] = []

        self.scheduler.due.connect(self._on_due)
        self.scheduler.reminders_changed.connect(self._refresh_views)
        self.keep = KeepRunningController(
            window, window.settings, self.tray, self.export_calendar, self._clock, active=start
        )
        self.keep.any_reminder = repo.reminders.any_open
        self.scheduler.reminders_changed.connect(self.keep.reminder_made)
        window.changed.connect(self._case_data_changed)

        self.list_action = new_action(
            window,
            "&Reminders\u2026",
            self.show_list,
            "See every reminder, and add your own",
            "Ctrl+Shift+R",
        )
        self.export_action = new_action(
            window,
            "Export to &Calendar\u2026",
            self.export_calendar,
            "Save the visits and reminders as a file your calendar can import",
        )
        mark_needs_case(self.export_action).setEnabled(window.case is not None)
        self.menu = QMenu("&Tools", window)
        self.menu.addAction(self.list_action)
        self.menu.addAction(self.export_action)
        self.menu.addSeparator()
        self.menu.addAction(self.keep.action)
        bar = window.menuBar()
        actions = bar.actions()
        if actions:
            bar.insertMenu(actions[-1], self.menu)  # before Help
        else:
            bar.addMenu(self.menu)
        self._started = start
        if start:
            self.scheduler.start()

    def window_closing(self) -> bool:
        """The window is closing (its closeEvent asks first). True: it is kept running in the
        tray, as chosen, so the close is refused; otherwise the checks stop (the data may be
        closed next).

        The window calls this and `window_shown` rather than this watching it through an
        event filter: a Python filter receives every event as a plain QEvent, and PySide then
        creates every event class it has (about 50) at start, for nothing.
        """
        if self.keep.close_to_tray():
            return True
        self.scheduler.stop()
        if self._started:
            self.keep.remember_running()
        return False

    def window_shown(self) -> None:
        """The window is shown again (from the tray): the checks start again."""
        if self._started and not self.scheduler.running:
            self.scheduler.start()

    @property
    def popup_made(self) -> bool:
        """Whether the reminder window exists yet: it is made only when first needed."""
        return self._popup is not None

    @property
    def popup(self) -> ReminderDialog:
        """The window that shows reminders as they fall due."""
        if self._popup is None:
            from secondopinion_desktop.ui.dialogs.reminder_dialog import ReminderDialog

            self._popup = ReminderDialog(
                self.repo, self.window, self._clock, self._zone, self._case_name
            )
            self._popup.open_requested.connect(self.open_reminder)
            self._popup.list_requested.connect(self.show_list)
            self._popup.changed.connect(self._reminders_edited)
        return self._popup

    # --- names ---------------------------------------------------------------------------

    def _case_name(self, case_id: int) -> str:
        """The case's name, shown beside a reminder only when there are several cases."""
        cases = self.repo.cases.list()
        if len(cases) < 2:
            return ""
        return next((c.display_name for c in cases if c.id == case_id), "")

    # --- due -------------------------------------------------------------------------------

    def _on_due(self, reminders: Sequence[Reminder]) -> None:
        """Show what fell due; at start, count what fell due while the app was not running."""
        if self.scheduler.at_start:
            self.popup.show_reminders(reminders, self.keep.last_running(), away=True)
        else:
            self.popup.show_reminders(reminders)
        self.keep.remember_running()
        if self.window.isMinimized() or not self.window.isVisible():
            if len(reminders) == 1:
                title, text = "Reminder", reminders[0].title
            else:
                title = f"{len(reminders)} reminders"
                text = "\n".join(r.title for r in reminders[:4])
            if self.notify(title, text):
                self.notifications.append((title, text))
        QApplication.alert(self.window)

    def bring_back(self) -> None:
        """Show the window again (a click on the tray message), and any reminders waiting."""
        self.window.showNormal()
        raise_window(self.window)
        if self._popup is not None and self._popup.cards:
            self._popup.show()
            raise_window(self._popup, activate=False)

    def open_reminder(self, reminder: Reminder) -> None:
        """Go to what the reminder is about: its case, and its page."""
        self.bring_back()
        if self.window.case is None or self.window.case.id != reminder.case_id:
            self.window.open_case(reminder.case_id)
        if reminder.page is not None and self.window.case is not None:
            self.window.show_page(reminder.page)

    # --- changes ---------------------------------------------------------------------------

    def _case_data_changed(self, changes: Changes) -> None:
        if not changes.touches(REMINDER_FACTS):
            return
        case = self.window.case
        self.scheduler.data_changed_soon(case.id if case is not None else None)

    def _reminders_edited(self) -> None:
        self.scheduler.reminder_changed()

    def _refresh_views(self) -> None:
        if self._popup is not None and self._popup.waiting:
            self._popup.drop(self.scheduler.closed_among(self._popup.waiting))
        if self.list_dialog is not None and self.list_dialog.isVisible():
            self.list_dialog.reload()

    # --- the list and the calendar -------------------------------------------------------

    def show_list(self) -> None:
        case = self.window.case
        if case is not None:
            self.scheduler.data_changed_soon(case.id)
        self.scheduler.flush_changes()  # the list shows what the latest changes imply
        if self.list_dialog is None:
            from secondopinion_desktop.ui.dialogs.reminders_list_dialog import (
                RemindersListDialog,
            )

            self.list_dialog = RemindersListDialog(self.repo, self.window, self._clock, self._zone)
            self.list_dialog.open_requested.connect(self.open_reminder)
            self.list_dialog.changed.connect(self._reminders_edited)
        self.list_dialog.load(case.id if case is not None else None)
        self.list_dialog.show()
        raise_window(self.list_dialog)

    def export_calendar(self) -> None:
        case = self.window.case
        if case is None:
            return
        path = messages.choose_save_path(
            self.window,
            "Export to Calendar",
            "second-opinion.ics",
            "Calendar files (*.ics)",
        )
        if not path:
            return
        if not path.lower().endswith(".ics"):
            path += ".ics"
        try:
            # imported here: icalendar is slow to import and only needed for this
            from secondopinion_desktop.services.exports import case_calendar, write_calendar

            data = case_calendar(self.repo, case.id, self._zone)
            write_calendar(Path(path), data)
        except NotFoundError:
            return
        except KnownError as exc:
            messages.show_error(self.window, "Could not export", exc.message)
            return
        self.window.status.showMessage(
            "Saved. Open the file with your calendar program, or send it to your phone, "
            "to add the visits and reminders.",
            10_000,
        )
