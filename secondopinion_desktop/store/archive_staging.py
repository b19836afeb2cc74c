"""Taking a case archive's scans out: checked, into a private staging folder, then placed.

The import (services/transfer.py) stages every attachment before its transaction, moves the
files in just before it commits and takes them away again if it does not, so a refused,
failed or cancelled import leaves no file. Also the archive's error and the names both the
reading (store/archive.py) and the staging share; store/archive.py re-exports them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secondopinion_desktop.domain import file_types
from secondopinion_desktop.domain.archive_tables import MAX_FILE_BYTES
from secondopinion_desktop.domain.clean_text import without_hidden
from secondopinion_desktop.domain.progress import Progress, Ticker, megabytes, no_progress
from secondopinion_desktop.errors import KnownError, known_from_storage_error

if TYPE_CHECKING:
    from secondopinion_desktop.store.archive import OpenArchive

ATTACHMENT_DIR = "attachments/"
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


def refuse(message: str, detail: str = "") -> ArchiveError:
    """An import refused in words, saying that nothing was imported."""
    return ArchiveError(message + "\n\nNothing was imported.", detail)


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
    made_target: bool = False

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
        """Remove the staging folder and anything still in it (and `attachments/` itself if
        the import made it and placed nothing there: a stopped import leaves no folder)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        if self.made_target and self.target is not None:
            with contextlib.suppress(OSError):
                self.target.rmdir()  # fails, as it should, once it holds a placed scan


def _fresh_name(suffix: str) -> str:
    return f"{IMPORTED_PREFIX}{os.urandom(8).hex()}{suffix}"


def stage_attachments(
    opened: OpenArchive, data_folder: Path | None, progress: Progress = no_progress
) -> Staging:
    """Copy each attachment out of the archive into a staging folder, checking as it goes.

    Each must be a document or picture by its content (it is stored with the suffix of what
    it is, whatever its name in the archive said) and match its size and checksum. Without
    a data folder (a database in memory) the checks run and nothing is written. `progress`
    hears the bytes copied (it may raise Cancelled: then the staging folder is removed).
    """
    staging = Staging(renames={})
    rows = opened.tables.get("attachments", [])

    def words(done: int, whole: int) -> str:
        return f"Copying the scans: {megabytes(done)} of {megabytes(whole)} MB."

    ticker = Ticker(progress, sum(int(r.get("size") or 0) for r in rows), words, 4 * CHUNK)
    if data_folder is not None and opened.tables.get("attachments"):
        target = data_folder / "attachments"
        try:
            staging.made_target = not target.exists()
            target.mkdir(mode=0o700, parents=True, exist_ok=True)
            staging.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target))
        except OSError as exc:
            raise _storage_refusal(exc) from exc
        staging.target = target
    try:
        ticker.start()
        for row in rows:
            name = str(row["file_name"])
            member = ATTACHMENT_DIR + name
            if member not in opened.members:
                staging.renames[name] = _fresh_name("")  # its copy was missing when exported
                continue
            staging.renames[name] = _stage_one(opened.zf, member, row, staging.folder, ticker)
    except BaseException:
        staging.discard()
        raise
    return staging


def _damaged_scan(exc: BaseException) -> ArchiveError:
    return refuse("This archive is damaged: an attachment cannot be read.", str(exc))


def _stage_one(
    zf: zipfile.ZipFile, member: str, row: Mapping[str, Any], folder: Path | None, ticker: Ticker
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
            raise refuse(
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
                    raise refuse("This archive holds a file that is far too large.", member)
                digest.update(chunk)
                ticker.advance(len(chunk))
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
        raise refuse("This archive is damaged: an attachment does not match its checksum.", member)
    return new_name


def _storage_refusal(exc: OSError) -> KnownError:
    known = known_from_storage_error(exc)
    if known is not None:
        return ArchiveError(known.message + "\n\nNothing was imported.", known.detail)
    return refuse("Second Opinion could not copy the archive's scans into its folder.", str(exc))


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """The row's text without hidden characters (domain/clean_text.without_hidden); keys and
    scan names (unique, and checked to hold none) as they are."""
    for column, value in row.items():
        if isinstance(value, str) and column not in ("key", "file_name"):
            row[column] = without_hidden(value)
    return row


def tables_to_insert(tables: Tables, renames: Mapping[str, str]) -> Tables:
    """The rows as the import writes them: scans under their new names, and without the
    reminders the rules derive (their keys carry the old ids; the rules make them afresh)."""
    out = {t: [_shown(dict(r)) for r in rows] for t, rows in tables.items()}
    if "reminders" in out:
        out["reminders"] = [r for r in out["reminders"] if not r.get("key")]
    for row in out.get("attachments", []):
        row["file_name"] = renames[str(row["file_name"])]
    return out
