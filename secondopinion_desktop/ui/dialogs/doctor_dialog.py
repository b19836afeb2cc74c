"""Add or edit a doctor: who they are, how to reach them, where the name came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.doctors import (
    Doctor,
    Role,
    Source,
    Status,
    duplicate_warning,
    find_duplicates,
    insurance_text,
    per_insurer_list,
    with_insurance_answer,
)
from secondopinion_desktop.domain.records import iso_day_text, long_date
from secondopinion_desktop.domain.typed_dates import not_after
from secondopinion_desktop.domain.validation import (
    ValidationError,
    normalize_phone,
)
from secondopinion_desktop.domain.wait_times import format_wait, parse_wait_days
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    buddy_label,
    button_row,
    error_label,
    field_values,
    form_layout,
    line_edit,
    push_button,
    show_whole,
    text_edit,
)
from secondopinion_desktop.ui.safe_combo import answer_combo, get_answer, set_answer

#: A doctor's notes are kept up to this many letters (more is refused in words at Save).
MAX_DOCTOR_NOTES = 20_000

ROLE_LABELS = {
    Role.CANDIDATE: "A doctor who might give the second opinion",
    Role.TREATING: "A doctor treating the patient now",
    Role.PRIMARY_CARE: "The primary-care (family) doctor",
}


class DoctorDialog(GuardedDialog):
    """Returns a Doctor through `doctor()` once accepted; the caller saves it."""

    def __init__(
        self,
        parent: QWidget | None,
        case_id: int,
        doctor: Doctor | None = None,
        role: Role = Role.CANDIDATE,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._original = doctor or Doctor(id=0, case_id=case_id, name="", role=role)
        self._result: Doctor | None = None
        self._known: list[Doctor] = []
        self._matches: list[tuple[Doctor, str]] = []
        self._confirmed: tuple[str, str] | None = None
        self._open_instead: Doctor | None = None
        self.setWindowTitle("Edit doctor" if doctor else "Add a doctor")
        layout, foot = self.scrolling_body(letters=78)

        form = form_layout()
        self.role = QComboBox()
        self.role.setAccessibleName("Kind of doctor")
        for value, label in ROLE_LABELS.items():
            self.role.addItem(label, value.value)
        self.name = line_edit("Doctor's name", "For example: Dr. Priya Raman", 300)
        self.specialty = line_edit("Specialty", "For example: Medical oncologist", 300)
        self.practice = line_edit("Practice or hospital", max_length=300)
        self.address = line_edit("Address", max_length=500)
        self.phone = line_edit("Phone number", "For example: (555) 622-4100", 60)
        self.fax = line_edit("Fax number", max_length=60)
        form.addRow("&Kind:", self.role)
        form.addRow("&Name:", self.name)
        form.addRow("&Specialty:", self.specialty)
        form.addRow("&Practice:", self.practice)
        form.addRow("&Address:", self.address)
        form.addRow("P&hone:", self.phone)
        form.addRow("&Fax:", self.fax)
        layout.addLayout(form)

        self.source_box = QGroupBox("Where the name came from")
        source_form = form_layout(self.source_box)
        self.source = QComboBox()
        self.source.setAccessibleName("Where the name came from")
        self.source.addItem("Not noted", "")
        for source in Source:
            self.source.addItem(source.label, source.value)
        self.source_detail = line_edit(
            "Details of where the name came from", "For example: suggested by Dr. Okafor", 300
        )
        source_form.addRow("Sour&ce:", self.source)
        source_form.addRow("De&tails:", self.source_detail)
        board_row = QHBoxLayout()
        self.board = answer_combo("Board-certified", "Not checked yet")
        self.board_checked = DateEntry(
            "Date board certification was checked",
            self._today,
            lean="past",
            rule=lambda day: not_after(day, self._today(), "The date checked"),
            placeholder="Date checked",
        )
        board_row.addWidget(self.board)
        board_row.addWidget(QLabel("checked on"))
        board_row.addWidget(self.board_checked, 1)
        source_form.addRow(buddy_label("&Board-certified:", self.board), board_row)
        source_form.addRow("", self.board_checked.note_label)
        layout.addWidget(self.source_box)

        self.answers_box = QGroupBox("What the office told you")
        answers = form_layout(self.answers_box)
        self.accepting = answer_combo("Taking new patients")
        self.wait = line_edit("Wait for a first appointment", "For example: 9 days, 2 weeks", 40)
        self.insurance = answer_combo("Accepts your insurance")
        self.referral = answer_combo("Referral needed")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for status in Status:
            self.status.addItem(status.label, status.value)
        answers.addRow("Taking n&ew patients?", self.accepting)
        answers.addRow("&Wait for a first visit:", self.wait)
        answers.addRow("Takes your &insurance?", self.insurance)
        answers.addRow("&Referral needed?", self.referral)
        answers.addRow("Stat&us:", self.status)
        layout.addWidget(self.answers_box)

        self.notes = text_edit("Notes about this doctor", height=70)
        notes_form = form_layout()
        notes_form.addRow("N&otes:", self.notes)
        layout.addLayout(notes_form)
        # above the buttons, always in sight: the question is about pressing them
        self._build_duplicate_warning(foot, "Save anyway" if doctor else "Add anyway")
        self.add_error_and_buttons(foot, "Save" if doctor else "Add doctor")

        self._fill(self._original)
        self.role.currentIndexChanged.connect(self._show_role_parts)
        self._show_role_parts()
        self.mark_clean()
        self.name.setFocus()

    def _fill(self, d: Doctor) -> None:
        self.role.setCurrentIndex(max(0, self.role.findData(d.role.value)))
        show_whole(self.name, d.name)
        show_whole(self.specialty, d.specialty)
        show_whole(self.practice, d.practice)
        show_whole(self.address, d.address)
        self.source.setCurrentIndex(
            max(0, self.source.findData(d.source.value if d.source else ""))
        )
        show_whole(self.source_detail, d.source_detail)
        show_whole(self.phone, d.phone)
        show_whole(self.fax, d.fax)
        set_answer(self.board, d.board_certified)
        self.board_checked.setText(iso_day_text(d.board_checked_on, long_date))
        set_answer(self.accepting, d.accepting_new_patients)
        self.wait.setText("" if d.wait_days is None else format_wait(d.wait_days))
        set_answer(self.insurance, d.accepts_insurance)
        if per_insurer_list(d):  # shown as such, not as if the office had said it
            self.insurance.setItemText(
                self.insurance.currentIndex(), insurance_text(d).capitalize()
            )
        set_answer(self.referral, d.referral_required)
        self.status.setCurrentIndex(max(0, self.status.findData(d.status.value)))
        self.notes.setPlainText(d.notes)

    def _show_role_parts(self) -> None:
        candidate = self.role.currentData() == Role.CANDIDATE.value
        self.source_box.setVisible(candidate)
        self.answers_box.setVisible(candidate)
        if self.isVisible():
            self.fit_to_form()

    def snapshot(self) -> object:
        return field_values(
            self.role,
            self.source,
            self.board,
            self.accepting,
            self.insurance,
            self.referral,
            self.status,
            self.name,
            self.specialty,
            self.practice,
            self.address,
            self.phone,
            self.fax,
            self.source_detail,
            self.board_checked,
            self.wait,
            self.notes,
        )

    def doctor(self) -> Doctor | None:
        return self._result

    def validate(self) -> Doctor | None:
        """Check every field; show the first problem in words and keep everything typed."""
        name = " ".join(self.name.text().split())
        if not name:
            self.fail("Please type the doctor's name.", self.name)
            return None
        try:
            phone = normalize_phone(self.phone.text())
        except ValidationError as exc:
            self.fail(f"Phone: {exc}", self.phone)
            return None
        try:
            fax = normalize_phone(self.fax.text())
        except ValidationError as exc:
            self.fail(f"Fax: {str(exc).replace('phone number', 'fax number')}", self.fax)
            return None
        if not self.board_checked.check():
            self.fail(self.board_checked.problem("Date checked"), self.board_checked)
            return None
        checked = self.board_checked.value()
        try:
            wait = parse_wait_days(self.wait.text())
        except ValidationError as exc:
            self.fail(f"Wait: {exc}", self.wait)
            return None
        if not self.notes_fit(self.notes, MAX_DOCTOR_NOTES):
            return None
        source_value = self.source.currentData()
        self.error.hide()
        return replace(
            with_insurance_answer(self._original, get_answer(self.insurance)),
            role=Role(self.role.currentData()),
            name=name,
            specialty=self.specialty.text().strip(),
            practice=self.practice.text().strip(),
            address=self.address.text().strip(),
            phone=phone,
            fax=fax,
            source=Source(source_value) if source_value else None,
            source_detail=self.source_detail.text().strip(),
            board_certified=get_answer(self.board),
            board_checked_on=checked.isoformat() if checked else None,
            accepting_new_patients=get_answer(self.accepting),
            wait_days=wait,
            referral_required=get_answer(self.referral),
            status=Status(self.status.currentData()),
            notes=self.notes.toPlainText(),
        )

    # --- the same doctor twice ----------------------------------------------------------

    def _build_duplicate_warning(self, layout: QVBoxLayout, anyway: str) -> None:
        self.duplicate_box = QFrame()
        self.duplicate_box.setAccessibleName("This doctor may already be on your list")
        box = QVBoxLayout(self.duplicate_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.duplicate_label = error_label(self)
        self.duplicate_label.setAccessibleName("Already on your list")
        self.duplicate_label.show()
        box.addWidget(self.duplicate_label)
        self.open_existing_button = push_button(
            "Open the one on your list", "Open the doctor already on your list", self._open_existing
        )
        self.add_anyway_button = push_button(
            anyway, f"{anyway}: a different doctor", self._add_anyway
        )
        box.addLayout(button_row(self.open_existing_button, self.add_anyway_button))
        self.duplicate_box.hide()
        layout.addWidget(self.duplicate_box)

    def set_known_doctors(self, doctors: list[Doctor]) -> None:
        """The doctors already in the case, to warn before adding one of them again."""
        self._known = list(doctors)

    def open_instead(self) -> Doctor | None:
        """The listed doctor the person chose to open instead of adding a new one."""
        return self._open_instead

    def _open_existing(self) -> None:
        if self._matches:
            self._open_instead = self._matches[0][0]
            QDialog.done(self, QDialog.DialogCode.Rejected)  # nothing typed is saved

    def _add_anyway(self) -> None:
        self._confirmed = (self.name.text(), self.phone.text())
        self.accept()

    def accept(self) -> None:
        doctor = self.validate()
        if doctor is None:
            return
        self._matches = find_duplicates(doctor, self._known)
        if self._matches and self._confirmed != (self.name.text(), self.phone.text()):
            self.duplicate_label.setText(duplicate_warning(self._matches))
            self.duplicate_box.show()
            self.open_existing_button.setText(f"Open {self._matches[0][0].spoken}")
            self.open_existing_button.setFocus()
            return
        self._result = doctor
        super().accept()
