"""Step 6's appointment: when, where, with whom; who else you will see; the tests ordered.

The visit itself is booked in step 3. Here the person checks the details, notes whether
several specialists will see them the same day (a multidisciplinary visit) and who, and
afterwards writes down any new tests the doctor orders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Unpack

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind, format_when
from secondopinion_desktop.domain.care_fields import CareField, care_field, team_specialists
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.opinions import MAX_FIELD_LENGTH, round_name
from secondopinion_desktop.domain.reminder_rules import things_to_bring
from secondopinion_desktop.services import booking, outcome
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository
from secondopinion_desktop.ui.autosave import AutoSaver, kept_part
from secondopinion_desktop.ui.dialogs.factories import booking_dialog
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.focus_order import chain
from secondopinion_desktop.ui.forms import (
    WrappingCheckBox,
    button_row,
    error_label,
    line_edit,
    push_button,
    text_edit,
)
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, card, paragraph
from secondopinion_desktop.ui.style import dress

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog


def team_from_text(text: str) -> tuple[str, ...]:
    """'surgeon, radiation oncologist; nurse' -> each name once, in the order typed."""
    seen: list[str] = []
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in (s.casefold() for s in seen):
            seen.append(name)
    return tuple(seen)


TEAM_WORDS = "Several specialists will see me on the same day"
CHILD_TEAM_WORDS = "Several specialists will see my child on the same day"


class VisitPanel(StepPanel):
    shows = frozenset({Kind.APPOINTMENTS, Kind.DOCTORS, Kind.RECORDS, Kind.ROUNDS})

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        booking_dialog: Callable[..., BookingDialog] = booking_dialog,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._booking_dialog = booking_dialog
        self.visit: Appointment | None = None
        self.doctor: Doctor | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)

        box = card("Your appointment", layout)
        self.summary = paragraph("")
        dress(self.summary, "situation")
        box.addWidget(self.summary)
        self.details = paragraph("")
        box.addWidget(self.details)
        self.book_button = push_button(
            "Go to step 3 to book",
            "Go to step 3 to choose and book the doctor",
            lambda: self.open_page.emit(3),
        )
        self.change_button = push_button(
            "Change the day, time or place\u2026",
            "Change the day, time or place of the visit",
            self.change_visit,
        )
        box.addLayout(button_row(self.book_button, self.change_button))

        self.team_row = WrappingCheckBox(TEAM_WORDS, TEAM_WORDS)
        self.team_check = self.team_row.box
        self.team_check.toggled.connect(self.guarded(self._team_toggled))
        box.addWidget(self.team_row)
        self.team_box = QWidget()
        team_layout = QVBoxLayout(self.team_box)
        team_layout.setContentsMargins(24, 0, 0, 0)
        team_layout.addWidget(QLabel("Who you will see (separate names with commas):"))
        self.team_edit = line_edit(
            "Specialists you will see", "For example: surgeon, radiation oncologist", 500
        )
        self.team_edit.editingFinished.connect(self.save_team)
        team_layout.addWidget(self.team_edit)
        self.quick = FlowLayout()
        self.quick.addWidget(QLabel("Add:"))
        self.quick_buttons: list[QPushButton] = []
        self._team_field: CareField | None = None
        self._show_team_buttons(CareField.GENERAL)
        team_layout.addLayout(self.quick)
        box.addWidget(self.team_box)
        self.bring = paragraph("")
        box.addWidget(self.bring)
        box.addWidget(
            paragraph(
                "To put the visit in your phone's or computer's calendar, use "
                "Tools \u203a Export to Calendar."
            )
        )

    def _show_team_buttons(self, field: CareField) -> None:
        """One button per specialist of the case's field of care (breast, prostate, spine...)."""
        if field is self._team_field:
            return
        self._team_field = field
        for button in self.quick_buttons:
            self.quick.removeWidget(button)
            button.setParent(None)  # gone from the page at once, not at the next event loop
            button.deleteLater()
        self.quick_buttons = []
        if self.quick.count() > 1:
            self.quick.takeAt(self.quick.count() - 1)  # the stretch after the buttons
        names = team_specialists(field)
        for name in names:
            button = push_button(
                name,
                f"Add {name.lower()} to the list",
                lambda _checked=False, n=name: self.add_specialist(n),
            )
            self.quick.addWidget(button)
            self.quick_buttons.append(button)
        self.quick.addStretch(1)
        chain([self.team_edit, *self.quick_buttons])  # Tab in reading order
        self.team_edit.setPlaceholderText(f"For example: {names[0].lower()}, {names[1].lower()}")

    # --- loading -------------------------------------------------------------------------

    def load(self, case: Case) -> None:
        super().load(case)
        self._loading = True
        try:
            self._show_team_buttons(care_field(case.diagnosis, case.recommended_treatment))
            words = CHILD_TEAM_WORDS if case.is_child_on(self.repo.today()) else TEAM_WORDS
            self.team_row.label.setText(words)  # a parent speaks of their child
            self.team_check.setAccessibleName(words)
            self.visit = self.repo.appointments.opinion_visit(case.id)
            self.doctor = None
            if self.visit is not None and self.visit.doctor_id is not None:
                try:
                    self.doctor = self.repo.doctors.get(self.visit.doctor_id)
                except NotFoundError:
                    self.doctor = None
            self._show_visit()
        finally:
            self._loading = False

    def _show_visit(self) -> None:
        visit, doctor = self.visit, self.doctor
        has = visit is not None
        for widget in (self.change_button, self.team_row, self.bring, self.details):
            widget.setVisible(has)
        self.change_button.setEnabled(has and doctor is not None)
        self.book_button.setVisible(not has)
        if visit is None:
            round_ = self.repo.rounds.current(self.case.id) if self.case else 2
            self.summary.setText(
                f"No visit booked yet for the {round_name(round_).lower()}. "
                "Choose the doctor and book the visit in step 3; it shows here."
            )
            self.team_box.hide()
            return
        who = doctor.spoken if doctor else "the doctor"
        self.summary.setText(f"{format_when(visit.starts_at)}, with {who}.")
        lines: list[str] = []
        if visit.place:
            lines.append(f"Where: {visit.place}")
        if doctor is not None and doctor.phone:
            lines.append(f"Phone: {doctor.phone}")
        due = visit.records_due
        if due >= self.repo.today():
            lines.append(f"Records should be there by {due.day} {due:%B}, a week before.")
        else:
            lines.append(
                f"Records should have reached the office by {due.day} {due:%B}. "
                "Step 4 shows what is still on its way."
            )
        self.details.setText("\n".join(lines))
        multi = visit.kind is AppointmentKind.MULTIDISCIPLINARY
        self.team_check.setChecked(multi)
        self.team_row.setEnabled(visit.kind is not AppointmentKind.OTHER)
        self.team_box.setVisible(multi)
        self.team_edit.setText(", ".join(visit.team_members))
        assert self.case is not None
        bring = things_to_bring(self.repo.records.list(self.case.id))
        bring.append("your list of questions (below)")
        self.bring.setText("Bring: " + ", ".join(bring) + ".")

    # --- the team ------------------------------------------------------------------------

    def _team_toggled(self, checked: bool) -> None:
        self.team_box.setVisible(checked)
        if self._loading or self.visit is None:
            return
        kind = AppointmentKind.MULTIDISCIPLINARY if checked else AppointmentKind.SECOND_OPINION
        if kind is not self.visit.kind:
            self._save_visit(replace(self.visit, kind=kind))
            self.status_message.emit(
                "Noted: several specialists will see you." if checked else "Noted: one doctor."
            )

    def add_specialist(self, name: str) -> None:
        team = team_from_text(self.team_edit.text())
        if name.casefold() not in (m.casefold() for m in team):
            team = (*team, name)
        self.team_edit.setText(", ".join(team))
        self.save_team()

    def save_team(self) -> None:
        if self._loading or self.visit is None:
            return
        team = team_from_text(self.team_edit.text())
        if team != self.visit.team_members:
            self._save_visit(replace(self.visit, team_members=team))
            self.status_message.emit("Saved.")

    def _save_visit(self, visit: Appointment) -> None:
        try:
            changes = booking.change_visit(self.repo, visit)
            self.visit = self.repo.appointments.get(visit.id)
        except NotFoundError:
            if self.case is not None:
                self.load(self.repo.cases.get(self.case.id))
            return
        self.report(changes)

    def change_visit(self) -> None:
        if self.visit is None or self.doctor is None or self.case is None:
            return
        dialog = self._booking_dialog(self, self.doctor, self.visit)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changed = dialog.appointment()
        if changed is None:
            return
        self._save_visit(changed)
        self.load(self.repo.cases.get(self.case.id))
        self.status_message.emit("The visit is changed.")

    def flush(self) -> None:
        if self.team_edit.hasFocus():
            self.save_team()


