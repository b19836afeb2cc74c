"""`--export-calendar FILE`: the current case's visits and open reminders as .ics, then exit.

Non-interactive: no window and no dialog; a problem is written to stderr (and the log) and the
exit status is 2. The current case is the one last open (`last_case_id` in the data folder's
settings), or else the first case.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services.exports import case_calendar, current_case_id, write_calendar
from secondopinion_desktop.store.repository import NotFoundError, Repository

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 2


def fail(message: str, detail: str = "", *, what: str = "Calendar") -> int:
    """Say what went wrong on stderr (the message may name a case, so only the detail is
    logged); returns the exit status. Shared by the other command-line exports."""
    log.error("%s not written: %s", what, detail or "no detail")
    print(f"secondopinion-desktop: {message}", file=sys.stderr)
    return EXIT_ERROR


def export_calendar(repo: Repository, last_case_id: object, target: Path) -> int:
    """Write the current case's calendar to `target`; returns the exit status."""
    case_id = current_case_id(repo, last_case_id)
    if case_id is None:
        return fail("There is no case yet, so there is no calendar to write.")
    try:
        data = case_calendar(repo, case_id)
    except NotFoundError as exc:
        return fail("The case could not be read. Please try again.", str(exc))
    try:
        write_calendar(target, data)
    except KnownError as exc:
        return fail(exc.message, exc.detail)
    return EXIT_OK
