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
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from secondopinion_desktop import __version__
from secondopinion_desktop.domain import file_types
from secondopinion_desktop.domain.case_archive import (
    MAX_FILE_BYTES,
    SAFE_FILE_NAME,
    ArchiveContentError,
    check_case_tables,
)
from secondopinion_desktop.errors import KnownError, known_from_storage_error
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.person_files import open_regular_file

FORMAT = "secondopinion-case"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "case.json"
ATTACHMENT_DIR = "attachments/"
ARCHIVE_SUFFIX = ".secondopinion"
MAX_JSON_BYTES = 200 * 1024 * 1024  # a case with 100,000 imported doctors is about 60 MB
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # everything in the archive, unpacked
MAX_MEMBERS = 5_000  # files in the archive: the two JSON files and the scans
MAX_MANIFEST_BYTES = 1024 * 1024
STAGING_PREFIX = ".importing-"
IMPORTED_PREFIX = "imported-"
CHUNK = 1024 * 1024
# What reading a damaged zip can raise besides BadZipFile (a bad seek, a broken deflate stream,
# an encrypted or unknown member); lzma and bz2 raise LZMAError (imported when used) or OSError.
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    OverflowError,
)

Tables = dict[str, list[dict[str, Any]]]


class ArchiveError(KnownError):
    """The archive cannot be imported or written; the message says why, for the person."""


def _refuse(message: str, detail: str = "") -> ArchiveError:
    return ArchiveError(message + "\n\nNothing was imported.", detail)


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """An export: the scans left out (missing, changed or not a document) by shown name."""

    left_out: tuple[str, ...] = ()


def _exportable_copy(path: Path, row: Mapping[str, Any]) -> bool:
    """A stored copy goes into the archive only if importing it back will accept it."""
    try:
        with open_regular_file(path, str(row.get("original_name", ""))) as handle:
            head = handle.read(file_types.HEAD_BYTES)
            digest = hashlib.sha256(head)
            size = len(head)
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except KnownError:
        return False
    return (
        file_types.detect_kind(head) is not None
        and size <= MAX_FILE_BYTES
        and digest.hexdigest() == row.get("sha256")
    )


def write_archive(
    target: Path, tables: Tables, applied: list[str], data_folder: Path | None
) -> Written:
    """Write the case into `target` whole or not at all (temp file, fsync, rename; 0600).

    Refuses, in words, a case too big for an archive to carry back in (the limits the import
    enforces), so an export never makes a file the import would turn away.
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
    for row in tables.get("attachments", []):
        name = str(row.get("file_name", ""))
        path = (data_folder / "attachments" / name) if data_folder else None
        if path is None or not SAFE_FILE_NAME.match(name) or not _exportable_copy(path, row):
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
            for name, path in copies:
                zf.write(path, ATTACHMENT_DIR + name)
    except FileWriteError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError):
            raise _write_error(target, cause) from cause
        raise
    return Written(tuple(left_out))


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
            raise _refuse(exc.message, exc.detail) from exc
    with handle:
        try:
            zf = zipfile.ZipFile(handle)
        except READ_ERRORS as exc:
            raise _refuse(
                "This file is not a Second Opinion case archive, or it is damaged.", str(exc)
            ) from exc
        with zf:
            members = _check_members(zf)
            manifest = _load_json(zf, MANIFEST, MAX_MANIFEST_BYTES)
            _check_manifest(manifest)
            tables = _load_json(zf, DATA, MAX_JSON_BYTES)
            if not isinstance(tables, dict):
                raise _refuse("This archive is damaged: its data has the wrong shape.")
            try:
                check_case_tables(tables)
            except ArchiveContentError as exc:
                raise _refuse(exc.message, exc.detail) from exc
            yield OpenArchive(manifest, tables, zf, members)


def _check_members(zf: zipfile.ZipFile) -> set[str]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(
            f"This archive holds more than {MAX_MEMBERS:,} files, far more than a case has."
        )
    total = 0
    names: set[str] = set()
    for info in infos:
        name = info.filename
        if name in names:
            raise _refuse("This archive is damaged: it names a file twice.", name)
        names.add(name)
        attachment = name.startswith(ATTACHMENT_DIR) and SAFE_FILE_NAME.match(
            name[len(ATTACHMENT_DIR) :]
        )
        if name not in (MANIFEST, DATA) and not attachment:
            raise _refuse("This archive holds a file that does not belong in a case archive.", name)
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0: a zip made without file types
        if info.is_dir() or kind not in (0, stat.S_IFREG):
            raise _refuse(
                "This archive holds a link or a special file where a document should be.", name
            )
        limit = MAX_FILE_BYTES if attachment else MAX_JSON_BYTES
        if info.file_size > limit:
            raise _refuse("This archive holds a file that is far too large.", name)
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _refuse(
                f"This archive unpacks to more than {MAX_TOTAL_BYTES // 1024**3} GB, far more "
                "than a case file holds."
            )
    if MANIFEST not in names or DATA not in names:
        raise _refuse("This file is not a Second Opinion case archive.")
    return names


def _read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with zf.open(name) as handle:
            data = handle.read(limit + 1)
    except READ_ERRORS as exc:
        raise _refuse("This archive is damaged: its contents cannot be read.", str(exc)) from exc
    if len(data) > limit:
        raise _refuse("This archive holds a file that is far too large.", name)
    return data


def _load_json(zf: zipfile.ZipFile, name: str, limit: int) -> Any:
    data = _read_member(zf, name, limit)
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise _refuse(
            "This archive is damaged: its data is nested far deeper than a case's.", name
        ) from exc
    except MemoryError as exc:
        raise _refuse("This archive's data is too large to read on this computer.", name) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise _refuse("This archive is damaged: its contents cannot be read.", str(exc)) from exc


def _check_manifest(manifest: object) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("This file is not a Second Opinion case archive.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refuse("This archive is damaged: its description is incomplete.")
    if version > FORMAT_VERSION:
        raise _refuse(
            "This archive was made by a newer version of Second Opinion. "
            "Please update the program to import it."
        )
    applied = manifest.get("migrations")
    if not isinstance(applied, list) or not all(isinstance(m, str) for m in applied):
        raise _refuse("This archive is damaged: its description is incomplete.")
    unknown = set(applied) - set(migrations.known_names())
    if unknown:
        raise _refuse(
            "This archive was made by a newer version of Second Opinion. "
            "Please update the program to import it.",
            str(sorted(unknown))[:200],
        )


# --- attachments -------------------------------------------------------------------------------


@dataclass
class Staging:
    """Attachment files copied out of an archive, waiting in a private folder.

    `renames` maps each attachment row's archived file name to its new, fresh one (a row
    whose file is missing from the archive gets a fresh name too, so it never points at
    another case's copy). `place` moves the files in; `discard` removes what is left.
    """

    renames: dict[str, str]
    folder: Path | None = None
    target: Path | None = None
    placed: list[Path] = field(default_factory=list)

    def place(self) -> None:
        """Move the staged files to their places in `attachments/` (same disk: renames)."""
        if self.folder is None or self.target is None:
            return
        for path in sorted(self.folder.iterdir()):
            final = self.target / path.name
            os.replace(path, final)
            self.placed.append(final)

    def unplace(self) -> None:
        """Take placed files away again (the transaction that named them did not commit)."""
        for path in self.placed:
            with contextlib.suppress(OSError):
                path.unlink()
        self.placed.clear()

    def discard(self) -> None:
        """Remove the staging folder and anything still in it."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _fresh_name(suffix: str) -> str:
    return f"{IMPORTED_PREFIX}{os.urandom(8).hex()}{suffix}"


