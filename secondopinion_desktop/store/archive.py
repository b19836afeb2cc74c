"""A whole case in one file, to move to a new computer: a zip with JSON and the attachments.

Reading an archive trusts nothing in it. Member names, counts and sizes are checked against
fixed limits (generous enough for a CD's worth of scans: the app's own exports always fit),
the JSON is parsed with its size and depth bounded, every value is checked by
domain/case_archive.py, and every attachment must be a document or picture by its content
(domain/file_types.py) and match its checksum, all before the first row is written.

Attachment files are first written into a private staging folder inside `attachments/`; the
import moves them to their places just before its transaction commits and removes them if it
does not, so a refused or failed import leaves no file and no row (services/transfer.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from secondopinion_desktop import __version__
from secondopinion_desktop.domain import file_types
from secondopinion_desktop.domain.archive_tables import MAX_FILE_BYTES, SAFE_FILE_NAME
from secondopinion_desktop.domain.case_archive import ArchiveContentError, check_case_tables
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.progress import Progress, Ticker, megabytes, no_progress
from secondopinion_desktop.errors import KnownError, known_from_storage_error
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.archive_staging import (
    ATTACHMENT_DIR,
    CHUNK,
    READ_ERRORS,
    Tables,
    refuse,
)
from secondopinion_desktop.store.archive_staging import IMPORTED_PREFIX as IMPORTED_PREFIX
from secondopinion_desktop.store.archive_staging import STAGING_PREFIX as STAGING_PREFIX
from secondopinion_desktop.store.archive_staging import ArchiveError as ArchiveError
from secondopinion_desktop.store.archive_staging import Staging as Staging
from secondopinion_desktop.store.archive_staging import stage_attachments as stage_attachments
from secondopinion_desktop.store.archive_staging import tables_to_insert as tables_to_insert
from secondopinion_desktop.store.person_files import open_regular_file

FORMAT = "secondopinion-case"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "case.json"
ARCHIVE_SUFFIX = ".secondopinion"
MAX_JSON_BYTES = 200 * 1024 * 1024  # a case with 100,000 imported doctors is about 60 MB
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # everything in the archive, unpacked
MAX_MEMBERS = 5_000  # files in the archive: the two JSON files and the scans
MAX_MANIFEST_BYTES = 1024 * 1024


# --- writing ---------------------------------------------------------------------------------


@frozen
class Written:
    """An export: the scans left out (missing, changed or not a document) by shown name."""

    left_out: tuple[str, ...] = ()


def _exportable_copy(path: Path, row: Mapping[str, Any], ticker: Ticker) -> bool:
    """A stored copy goes into the archive only if importing it back will accept it."""
    try:
        with open_regular_file(path, str(row.get("original_name", ""))) as handle:
            head = handle.read(file_types.HEAD_BYTES)
            digest = hashlib.sha256(head)
            size = len(head)
            ticker.advance(size)
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                ticker.advance(len(chunk))
    except KnownError:
        return False
    return (
        file_types.detect_kind(head) is not None
        and size <= MAX_FILE_BYTES
        and digest.hexdigest() == row.get("sha256")
    )


def _stored_size(data_folder: Path | None, name: str) -> int:
    try:
        return (data_folder / "attachments" / name).stat().st_size if data_folder else 0
    except OSError:
        return 0


def write_archive(
    target: Path,
    tables: Tables,
    applied: list[str],
    data_folder: Path | None,
    progress: Progress = no_progress,
) -> Written:
    """Write the case into `target` whole or not at all (temp file, fsync, rename; 0600).

    Refuses, in words, a case too big for an archive to carry back in (the limits the import
    enforces), so an export never makes a file the import would turn away. `progress` hears
    the bytes checked and written (it may raise Cancelled: then no file is left behind).
    """
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "migrations": applied,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "case_title": tables["cases"][0]["title"],
    }
    data = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode()
    if len(data) > MAX_JSON_BYTES:
        raise ArchiveError(
            "This case holds too much to fit into one case file, so it was not exported.",
            f"{len(data)} bytes of JSON",
        )
    left_out: list[str] = []
    copies: list[tuple[str, Path]] = []
    total = len(data)
    rows = tables.get("attachments", [])
    scans = sum(_stored_size(data_folder, str(r.get("file_name", ""))) for r in rows)

    def words(done: int, whole: int) -> str:
        if done < scans:
            return f"Checking the scans: {megabytes(done)} of {megabytes(scans)} MB."
        return f"Writing the case file: {megabytes(done - scans)} of {megabytes(scans)} MB."

    ticker = Ticker(progress, 2 * scans, words, every=4 * CHUNK)
    ticker.start()
    for row in rows:
        name = str(row.get("file_name", ""))
        path = (data_folder / "attachments" / name) if data_folder else None
        if (
            path is None
            or not SAFE_FILE_NAME.match(name)
            or not _exportable_copy(path, row, ticker)
        ):
            left_out.append(str(row.get("original_name", name)))
            continue
        total += path.stat().st_size
        copies.append((name, path))
    if len(copies) + 2 > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
        raise ArchiveError(
            "This case's scans add up to more than one case file can carry "
            f"({MAX_MEMBERS - 2:,} scans or {MAX_TOTAL_BYTES // 1024**3} GB), so it was not "
            "exported.\n\nPlease remove scans you no longer need, then try again.",
            f"{len(copies)} scans, {total} bytes",
        )
    # the one writer of files the person keeps (store/files.py): temp, fsync, 0600, rename
    from secondopinion_desktop.store.files import FileWriteError, atomic_file

    try:
        with (
            atomic_file(target) as out,
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        ):
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            zf.writestr(DATA, data)
            ticker.done = scans  # the bar's second half: writing (left-out scans are skipped)
            for name, path in copies:
                _write_member(zf, path, ATTACHMENT_DIR + name, ticker)
            progress(2 * scans, 2 * scans, "Saving the case file.")  # the last chance to cancel
    except FileWriteError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError):
            raise _write_error(target, cause) from cause
        raise
    return Written(tuple(left_out))


def _write_member(zf: zipfile.ZipFile, path: Path, member: str, ticker: Ticker) -> None:
    """`zf.write`, a megabyte at a time so the ticker can report (and Cancel can stop it)."""
    info = zipfile.ZipInfo.from_file(path, member)
    info.compress_type = zipfile.ZIP_DEFLATED
    with path.open("rb") as source, zf.open(info, "w") as out:
        while chunk := source.read(CHUNK):
            out.write(chunk)
            ticker.advance(len(chunk))


def _write_error(target: Path, exc: OSError) -> KnownError:
    known = known_from_storage_error(exc)
    if known is not None:
        return known
    return ArchiveError(
        f"Second Opinion could not write to:\n{target}\n\nPlease choose another place.",
        str(exc),
    )


# --- reading ---------------------------------------------------------------------------------


@dataclass
class OpenArchive:
    """A checked archive, still open for its attachments to be read."""

    manifest: dict[str, Any]
    tables: Tables
    zf: zipfile.ZipFile
    members: set[str] = field(default_factory=set)


@contextlib.contextmanager
def open_archive(source: Path | bytes) -> Iterator[OpenArchive]:
    """Open and check an archive (a path, or its bytes); ArchiveError in words if unfit.

    Everything but the attachments' contents is checked here; `stage_attachments` checks
    those as it copies them.
    """
    handle: IO[bytes]
    if isinstance(source, bytes):
        handle = io.BytesIO(source)
    else:
        try:
            handle = open_regular_file(source, source.name)
        except KnownError as exc:
            raise refuse(exc.message, exc.detail) from exc
    with handle:
        try:
            zf = zipfile.ZipFile(handle)
        except READ_ERRORS as exc:
            raise refuse(
                "This file is not a Second Opinion case archive, or it is damaged.", str(exc)
            ) from exc
        with zf:
            members = _check_members(zf)
            manifest = _load_json(zf, MANIFEST, MAX_MANIFEST_BYTES)
            _check_manifest(manifest)
            tables = _load_json(zf, DATA, MAX_JSON_BYTES)
            if not isinstance(tables, dict):
                raise refuse("This archive is damaged: its data has the wrong shape.")
            try:
                check_case_tables(tables)
            except ArchiveContentError as exc:
                raise refuse(exc.message, exc.detail) from exc
            yield OpenArchive(manifest, tables, zf, members)


def _check_members(zf: zipfile.ZipFile) -> set[str]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(
            f"This archive holds more than {MAX_MEMBERS:,} files, far more than a case has."
        )
    total = 0
    names: set[str] = set()
    for info in infos:
        name = info.filename
        if name in names:
            raise refuse("This archive is damaged: it names a file twice.", name)
        names.add(name)
        attachment = name.startswith(ATTACHMENT_DIR) and SAFE_FILE_NAME.match(
            name[len(ATTACHMENT_DIR) :]
        )
        if name not in (MANIFEST, DATA) and not attachment:
            raise refuse("This archive holds a file that does not belong in a case archive.", name)
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0: a zip made without file types
        if info.is_dir() or kind not in (0, stat.S_IFREG):
            raise refuse(
                "This archive holds a link or a special file where a document should be.", name
            )
        limit = MAX_FILE_BYTES if attachment else MAX_JSON_BYTES
        if info.file_size > limit:
            raise refuse("This archive holds a file that is far too large.", name)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(
                f"This archive unpacks to more than {MAX_TOTAL_BYTES // 1024**3} GB, far more "
                "than a case file holds."
            )
    if MANIFEST not in names or DATA not in names:
        raise refuse("This file is not a Second Opinion case archive.")
    return names


def _read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with zf.open(name) as handle:
            data = handle.read(limit + 1)
    except READ_ERRORS as exc:
        raise refuse("This archive is damaged: its contents cannot be read.", str(exc)) from exc
    if len(data) > limit:
        raise refuse("This archive holds a file that is far too large.", name)
    return data


def _load_json(zf: zipfile.ZipFile, name: str, limit: int) -> Any:
    data = _read_member(zf, name, limit)
    try:
        loaded = json.loads(data)
        # JSON may spell half a character ("\\ud800"), which SQLite cannot keep: refused here
        # in words, not at the insert with the codec's (UnicodeEncodeError is a ValueError).
        json.dumps(loaded, ensure_ascii=False).encode()
        return loaded
    except RecursionError as exc:
        raise refuse(
            "This archive is damaged: its data is nested far deeper than a case's.", name
        ) from exc
    except MemoryError as exc:
        raise refuse("This archive's data is too large to read on this computer.", name) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise refuse("This archive is damaged: its contents cannot be read.", str(exc)) from exc


def _check_manifest(manifest: object) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse("This file is not a Second Opinion case archive.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse("This archive is damaged: its description is incomplete.")
    if version > FORMAT_VERSION:
        raise refuse(
            "This archive was made by a newer version of Second Opinion. "
            "Please update the program to import it."
        )
    applied = manifest.get("migrations")
    if not isinstance(applied, list) or not all(isinstance(m, str) for m in applied):
        raise refuse("This archive is damaged: its description is incomplete.")
    unknown = set(applied) - set(migrations.known_names())
    if unknown:
        raise refuse(
            "This archive was made by a newer version of Second Opinion. "
            "Please update the program to import it.",
            str(sorted(unknown))[:200],
        )
