"""Step 1's tools: a polite script for the current doctor, and a note of what was agreed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Unpack

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import answer_of, clean_said_by
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.scripts import doctor_to_address, tell_doctor_script
from secondopinion_desktop.domain.typed_dates import not_after
from secondopinion_desktop.services import cases, doctors
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.dialogs import factories
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.forms import (
    add_rows,
    buddy_label,
    button_row,
    error_label,
    line_edit,
    push_button,
)
from secondopinion_desktop.ui.pages.decision_answer import DecisionAnswerForm
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, card, paragraph
from secondopinion_desktop.ui.print_actions import print_text
from secondopinion_desktop.ui.safe_combo import SafeComboBox, answer_combo, get_answer, set_answer

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog


class TellDoctorPanel(StepPanel):
    shows = frozenset({Kind.CASE, Kind.DOCTORS})

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        doctor_dialog: Callable[..., DoctorDialog] = factories.doctor_dialog,
        today: Callable[[], dt.date] | None = None,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._doctor_dialog = doctor_dialog
        self._today = today or repo.today  # the repository's clock, injected in tests
        self._loading = False
        self._own: list[Doctor] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)

        script = card("What to say to your doctor", layout)
        pick = FlowLayout()  # wraps at very large text
        self.doctor_combo = SafeComboBox()
        self.doctor_combo.setAccessibleName("The doctor you are telling")
        self.doctor_combo.setMinimumContentsLength(12)  # room for the page at large text
        self.add_doctor_button = push_button(
            "Add your doctor\u2026", "Add your current doctor", self.add_treating_doctor
        )
        # Qt on Linux reads a combo box by its value and its label: the label names it for Orca.
        pick.addWidget(buddy_label("Your doctor:", self.doctor_combo))
        pick.addWidget(self.doctor_combo)
        pick.addWidget(self.add_doctor_button)
        script.addLayout(pick)
        self.script = QPlainTextEdit()
        self.script.setReadOnly(True)
        self.script.setAccessibleName("Script to say or read to your doctor")
        self.script.setMinimumHeight(380)
        script.addWidget(self.script)
        self.copy_button = push_button("Copy", "Copy the script", self.copy_script)
        self.print_button = push_button("Print\u2026", "Print the script", self.print_script)
        script.addLayout(button_row(self.copy_button, self.print_button))

        record = card("What happened", layout)
        record.addWidget(paragraph("Saved as you type. Come back and fill it in after the talk."))
        form = QFormLayout()
        self.told_on = DateEntry(
            "Day you told your doctor",
            self._today,
            lean="past",
            rule=lambda day: not_after(day, self._today(), "That day"),
            placeholder="For example: today, 12 November",
        )
        self.hear_back = line_edit(
            "How your doctor wants to hear back", "For example: a letter from the new doctor", 500
        )
        self.referral_asked = answer_combo("Did you ask for a referral", "Not yet")
        self.referral_given = answer_combo("Was a referral given", "Not yet")
        self.referral_to = line_edit("Referral to whom", "Name of the specialist", 300)
        add_rows(
            form,
            ("Told o&n:", self.told_on),
            ("", self.told_on.note_label),
            ("Hear &back by:", self.hear_back),
            ("Asked for a &referral?", self.referral_asked),
            ("Referral &given?", self.referral_given),
            ("Referr&al to:", self.referral_to),
        )
        record.addLayout(form)
        self.error = error_label(self)
        record.addWidget(self.error)

        clock = card("How long can you take to decide?", layout)
        self.decision = DecisionAnswerForm(self._today, self)
        clock.addWidget(self.decision)
        self.decision.edited.connect(self.save_decision)

        self.doctor_combo.currentIndexChanged.connect(
            self.guarded(lambda _i: self._on_doctor_changed())
        )
        for edit in (self.told_on, self.hear_back, self.referral_to):
            edit.editingFinished.connect(self.save)
        for combo in (self.referral_asked, self.referral_given):
            combo.currentIndexChanged.connect(self.guarded(lambda _i: self.save()))

    def _doctors(self) -> list[Doctor]:
        """The person's own doctors (read when the panel loads; never the candidates)."""
        return list(self._own)

    def load(self, case: Case) -> None:
        super().load(case)
        self._own = self.repo.doctors.own_doctors(case.id)
        self._loading = True
        try:
            self.doctor_combo.clear()
            doctors = self._doctors()
            for doctor in doctors:
                label = doctor.spoken + (f" ({doctor.specialty})" if doctor.specialty else "")
                self.doctor_combo.addItem(label, doctor.id)
            if not doctors:
                self.doctor_combo.addItem("Add your doctor first", None)
            self._select(doctor_to_address(doctors, case.told_doctor_id))
            self.told_on.set_value(case.told_on)
            self.hear_back.setText(case.hear_back)
            set_answer(self.referral_asked, case.referral_asked)
            set_answer(self.referral_given, case.referral_given)
            self.referral_to.setText(case.referral_to)
            self.error.hide()
            self.decision.load(case)
        finally:
            self._loading = False
        self._show_script()

    def _select(self, doctor: Doctor | None) -> None:
        index = self.doctor_combo.findData(doctor.id) if doctor is not None else -1
        self.doctor_combo.setCurrentIndex(max(0, index))

    def _chosen_doctor(self) -> Doctor | None:
        doctor_id = self.doctor_combo.currentData()
        return next((d for d in self._doctors() if d.id == doctor_id), None)

    def _show_script(self) -> None:
        if self.case is not None:
            script = tell_doctor_script(self.case, self._chosen_doctor(), self.repo.today())
            self.script.setPlainText(script)

    def _on_doctor_changed(self) -> None:
        if self._loading:
            return
        self._show_script()
        self.save()

    def save(self) -> None:
        """Save the step-1 record; a date that cannot be read is explained and not saved."""
        if self._loading or self.case is None:
            return
        if not self.told_on.check():
            self.error.setText(f"Told on: {self.told_on.problem()}")
            self.error.show()
            return
        told_on = self.told_on.value()
        self.error.hide()
        updated = replace(
            self.repo.cases.get(self.case.id),
            told_doctor_id=self.doctor_combo.currentData(),
            told_on=told_on,
            hear_back=self.hear_back.text().strip(),
            referral_asked=get_answer(self.referral_asked),
            referral_given=get_answer(self.referral_given),
            referral_to=self.referral_to.text().strip(),
        )
        if updated != self.case:
            self.case, changes = cases.update_case(self.repo, updated)
            self.status_message.emit("Saved.")
            self.report(changes)

    def save_decision(self) -> None:
        """Save the treating doctor's answer on how long the decision can wait; what cannot
        be read is explained on the spot and not saved (the typed text stays as it is)."""
        if self._loading or self.case is None:
            return
        answer = self.decision.answer()
        if answer is None:
            return  # the form says what cannot be read, where it was typed
        self.decision.show_answer(answer)
        stored = answer_of(self.repo.cases.get(self.case.id))
        if replace(answer, said_by=clean_said_by(answer.said_by)) == stored:
            return
        self.case, changes = cases.record_decision_time(self.repo, self.case.id, answer)
        self.status_message.emit("Saved.")
        self.report(changes)

    def flush(self) -> None:
        if self.told_on.hasFocus() or self.hear_back.hasFocus() or self.referral_to.hasFocus():
            self.save()
        if self.decision.has_focus_in_field():
            self.save_decision()

    def copy_script(self) -> None:
        clipboard = QApplication.clipboard()
        clipboard.setText(self.script.toPlainText())
        self.status_message.emit("The script is copied. You can paste it anywhere.")

    def _edit_listed(self, listed: Doctor) -> None:
        """The person said the doctor they typed is one already listed: open that one."""
        if self.case is None:
            return
        dialog = self._doctor_dialog(self, self.case.id, listed)
        changed = dialog.doctor() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if changed is None:
            return
        saved, changes = doctors.update_doctor(self.repo, changed)
        self.load(self.repo.cases.get(self.case.id))
        self.status_message.emit(f"Saved {saved.spoken}.")
        self.report(changes)

    def print_script(self) -> None:
        print_text(self, "What to say to your doctor", self.script.toPlainText())

    def add_treating_doctor(self) -> None:
        if self.case is None:
            return
        dialog = self._doctor_dialog(self, self.case.id, None, Role.TREATING)
        known = getattr(dialog, "set_known_doctors", None)
        if known is not None:  # warns, as step 2 does, before adding a doctor already listed
            known(self.repo.doctors.list(self.case.id))
        doctor = dialog.doctor() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if doctor is None:
            instead = getattr(dialog, "open_instead", lambda: None)()
            if isinstance(instead, Doctor):
                self._edit_listed(instead)
            return
        chosen = self.doctor_combo.currentData()  # whom the script spoke to, stored or not
        saved, changes = doctors.add_doctor(self.repo, doctor)
        self.load(self.repo.cases.get(self.case.id))
        addressed = doctor_to_address(self._doctors(), chosen, saved.id)
        self._select(addressed)
        self.save()  # the choice is stored, so later changes to the list keep it
        if addressed is not None and addressed.id != saved.id:
            self.status_message.emit(
                f"Added {saved.spoken}. The script still speaks to {addressed.spoken}; "
                "choose another doctor above to change that."
            )
        else:
            self.status_message.emit(f"Added {saved.spoken}.")
        self.report(changes)
