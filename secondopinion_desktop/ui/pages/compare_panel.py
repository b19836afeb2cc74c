"""Step 3's tools: the comparison table, the call log, the best fit, and booking."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Unpack

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.appointments import Appointment, format_when, referral_todo_key
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctor_rows import DoctorRows
from secondopinion_desktop.domain.doctors import Answer, Doctor, Status
from secondopinion_desktop.domain.rounds import (
    RoundRanking,
    ordinal,
    rank_for_round,
)
from secondopinion_desktop.domain.scripts import calling_script
from secondopinion_desktop.services import booking, calls, doctors
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.delegates import ChoiceDelegate
from secondopinion_desktop.ui.dialogs import factories
from secondopinion_desktop.ui.forms import (
    NORMAL_LINE,
    buddy_label,
    button_row,
    clearable,
    error_label,
    push_button,
)
from secondopinion_desktop.ui.models.calls_model import CallsModel, day_text, when_text
from secondopinion_desktop.ui.models.doctors_model import (
    ANSWER_FIELDS,
    Column,
)
from secondopinion_desktop.ui.pages.best_fit import (
    FITS_SHOWN,
    BestFitBox,
    Candidates,
    read_candidates,
)
from secondopinion_desktop.ui.pages.doctor_table import DoctorTablePanel
from secondopinion_desktop.ui.pages.panel import PanelExtras, card, paragraph
from secondopinion_desktop.ui.pages.recent_cases import RecentCases
from secondopinion_desktop.ui.pages.todo_list import TodoList
from secondopinion_desktop.ui.safe_combo import SafeComboBox
from secondopinion_desktop.ui.tables import long_list_table

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
    from secondopinion_desktop.ui.dialogs.script_dialog import ScriptDialog


COMPARE_COLUMNS = {
    Column.NAME: 190,
    Column.ACCEPTING: 128,
    Column.WAIT: 122,
    Column.INSURANCE: 122,
    Column.REFERRAL: 122,
    Column.STATUS: 100,
}

__all__ = ["COMPARE_COLUMNS", "ComparePanel", "referral_todo_key"]


#: what the best-fit card says while a long list is read off the window's thread
WHILE_READING = RoundRanking((), "The best fits show here once your list is read.", ())


def read_compared(repo: Repository, case_id: int) -> Candidates:
    """The case's candidates ready for step 3: the table's keys made and the best fits
    ranked (also on a worker's connection, for a long list)."""
    read = read_candidates(repo, case_id)
    read.table.prepare(COMPARE_COLUMNS)
    read.ranking = rank_for_round(read.doctors, read.givers, FITS_SHOWN)
    return read


class ComparePanel(DoctorTablePanel):
    """Step 3: compare the candidates, log calls, and book the one chosen."""

    # opinions: a doctor who gave one is shown so, and not ranked again
    shows = frozenset(
        {Kind.DOCTORS, Kind.CALLS, Kind.APPOINTMENTS, Kind.TODOS, Kind.ROUNDS, Kind.OPINIONS}
    )

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        call_dialog: Callable[..., CallDialog] = factories.call_dialog,
        booking_dialog: Callable[..., BookingDialog] = factories.booking_dialog,
        doctor_dialog: Callable[..., DoctorDialog] = factories.doctor_dialog,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._doctor_dialog = doctor_dialog
        self._call_dialog = call_dialog
        self._booking_dialog = booking_dialog
        self._script_window: ScriptDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)

        # --- the booked visit and the best fit --------------------------------------------
        self.best_fit = box = BestFitBox()
        card("Best fit so far", layout).addWidget(box)
        self.booked_label, self.fit_labels = box.booked_label, box.fit_labels
        self.fit_note, self.left_out_label = box.fit_note, box.left_out_label
        self.choose_button, self.change_visit_button = box.choose_button, box.change_visit_button
        self.choose_button.clicked.connect(self.choose_selected)
        self.change_visit_button.clicked.connect(self.change_visit)
        self._givers: dict[int, int] = {}
        self._recent: RecentCases[Candidates] = RecentCases()
        self._read_now = Candidates(DoctorRows([]))

        # --- the comparison table ---------------------------------------------------------
        compare = card("Compare the doctors", layout)
        filters = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Type to find a doctor, specialty or phone number")
        self.filter_edit.setAccessibleName("Find in the table")
        clearable(self.filter_edit)
        self.status_filter = SafeComboBox()
        self.status_filter.setAccessibleName("Show doctors with this status")
        self.status_filter.addItem("All doctors", "")
        for status in Status:
            self.status_filter.addItem(status.label, status.value)
        filters.addWidget(self.filter_edit, 1)
        # Qt on Linux reads a combo box by its value and its label: the label names it for Orca.
        filters.addWidget(buddy_label("Show:", self.status_filter))
        filters.addWidget(self.status_filter)
        compare.addLayout(filters)
        self.make_table(COMPARE_COLUMNS, "Doctor comparison table", self._save_in_place)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        answer_choices = [
            (a.value, a.label.capitalize() if a is not Answer.UNKNOWN else a.label)
            for a in (Answer.YES, Answer.NO, Answer.UNKNOWN)
        ]
        for column in ANSWER_FIELDS:
            self.table.setItemDelegateForColumn(
                column, ChoiceDelegate(answer_choices, "Answer", self.table)
            )
        self.table.setItemDelegateForColumn(
            Column.STATUS,
            ChoiceDelegate([(s.value, s.label) for s in Status], "Status", self.table),
        )
        compare.addWidget(self.reading_label)
        compare.addWidget(self.table)
        self.table_message = error_label(self)
        compare.addWidget(self.table_message)
        hint = paragraph(
            "Double-click an answer, or press F2, to change it. Logging a call fills them in "
            "for you."
        )
        compare.addWidget(hint)
        self.call_button = push_button(
            "Log a call\u2026", "Log a call to the selected doctor", self.log_call
        )
        self.script_button = push_button(
            "Calling script", "Show what to ask on the phone", self.show_calling_script
        )
        self.edit_button = push_button("Edit\u2026", "Edit the selected doctor", self.edit_selected)
        compare.addLayout(button_row(self.call_button, self.script_button, self.edit_button))

        # --- the call log -----------------------------------------------------------------
        calls = card("Calls", layout)
        self.calls_title = paragraph("Choose a doctor in the table to see the calls you made.")
        calls.addWidget(self.calls_title)
        self.calls_model = CallsModel(self)
        self.calls_table = long_list_table(self.calls_model, "Calls to the selected doctor")
        # widths for the normal text size, wider for larger text (the table then scrolls
        # sideways inside itself); what was learned wraps in a column that keeps its width
        scale = max(1.0, self.calls_table.fontMetrics().height() / NORMAL_LINE)
        for place, width in ((0, 190), (1, 180), (2, 330), (3, 130)):
            self.calls_table.setColumnWidth(place, round(width * scale))
        # a doctor has a few calls: each row as tall as its words wrapped, never cut short;
        # hundreds get one line each (fitting 300 rows froze the window 170 ms a selection)
        self.calls_table.setWordWrap(True)
        self.calls_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.calls_table.doubleClicked.connect(self._show_call)
        self.calls_table.setMinimumHeight(150)
        calls.addWidget(self.calls_table)
        self.delete_call_button = push_button(
            "Delete call\u2026", "Delete the selected call", self.delete_selected_call
        )
        calls.addLayout(button_row(self.delete_call_button))

        # --- to-dos -----------------------------------------------------------------------
        self.todos = TodoList()
        self.todo_list, self.todo_empty = self.todos.list, self.todos.empty
        self.todos.toggled.connect(self.guarded(self._todo_toggled))
        card("To do", layout).addWidget(self.todos)

        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.status_filter.currentIndexChanged.connect(self._status_filter_changed)
        self.model.edit_rejected.connect(self._show_table_message)
        self.model.doctor_saved.connect(self._doctor_saved)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.calls_table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.filter_edit.setFocus)
        QShortcut(QKeySequence("Ctrl+L"), self, self.log_call)
        self._update_buttons()

    # --- loading -------------------------------------------------------------------------

    def forget(self, changes: Changes | None) -> None:
        self._recent.forget(changes)
        self.forget_reads()

    def load(self, case: Case) -> None:
        keep = self.selected_doctor()
        super().load(case)
        self.table_message.hide()
        show = partial(self._show_candidates, keep)
        reading = Candidates(DoctorRows([]), WHILE_READING)
        self.read_rows(case.id, self._recent, read_compared, show, reading)

    def _show_candidates(self, keep: Doctor | None, read: Candidates) -> None:
        self._read_now = read
        self._givers = read.givers
        self.show_rows(read.table)
        if keep is not None and self.model.row_of(keep.id) >= 0:
            self.select_doctor(keep.id)
        elif self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, Column.NAME))
        self._show_fit()
        self._show_calls()
        self._show_todos()
        self._update_buttons()

    def _selection_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_calls()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_doctor() is not None
        for button in (self.call_button, self.edit_button):
            button.setEnabled(has)
        self.choose_button.setEnabled(has or bool(self._ranking().fits))
        self.delete_call_button.setEnabled(self.calls_table.selectionModel().hasSelection())
        booked = self._booked_visit()
        self.change_visit_button.setVisible(booked is not None)

    def _status_filter_changed(self) -> None:
        value = self.status_filter.currentData()
        self.proxy.set_status(Status(value) if value else None)

    def _show_table_message(self, text: str) -> None:
        self.table_message.setText(text)
        self.table_message.show()

    def _save_in_place(self, doctor: Doctor) -> Doctor:
        saved, changes = doctors.update_doctor(self.repo, doctor)
        self.table_message.hide()
        self.status_message.emit(f"Saved {saved.spoken}.")
        self.report(changes)
        return saved

    def _doctor_saved(self, _doctor_id: int) -> None:
        """An answer changed in the table (the model shows it now): rank again."""
        self._read_now = Candidates(self.model.table())  # the same rows, changed in place
        self._show_fit()
        self._update_buttons()

    # --- best fit and the booked visit ----------------------------------------------------

    def _booked_visit(self) -> tuple[Doctor, Appointment] | None:
        if self.case is None:
            return None
        visit = self.repo.appointments.opinion_visit(self.case.id)
        if visit is None or visit.doctor_id is None:
            return None
        row = self.model.row_of(visit.doctor_id)
        if row < 0:
            return None
        return self.model.row_at(row), visit

    def _ranking(self) -> RoundRanking:
        """The best fits, ranked once per load or edit (not at every click in the table)."""
        read = self._read_now
        if read.ranking is None:
            read.ranking = rank_for_round(read.doctors, self._givers, len(self.fit_labels))
        return read.ranking

    def _show_fit(self) -> None:
        self.best_fit.show_fit(self._booked_visit(), self._ranking())

    # --- calls ---------------------------------------------------------------------------

    def _show_calls(self) -> None:
        doctor = self.selected_doctor()
        calls = self.repo.doctors.list_calls(doctor.id) if doctor is not None else []
        self.calls_model.set_rows(calls)
        if doctor is None:
            self.calls_title.setText("Choose a doctor in the table to see the calls you made.")
        elif calls:
            self.calls_title.setText(f"Calls to {doctor.spoken}: {len(calls):,}.")
        else:
            self.calls_title.setText(
                f"No calls to {doctor.spoken} yet. Press \u201cLog a call\u201d after you phone."
            )
        self._update_buttons()

    def _show_call(self, index: QModelIndex) -> None:
        """Show the whole of a call's notes (the table shows one line of each)."""
        if not index.isValid():
            return
        call = self.calls_model.row_at(index.row())
        lines = [
            f"When: {when_text(call.called_at)}",
            f"Who answered: {call.answered_by or 'not noted'}",
            "",
            call.learned or "(nothing written)",
        ]
        if call.call_back_on:
            lines += ["", f"Call back on {day_text(call.call_back_on)}."]
        messages.show_info(self, "A call", "\n".join(lines))

    def log_call(self) -> None:
        doctor = self.selected_doctor()
        if doctor is None:
            return
        dialog = self._call_dialog(self, doctor)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        call, updated = dialog.call(), dialog.updated_doctor()
        if call is None or updated is None:
            return
        self._refresh(calls.log_call(self.repo, call, updated), doctor.id)
        self.status_message.emit(f"Call to {doctor.spoken} saved.")

    def delete_selected_call(self) -> None:
        rows = self.calls_table.selectionModel().selectedRows()
        if not rows:
            return
        call = self.calls_model.row_at(rows[0].row())
        if not messages.ask_yes_no(
            self, "Delete this call?", "Delete this call from the log?", yes="Delete", no="Keep"
        ):
            return
        changes = calls.delete_call(self.repo, self.case.id if self.case else 0, call.id)
        selected = self.selected_doctor()
        self._refresh(changes, selected.id if selected else None)

    @property
    def script_window(self) -> ScriptDialog | None:
        """The calling-script window, once opened: one window, reused for every doctor."""
        return self._script_window

    def show_calling_script(self) -> None:
        if self.case is None:
            return
        text = calling_script(self.case, self.selected_doctor())
        if self._script_window is None:
            from secondopinion_desktop.ui.dialogs.script_dialog import ScriptDialog

            self._script_window = ScriptDialog(self, "What to ask on the phone", text)
        else:
            self._script_window.set_text(text)
        self._script_window.show()
        self._script_window.raise_()

    # --- choosing and booking -------------------------------------------------------------

    def choose_selected(self) -> None:
        """Book the doctor chosen in the table, or else the best fit."""
        doctor = self.selected_doctor()
        if doctor is None:
            fits = self._ranking().fits
            doctor = fits[0].doctor if fits else None
        if doctor is None or self.case is None:
            return
        gave = self._givers.get(doctor.id)
        current = self.repo.rounds.current(self.case.id)
        if (
            gave is not None
            and gave < current
            and not messages.ask_yes_no(
                self,
                "This doctor gave an earlier opinion",
                f"{doctor.spoken} gave the {ordinal(gave)} opinion. A {ordinal(current)} opinion "
                f"usually comes from another doctor.\n\nBook {doctor.spoken} again anyway?",
                yes="Book again",
                no="Cancel",
            )
        ):
            return
        if doctor.status is Status.RULED_OUT and not messages.ask_yes_no(
            self,
            "This doctor was ruled out",
            f"You marked {doctor.spoken} as ruled out. Book them anyway?",
            yes="Book anyway",
            no="Cancel",
        ):
            return
        existing = self.repo.appointments.opinion_visit(self.case.id)
        if existing is not None and existing.doctor_id not in (None, doctor.id):
            other = self.repo.doctors.get(existing.doctor_id)
            if not messages.ask_yes_no(
                self,
                "Replace the booked visit?",
                f"You already booked {other.spoken} for {format_when(existing.starts_at)}.\n\n"
                f"Book {doctor.spoken} instead? Remember to cancel the other visit by phone.",
                yes="Book instead",
                no="Keep the first",
            ):
                return
        same = existing if existing is not None and existing.doctor_id == doctor.id else None
        # a third-opinion round books a visit for that round
        dialog = self._booking_dialog(self, doctor, same, self.repo.rounds.current(self.case.id))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        visit = dialog.appointment()
        if visit is None:
            return
        self._save_booking(doctor, visit, existing)

    def _save_booking(
        self, doctor: Doctor, visit: Appointment, existing: Appointment | None
    ) -> None:
        changes = booking.book(self.repo, doctor, visit, existing)
        message = f"Booked {doctor.spoken} for {format_when(visit.starts_at)}."
        if booking.needs_referral(doctor):
            messages.show_info(
                self,
                "A referral is needed",
                f"{doctor.spoken} sees patients only with a referral.\n\n"
                "Ask your primary-care doctor to write one. Ask their front desk to phone "
                f"{doctor.spoken}'s office and fax the referral form over; that is usually the "
                "quickest way.\n\nThis is on your to-do list now.",
            )
        self._refresh(changes, doctor.id)
        self.status_message.emit(message)

    def change_visit(self) -> None:
        booked = self._booked_visit()
        if booked is None:
            return
        doctor, visit = booked
        dialog = self._booking_dialog(self, doctor, visit)
        moved = dialog.appointment() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if moved is None:
            return
        self._refresh(booking.change_visit(self.repo, moved), doctor.id)
        self.status_message.emit("The visit is changed.")

    # --- to-dos --------------------------------------------------------------------------

    def _show_todos(self) -> None:
        self.todos.show_todos(self.repo.todos.list(self.case.id) if self.case else [])

    def _todo_toggled(self, todo_id: int, done: bool) -> None:
        if self.case is None:
            return
        changes = booking.set_todo_done(self.repo, self.case.id, todo_id, done)
        self.status_message.emit("Well done." if done else "Marked as not done.")
        self.report(changes)
