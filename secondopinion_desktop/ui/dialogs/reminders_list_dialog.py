"""Tools > Reminders: every reminder of the case, with Done, Snooze, Open and the person's own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.reminders import (
    MAX_DETAIL_LENGTH,
    About,
    Reminder,
    clean_title,
    in_an_hour,
    to_local,
    tomorrow_morning,
)
from secondopinion_desktop.domain.typed_dates import not_before
from secondopinion_desktop.services import reminders as reminder_service
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.dialogs import reminder_dialog
from secondopinion_desktop.ui.dialogs.reminder_dialog import open_label
from secondopinion_desktop.ui.dialogs.reminder_window import ReminderWindow
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    TargetCheckBox,
    buddy_label,
    button_row,
    field_values,
    line_edit,
    push_button,
    text_edit,
)
from secondopinion_desktop.ui.models.reminders_model import Column, RemindersModel
from secondopinion_desktop.ui.selectable_label import SelectableLabel
from secondopinion_desktop.ui.style import dress
from secondopinion_desktop.ui.tables import row_table
from secondopinion_desktop.ui.time_entry import TimeEntry
from secondopinion_desktop.ui.write_pause import refused_while_paused, says_when_paused


class OwnReminderDialog(GuardedDialog):
    """Write one of your own reminders. After accept(): `reminder()` is the one to save."""

    def __init__(
        self,
        parent: QWidget | None,
        case_id: int,
        now: dt.datetime,
        existing: Reminder | None = None,
        zone: dt.tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_id = case_id
        self._now = now
        self._zone = zone
        self._existing = existing
        self._result: Reminder | None = None
        self.setWindowTitle("Change your reminder" if existing else "A new reminder")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = line_edit("What to be reminded of", "For example: Ask Jo to drive", 200)
        self.day = DateEntry(
            "Day of the reminder",
            lambda: to_local(self._now, self._zone).date(),
            lean="future",
            required="Please type the day, for example \u201ctomorrow\u201d.",
            rule=self._day_rule,
            placeholder="For example: tomorrow, or Dec 3, 2026",
        )
        self.time = TimeEntry("Time of the reminder", dt.time(9, 0))
        when = QHBoxLayout()
        when.addWidget(self.day, 1)
        when.addWidget(QLabel("at"))
        when.addWidget(self.time)
        self.detail = text_edit("More about it", "Anything that helps when it comes up", 80)
        form.addRow("&Remind me to:", self.title)
        form.addRow(buddy_label("&Day:", self.day), when)
        form.addRow("", self.day.note_label)
        form.addRow("", self.time.problem_label)
        form.addRow("&More:", self.detail)
        layout.addLayout(form)
        self.add_error_and_buttons(layout, "Save reminder")
        if existing is not None:
            local = to_local(existing.due_at, zone)
            self.title.setText(existing.title)
            self.day.set_value(local.date())
            self.time.set_value(dt.time(local.hour, local.minute))
            self.detail.setPlainText(existing.detail)
        else:
            self.day.setText("tomorrow")
        self.mark_clean()
        self.title.setFocus()

    def _day_rule(self, day: dt.date) -> str:
        """A reminder is for a day still to come (one already set may stay as it was)."""
        if self._existing is not None and day == to_local(self._existing.due_at, self._zone).date():
            return ""
        return not_before(day, to_local(self._now, self._zone).date(), "That day")

    def snapshot(self) -> object:
        return field_values(self.title, self.day, self.time, self.detail)

    def reminder(self) -> Reminder | None:
        return self._result

    def accept(self) -> None:
        try:
            title = clean_title(self.title.text())
        except ValueError as exc:
            self.fail(str(exc), self.title)
            return
        if not self.notes_fit(self.detail, MAX_DETAIL_LENGTH):
            return
        due = self.checked_moment(self.day, self.time, self._zone)
        if due is None:
            return
        if due <= self._now and (self._existing is None or due != self._existing.due_at):
            self.fail("That time has already passed. Please choose a later one.", self.day)
            return
        self._result = Reminder(
            id=self._existing.id if self._existing else 0,
            case_id=self._case_id,
            title=title,
            detail=self.detail.toPlainText().strip(),
            due_at=due,
            about=About.CASE,
        )
        super().accept()


class RemindersListDialog(ReminderWindow):
    """All reminders of the open case. Not modal: it can stay open beside the window.

    Its signals are ReminderWindow's.
    """

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        zone: dt.tzinfo | None = None,
        own_dialog: Callable[..., OwnReminderDialog] = OwnReminderDialog,
    ) -> None:
        super().__init__(repo, parent, clock, zone)
        self._own_dialog = own_dialog
        self.case_id: int | None = None
        self.resize(1000, 560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.summary = QLabel()
        dress(self.summary, "situation")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        intro = QLabel(
            "Second Opinion adds reminders for you from what you write down: records due "
            "before the visit, a fax to check on, an office to call back, the visit itself. "
            "You can add your own, too."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.show_done = dress(TargetCheckBox("Show the ones already done"))
        self.show_done.setAccessibleName("Show reminders already done")
        self.show_done.toggled.connect(self.reload)
        layout.addWidget(self.show_done)
        self.model = RemindersModel(self)
        self.table = row_table(self.model, "Reminders")
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(Column.WHEN, 190)
        self.table.setColumnWidth(Column.ABOUT, 170)
        self.table.setColumnWidth(Column.STATE, 230)
        # wrapped titles change height with the width: fit the rows again on a resize (once
        # for the several sections a resize moves, at the next turn of the event loop)
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_args: self._fit_rows.start())
        self._loads = 0  # how many times the list was read (see `_changed`)
        self.table.doubleClicked.connect(self._open_index)
        self.model.rowsInserted.connect(self._fit_new_rows)
        layout.addWidget(self.table, 1)
        self.detail = SelectableLabel()
        self.detail.setAccessibleName("About the chosen reminder")
        layout.addWidget(self.detail)

        self.done_button = push_button("Done", "Mark the chosen reminder done", self.toggle_done)
        self.snooze_button = dress(QPushButton("Snooze"))
        self.snooze_button.setAccessibleName("Snooze the chosen reminder")
        menu = QMenu(self.snooze_button)
        self.snooze_hour = QAction("For 1 hour", menu)
        self.snooze_morning = QAction("Until tomorrow morning (9 am)", menu)
        self.snooze_pick = QAction("Pick a day and time\u2026", menu)
        for action in (self.snooze_hour, self.snooze_morning, self.snooze_pick):
            menu.addAction(action)
        self.snooze_button.setMenu(menu)
        self.snooze_hour.triggered.connect(lambda: self._snooze(in_an_hour(self._clock())))
        self.snooze_morning.triggered.connect(
            lambda: self._snooze(tomorrow_morning(self._clock(), self._zone))
        )
        self.snooze_pick.triggered.connect(self._snooze_pick)
        self.open_button = push_button(
            "Open", "Go to what the chosen reminder is about", self._open_selected
        )
        self.new_button = push_button(
            "New reminder\u2026", "Add a reminder of your own", self.add_own
        )
        self.edit_button = push_button(
            "Change\u2026", "Change the chosen reminder of your own", self.edit_own
        )
        self.delete_button = push_button(
            "Remove\u2026", "Remove the chosen reminder of your own", self.delete_own
        )
        close = dress(QPushButton("Close"))
        close.setAccessibleName("Close the reminders list")
        close.clicked.connect(self.close)
        buttons = (
            self.done_button,
            self.snooze_button,
            self.open_button,
            self.new_button,
            self.edit_button,
            self.delete_button,
            close,
        )
        for button in buttons:
            button.setAutoDefault(False)
        layout.addLayout(button_row(*buttons))  # wraps when the window is narrow
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------------

    def load(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        """Read the list again: its first page (or as many rows as were read before, so the
        place scrolled to stays), the rest as the table is scrolled; counts from the index."""
        keep = self.selected()
        self._loads += 1
        now = self._clock()
        case_id, include_done = self.case_id, self.show_done.isChecked()
        everyone, open_count, due = (
            self.repo.reminders.tally(case_id, now) if case_id is not None else (0, 0, 0)
        )
        self.model.set_pages(
            lambda offset, limit: (
                self.repo.reminders.page(case_id, include_done, offset, limit)
                if case_id is not None
                else []
            ),
            everyone if include_done else open_count,
            now,
            self._zone,
            self.palette(),
            at_least=self.model.rowCount(),
        )
        self.table.resizeRowsToContents()
        if not self.model.rowCount():
            self.summary.setText("No reminders for this case yet.")
        elif due:
            self.summary.setText(f"{due:,} due now, {open_count:,} still to do in all.")
        else:
            self.summary.setText(f"Nothing due now. {open_count:,} coming up.")
        row = self.model.row_of(keep.id) if keep else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, Column.TITLE))
        self._update_buttons()

    def _fit_new_rows(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Rows read as the table scrolls get their wrapped height, as the first page did."""
        for row in range(first, last + 1):
            self.table.resizeRowToContents(row)

    def selected(self) -> Reminder | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select(self, reminder_id: int) -> None:
        row = self.model.row_of(reminder_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, Column.TITLE))

    def _update_buttons(self, *_args: object) -> None:
        reminder = self.selected()
        has = reminder is not None
        own = has and reminder is not None and not reminder.derived
        self.done_button.setEnabled(has)
        self.done_button.setText("Not done" if reminder is not None and reminder.done else "Done")
        self.snooze_button.setEnabled(has and reminder is not None and not reminder.done)
        self.open_button.setEnabled(has and reminder is not None and reminder.page is not None)
        if reminder is not None and reminder.page is not None:
            self.open_button.setText(open_label(reminder.page))
        else:
            self.open_button.setText("Open")
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.detail.setText(reminder.detail if reminder is not None else "")

    # --- acting ----------------------------------------------------------------------------

    def _changed(self, select_id: int | None = None) -> None:
        loads = self._loads
        self.changed.emit()
        if self._loads == loads:  # nobody listening read the list again: read it here, once
            self.reload()
        if select_id is not None:
            self.select(select_id)

    @says_when_paused
    def toggle_done(self) -> None:
        reminder = self.selected()
        if reminder is None:
            return
        reminder_service.set_done(self.repo, reminder.id, not reminder.done)
        self._changed(reminder.id)

    @says_when_paused
    def _snooze(self, until: dt.datetime) -> None:
        reminder = self.selected()
        if reminder is None:
            return
        reminder_service.snooze(self.repo, reminder.id, until)
        self._changed(reminder.id)

    def _snooze_pick(self) -> None:
        until = reminder_dialog.ask_snooze_time(self, self._clock(), self._zone)
        if until is not None:
            self._snooze(until)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            reminder = self.model.row_at(index.row())
            if reminder.page is not None:
                self.open_requested.emit(reminder)

    def _open_selected(self) -> None:
        reminder = self.selected()
        if reminder is not None and reminder.page is not None:
            self.open_requested.emit(reminder)

    @says_when_paused
    def add_own(self) -> None:
        if self.case_id is None or refused_while_paused(self, self.repo):
            return
        dialog = self._own_dialog(self, self.case_id, self._clock(), None, self._zone)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reminder = dialog.reminder()
        if reminder is None:
            return
        saved, _changes = reminder_service.add_own(self.repo, reminder)
        self._changed(saved.id)

    @says_when_paused
    def edit_own(self) -> None:
        reminder = self.selected()
        if reminder is None or reminder.derived or self.case_id is None:
            return
        if refused_while_paused(self, self.repo):
            return
        dialog = self._own_dialog(self, self.case_id, self._clock(), reminder, self._zone)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.reminder()
        if changed is None:
            return
        saved, _changes = reminder_service.update_own(self.repo, changed)
        self._changed(saved.id if saved else None)

    @says_when_paused
    def delete_own(self) -> None:
        reminder = self.selected()
        if reminder is None or reminder.derived:
            return
        if not messages.ask_yes_no(
            self,
            "Remove this reminder?",
            f"Remove the reminder \u201c{reminder.title}\u201d?",
            yes="Remove",
            no="Keep it",
        ):
            return
        reminder_service.delete_own(self.repo, reminder)
        self._changed()