class AfterVisitPanel(StepPanel):
    """After the visit: the new tests the doctor ordered (kept with this round's opinion)."""

    shows = frozenset({Kind.OPINIONS, Kind.ROUNDS, Kind.APPOINTMENTS, Kind.DOCTORS})

    def __init__(
        self, repo: Repository, parent: QWidget | None = None, **extras: Unpack[PanelExtras]
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        after = card("After the visit", layout)
        after.addWidget(
            paragraph(
                "The doctor may order new or extra tests. That is common. Write down what they "
                "are, where to have them, and when the results will come."
            )
        )
        self.tests_edit = text_edit(
            "New tests the doctor ordered",
            "For example: an MRI scan at the hospital, results in a week",
            90,
        )
        self.tests_saver = AutoSaver(self.save_tests, self, ignore=lambda: self._loading)
        self.tests_saver.watch(self.tests_edit)
        after.addWidget(self.tests_edit)
        self.too_long_label = error_label(self)
        self.too_long_label.setAccessibleName("New tests too long")
        after.addWidget(self.too_long_label)
        self.outcome_button = push_button(
            "Write down what the doctor said\u2026",
            "Go to the outcome page",
            lambda: self.open_page.emit(7),
        )
        after.addLayout(button_row(self.outcome_button))

    def load(self, case: Case) -> None:
        self.tests_saver.flush()
        super().load(case)
        self._loading = True
        try:
            opinion = self.repo.opinions.get(case.id, self.repo.rounds.current(case.id))
            text = opinion.tests_ordered if opinion else ""
            if self.tests_edit.toPlainText() != text:
                self.tests_edit.setPlainText(text)
        finally:
            self._loading = False
        self.tests_saver.discard()

    def _visit_doctor(self) -> Doctor | None:
        if self.case is None:
            return None
        visit = self.repo.appointments.opinion_visit(self.case.id)
        if visit is None or visit.doctor_id is None:
            return None
        try:
            return self.repo.doctors.get(visit.doctor_id)
        except NotFoundError:
            return None

    # --- tests ordered -------------------------------------------------------------------

    def save_tests(self) -> None:
        """Save the tests ordered into this round's opinion (made if there is none yet)."""
        if self.case is None:
            return
        typed = self.tests_edit.toPlainText().strip()
        kept = kept_part(typed, MAX_FIELD_LENGTH, self.too_long_label)
        changes = outcome.save_tests_ordered(self.repo, self.case.id, kept)
        if changes:
            self.status_message.emit("Saved.")
            self.report(changes)
