"""Write down one doctor's opinion: who, when, the diagnosis, the treatment, and the outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.opinions import (
    MAX_FIELD_LENGTH,
    Opinion,
    Outcome,
    clean_text,
    given_on_note,
    round_doctor,
    round_name,
)
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    field_values,
    form_layout,
    line_edit,
    text_edit,
)
from secondopinion_desktop.ui.style import dress

SOMEONE_ELSE = -1


class OpinionDialog(GuardedDialog):
    """After accept(): `opinion()` is the opinion to save."""

    def __init__(
        self,
        parent: QWidget | None,
        opinion: Opinion,
        doctors: Sequence[Doctor],
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._opinion = opinion
        self._today = today
        self._result: Opinion | None = None
        later = opinion.round >= 2
        self.setWindowTitle(f"{round_name(opinion.round)}: what {round_doctor(opinion.round)} said")
        layout, foot = self.scrolling_body(letters=80)
        intro = QLabel(
            "Write it in your own words, as the doctor said it. You can come back and add to "
            "it at any time."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = self.form = form_layout()
        self.doctor = QComboBox()
        self.doctor.setAccessibleName("Which doctor")
        for doctor in doctors:
            label = doctor.spoken + (f" ({doctor.specialty})" if doctor.specialty else "")
            self.doctor.addItem(label, doctor.id)
        self.doctor.addItem("Someone not on my list", SOMEONE_ELSE)
        self.doctor_name = line_edit("Doctor's name", "For example: Dr. Jane Moss", 200)
        chosen = self.doctor.findData(opinion.doctor_id) if opinion.doctor_id is not None else -1
        if chosen < 0:  # the draft names nobody on the list (services/outcome.py)
            chosen = self.doctor.findData(SOMEONE_ELSE)
            self.doctor_name.setText(opinion.doctor_name)
        self.doctor.setCurrentIndex(chosen)
        self.doctor.currentIndexChanged.connect(self._doctor_changed)
        self.given_on = DateEntry(
            "Day the doctor said it",
            self._today,
            lean="past",
            placeholder="For example: Dec 1, 2026",
        )
        self.given_on_note = QLabel("")
        self.given_on_note.setWordWrap(True)
        self.given_on_note.setAccessibleName("About the day")
        self.given_on_note.hide()
        self.given_on.textChanged.connect(self._show_day_note)
        if opinion.given_on is not None:
            self.given_on.set_value(opinion.given_on)
        self.diagnosis = text_edit("The diagnosis", "What the doctor says it is", 80)
        self.diagnosis.setPlainText(opinion.diagnosis)
        self.treatment = text_edit(
            "The treatment recommended", "What the doctor recommends doing", 80
        )
        self.treatment.setPlainText(opinion.treatment)
        self.tests = text_edit("New tests ordered", "Any new or extra tests, and where", 60)
        self.tests.setPlainText(opinion.tests_ordered)
        self.notes = text_edit("Notes", "Anything else worth keeping", 80)
        self.notes.setPlainText(opinion.notes)
        form.addRow("&Doctor:", self.doctor)
        form.addRow("&Name:", self.doctor_name)
        form.addRow("Da&y:", self.given_on)
        form.addRow("", self.given_on.note_label)
        form.addRow("", self.given_on_note)
        form.addRow("Dia&gnosis:", self.diagnosis)
        form.addRow("&Treatment:", self.treatment)
        if later:
            form.addRow("New t&ests:", self.tests)
        else:
            self.tests.hide()
        form.addRow("N&otes:", self.notes)
        layout.addLayout(form)

        self.outcome_group = QButtonGroup(self)
        self.outcome_buttons: dict[Outcome | None, QRadioButton] = {}
        if later:
            box = QGroupBox("Compared with the first opinion, this doctor\u2026")
            box_layout = QVBoxLayout(box)
            for outcome in (*Outcome, None):
                text = outcome.label if outcome else "I am not sure yet"
                button = dress(QRadioButton(text))
                button.setAccessibleName(text)
                self.outcome_group.addButton(button)
                self.outcome_buttons[outcome] = button
                box_layout.addWidget(button)
            self.outcome_buttons[opinion.outcome].setChecked(True)
            layout.addWidget(box)
        self.add_error_and_buttons(foot, "Save", "Save the opinion")
        self._doctor_changed()
        self.mark_clean()
        self.diagnosis.setFocus()

    def _show_day_note(self) -> None:
        """A day still to come is allowed, with a word; one that cannot be read waits for Save."""
        note = given_on_note(self.given_on.value(), self._today())
        self.given_on_note.setText(note)
        self.given_on_note.setVisible(bool(note))

    def _doctor_changed(self) -> None:
        self.form.setRowVisible(self.doctor_name, self.doctor.currentData() == SOMEONE_ELSE)

    def snapshot(self) -> object:
        checked = self.outcome_group.checkedButton()
        fields = field_values(
            self.doctor,
            self.doctor_name,
            self.given_on,
            self.diagnosis,
            self.treatment,
            self.tests,
            self.notes,
        )
        return (*fields, checked.text() if checked else "")

    def opinion(self) -> Opinion | None:
        return self._result

    def chosen_outcome(self) -> Outcome | None:
        for outcome, button in self.outcome_buttons.items():
            if button.isChecked():
                return outcome
        return None

    def accept(self) -> None:
        if not self.given_on.check():
            self.fail(self.given_on.problem("Day"), self.given_on)
            return
        for box in (self.diagnosis, self.treatment, self.tests, self.notes):
            if not self.notes_fit(box, MAX_FIELD_LENGTH):
                return
        given_on = self.given_on.value()
        doctor_id = self.doctor.currentData()
        if doctor_id == SOMEONE_ELSE:
            name = " ".join(self.doctor_name.text().split())
            doctor_id = None
        else:
            name = self.doctor.currentText().split(" (")[0]
        self._result = Opinion(
            id=self._opinion.id,
            case_id=self._opinion.case_id,
            round=self._opinion.round,
            doctor_id=doctor_id,
            doctor_name=name,
            given_on=given_on,
            diagnosis=clean_text(self.diagnosis.toPlainText()),
            treatment=clean_text(self.treatment.toPlainText()),
            tests_ordered=clean_text(self.tests.toPlainText()),
            notes=clean_text(self.notes.toPlainText()),
            outcome=self.chosen_outcome() if self._opinion.round >= 2 else None,
            likes=self._opinion.likes,
            worries=self._opinion.worries,
        )
        super().accept()
