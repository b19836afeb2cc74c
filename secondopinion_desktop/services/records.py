"""The records checklist: the usual items offered once per case; saving items (with undo),
attaching scans, and removing them.

Scans are files beside the database. A copy is made before its row is written and removed
again if the row cannot be; a copy is deleted only after the rows that named it are gone for
good (the transaction committed), so a failed write never leaves a row without its file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.progress import Progress, no_progress
from secondopinion_desktop.domain.record_entry import suggested_records
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.domain.rounds import RecordDelivery
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store import attachment_files
from secondopinion_desktop.store.repository import NotFoundError, Repository

log = logging.getLogger(__name__)


def save_item(
    repo: Repository, current: RecordItem | None, wanted: RecordItem | None
) -> tuple[RecordItem | None, Changes]:
    """Make the stored item match `wanted`: add, change, put back (undo) or remove it.

    Returns the item as stored (a new item gets its id here), or None when it was removed or
    was changed elsewhere meanwhile (then nothing is written).
    """
    item = wanted or current
    changes = Changes.of(item.case_id if item else None, Kind.RECORDS)
    result: RecordItem | None = None
    try:
        with repo.db.atomic():
            if wanted is None:
                if current is not None:
                    repo.records.delete(current.id)
            elif current is None:
                if wanted.id:
                    repo.records.restore(wanted)
                    result = repo.records.get(wanted.id)
                else:
                    result = repo.records.add(wanted)
            else:
                result = repo.records.update(wanted)
    except NotFoundError:
        log.info("record changed elsewhere; nothing to undo")
        return None, changes
    return result, changes


@frozen
class Attached:
    """What attaching a scan did: `duplicate` when that very file was attached already."""

    original_name: str
    duplicate: bool
    changes: Changes


def attach_scan(
    repo: Repository,
    folder: Path,
    item: RecordItem,
    source: Path,
    progress: Progress = no_progress,
) -> Attached:
    """Keep a copy of `source` as a scan of `item` (the original is never changed).

    The same file twice (same content) is not attached again. KnownError when the file
    cannot be copied; the copy is cleaned up if its row cannot be written, or when
    `progress` raises `Cancelled` (a scan of hundreds of megabytes is copied in a job).
    """
    stored = attachment_files.copy_in(folder, source, progress)
    try:
        with repo.db.atomic():
            existing = repo.records.list_attachments(item.id)
            if any(a.sha256 == stored.sha256 for a in existing):
                duplicate = True
            else:
                duplicate = False
                repo.records.add_attachment(
                    Attachment(
                        id=0,
                        record_id=item.id,
                        file_name=stored.file_name,
                        original_name=stored.original_name,
                        size=stored.size,
                        sha256=stored.sha256,
                    )
                )
    except BaseException:
        _remove_copies(folder, [stored.file_name])
        raise
    if duplicate:
        _remove_copies(folder, [stored.file_name])
        return Attached(stored.original_name, True, Changes())
    return Attached(stored.original_name, False, Changes.of(item.case_id, Kind.ATTACHMENTS))


def remove_item(repo: Repository, folder: Path | None, item: RecordItem) -> Changes:
    """Remove an item and its scans: the rows first, the copies once that is saved."""
    with repo.db.atomic():
        scans = repo.records.delete(item.id)
    if folder is not None:
        _remove_copies(folder, [s.file_name for s in scans])
    return Changes.of(item.case_id, Kind.RECORDS, Kind.ATTACHMENTS)


@frozen
class RemovedItem:
    """All that removing an item took away, so that undo can put every part of it back: the
    item, each earlier round's delivery history and its scans' rows."""

    item: RecordItem
    deliveries: tuple[RecordDelivery, ...]
    scans: tuple[Attachment, ...]


def take_out_item(
    repo: Repository, folder: Path | None, item: RecordItem
) -> tuple[RemovedItem, Changes]:
    """Remove an item that undo may bring back (Remove on the checklist).

    Undo used to put back the item alone: where it went in earlier rounds and its scans were
    lost. The scans' copies are set aside once the rows are gone (store.attachment_files), not
    deleted: undo brings them back; the tidy-up at the next start deletes what nothing names.
    """
    with repo.db.atomic():
        stored = repo.records.get(item.id)
        deliveries = tuple(repo.deliveries.for_record(item.id))
        scans = tuple(repo.records.delete(item.id))
    if folder is not None:
        for scan in scans:
            try:
                attachment_files.set_aside(folder, scan.file_name)
            except (OSError, KnownError) as exc:
                log.warning("could not set a scan copy aside: %s", type(exc).__name__)
    changes = Changes.of(item.case_id, Kind.RECORDS, Kind.ATTACHMENTS)
    return RemovedItem(stored, deliveries, scans), changes


def put_back_item(
    repo: Repository, folder: Path | None, removed: RemovedItem
) -> tuple[RecordItem, Changes]:
    """Undo :func:`take_out_item`: the item under its old id, its history and its scans."""
    if folder is not None:
        for scan in removed.scans:
            attachment_files.bring_back(folder, scan.file_name)
    with repo.db.atomic():
        repo.records.restore(removed.item, removed.scans)
        repo.deliveries.add_many(removed.deliveries)
        restored = repo.records.get(removed.item.id)
    return restored, Changes.of(removed.item.case_id, Kind.RECORDS, Kind.ATTACHMENTS)


def remove_scan(
    repo: Repository, folder: Path | None, case_id: int, attachment: Attachment
) -> Changes:
    """Remove one scan: its row first, the copy once that is saved."""
    with repo.db.atomic():
        repo.records.delete_attachment(attachment.id)
    if folder is not None:
        _remove_copies(folder, [attachment.file_name])
    return Changes.of(case_id, Kind.ATTACHMENTS)


def openable_scan(repo: Repository, attachment: Attachment) -> Path:
    """The scan's copy, if it may be handed to the system's viewer; else KnownError in words.

    The copy must still be the file that was attached (same checksum) and be a document or
    picture whose suffix matches its content, so opening it cannot run a program.
    """
    folder = repo.data_folder()
    if folder is None:
        raise KnownError("Scans are kept only for data saved in a folder.")
    return attachment_files.check_openable(
        folder, attachment.file_name, attachment.sha256, attachment.original_name
    )


def _remove_copies(folder: Path, names: Iterable[str]) -> None:
    """Delete copies; one that cannot be deleted is logged, not fatal (the row is gone)."""
    for name in names:
        try:
            attachment_files.remove_copy(folder, name)
        except KnownError as exc:
            log.warning("could not remove a scan copy: %s", exc.detail)


def ensure_default_records(repo: Repository, case_id: int) -> list[RecordItem]:
    """Suggest the usual items once per case, the first time its checklist is shown.

    Only a case with no items gets them; the case remembers that it was offered them, so
    items the person removed do not come back.
    """
    with repo.db.atomic():
        if repo.records.suggested_at(case_id) is None:
            if not repo.records.count(case_id):
                case = repo.cases.get(case_id)
                suggested = suggested_records(
                    case_id,
                    repo.doctors.list(case_id),
                    case.diagnosis,
                    case.recommended_treatment,
                    child=case.is_child_on(repo.today()),
                )
                for item in suggested:
                    repo.records.insert_row(item, keep_id=False)
            repo.records.mark_suggested(case_id)
    return repo.records.list(case_id)
