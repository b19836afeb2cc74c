"""Step 6: the appointment and its team, and the tests ordered after the visit."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import AppointmentKind
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.records import Delivery, RecordItem, Timing
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel, VisitPanel, team_from_text
from tests.helpers.clock import FakeClock
from tests.helpers.fakes import FakeDialog
from tests.ui.pages.conftest import book

# --- the appointment ------------------------------------------------------------------------


def test_without_a_visit_the_panel_points_to_step_three(
    qtbot: QtBot, repo: Repository, case: Case
) -> None:
    panel = VisitPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    assert "No visit booked yet for the second opinion" in panel.summary.text()
    assert panel.book_button.isVisibleTo(panel)
    assert not panel.team_check.isVisibleTo(panel)
    with qtbot.waitSignal(panel.open_page) as blocker:
        panel.book_button.click()
    assert blocker.args == [3]


def test_the_visit_its_team_and_what_to_bring(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    book(repo, case, raman, clock)
    repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Insurance card",
            delivery=Delivery.BRING,
            timing=Timing.BRING_ALONG,
        )
    )
    panel = VisitPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    assert panel.summary.text() == "Wednesday 2 December 2026 at 9:30 am, with Dr. Priya Raman."
    assert "Phone: (555) 622-4100" in panel.details.text()
    assert "Records should be there by 25 November" in panel.details.text()
    assert panel.bring.text() == "Bring: insurance card, your list of questions (below)."
    assert not panel.team_check.isChecked()
    with qtbot.waitSignal(panel.changed):
        panel.team_check.setChecked(True)
    assert repo.appointments.opinion_visit(case.id).kind is AppointmentKind.MULTIDISCIPLINARY  # type: ignore[union-attr]
    panel.add_specialist("Surgeon")
    panel.add_specialist("Radiation oncologist")
    panel.add_specialist("surgeon")  # already there
    assert panel.team_edit.text() == "Surgeon, Radiation oncologist"
    panel.team_edit.setText("Surgeon; plastic surgeon, Surgeon")
    panel.save_team()
    visit = repo.appointments.opinion_visit(case.id)
    assert visit is not None and visit.team_members == ("Surgeon", "plastic surgeon")
    panel.team_check.setChecked(False)
    assert repo.appointments.opinion_visit(case.id).kind is AppointmentKind.SECOND_OPINION  # type: ignore[union-attr]


def test_team_from_text() -> None:
    assert team_from_text(" surgeon ,, Radiation  oncologist;\nSURGEON") == (
        "surgeon",
        "Radiation oncologist",
    )


def test_changing_the_visit_uses_the_booking_dialog(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    visit = book(repo, case, raman, clock)
    moved = replace(visit, starts_at=visit.starts_at + dt.timedelta(days=1), place="Annex")
    fake = FakeDialog(appointment=moved)
    panel = VisitPanel(repo, booking_dialog=fake)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.load(case)
    with qtbot.waitSignal(panel.changed):
        panel.change_button.click()
    assert fake.calls[0][1:] == (raman, visit)
    assert repo.appointments.get(visit.id).place == "Annex"
    assert panel.summary.text().startswith("Thursday 3 December 2026")


def after_the_visit(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> AfterVisitPanel:
    """The after-the-visit panel on a case booked with Dr. Raman."""
    book(repo, case, raman, clock)
    panel = AfterVisitPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    return panel


def test_tests_ordered_are_saved_with_this_rounds_opinion(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    panel = after_the_visit(qtbot, repo, case, raman, clock)
    panel.tests_edit.setPlainText("Breast MRI at Lakeside")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        pass  # saved after a short pause in typing
    opinion = repo.opinions.get(case.id, 2)
    assert opinion is not None and opinion.tests_ordered == "Breast MRI at Lakeside"
    assert opinion.doctor_id == raman.id
    panel.tests_edit.setPlainText("Breast MRI at Lakeside, results in a week")
    panel.flush()  # leaving the page saves at once
    assert repo.opinions.get(case.id, 2).tests_ordered.endswith("in a week")  # type: ignore[union-attr]


def test_tests_ordered_longer_than_kept_are_said_to_be_cut(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    """They were cut at 20,000 letters when saved, and nothing said so."""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from tests.helpers.stranger import named

    panel = after_the_visit(qtbot, repo, case, raman, clock)
    panel.show()
    box = named(panel, QPlainTextEdit, "New tests the doctor ordered")
    pasted = ("A scan, then blood tests, then another scan. " * 500)[:20_012]
    box.setPlainText(pasted)
    panel.flush()
    note = named(panel, QLabel, "New tests too long")
    assert "20,012 letters" in note.text() and "first 20,000" in note.text(), note.text()
    assert box.toPlainText() == pasted
    opinion = repo.opinions.get(case.id, 2)
    assert opinion is not None and opinion.tests_ordered == pasted[:20_000].strip()


# --- the questions --------------------------------------------------------------------------
