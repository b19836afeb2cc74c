"""The records checklist (step 4) and the slides-and-scans checklist (step 5).

Each page shows, from the top: the one next thing to do, how far the list has come, the rule
that matters (a week ahead; a fax is not done until someone confirms it arrived), the table with
one obvious button for the selected item's next step, the scans attached to that item, and the
cover sheet to print or save as PDF.

The panel reads through the Repository and writes through services/records.py; the state
machine and its words are domain/record_steps.py. Changes to items are undoable (Edit > Undo,
or the Undo button that appears after removing an item).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Unpack

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.record_steps import (
    advanced,
    checklist_rule,
    done_message,
    item_next_step,
    undo_text,
)
from secondopinion_desktop.domain.records import (
    RecordItem,
    RecordKind,
)
from secondopinion_desktop.domain.steps import heading
from secondopinion_desktop.printing.cover_sheet import CoverSheet
from secondopinion_desktop.services import exports, records
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository, WritesPaused
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs.factories import record_dialog
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.forms import push_button
from secondopinion_desktop.ui.models.records_model import RecordsModel
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, card, paragraph
from secondopinion_desktop.ui.pages.records_cover import CoverSheetBox
from secondopinion_desktop.ui.pages.records_reading import (
    ChecklistRead,
    ChecklistReads,
    next_line,
    progress_line,
)
from secondopinion_desktop.ui.pages.records_scans import ScansBox
from secondopinion_desktop.ui.pages.records_table import checklist_table
from secondopinion_desktop.ui.pages.records_undo import RecordCommand, RemoveCommand
from secondopinion_desktop.ui.style import dress

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog


class RecordsPanel(StepPanel):
    """The checklist for one step: 4 (records) or 5 (slides and imaging).

    Signals (from StepPanel): changed(Changes) after every saved change, status_message(str).
    """

    shows = frozenset(
        # the case: its diagnosis decides which items are on the list from the start
        {Kind.RECORDS, Kind.ATTACHMENTS, Kind.DOCTORS, Kind.APPOINTMENTS, Kind.ROUNDS, Kind.CASE}
    )

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        step: int = 4,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self.step = step
        self.record_dialog_factory: Callable[..., RecordDialog] = record_dialog
        self._names: dict[int, str] = {}
        self._new_doctor: Doctor | None = None
        self._appointment: Appointment | None = None
        self._all_items: list[RecordItem] = []
        self._undo_command: QUndoCommand | None = None
        self._loaded_case_id: int | None = None
        self.reads = ChecklistReads(self, repo, step, self._show, self._wait)

        self.model = RecordsModel(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(18)
        self._build_checklist(outer)
        self._build_attachments(outer)
        self._build_cover_sheet(outer)
        self._update_buttons()

    # --- building ------------------------------------------------------------------------

    def _build_checklist(self, outer: QVBoxLayout) -> None:
        title = "Your records checklist" if self.step == 4 else "Slides and scans checklist"
        box = card(title, outer)
        first = box.itemAt(0)
        label = first.widget() if first is not None else None
        assert isinstance(label, QLabel)
        self._title = label  # step 5's follows the case: slides, or scans
        self.next_label = paragraph("")
        dress(self.next_label, "situation")
        self.next_label.setAccessibleName("What to do next")
        self.summary_label = paragraph("")
        dress(self.summary_label, "stepState")
        self.summary_label.setAccessibleName("Progress of the checklist")
        self.rule_label = paragraph("")
        self.rule_label.setAccessibleName("The rule for this checklist")
        box.addWidget(self.next_label)
        box.addWidget(self.summary_label)
        box.addWidget(self.rule_label)
        self.reading_label = self.reads.label  # a long checklist is read off the window's thread
        box.addWidget(self.reading_label)

        self.table = checklist_table(self.model, title)
        self.table.doubleClicked.connect(self.guarded(lambda _index: self.edit_item()))
        self.table.activated.connect(self.guarded(lambda _index: self.edit_item()))
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.guarded(self.remove_item))

        row = FlowLayout()
        row.setSpacing(10)
        self.next_step_button = QPushButton("Mark as asked for")
        dress(self.next_step_button, "primary")
        self.next_step_button.clicked.connect(self.advance_selected)
        self.edit_button = push_button("Change\u2026", "Change the selected item", self.edit_item)
        self.add_button = push_button("Add an item\u2026", "Add an item", self.add_item)
        self.remove_button = push_button("Remove", "Remove the selected item", self.remove_item)
        row.addWidget(self.next_step_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        box.addLayout(row)
        box.addWidget(self.table)

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.undo_label = QLabel()
        self.undo_label.setAccessibleName("What was just removed")
        self.undo_button = push_button("Undo", "Undo removing the item", self.undo_last)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()
        box.addWidget(self.undo_bar)

    def _build_attachments(self, outer: QVBoxLayout) -> None:
        box = card("Scans of the selected item", outer)
        self.scans = ScansBox(
            self.repo, self.selected_item, self._scans_saved, self._status, self.jobs
        )
        box.addWidget(self.scans)
        self.attachments_label, self.attachments_view = self.scans.label, self.scans.view
        self.attachments_model, self.attach_button = self.scans.model, self.scans.attach_button
        self.open_button, self.remove_scan_button = self.scans.open_button, self.scans.remove_button

    def _scans_saved(self, changes: Changes, select_id: int | None) -> None:
        self.reload(select_id=select_id)
        self.report(changes)

    def _status(self, text: str) -> None:
        self.status_message.emit(text)

    def _build_cover_sheet(self, outer: QVBoxLayout) -> None:
        box = card("Cover sheet for the records you send", outer)
        self.cover_box = CoverSheetBox(
            self.settings, self.repo, self.jobs, self.open_case_id, self.status_message.emit
        )
        box.addWidget(self.cover_box)
        self.cover_label = self.cover_box.cover_label
        self.paper_combo = self.cover_box.paper_combo
        self.preview_button = self.cover_box.preview_button
        self.print_button = self.cover_box.print_button
        self.pdf_button = self.cover_box.pdf_button

    # --- loading -------------------------------------------------------------------------

    def load(self, case: Case) -> None:
        super().load(case)
        if self.step == 5:
            title = f"{heading(5, case, self.repo.today()).short} checklist"
            if self.table.accessibleName() != title:
                self._title.setText(title)
                self.table.setAccessibleName(title)
        if self._loaded_case_id != case.id:
            self._loaded_case_id = case.id
            self._hide_undo_bar()
            if self.undo_stack.parent() is self:
                self.undo_stack.clear()
            self.table.clearSelection()
        select_id = self.selected_id()
        if not self.reads.shown_without_reading_now(case.id, select_id, self.switching):
            self.reload(select_id)

    def reload(self, select_id: int | None = None) -> None:
        """Fetch the case's items again and refresh everything on the panel, now (after a
        change made here, what it shows must be what was saved)."""
        if self.case is None:
            return
        if select_id is None:
            select_id = self.selected_id()
        try:
            read = self.reads.now(self.case.id)
        except NotFoundError:
            return
        self._show(read, select_id)

    def _wait(self) -> None:
        """A long checklist is being read: its own rows stay, out of reach; another case's go."""
        self.next_label.setText("")
        self.summary_label.setText("")
        if self.model.rowCount() and self.model.row_at(0).case_id == self.open_case_id():
            self.table.setEnabled(False)  # emptied, thousands of rows take long to fit again
            self.table.clearSelection()
        else:
            self.model.set_items([], {}, None, None, self.repo.today())
        self.cover_box.wait()
        self.scans.load()
        self._update_buttons()

    @property
    def reading(self) -> bool:
        """Whether a long checklist is being read off the window's thread now."""
        return self.reads.reading

    def forget(self, changes: Changes | None) -> None:
        self.reads.forget(changes)

    def _show(
        self, read: ChecklistRead, select_id: int | None, changed: RecordItem | None = None
    ) -> None:
        """Show a read of the case's checklist, selecting `select_id` if it is still listed,
        else the item of the suggested next step; only `changed`'s row, when given."""
        self._all_items = list(read.items)
        self._names = dict(read.names)
        self._new_doctor, self._appointment = read.new_doctor, read.appointment
        items = read.step_items
        today, visit, new_doctor = self.repo.today(), self.visit_date(), self._new_doctor_name()
        if changed is None or not self.model.change_item(changed, self._names):
            self.model.set_items(
                items, self._names, new_doctor, visit, today, read.attachment_counts, read.history
            )
        self.table.setEnabled(True)
        self.table.fit()
        summary = read.summary_on(today)  # made off the window's thread for a long list
        if select_id is not None and self.model.row_of(select_id) >= 0:
            self.select_row(self.model.row_of(select_id))
        elif self.model.rowCount():
            row = self.model.row_of(summary.next.item_id) if summary.next.item_id else -1
            self.select_row(max(row, 0))
        self.next_label.setText(next_line(summary))
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setText(progress_line(summary.progress, self.palette()))
        self.rule_label.setText(checklist_rule(self.step, new_doctor, visit))
        self.cover_box.show_summary(self._new_doctor, self._all_items)
        self.scans.load()
        self._update_buttons()

    def visit_date(self) -> dt.date | None:
        return self._appointment.starts_at.date() if self._appointment else None

    def _new_doctor_name(self) -> str | None:
        return self._new_doctor.spoken if self._new_doctor else None

    # --- selection -----------------------------------------------------------------------

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_item(self) -> RecordItem | None:
        row = self.selected_row()
        return self.model.row_at(row) if 0 <= row < self.model.rowCount() else None

    def selected_id(self) -> int | None:
        item = self.selected_item()
        return item.id if item else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _on_selection_changed(self) -> None:
        self.scans.load()
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected_item()
        has_case = self.case is not None
        self.add_button.setEnabled(has_case)
        self.edit_button.setEnabled(item is not None)
        self.remove_button.setEnabled(item is not None)
        step = item_next_step(item) if item else None
        if step is None:
            self.next_step_button.setText(
                "Nothing more to do for this item" if item else "Choose an item"
            )
            self.next_step_button.setEnabled(False)
        else:
            self.next_step_button.setText(step.label)
            self.next_step_button.setEnabled(True)
        self.next_step_button.setAccessibleName(
            f"{self.next_step_button.text()}: {item.title}" if item else "Next step"
        )
        self.scans.update_buttons()

    # --- changing items ------------------------------------------------------------------

    def _dialog_today(self) -> dt.date:
        return self.repo.today()

    def _open_dialog(self, item: RecordItem, focus: str = "") -> RecordItem | None:
        new = self._new_doctor.id if self._new_doctor is not None else None
        named = (item.holder_doctor_id, item.recipient_doctor_id, new)
        doctors = (
            self.repo.doctors.for_records(self.case.id, [i for i in named if i is not None])
            if self.case is not None
            else []
        )
        dialog = self.record_dialog_factory(
            self, item, doctors, self._new_doctor, self._dialog_today, focus
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.item()

    def add_item(self) -> None:
        if self.case is None:
            return
        kind = RecordKind.PATHOLOGY_SLIDES if self.step == 5 else RecordKind.MEDICAL_RECORDS
        blank = RecordItem(id=0, case_id=self.case.id, title="", kind=kind)
        item = self._open_dialog(blank)
        if item is None:
            return
        self._push(RecordCommand(self, f"add \u201c{item.title}\u201d", None, item))
        self._say(f"Added \u201c{item.title}\u201d.", item)

    def edit_item(self, focus: str = "", start: RecordItem | None = None) -> None:
        item = self.selected_item()
        if item is None:
            return
        after = self._open_dialog(start or item, focus)
        if after is None or after == item:
            return
        self._push(RecordCommand(self, f"change \u201c{after.title}\u201d", item, after))
        self._say(f"Saved \u201c{after.title}\u201d.", after)

    def advance_selected(self) -> None:
        """The primary button: move the selected item on to its next state."""
        item = self.selected_item()
        step = item_next_step(item) if item is not None else None
        if item is None or step is None:
            return
        today = self.repo.today()
        if step.needs_a_name:
            self.edit_item("confirmed_by", advanced(item, step, today))
            return
        after = advanced(item, step, today)
        self._push(RecordCommand(self, undo_text(item, step), item, after))
        self.status_message.emit(done_message(item, step))

    def remove_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        scans = len(self.repo.records.list_attachments(item.id))
        if scans and not messages.ask_yes_no(
            self,
            "Remove this item?",
            f"Remove \u201c{item.title}\u201d and its {scans} attached "
            f"scan{'s' if scans != 1 else ''} from Second Opinion?\n\n"
            "Your original files are not touched, and you can undo this.",
            yes="Remove item",
            no="Keep it",
        ):
            return
        command = RemoveCommand(self, item)
        self._push(command)
        self._undo_command = command
        self.undo_label.setText(f"Removed \u201c{item.title}\u201d.")
        self.undo_bar.show()
        self.status_message.emit(f"Removed \u201c{item.title}\u201d. You can undo this.")

    def undo_last(self) -> None:
        """The Undo button after removing an item: undoes that removal, if it is still last."""
        self._refuse_while_paused()  # the bar stays, to press again once the job is done
        index = self.undo_stack.index()
        if (
            self._undo_command is not None
            and index > 0
            and self.undo_stack.command(index - 1) is self._undo_command
        ):
            self.undo_stack.undo()
        self._hide_undo_bar()

    def _hide_undo_bar(self) -> None:
        self._undo_command = None
        self.undo_bar.hide()

    def _push(self, command: QUndoCommand) -> None:
        self._refuse_while_paused()
        if command is not self._undo_command:
            self._hide_undo_bar()
        self.undo_stack.push(command)

    def _refuse_while_paused(self) -> None:
        """A job writes: raise WritesPaused (said in words by the control's wrapper) before a
        command is done or undone, so Edit > Undo never lists a change that was not made."""
        words = self.repo.db.paused_words
        if words is not None:
            raise WritesPaused(words, "writes paused while a background job writes")

    def _say(self, message: str, item: RecordItem) -> None:
        if item.kind.step != self.step:
            other = heading(item.kind.step, self.case, self.repo.today()).short
            message += f" It is listed on step {item.kind.step}, {other}."
        self.status_message.emit(message)

    def apply_change(
        self, current: RecordItem | None, wanted: RecordItem | None
    ) -> RecordItem | None:
        """Make the stored item match `wanted` (used by commands, undo and redo).

        Returns the item as stored (new items get their id here) or None when it was removed.
        """
        result, changes = records.save_item(self.repo, current, wanted)
        read = self.reads.in_place(current, result) if result is not None else None
        if read is None:
            self.reload(select_id=result.id if result else None)
        else:
            self._show(read, result.id if result else None, changed=result)
        self.report(changes)
        if read is not None and result is not None:
            self.reads.keep(result.case_id, read)  # what `report` dropped, as it is now
        return result

    def take_out(self, item: RecordItem) -> records.RemovedItem:
        """Remove an item, keeping all of it for undo (used by RemoveCommand)."""
        removed, changes = records.take_out_item(self.repo, self.repo.data_folder(), item)
        self.reload()
        self.report(changes)
        return removed

    def put_back(self, removed: records.RemovedItem) -> RecordItem:
        """Put a removed item back with its history and scans (undo of RemoveCommand)."""
        item, changes = records.put_back_item(self.repo, self.repo.data_folder(), removed)
        self.reload(select_id=item.id)
        self.report(changes)
        return item

    # --- the cover sheet -----------------------------------------------------------------

    def cover_sheet(self) -> CoverSheet | None:
        """The sheet for the booked doctor (None with no case open)."""
        if self.case is None:
            return None
        return exports.cover_sheet(self.repo, self.case.id)
