"""Add or change one item of the records checklist.

Dates are typed the everyday way ("today", "Nov 12", "12/11/2026") and checked as they are
typed: under each date the dialog says how it read it, or what is wrong, in plain words. Save
stays off while anything cannot be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.record_entry import (
    MAX_NOTES_LENGTH,
    MAX_TEXT_LENGTH,
    check_dates,
    clean_record_title,
    parse_pages,
)
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.ui.columns import ColumnsLayout
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    error_label,
    field_values,
    form_layout,
    line_edit,
    text_edit,
)
from secondopinion_desktop.ui.style import dress

DATE_FIELDS = ("requested_on", "received_on", "sent_on", "confirmed_on", "returned_on")
DATE_LABELS = {
    "requested_on": "&Asked for on:",
    "received_on": "&Received on:",
    "sent_on": "&Sent on:",
    "confirmed_on": "Arrival &confirmed on:",
    "returned_on": "Returned to &us on:",
}
DATE_NAMES = {
    "requested_on": "Date asked for",
    "received_on": "Date received",
    "sent_on": "Date sent",
    "confirmed_on": "Date arrival confirmed",
    "returned_on": "Date returned to us",
}


class DateField(QWidget):
    """The shared date entry with a Today button; the line under it says how it was read."""

    def __init__(self, name: str, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        self.edit = DateEntry(name, today, lean="past", placeholder="Not yet")
        self.today_button = dress(QPushButton("Today"))
        self.today_button.setAccessibleName(f"{name}: today")
        self.today_button.setAutoDefault(False)
        self.today_button.clicked.connect(self.set_today)
        row.addWidget(self.edit, 1)
        row.addWidget(self.today_button)
        layout.addLayout(row)
        self.hint = self.edit.note_label
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self.check)

    def set_today(self) -> None:
        self.edit.set_value(self._today())
        self.check()

    def set_date(self, day: dt.date | None) -> None:
        self.edit.set_value(day)

    def value(self) -> dt.date | None:
        """The date typed; raises ValidationError with words for the person."""
        return self.edit.read()

    def error(self) -> str | None:
        return self.edit.problem() or None

    def check(self) -> None:
        self.edit.check()


class RecordDialog(GuardedDialog):
    """After accept(): `item()` is the item to save (with the id it came with)."""

    def __init__(
        self,
        parent: QWidget | None,
        item: RecordItem,
        doctors: Sequence[Doctor],
        new_doctor: Doctor | None,
        today: Callable[[], dt.date] = dt.date.today,
        focus: str = "",
    ) -> None:
        super().__init__(parent)
        self._original = item
        self._doctors = list(doctors)
        self._today = today
        self._result: RecordItem | None = None
        adding = item.id == 0
        self.setWindowTitle("Add an item" if adding else f"Change \u201c{item.title}\u201d")
        layout, foot = self.scrolling_body(letters=122)
        intro = QLabel(
            "Write down where this item is. Fill in each date as it happens; "
            "you can leave the rest empty."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = form_layout()
        dates_form = form_layout()
        self.title_edit = line_edit("Name of the item", "For example: Medical records", 120)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of item")
        for kind in RecordKind:
            self.kind.addItem(kind.label, kind.value)
        self.holder = QComboBox()
        self.holder.setEditable(True)
        dress(self.holder)  # the field typed in is the target: 24 px tall
        self.holder.setAccessibleName("Who has it now")
        holder_edit = self.holder.lineEdit()
        assert holder_edit is not None  # an editable combo box always has one
        holder_edit.setPlaceholderText("Choose a doctor, or type a place")
        holder_edit.setMaxLength(MAX_TEXT_LENGTH)
        self.holder.addItem("", None)
        for doctor in self._doctors:
            self.holder.addItem(doctor.spoken, doctor.id)
        new_name = new_doctor.spoken if new_doctor else ""
        self._new_label = f"The new doctor ({new_name})" if new_name else "The new doctor"
        self.recipient = QComboBox()
        self.recipient.setEditable(True)
        dress(self.recipient)
        self.recipient.setAccessibleName("Who it goes to")
        recipient_edit = self.recipient.lineEdit()
        assert recipient_edit is not None  # an editable combo box always has one
        recipient_edit.setMaxLength(MAX_TEXT_LENGTH)
        self.recipient.addItem(self._new_label, None)
        for doctor in self._doctors:
            if new_doctor is None or doctor.id != new_doctor.id:
                self.recipient.addItem(doctor.spoken, doctor.id)
        self.delivery = QComboBox()
        self.delivery.setAccessibleName("How it gets there")
        self.delivery.addItem("Not decided yet", None)
        for delivery in Delivery:
            self.delivery.addItem(delivery.label, delivery.value)
        self.timing = QComboBox()
        self.timing.setAccessibleName("Send ahead or bring along")
        for timing in Timing:
            self.timing.addItem(timing.label, timing.value)
        self.pages = line_edit("Number of pages", "Count them when you have them", 20)
        self.pages_hint = error_label(self)
        self.pages_hint.setAccessibleName("Problem with the number of pages")
        self.dates = {name: DateField(DATE_NAMES[name], today) for name in DATE_FIELDS}
        self.confirmed_by = line_edit(
            "Who confirmed it arrived", "The name of the person you spoke to", MAX_TEXT_LENGTH
        )
        self.fax_note = QLabel(
            "A fax is not done until someone at the office tells you it arrived. "
            "Phone them, then fill in the date and their name here."
        )
        self.fax_note.setWordWrap(True)
        dress(self.fax_note, "situation")
        self.notes = text_edit("Notes about this item", "Anything worth remembering", 70)

        form.addRow("&Item:", self.title_edit)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Who has it now:", self.holder)
        form.addRow("&Goes to:", self.recipient)
        form.addRow("&How:", self.delivery)
        form.addRow("Send ahead or &bring:", self.timing)
        pages_box = QVBoxLayout()
        pages_box.setSpacing(2)
        pages_box.addWidget(self.pages)
        pages_box.addWidget(self.pages_hint)
        pages_label = QLabel("&Pages:")
        pages_label.setBuddy(self.pages)
        form.addRow(pages_label, pages_box)
        form.addRow("N&otes:", self.notes)
        for name in ("requested_on", "received_on", "sent_on", "confirmed_on"):
            dates_form.addRow(DATE_LABELS[name], self.dates[name])
            label = dates_form.labelForField(self.dates[name])
            if isinstance(label, QLabel):
                label.setBuddy(self.dates[name].edit)
        dates_form.addRow("Confirmed b&y:", self.confirmed_by)
        dates_form.addRow(DATE_LABELS["returned_on"], self.dates["returned_on"])
        returned_label = dates_form.labelForField(self.dates["returned_on"])
        if isinstance(returned_label, QLabel):
            returned_label.setBuddy(self.dates["returned_on"].edit)
        self.form = form
        self.dates_form = dates_form
        columns = ColumnsLayout()  # side by side, or one under the other when narrow
        columns.add_column(form)
        columns.add_column(dates_form)
        layout.addLayout(columns)
        layout.addWidget(self.fax_note)
        self.buttons = self.add_error_and_buttons(foot, "Add item" if adding else "Save")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

        self._fill(item)
        self.kind.currentIndexChanged.connect(self._update_visibility)
        self.delivery.currentIndexChanged.connect(self._on_delivery_changed)
        self.timing.currentIndexChanged.connect(self._on_timing_changed)
        self.pages.textChanged.connect(self._check_live)
        for field in self.dates.values():
            field.edit.textChanged.connect(self._check_live)
        self._update_visibility()
        self._check_live()
        self.mark_clean()
        target = self.dates.get(focus)
        if focus == "confirmed_by":
            self.confirmed_by.setFocus()
        elif target is not None:
            target.edit.setFocus()
        else:
            self.title_edit.setFocus()

    # --- filling in and reading back ------------------------------------------------------

    def _fill(self, item: RecordItem) -> None:
        self.title_edit.setText(item.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind.value)))
        if item.holder_doctor_id is not None and self.holder.findData(item.holder_doctor_id) >= 0:
            self.holder.setCurrentIndex(self.holder.findData(item.holder_doctor_id))
        else:
            self.holder.setCurrentIndex(0)
            self.holder.setEditText(item.holder_text)
        if item.goes_to_new_doctor:
            self.recipient.setCurrentIndex(0)
        elif (
            item.recipient_doctor_id is not None
            and self.recipient.findData(item.recipient_doctor_id) >= 0
        ):
            self.recipient.setCurrentIndex(self.recipient.findData(item.recipient_doctor_id))
        else:
            self.recipient.setEditText(item.recipient_text)
        value = item.delivery.value if item.delivery else None
        self.delivery.setCurrentIndex(max(0, self.delivery.findData(value)))
        self.timing.setCurrentIndex(max(0, self.timing.findData(item.timing.value)))
        self.pages.setText("" if item.pages is None else str(item.pages))
        for name in DATE_FIELDS:
            self.dates[name].set_date(getattr(item, name))
        self.confirmed_by.setText(item.confirmed_by)
        self.notes.setPlainText(item.notes)

    def snapshot(self) -> object:
        fields = (self.title_edit, self.kind, self.holder, self.recipient, self.delivery)
        dates = (field.edit for field in self.dates.values())
        return field_values(*fields, self.timing, self.pages, *dates, self.confirmed_by, self.notes)

    def _chosen(self, combo: QComboBox, blank_is_none: bool) -> tuple[int | None, str]:
        """(doctor id, other place) from an editable combo: a listed name or typed text."""
        text = " ".join(combo.currentText().split())
        index = combo.findText(combo.currentText())
        if index >= 0:
            data = combo.itemData(index)
            if data is not None:
                return int(data), ""
            if index == 0 and (blank_is_none or text == self._new_label):
                return None, ""
        return None, text

    def _kind(self) -> RecordKind:
        return RecordKind(self.kind.currentData())

    def _update_visibility(self) -> None:
        lent = self._kind().lent
        self.dates_form.setRowVisible(self.dates["returned_on"], lent)
        fax = self.delivery.currentData() == Delivery.FAX.value
        self.fax_note.setVisible(fax)

    def _on_delivery_changed(self) -> None:
        if self.delivery.currentData() == Delivery.BRING.value:
            self.timing.setCurrentIndex(self.timing.findData(Timing.BRING_ALONG.value))
        self._update_visibility()

    def _on_timing_changed(self) -> None:
        if (
            self.timing.currentData() == Timing.SEND_AHEAD.value
            and self.delivery.currentData() == Delivery.BRING.value
        ):
            self.delivery.setCurrentIndex(0)

    def _check_live(self) -> None:
        """Inline checks as the person types; Save is off while anything cannot be read."""
        problem = False
        try:
            parse_pages(self.pages.text())
        except ValueError as exc:
            self.pages_hint.setText(str(exc))
            self.pages_hint.show()
            problem = True
        else:
            self.pages_hint.hide()
        for field in self.dates.values():
            field.check()
            problem = problem or field.error() is not None
        self.save_button.setEnabled(not problem)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow with the hints that appear under the fields, while the screen has room:
        past that, the form scrolls."""
        if self.isVisible() and self.body is not None:
            self.grow_to_fit()

    def build(self) -> RecordItem:
        """The item as typed; raises ValueError with words for the person."""
        title = clean_record_title(self.title_edit.text())
        try:
            pages = parse_pages(self.pages.text())
        except ValueError as exc:
            raise ValueError(f"Pages: {exc}") from exc
        dates: dict[str, dt.date | None] = {}
        for name, field in self.dates.items():
            try:
                dates[name] = field.value()
            except ValidationError as exc:
                label = DATE_NAMES[name]
                raise ValueError(f"{label}: {exc.message}") from exc
        holder_id, holder_text = self._chosen(self.holder, blank_is_none=True)
        recipient_id, recipient_text = self._chosen(self.recipient, blank_is_none=False)
        delivery_value = self.delivery.currentData()
        kind = self._kind()
        item = replace(
            self._original,
            title=title,
            kind=kind,
            holder_doctor_id=holder_id,
            holder_text=holder_text,
            recipient_doctor_id=recipient_id,
            recipient_text=recipient_text,
            delivery=Delivery(delivery_value) if delivery_value else None,
            timing=Timing(self.timing.currentData()),
            pages=pages,
            requested_on=dates["requested_on"],
            received_on=dates["received_on"],
            sent_on=dates["sent_on"],
            confirmed_on=dates["confirmed_on"],
            confirmed_by=" ".join(self.confirmed_by.text().split()),
            returned_on=dates["returned_on"] if kind.lent else None,
            notes=self.notes.toPlainText(),
        )
        problem = check_dates(item, self._today())
        if problem:
            raise ValueError(problem)
        return item

    def item(self) -> RecordItem | None:
        """What was saved, once the dialog was accepted."""
        return self._result

    def accept(self) -> None:
        if not self.notes_fit(self.notes, MAX_NOTES_LENGTH):
            return
        try:
            item = self.build()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self._result = item
        super().accept()
