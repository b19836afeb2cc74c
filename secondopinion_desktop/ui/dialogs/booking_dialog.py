"""Book the chosen doctor: the date, time and place of the second-opinion visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.typed_dates import not_before
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import (
    GuardedDialog,
    add_rows,
    buddy_label,
    field_values,
    line_edit,
    text_edit,
)
from secondopinion_desktop.ui.time_entry import TimeEntry


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class BookingDialog(GuardedDialog):
    """After accept(): `appointment()` is the visit to save."""

    def __init__(
        self,
        parent: QWidget | None,
        doctor: Doctor,
        existing: Appointment | None = None,
        round_: int = 2,
        now: Callable[[], dt.datetime] = _now,
    ) -> None:
        super().__init__(parent)
        self._doctor = doctor
        self._existing = existing
        self._round = round_
        self._now = now
        self._result: Appointment | None = None
        self.setWindowTitle(f"Book {doctor.spoken}")
        self.setMinimumWidth(660)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"When and where will you see {doctor.spoken}? "
            "If you do not have a date yet, cancel and come back when you do."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        when_row = QHBoxLayout()
        self.day = DateEntry(
            "Day of the visit",
            lambda: self._now().date(),
            lean="future",
            required="Please type the day of the visit.",
            rule=self._day_rule,
            placeholder="For example: 3 December 2026, or 12/3",
        )
        self.time = TimeEntry("Time of the visit", dt.time(9, 0))
        when_row.addWidget(self.day, 1)
        when_row.addWidget(QLabel("at"))
        when_row.addWidget(self.time)
        place = ", ".join(p for p in (doctor.practice, doctor.address) if p)
        self.place = line_edit("Where the visit is", "Address of the office", 500)
        self.place.setText(place)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of visit")
        for kind in (AppointmentKind.SECOND_OPINION, AppointmentKind.MULTIDISCIPLINARY):
            self.kind.addItem(kind.label, kind.value)
        self.team = line_edit(
            "Specialists you will see", "For example: surgeon, radiation oncologist", 500
        )
        self.notes = text_edit("Notes about the visit", "Parking, what to bring, who drives", 70)
        add_rows(
            form,
            (buddy_label("&Day:", self.day), when_row),
            ("", self.day.note_label),
            ("", self.time.problem_label),
            ("&Where:", self.place),
            ("&Kind of visit:", self.kind),
            ("&Specialists:", self.team),
            ("N&otes:", self.notes),
        )
        layout.addLayout(form)
        self.add_error_and_buttons(layout, "Book this visit")
        if existing is not None:
            local = existing.starts_at
            self.day.set_value(local.date())
            self.time.set_value(dt.time(local.hour, local.minute))
            self.place.setText(existing.place)
            self.kind.setCurrentIndex(max(0, self.kind.findData(existing.kind.value)))
            self.team.setText(", ".join(existing.team_members))
            self.notes.setPlainText(existing.notes)
        self.mark_clean()
        self.day.setFocus()

    def _day_rule(self, day: dt.date) -> str:
        """A visit is booked on a day still to come (one already booked may stay as it was)."""
        if self._existing is not None and day == self._existing.starts_at.date():
            return ""
        return not_before(day, self._now().date(), "That day")

    def snapshot(self) -> object:
        return field_values(self.day, self.time, self.place, self.kind, self.team, self.notes)

    def appointment(self) -> Appointment | None:
        return self._result

    def accept(self) -> None:
        now = self._now()
        day = self.checked_day(self.day, "Day")
        if day is None:
            return
        at = self.checked_time(self.time)
        if at is None:
            return
        starts = dt.datetime.combine(day, at, tzinfo=now.tzinfo)
        team = tuple(
            " ".join(m.split()) for m in self.team.text().replace(";", ",").split(",") if m.strip()
        )
        self._result = Appointment(
            id=self._existing.id if self._existing else 0,
            case_id=self._doctor.case_id,
            starts_at=starts,
            doctor_id=self._doctor.id,
            round=self._existing.round if self._existing else self._round,
            place=self.place.text().strip(),
            kind=AppointmentKind(self.kind.currentData()),
            team_members=team,
            notes=self.notes.toPlainText().strip(),
        )
        super().accept()
