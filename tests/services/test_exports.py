"""Exports: the current case, its calendar and its cover sheet, assembled in one place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import secondopinion_desktop
from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.records import RecordItem, Timing
from secondopinion_desktop.services import booking, exports
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW


def test_the_current_case_is_the_last_open_else_the_first(repo: Repository) -> None:
    assert exports.current_case_id(repo, None) is None
    beta = repo.cases.create("Beta")
    alpha = repo.cases.create("Alpha")
    assert exports.current_case_id(repo, str(beta.id)) == beta.id
    assert exports.current_case_id(repo, beta.id) == beta.id
    assert exports.current_case_id(repo, "not a number") == alpha.id
    assert exports.current_case_id(repo, 999) == alpha.id


def test_the_cover_sheet_goes_to_the_booked_doctor_with_what_is_in_hand(
    repo: Repository,
) -> None:
    case = repo.cases.create("Mum", patient_name="Margaret Ellis", organiser_name="Sarah Ellis")
    assert exports.cover_sheet(repo, case.id).to_name == ""
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", fax="555"))
    visit = Appointment(
        id=0, case_id=case.id, starts_at=FIXED_NOW + dt.timedelta(days=14), doctor_id=raman.id
    )
    booking.book(repo, raman, visit, None)
    repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Clinic notes",
            pages=4,
            timing=Timing.SEND_AHEAD,
            received_on=FIXED_NOW.date(),
        )
    )
    repo.records.add(RecordItem(id=0, case_id=case.id, title="Not yet asked for"))
    sheet = exports.cover_sheet(repo, case.id)
    assert (sheet.to_name, sheet.to_fax, sheet.from_name) == (
        "Dr. Priya Raman",
        "555",
        "Sarah Ellis",
    )
    assert [i.title for i in sheet.items] == ["Clinic notes"]
    assert sheet.prepared_on == FIXED_NOW.date()


def test_the_calendar_holds_the_visit(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman"))
    visit = Appointment(
        id=0, case_id=case.id, starts_at=FIXED_NOW + dt.timedelta(days=14), doctor_id=raman.id
    )
    booking.book(repo, raman, visit, None)
    data = exports.case_calendar(repo, case.id)
    assert b"BEGIN:VCALENDAR" in data and b"Dr. Priya Raman" in data


def test_the_window_makes_calendars_here_not_through_the_command_line_module() -> None:
    package = Path(secondopinion_desktop.__file__).parent
    for source in (package / "ui").rglob("*.py"):
        assert "calendar_cli" not in source.read_text(encoding="utf-8"), source
