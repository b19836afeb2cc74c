"""`--export-cover-sheet FILE`: the current case's records cover sheet as a PDF, then exit.

Non-interactive, like calendar_cli.py: no window and no dialog; a problem is written to stderr
(and only its detail to the log) and the exit status is 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from secondopinion_desktop.calendar_cli import EXIT_OK, fail
from secondopinion_desktop.errors import KnownError

WHAT = "Cover sheet"


def export_cover_sheet(repo: Any, settings: Any, target: Path) -> int:
    """Write the current case's cover sheet, addressed to the booked doctor, as a PDF.

    The current case is the one last open (settings' last_case_id), else the first case.
    Never opens a dialog: problems go to stderr and the exit status is 2.
    """
    from secondopinion_desktop.printing.render import chosen_page_size, write_cover_sheet_pdf
    from secondopinion_desktop.services.exports import cover_sheet, current_case_id

    case_id = current_case_id(repo, settings.value("last_case_id"))
    if case_id is None:
        return fail("There is no case yet, so there is no cover sheet to write.", what=WHAT)
    case = repo.cases.get(case_id)
    doctor = repo.doctors.booked(case.id)
    if doctor is None:
        return fail(
            f"No doctor is booked for the second opinion in \u201c{case.display_name}\u201d "
            "yet, so the cover sheet has nobody to go to. Book the visit first (step 3).",
            f"case {case.id}",
            what=WHAT,
        )
    sheet = cover_sheet(repo, case.id)
    if not sheet.items:
        return fail(
            f"Nothing is ready to send to {doctor.spoken} yet. An item is listed on the cover "
            "sheet once it is in hand (marked as received) and is to be sent ahead.",
            f"case {case.id}",
            what=WHAT,
        )
    target = target.expanduser()
    try:
        write_cover_sheet_pdf(sheet, target, chosen_page_size(settings))
    except KnownError as exc:
        return fail(exc.message, exc.detail, what=WHAT)
    count = len(sheet.items)
    print(
        f"Wrote the cover sheet for {doctor.spoken} ({count} item{'s' if count != 1 else ''}) "
        f"to {target}"
    )
    return EXIT_OK
