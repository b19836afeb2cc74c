"""Create a case or edit its details: the patient, the diagnosis, the insurance, and you."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from secondopinion_desktop.domain.cases import Case, clean_title, suggested_title
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.typed_dates import not_after
from secondopinion_desktop.domain.validation import ValidationError, normalize_phone
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    add_rows,
    form_layout,
    line_edit,
    show_whole,
    text_edit,
)

MAX_NOTES = 20_000


@frozen
class CaseDetails:
    """What the dialog collected, ready for the repository."""

    title: str
    patient_name: str
    date_of_birth: dt.date | None
    diagnosis: str
    recommended_treatment: str
    insurance_plan: str
    insurance_member_id: str
    organiser_name: str
    organiser_phone: str
    notes: str

    @classmethod
    def from_case(cls, case: Case) -> CaseDetails:
        return cls(**{f: getattr(case, f) for f in cls.__dataclass_fields__})

    def as_dict(self) -> dict[str, Any]:
        """The details as keyword arguments for `services.cases.create_case`."""
        return dict(self.__dict__)

    def applied_to(self, case: Case) -> Case:
        return replace(case, **self.__dict__)


class CaseDialog(GuardedDialog):
    """Asks before throwing away anything typed when cancelled."""

    def __init__(
        self,
        parent: QWidget | None = None,
        case: Case | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._result: CaseDetails | None = None
        self.setWindowTitle("Case details" if case else "New case")
        layout, foot = self.scrolling_body(letters=70)
        intro = QLabel(
            "Only the patient's name is needed now. You can add the rest whenever you like."
            if case is None
            else "Change whatever you need. It is saved when you press Save."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = form_layout(spacing=10)
        self.patient_name = line_edit("Patient's name", "For example: Margaret Ellis")
        self.title_edit = line_edit("Name of this case", "For example: Mum's second opinion", 200)
        self.date_of_birth = DateEntry(
            "Patient's date of birth",
            self._today,
            lean=None,
            rule=lambda day: not_after(day, self._today(), "The date of birth"),
            placeholder="For example: 12 April 1956",
        )
        self.diagnosis = line_edit("Diagnosis", "In the words of the doctor's report")
        self.treatment = line_edit("Recommended treatment", "What your doctor suggested")
        self.insurance_plan = line_edit("Insurance plan")
        self.member_id = line_edit("Insurance member number", max_length=100)
        self.organiser_name = line_edit(
            "Your name", "The person organising this, if not the patient"
        )
        self.organiser_phone = line_edit("Your phone number", "For offices to call back", 60)
        self.notes = text_edit("Notes about this case")

        add_rows(
            form,
            ("Patient's &name:", self.patient_name),
            ("&Case name:", self.title_edit),
            ("Date of &birth:", self.date_of_birth),
            ("", self.date_of_birth.note_label),
            ("&Diagnosis:", self.diagnosis),
            ("Recommended &treatment:", self.treatment),
            ("&Insurance plan:", self.insurance_plan),
            ("&Member number:", self.member_id),
            ("&Your name:", self.organiser_name),
            ("Your &phone:", self.organiser_phone),
            ("N&otes:", self.notes),
        )
        layout.addLayout(form)
        self.buttons = self.add_error_and_buttons(foot, "Create case" if case is None else "Save")

        if case is not None:
            show_whole(self.patient_name, case.patient_name)
            show_whole(self.title_edit, case.title)
            self.date_of_birth.set_value(case.date_of_birth)
            show_whole(self.diagnosis, case.diagnosis)
            show_whole(self.treatment, case.recommended_treatment)
            show_whole(self.insurance_plan, case.insurance_plan)
            show_whole(self.member_id, case.insurance_member_id)
            show_whole(self.organiser_name, case.organiser_name)
            show_whole(self.organiser_phone, case.organiser_phone)
            self.notes.setPlainText(case.notes)
        self.mark_clean()
        self.patient_name.setFocus()

    def snapshot(self) -> tuple[str, ...]:
        edits = (
            self.patient_name,
            self.title_edit,
            self.date_of_birth,
            self.diagnosis,
            self.treatment,
            self.insurance_plan,
            self.member_id,
            self.organiser_name,
            self.organiser_phone,
        )
        return (*(e.text() for e in edits), self.notes.toPlainText())

    def details(self) -> CaseDetails | None:
        """What was saved, once the dialog was accepted."""
        return self._result

    def validate(self) -> CaseDetails | None:
        """Check every field; show the first problem next to the form and keep all typing."""
        patient = " ".join(self.patient_name.text().split())
        title_text = self.title_edit.text().strip() or suggested_title(patient)
        if not patient and not self.title_edit.text().strip():
            self.fail(
                "Please type the patient's name, so you can find this case again.",
                self.patient_name,
            )
            return None
        try:
            title = clean_title(title_text)
        except ValueError as exc:
            self.fail(str(exc), self.title_edit)
            return None
        if not self.date_of_birth.check():
            self.fail(self.date_of_birth.problem("Date of birth"), self.date_of_birth)
            return None
        dob = self.date_of_birth.value()
        try:
            phone = normalize_phone(self.organiser_phone.text())
        except ValidationError as exc:
            self.fail(f"Your phone: {exc}", self.organiser_phone)
            return None
        if not self.notes_fit(self.notes, MAX_NOTES):
            return None
        self.error.hide()
        return CaseDetails(
            title=title,
            patient_name=patient,
            date_of_birth=dob,
            diagnosis=self.diagnosis.text().strip(),
            recommended_treatment=self.treatment.text().strip(),
            insurance_plan=self.insurance_plan.text().strip(),
            insurance_member_id=self.member_id.text().strip(),
            organiser_name=self.organiser_name.text().strip(),
            organiser_phone=phone,
            notes=self.notes.toPlainText(),
        )

    def accept(self) -> None:
        details = self.validate()
        if details is None:
            return
        self._result = details
        super().accept()
