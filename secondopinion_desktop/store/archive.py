"""A whole case in one file, to move to a new computer: a zip with JSON and the attachments.

Reading an archive trusts nothing in it: names, sizes, JSON shape and values are all checked
before anything is written, and a failed import leaves no trace (files and rows both).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secondopinion_desktop import __version__
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.repository import Repository

FORMAT = "secondopinion-case"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "case.json"
ATTACHMENT_DIR = "attachments/"
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")
MAX_JSON_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # a zip bomb expands far beyond this
ARCHIVE_SUFFIX = ".secondopinion"


class ArchiveError(KnownError):
    """The archive cannot be imported; the message says why, for the person."""


def _refuse(message: str, detail: str = "") -> ArchiveError:
    return ArchiveError(message + "\n\nNothing was imported.", detail)


@dataclass(frozen=True)
class CaseArchive:
    """What a checked archive holds, ready to import."""

    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    files: dict[str, bytes]


def attachment_names(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [str(row["file_name"]) for row in tables.get("attachments", []) if "file_name" in row]


def build_archive(repo: Repository, case_id: int, data_folder: Path | None) -> bytes:
    """The archive's bytes (the caller writes them with QSaveFile, so a full disk never
    leaves half a file)."""
    tables = repo.export_case_rows(case_id)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "migrations": migrations.applied_names(repo.db),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "case_title": tables["cases"][0]["title"],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        zf.writestr(DATA, json.dumps(tables, indent=1, ensure_ascii=False))
        if data_folder is not None:
            for name in attachment_names(tables):
                path = data_folder / "attachments" / name
                if SAFE_NAME.match(name) and path.is_file():
                    zf.write(path, ATTACHMENT_DIR + name)
    return buffer.getvalue()


def _scalar(value: object) -> bool:
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def read_archive(data: bytes) -> CaseArchive:
    """Check everything in the archive; raise ArchiveError with words for the person."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _refuse(
            "This file is not a Second Opinion case archive, or it is damaged.", str(exc)
        ) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse("This archive holds far too many files to be a case archive.")
        total = 0
        names: set[str] = set()
        for info in infos:
            name = info.filename
            if name in names:
                raise _refuse("This archive is damaged: it names a file twice.", name)
            names.add(name)
            if name in (MANIFEST, DATA):
                limit = MAX_JSON_BYTES
            elif name.startswith(ATTACHMENT_DIR) and SAFE_NAME.match(name[len(ATTACHMENT_DIR) :]):
                limit = MAX_FILE_BYTES
            else:
                raise _refuse(
                    "This archive holds a file that does not belong in a case archive.", name
                )
            if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _refuse("This archive holds a file that is far too large.", name)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise _refuse("This archive is far too large to be a case archive.")
        if MANIFEST not in names or DATA not in names:
            raise _refuse("This file is not a Second Opinion case archive.")
        try:
            manifest = json.loads(_read_limited(zf, MANIFEST, MAX_JSON_BYTES))
            tables = json.loads(_read_limited(zf, DATA, MAX_JSON_BYTES))
        except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
            raise _refuse(
                "This archive is damaged: its contents cannot be read.", str(exc)
            ) from exc
        _check_manifest(manifest)
        _check_tables(tables)
        files: dict[str, bytes] = {}
        wanted = attachment_names(tables)
        for name in wanted:
            if not SAFE_NAME.match(name):
                raise _refuse(
                    "This archive names an attachment in a way that is not allowed.", name
                )
            member = ATTACHMENT_DIR + name
            if member in names:
                try:
                    files[name] = _read_limited(zf, member, MAX_FILE_BYTES)
                except (zipfile.BadZipFile, OSError) as exc:
                    raise _refuse(
                        "This archive is damaged: an attachment cannot be read.", str(exc)
                    ) from exc
        _check_checksums(tables, files)
    return CaseArchive(manifest, tables, files)


def _read_limited(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with zf.open(name) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _refuse("This archive holds a file that is far too large.", name)
    return data


def _check_manifest(manifest: object) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse("This file is not a Second Opinion case archive.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
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
            str(sorted(unknown)),
        )


def _check_tables(tables: object) -> None:
    if not isinstance(tables, dict):
        raise _refuse("This archive is damaged: its data has the wrong shape.")
    for table, rows in tables.items():
        if not isinstance(table, str) or not isinstance(rows, list):
            raise _refuse("This archive is damaged: its data has the wrong shape.")
        for row in rows:
            if not isinstance(row, dict) or not all(
                isinstance(k, str) and _scalar(v) for k, v in row.items()
            ):
                raise _refuse("This archive is damaged: its data has the wrong shape.", table)


def _check_checksums(tables: dict[str, list[dict[str, Any]]], files: dict[str, bytes]) -> None:
    for row in tables.get("attachments", []):
        name = row.get("file_name")
        expected = row.get("sha256")
        if (
            isinstance(name, str)
            and name in files
            and isinstance(expected, str)
            and hashlib.sha256(files[name]).hexdigest() != expected
        ):
            raise _refuse(
                "This archive is damaged: an attachment does not match its checksum.", name
            )


def import_archive(repo: Repository, archive: CaseArchive, data_folder: Path | None) -> int:
    """Add the archived case with fresh ids; attachment files are copied under new names.

    On any failure nothing stays behind: the rows roll back and copied files are removed.
    """
    tables = {t: [dict(r) for r in rows] for t, rows in archive.tables.items()}
    # Reminders the data implies carry ids in their keys; the rules make them afresh for the
    # imported case. The person's own reminders (no key) come along.
    if "reminders" in tables:
        tables["reminders"] = [r for r in tables["reminders"] if not r.get("key")]
    written: list[Path] = []
    try:
        if data_folder is not None and archive.files:
            folder = data_folder / "attachments"
            folder.mkdir(mode=0o700, exist_ok=True)
            renames: dict[str, str] = {}
            for name, content in archive.files.items():
                _stem, dot, suffix = name.rpartition(".")
                fresh = f"imported-{hashlib.sha256(os.urandom(16)).hexdigest()[:16]}"
                new_name = f"{fresh}.{suffix}" if dot and suffix.isalnum() else fresh
                target = folder / new_name
                with open(target, "xb") as handle:
                    handle.write(content)
                written.append(target)
                if os.name == "posix":
                    target.chmod(0o600)
                renames[name] = new_name
            for row in tables.get("attachments", []):
                if row.get("file_name") in renames:
                    row["file_name"] = renames[row["file_name"]]
        try:
            case_id = repo.import_case_rows(tables)
            repo.sync_reminders(case_id)
            return case_id
        except ValueError as exc:
            raise _refuse(str(exc)) from exc
        except Exception as exc:  # a constraint the rows break: damaged or hostile
            if isinstance(exc, KnownError):
                raise
            raise _refuse(
                "This archive is damaged: its data does not fit together.",
                f"{type(exc).__name__}: {exc}",
            ) from exc
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
