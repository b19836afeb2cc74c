"""What the exports are made of: the current case, its calendar and its printed sheets.

Written once, for the window (Tools > Export to Calendar, the records pages' cover sheet, the
questions and the opinions sheets, read on a worker's own connection when saved as a PDF) and
for the command line (`--export-calendar`, `--export-cover-sheet`), so both always agree.
These read, but for bringing the case's reminders up to date before a calendar; `write_calendar`
writes the .ics through store/files.py (whole or not at all, 0600).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services.reminders import sync_reminders
from secondopinion_desktop.store.repository import Repository

if TYPE_CHECKING:
    from secondopinion_desktop.printing.cover_sheet import CoverSheet
    from secondopinion_desktop.printing.opinions_sheet import OpinionsSheet
    from secondopinion_desktop.printing.questions_sheet import QuestionsSheet


def current_case_id(repo: Repository, last_case_id: object) -> int | None:
    """The case last open if it still exists, else the first case, else None."""
    cases = repo.cases.list()
    try:
        wanted = int(str(last_case_id)) if last_case_id is not None else None
    except ValueError:
        wanted = None
    ids = [c.id for c in cases]
    if wanted in ids:
        return wanted
    return ids[0] if ids else None


def case_calendar(repo: Repository, case_id: int, zone: dt.tzinfo | None = None) -> bytes:
    """The case's visits and open reminders as .ics, its reminders brought up to date first."""
    from secondopinion_desktop.domain.calendar_export import calendar_for  # icalendar is slow

    with repo.db.atomic():
        sync_reminders(repo, case_id, zone)
    return calendar_for(
        repo.cases.get(case_id),
        repo.appointments.list(case_id),
        repo.reminders.list(case_id, include_done=False),
        repo.doctors.list(case_id),
        repo.now(),
    )


def cover_sheet(repo: Repository, case_id: int) -> CoverSheet:
    """The case's cover sheet, addressed to the booked doctor (blank "to" if none is)."""
    from secondopinion_desktop.printing.cover_sheet import cover_sheet_for

    case = repo.cases.get(case_id)
    names = {d.id: d.spoken for d in repo.doctors.list(case_id)}
    return cover_sheet_for(
        case,
        repo.doctors.booked(case_id),
        repo.appointments.opinion_visit(case_id),
        repo.records.list(case_id),
        names,
        repo.today(),
    )


def questions_sheet(repo: Repository, case_id: int) -> QuestionsSheet:
    """The questions to take to the second-opinion visit, with its doctor, time and place."""
    from secondopinion_desktop.printing.questions_sheet import questions_sheet_for

    case = repo.cases.get(case_id)
    visit = repo.appointments.opinion_visit(case.id)
    ids = [visit.doctor_id] if visit is not None and visit.doctor_id is not None else []
    doctor = next(iter(repo.doctors.with_ids(ids)), None)  # None if removed meanwhile
    return questions_sheet_for(case, repo.questions.list(case.id), visit, doctor, repo.today())


def opinions_sheet(repo: Repository, case_id: int) -> OpinionsSheet:
    """The opinions side by side, with when the doctors were asked to talk to each other."""
    from secondopinion_desktop.printing.opinions_sheet import opinions_sheet_for

    case = repo.cases.get(case_id)
    rounds = [repo.rounds.info(case.id, n) for n in range(2, repo.rounds.current(case.id) + 1)]
    opinions = repo.opinions.list(case.id)
    ids = [o.doctor_id for o in opinions if o.doctor_id is not None]
    doctors = {d.id: d for d in repo.doctors.with_ids(ids)}
    return opinions_sheet_for(case.patient_name, opinions, doctors, repo.today(), rounds)


def write_calendar(target: Path, data: bytes) -> None:
    """Write the .ics whole or not at all, private to the person (store/files.py)."""
    # imported here: calendar_export loads icalendar, which start-up keeps unloaded
    from secondopinion_desktop.domain.calendar_export import CalendarExportError
    from secondopinion_desktop.store.files import write_atomically

    target = target.expanduser()
    try:
        write_atomically(target, data)
    except KnownError as exc:
        raise CalendarExportError(
            f"Second Opinion could not write the calendar file:\n{target}\n\n"
            "Please choose another folder, or check that the disk is not full.",
            exc.detail,
        ) from exc
