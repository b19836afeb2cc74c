"""Doctors' names are shown and printed as a person says them, however they were typed.

A name typed or kept in list form ("OKONKWO, GRACE MD") reads "Dr. Grace Okonkwo" in the
reminders, the to-dos, the step scripts, the cover sheet, the questions sheet and the calendar.
"""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role
from secondopinion_desktop.domain.records import RecordItem, Timing
from secondopinion_desktop.domain.scripts import tell_doctor_script
from secondopinion_desktop.printing.cover_sheet import cover_sheet_html
from secondopinion_desktop.printing.questions_sheet import questions_sheet_for
from secondopinion_desktop.services import booking, exports, reminders
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW

LIST_FORMS = ("OKONKWO", "CHEN, DAVID")


def _case_with_listed_names(repo: Repository) -> tuple[int, Doctor, Doctor]:
    case = repo.cases.create("Dad", patient_name="Walter Brooks", organiser_name="Daniel")
    chen = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="CHEN, DAVID MD", role=Role.PRIMARY_CARE)
    )
    grace = repo.doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="OKONKWO, GRACE MD",
            fax="(555) 010-2001",
            referral_required=Answer.YES,
        )
    )
    visit = Appointment(
        id=0, case_id=case.id, starts_at=FIXED_NOW + dt.timedelta(days=14), doctor_id=grace.id
    )
    booking.book(repo, grace, visit, None)
    repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Biopsy report",
            pages=3,
            timing=Timing.SEND_AHEAD,
            received_on=FIXED_NOW.date(),
        )
    )
    return case.id, chen, grace


def _spoken(text: str) -> None:
    assert "Dr. Grace Okonkwo" in text
    assert not any(form in text for form in LIST_FORMS), text


def test_reminders_and_to_dos_say_the_names_as_spoken(repo: Repository) -> None:
    case_id, _chen, _grace = _case_with_listed_names(repo)
    reminders.sync_reminders(repo, case_id)
    titles = " ".join(f"{r.title} {r.detail}" for r in repo.reminders.list(case_id))
    _spoken(titles)
    assert "Dr. David Chen" in titles  # "Ask Dr. David Chen for a referral to ..."
    _spoken(" ".join(f"{t.title} {t.detail}" for t in repo.todos.list(case_id)))


def test_the_printed_sheets_and_the_calendar_say_the_names_as_spoken(repo: Repository) -> None:
    case_id, _chen, grace = _case_with_listed_names(repo)
    _spoken(cover_sheet_html(exports.cover_sheet(repo, case_id)))
    _spoken(exports.case_calendar(repo, case_id).decode())
    (visit,) = repo.appointments.list(case_id)
    sheet = questions_sheet_for(repo.cases.get(case_id), [], visit, grace, FIXED_NOW.date())
    assert sheet.doctor_name == "Dr. Grace Okonkwo"


def test_the_step_1_script_speaks_to_the_doctor_by_the_spoken_name(repo: Repository) -> None:
    case_id, chen, _grace = _case_with_listed_names(repo)
    script = tell_doctor_script(repo.cases.get(case_id), chen)
    assert "Dr. David Chen" in script
    assert "CHEN" not in script