def stage_attachments(opened: OpenArchive, data_folder: Path | None) -> Staging:
    """Copy each attachment out of the archive into a staging folder, checking as it goes.

    Each must be a document or picture by its content (it is stored with the suffix of what
    it is, whatever its name in the archive said) and match its size and checksum. Without
    a data folder (a database in memory) the checks run and nothing is written.
    """
    staging = Staging(renames={})
    if data_folder is not None and opened.tables.get("attachments"):
        target = data_folder / "attachments"
        try:
            target.mkdir(mode=0o700, parents=True, exist_ok=True)
            staging.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
        except OSError as exc:
            raise _storage_refusal(exc) from exc
        staging.target = target
    try:
        for row in opened.tables.get("attachments", []):
            name = str(row["file_name"])
            member = ATTACHMENT_DIR + name
            if member not in opened.members:
                staging.renames[name] = _fresh_name("")  # its copy was missing when exported
                continue
            staging.renames[name] = _stage_one(opened.zf, member, row, staging.folder)
    except BaseException:
        staging.discard()
        raise
    return staging


def _damaged_scan(exc: BaseException) -> ArchiveError:
    return _refuse("This archive is damaged: an attachment cannot be read.", str(exc))


def _stage_one(
    zf: zipfile.ZipFile, member: str, row: Mapping[str, Any], folder: Path | None
) -> str:
    """Copy one member out (checking its kind, size and checksum); its new file name."""
    shown = str(row.get("original_name", member))
    digest = hashlib.sha256()
    size = 0
    try:
        handle = zf.open(member)
        head = handle.read(file_types.HEAD_BYTES)
    except READ_ERRORS as exc:
        raise _damaged_scan(exc) from exc
    with handle:
        kind = file_types.detect_kind(head)
        if kind is None:
            raise _refuse(
                f"This archive holds a file that is not a document or a picture "
                f"(\u201c{shown}\u201d), so it was not imported.",
                member,
            )
        new_name = _fresh_name(kind.suffix)
        try:
            out = open(folder / new_name, "xb") if folder is not None else None  # noqa: SIM115
            if out is not None and os.name == "posix":
                os.chmod(out.fileno(), 0o600)
        except OSError as exc:
            raise _storage_refusal(exc) from exc
        try:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise _refuse("This archive holds a file that is far too large.", member)
                digest.update(chunk)
                if out is not None:
                    try:
                        out.write(chunk)
                    except OSError as exc:
                        raise _storage_refusal(exc) from exc
                try:
                    chunk = handle.read(CHUNK)
                except READ_ERRORS as exc:
                    raise _damaged_scan(exc) from exc
            if out is not None:
                try:
                    out.flush()
                    os.fsync(out.fileno())
                except OSError as exc:
                    raise _storage_refusal(exc) from exc
        finally:
            if out is not None:
                out.close()
    if digest.hexdigest() != row.get("sha256") or size != row.get("size"):
        raise _refuse("This archive is damaged: an attachment does not match its checksum.", member)
    return new_name


def _storage_refusal(exc: OSError) -> KnownError:
    known = known_from_storage_error(exc)
    if known is not None:
        return ArchiveError(known.message + "\n\nNothing was imported.", known.detail)
    return _refuse("Second Opinion could not copy the archive's scans into its folder.", str(exc))


def tables_to_insert(tables: Tables, renames: Mapping[str, str]) -> Tables:
    """The rows as the import writes them: scans under their new names, and without the
    reminders the rules derive (their keys carry the old ids; the rules make them afresh)."""
    out = {t: [dict(r) for r in rows] for t, rows in tables.items()}
    if "reminders" in out:
        out["reminders"] = [r for r in out["reminders"] if not r.get("key")]
    for row in out.get("attachments", []):
        row["file_name"] = renames[str(row["file_name"])]
    return out
