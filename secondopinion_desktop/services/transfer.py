"""Moving a case to another computer: exporting it into a `.secondopinion` file and importing one.

An import is all or nothing. The archive is checked whole first (store/archive.py, with
domain/case_archive.py for every value and domain/file_types.py for every scan), its scans are
copied into a staging folder, and then the rows, the scans and the reminders the rules derive
are made in one transaction: the scans move to their places just before it commits and are
taken away again if it does not. A refused import leaves the database and the folder as they
were, and says why in one sentence.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from secondopinion_desktop.errors import KnownError, known_from_storage_error
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.services.progress import Progress, no_progress
from secondopinion_desktop.services.reminders import sync_reminders
from secondopinion_desktop.store import archive, migrations
from secondopinion_desktop.store.archive import ARCHIVE_SUFFIX, ArchiveError, Written
from secondopinion_desktop.store.repository import Repository

__all__ = ["ARCHIVE_SUFFIX", "ArchiveError", "Written", "export_case", "import_case"]

IMPORTED_KINDS = tuple(Kind)


def export_case(
    repo: Repository, case_id: int, target: Path, progress: Progress = no_progress
) -> Written:
    """Write the case and its scans into `target` (whole or not at all, 0600).

    The rows are read in one transaction, so the file holds one moment of the case. Scans
    whose copies are missing, changed or not documents are left out and named in the result.
    `progress` hears how far it is; a `Cancelled` it raises leaves no file behind.
    """
    progress(0, 1, "Reading the case.")
    with repo.db.atomic():
        tables = repo.archive.export_case_rows(case_id)
        applied = migrations.applied_names(repo.db)
    return archive.write_archive(target, tables, applied, repo.data_folder(), progress)


def import_case(
    repo: Repository, source: Path | bytes, progress: Progress = no_progress
) -> Changes:
    """Add the case in the archive at `source` (a path, or the file's bytes) with fresh ids.

    Raises ArchiveError (or another KnownError, such as a full disk) with words for the
    person; then nothing at all was written. `progress` hears how far it is; a `Cancelled`
    it raises (up to the moment the import commits) leaves nothing behind either.
    """
    data_folder = repo.data_folder()
    progress(0, 1, "Reading the case file.")
    with archive.open_archive(source) as opened:
        staging = archive.stage_attachments(opened, data_folder, progress)
        tables = archive.tables_to_insert(opened.tables, staging.renames)
    try:
        with repo.db.atomic():
            progress(0, 1, "Adding the case to your data.")
            try:
                case_id = repo.archive.import_case_rows(tables)
            except ValueError as exc:
                raise ArchiveError(str(exc) + "\n\nNothing was imported.") from exc
            sync_reminders(repo, case_id)
            progress(1, 1, "Adding the case to your data.")  # the last chance to cancel
            staging.place()
    except KnownError:
        staging.unplace()
        raise
    except (sqlite3.Error, OSError, ValueError, TypeError, OverflowError) as exc:
        # values that passed every check and still do not fit: refused all the same
        staging.unplace()
        known = known_from_storage_error(exc)
        if known is not None:
            raise ArchiveError(known.message + "\n\nNothing was imported.", known.detail) from exc
        raise ArchiveError(
            "This archive is damaged: its data does not fit together.\n\nNothing was imported.",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    except BaseException:
        staging.unplace()
        raise
    finally:
        staging.discard()
    return Changes.of(case_id, *IMPORTED_KINDS)
