"""`--export-cover-sheet FILE`: the current case's records cover sheet as a PDF, then exit.

Non-interactive, like calendar_cli.py: no window and no dialog; a problem is written to stderr
(and only its detail to the log) and the exit status is 2.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from secondopinion_desktop.errors import KnownError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 2


def _fail(message: str, detail: str = "") -> None:
    log.error("Cover sheet not written: %s", detail or "no detail")
    print(f"secondopinion-desktop: {message}", file=sys.stderr)


def export_cover_sheet(repo: Any, settings: Any, target: Path) -> int:
    """Write the current case's cover sheet, addressed to the booked doctor, as a PDF.

    The current case is the one last open (settings' last_case_id), else the first case.
    Never opens a dialog: problems go to stderr and the exit status is 2.
    """
    from secondopinion_desktop.printing.render import chosen_page_size, write_cover_sheet_pdf
    from secondopinion_desktop.services.exports import cover_sheet, current_case_id

    case_id = current_case_id(repo, settings.value("last_case_id"))
    if case_id is None:
        _fail("There is no case yet, so there is no cover sheet to write.", "")
        return EXIT_ERROR
    case = repo.cases.get(case_id)
    doctor = repo.doctors.booked(case.id)
    if doctor is None:
        _fail(
            f"No doctor is booked for the second opinion in \u201c{case.display_name}\u201d "
            "yet, so the cover sheet has nobody to go to. Book the visit first (step 3).",
            f"case {case.id}",
        )
        return EXIT_ERROR
    sheet = cover_sheet(repo, case.id)
    if not sheet.items:
        _fail(
            f"Nothing is ready to send to {doctor.spoken} yet. An item is listed on the cover "
            "sheet once it is in hand (marked as received) and is to be sent ahead.",
            f"case {case.id}",
        )
        return EXIT_ERROR
    target = target.expanduser()
    try:
        write_cover_sheet_pdf(sheet, target, chosen_page_size(settings))
    except KnownError as exc:
        _fail(exc.message, exc.detail)
        return EXIT_ERROR
    count = len(sheet.items)
    print(
        f"Wrote the cover sheet for {doctor.spoken} ({count} item{'s' if count != 1 else ''}) "
        f"to {target}"
    )
    return EXIT_OK
