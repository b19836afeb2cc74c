"""Step 3's "Best fit so far" card: the booked visit, the three best fits in words, what the
ranking leaves out, and the buttons to book (or change the booked visit)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from secondopinion_desktop.domain.appointments import Appointment, format_when
from secondopinion_desktop.domain.doctor_rows import DoctorRows
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.rounds import RoundRanking, opinion_givers
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.forms import button_row
from secondopinion_desktop.ui.pages.panel import paragraph
from secondopinion_desktop.ui.style import dress

FITS_SHOWN = 3


@dataclass
class Candidates:
    """What step 3 reads for a case: the candidates and who gave an opinion (doctor id ->
    round), prepared for the table, and, once asked for, the ranking of the best fits."""

    table: DoctorRows
    ranking: RoundRanking | None = None

    @property
    def doctors(self) -> list[Doctor]:
        return self.table.doctors

    @property
    def givers(self) -> dict[int, int]:
        return self.table.givers


def read_candidates(repo: Repository, case_id: int) -> Candidates:
    givers = opinion_givers(
        repo.opinions.list(case_id),
        repo.appointments.list(case_id),
        repo.rounds.current(case_id),
    )
    return Candidates(DoctorRows(repo.doctors.list(case_id, Role.CANDIDATE), givers))


class BestFitBox(QWidget):
    """The card's contents; the panel connects the two buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit = QVBoxLayout(self)
        fit.setContentsMargins(0, 0, 0, 0)
        self.booked_label = paragraph("")
        dress(self.booked_label, "situation")
        self.booked_label.setAccessibleName("Booked visit")
        fit.addWidget(self.booked_label)
        self.fit_labels = [paragraph("") for _ in range(FITS_SHOWN)]
        for number, label in enumerate(self.fit_labels, start=1):
            label.setAccessibleName(f"Best fit number {number}")
            fit.addWidget(label)
        self.fit_note = paragraph("")
        self.fit_note.setAccessibleName("About the best fit")
        fit.addWidget(self.fit_note)
        # doctors who gave an earlier opinion are not ranked again; this says so
        self.left_out_label = paragraph("")
        self.left_out_label.setAccessibleName("Doctors not ranked for this opinion")
        fit.addWidget(self.left_out_label)
        self.choose_button = QPushButton("Choose and book\u2026")
        dress(self.choose_button, "primary")
        self.choose_button.setAccessibleName("Choose the selected doctor and book the visit")
        self.change_visit_button = dress(QPushButton("Change the visit\u2026"))
        self.change_visit_button.setAccessibleName("Change the date, time or place of the visit")
        fit.addLayout(button_row(self.choose_button, self.change_visit_button))

    def show_fit(self, booked: tuple[Doctor, Appointment] | None, ranking: RoundRanking) -> None:
        if booked is not None:
            doctor, visit = booked
            when = format_when(visit.starts_at)
            place = visit.place
            self.booked_label.setText(
                f"Booked: {doctor.spoken}, {when}" + (f", at {place}" if place else "") + "."
            )
            self.booked_label.show()
        else:
            self.booked_label.hide()
        fits = list(ranking.fits)
        for label, fit in zip(self.fit_labels, fits, strict=False):
            label.setText(f"{fits.index(fit) + 1}. {fit.doctor.spoken}: {fit.explanation}.")
            label.show()
        for label in self.fit_labels[len(fits) :]:
            label.hide()
        self.fit_note.setText(ranking.note)
        self.fit_note.setVisible(bool(ranking.note))
        self.left_out_label.setText(" ".join(ranking.left_out))
        self.left_out_label.setVisible(bool(ranking.left_out))
