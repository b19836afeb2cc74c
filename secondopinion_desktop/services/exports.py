"""What the exports are made of: the current case, its calendar and its cover sheet.

Written once, for the window (Tools > Export to Calendar, the records pages' cover sheet) and
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
