"""Log a phone call to an office: who answered, what you learned, when to call back.

The answers update the doctor's row in the comparison table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QWidget

from secondopinion_desktop.domain.doctors import (
    CALL_IN_FUTURE,
    Call,
    Doctor,
    call_in_future,
    status_after_call,
    with_insurance_answer,
)
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.domain.wait_times import format_wait, parse_wait_days
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    buddy_label,
    field_values,
    form_layout,
    line_edit,
    text_edit,
)
from secondopinion_desktop.ui.safe_combo import answer_combo, get_answer, set_answer
from secondopinion_desktop.ui.time_entry import TimeEntry


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class CallDialog(GuardedDialog):
    """After accept(): `call()` is the call to save and `updated_doctor()` the doctor's new row."""

    def __init__(
        self,
        parent: QWidget | None,
        doctor: Doctor,
        now: Callable[[], dt.datetime] = _now,
    ) -> None:
        super().__init__(parent)
        self._doctor = doctor
        self._now = now
        self._call: Call | None = None
        self._updated: Doctor | None = None
        self.setWindowTitle(f"Log a call to {doctor.spoken}")
        layout, foot = self.scrolling_body(letters=72)
        intro = QLabel(
            f"Calling {doctor.spoken}"
            + (f" on {doctor.phone}" if doctor.phone else "")
            + ". Write down what you learned; the table is updated for you."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = form_layout()
        current = now()
        when_row = QHBoxLayout()
        self.day = DateEntry(
            "Day of the call",
            lambda: self._now().date(),
            lean="past",
            rule=lambda day: CALL_IN_FUTURE if day > self._now().date() else "",
            placeholder="today",
        )
        self.day.setText("today")
        self.time = TimeEntry("Time of the call", dt.time(current.hour, current.minute))
        when_row.addWidget(self.day, 1)
        when_row.addWidget(QLabel("at"))
        when_row.addWidget(self.time)
        self.answered_by = line_edit("Who answered", "For example: Denise at the front desk", 200)
        self.learned = text_edit("What you learned", "What did they tell you?", 100)
        self.call_back = DateEntry(
            "Call back on",
            lambda: self._now().date(),
            lean="future",
            placeholder="Leave empty if no call back is needed",
        )
        form.addRow(buddy_label("&When:", self.day), when_row)
        form.addRow("", self.day.note_label)
        form.addRow("", self.time.problem_label)
        form.addRow("Who &answered:", self.answered_by)
        form.addRow("What you &learned:", self.learned)
        form.addRow("Call &back on:", self.call_back)
        form.addRow("", self.call_back.note_label)
        layout.addLayout(form)

        answers_box = QGroupBox("The four questions")
        answers = form_layout(answers_box)
        self.accepting = answer_combo("Taking new patients")
        self.wait = line_edit("Wait for a first appointment", "For example: 9 days, 2 weeks", 40)
        self.insurance = answer_combo("Accepts your insurance")
        self.referral = answer_combo("Referral needed")
        set_answer(self.accepting, doctor.accepting_new_patients)
        set_answer(self.insurance, doctor.accepts_insurance)
        set_answer(self.referral, doctor.referral_required)
        if doctor.wait_days is not None:
            self.wait.setText(format_wait(doctor.wait_days))
        answers.addRow("Taking &new patients?", self.accepting)
        answers.addRow("Wait for a first &visit:", self.wait)
        answers.addRow("Takes your &insurance?", self.insurance)
        answers.addRow("&Referral needed?", self.referral)
        layout.addWidget(answers_box)

        self.add_error_and_buttons(foot, "Save call")
        self.mark_clean()
        self.answered_by.setFocus()

    def snapshot(self) -> object:
        return field_values(
            self.day,
            self.time,
            self.answered_by,
            self.learned,
            self.call_back,
            self.accepting,
            self.wait,
            self.insurance,
            self.referral,
        )

    def call(self) -> Call | None:
        return self._call

    def updated_doctor(self) -> Doctor | None:
        return self._updated

    def accept(self) -> None:
        now = self._now()
        today = now.date()
        day = self.checked_day(self.day, "When")
        if day is None and self.day.text().strip():
            return
        day = day or today
        at = self.checked_time(self.time)
        if at is None:
            return
        when = dt.datetime.combine(day, at, tzinfo=now.tzinfo)
        if call_in_future(when, now):
            self.fail(CALL_IN_FUTURE, self.day)
            return
        call_back = self.checked_day(self.call_back, "Call back")
        if call_back is None and self.call_back.text().strip():
            return
        try:
            wait = parse_wait_days(self.wait.text())
        except ValidationError as exc:
            self.fail(f"Wait: {exc}", self.wait)
            return
        self.error.hide()
        self._call = Call(
            id=0,
            doctor_id=self._doctor.id,
            called_at=when.isoformat(timespec="minutes"),
            answered_by=self.answered_by.text().strip(),
            learned=self.learned.toPlainText().strip()[:20_000],
            call_back_on=call_back.isoformat() if call_back else None,
        )
        self._updated = replace(
            with_insurance_answer(self._doctor, get_answer(self.insurance)),
            accepting_new_patients=get_answer(self.accepting),
            wait_days=wait,
            referral_required=get_answer(self.referral),
            status=status_after_call(self._doctor.status),
        )
        super().accept()
