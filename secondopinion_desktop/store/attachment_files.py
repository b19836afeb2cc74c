"""Copies of scanned records in the data folder's `attachments/`, with a SHA-256 checksum.

The person's original file is only ever opened for reading: it is never moved or changed. A copy
is written to a private temporary file beside its final place, flushed to disk, and then renamed,
so a half-written copy never appears under its real name. Copies are private (0600).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from secondopinion_desktop.domain.attachments import ATTACHMENT_SUFFIXES, MAX_ATTACHMENT_BYTES
from secondopinion_desktop.domain.file_types import (
    HEAD_BYTES,
    FileTypeError,
    check_document,
    kind_of_stored_name,
    name_suffix,
)
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.progress import Progress, megabytes, no_progress
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.store.person_files import open_regular_file

ATTACHMENTS_DIR = "attachments"
#: Copies of a removed item's scans wait here while undo may still bring the item back.
SET_ASIDE_DIR = "removed-scans"
CHUNK = 1024 * 1024


class AttachmentError(KnownError):
    """A scan could not be attached, found or read; the message is for the person."""


@frozen
class StoredFile:
    """A file copied into the data folder: its stored name, its own name, size and SHA-256."""

    file_name: str
    original_name: str
    size: int
    sha256: str


def _sha256() -> Any:
    """hashlib loads OpenSSL (about 2.5 ms): done when a file is first hashed, not at start."""
    import hashlib

    return hashlib.sha256()


def attachments_dir(data_folder: Path) -> Path:
    return data_folder / ATTACHMENTS_DIR


def _private_dir(folder: Path) -> Path:
    target = attachments_dir(folder)
    try:
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise AttachmentError(
            "Second Opinion could not make its folder for scans.\n\n"
            "Please check that the drive has free space.",
            str(exc),
        ) from exc
    if os.name == "posix":
        with contextlib.suppress(OSError):
            target.chmod(0o700)
    return target


def copy_in(data_folder: Path, source: Path, progress: Progress = no_progress) -> StoredFile:
    """Copy a scan into the data folder; returns the copy's name, size and checksum.

    Only documents and pictures are kept, judged by their content as well as their name
    (domain/file_types.py); the copy's suffix is the one its content calls for. Folders,
    devices and pipes are refused before anything is read from them. `progress` hears each
    megabyte copied; a `Cancelled` it raises leaves no copy behind.
    """
    name = source.name
    if name_suffix(name) and name_suffix(name) not in ATTACHMENT_SUFFIXES:
        raise AttachmentError(
            f"\u201c{name}\u201d is not a document or a picture, so Second Opinion will not "
            "keep it.\n\nPlease choose a PDF or a picture (for example .jpg or .png), a DICOM "
            "image or a plain text file. A word-processor file can be saved as PDF first.",
            f"suffix {name_suffix(name)!r}",
        )
    try:
        handle = open_regular_file(source, name)
    except KnownError as exc:
        raise AttachmentError(exc.message, exc.detail) from exc
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(HEAD_BYTES)
        except OSError as exc:
            raise AttachmentError(
                f"\u201c{name}\u201d could not be read.\n\n"
                "If it is on a USB stick or a network drive, please check that it is connected.",
                str(exc),
            ) from exc
        try:
            kind = check_document(name, head)
        except FileTypeError as exc:
            raise AttachmentError(exc.message, exc.code) from exc
        if size > MAX_ATTACHMENT_BYTES:
            raise AttachmentError(
                f"\u201c{name}\u201d is very large ({size // (1024 * 1024)} MB). "
                f"Please scan it again at a lower resolution, under "
                f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.",
            )
        suffix = kind.suffix
        folder = _private_dir(data_folder)
        digest = _sha256()
        try:
            # mkstemp makes the file readable and writable by this user only (0600)
            fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=suffix)
        except OSError as exc:
            raise AttachmentError(
                "Second Opinion could not save a copy of the scan.\n\n"
                "Please check that the drive has free space.",
                str(exc),
            ) from exc
        temp = Path(temp_name)
        written = 0
        try:
            with os.fdopen(fd, "wb") as out:
                chunk = head
                while chunk:
                    written += len(chunk)
                    if written > MAX_ATTACHMENT_BYTES:  # it grew while being copied
                        raise AttachmentError(
                            f"\u201c{name}\u201d is very large. Please scan it again at a "
                            "lower resolution.",
                        )
                    digest.update(chunk)
                    out.write(chunk)
                    progress(
                        written,
                        size,
                        f"Copying the scan: {megabytes(written)} of {megabytes(size)} MB.",
                    )
                    chunk = handle.read(CHUNK)
                out.flush()
                os.fsync(out.fileno())
            checksum = str(digest.hexdigest())
            final_name = f"{checksum[:16]}-{os.urandom(4).hex()}{suffix}"
            os.replace(temp, folder / final_name)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise AttachmentError(
                f"Second Opinion could not save a copy of \u201c{name}\u201d.\n\n"
                "Please check that the drive has free space, then try again.",
                str(exc),
            ) from exc
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
    if os.name == "posix":
        with contextlib.suppress(OSError):
            (folder / final_name).chmod(0o600)
    return StoredFile(final_name, name, written, checksum)


def remove_incomplete(data_folder: Path) -> list[Path]:
    """Delete half-copied scans (`.incoming-*`) a killed run left; returns what was removed."""
    removed: list[Path] = []
    folder = attachments_dir(data_folder)
    with contextlib.suppress(OSError):
        for item in folder.iterdir():  # not glob(): its pattern costs a regex at start
            if item.name.startswith(".incoming-") and item.is_file() and not item.is_symlink():
                with contextlib.suppress(OSError):
                    item.unlink()
                    removed.append(item)
    return removed


def stored_path(data_folder: Path, file_name: str) -> Path:
    """Where a copy lives; refuses names that would point outside the attachments folder."""
    if not file_name or Path(file_name).name != file_name or file_name.startswith("."):
        raise AttachmentError("This scan's record is damaged.", f"bad name {file_name!r}")
    return attachments_dir(data_folder) / file_name


def checksum(path: Path) -> str:
    digest = _sha256()
    with open_regular_file(path, path.name) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return str(digest.hexdigest())


def check_copy(data_folder: Path, file_name: str, expected_sha256: str, shown_name: str) -> Path:
    """The copy's path if it is there, readable and unchanged; else AttachmentError."""
    path = stored_path(data_folder, file_name)
    try:
        actual = checksum(path)
    except KnownError as exc:
        missing = not path.exists() and not path.is_symlink()
        raise AttachmentError(
            f"The copy of \u201c{shown_name}\u201d is missing from Second Opinion's folder.\n\n"
            "You can remove it from the list and attach the scan again."
            if missing
            else f"The copy of \u201c{shown_name}\u201d could not be read.\n\n"
            "Please check the data folder's permissions, or attach the scan again.",
            exc.detail,
        ) from exc
    if actual != expected_sha256:
        raise AttachmentError(
            f"The copy of \u201c{shown_name}\u201d has changed since it was attached, so it "
            "may be damaged.\n\nPlease attach the scan again from the original.",
            f"sha256 {actual} != {expected_sha256}",
        )
    return path


def check_openable(
    data_folder: Path, file_name: str, expected_sha256: str, shown_name: str
) -> Path:
    """The copy's path if it may be handed to the system's viewer; else AttachmentError.

    Besides `check_copy`: the system picks the program by the suffix, so the copy is opened
    only when it is a document or picture and its suffix is the one its content calls for.
    """
    path = check_copy(data_folder, file_name, expected_sha256, shown_name)
    with open_regular_file(path, shown_name) as handle:
        head = handle.read(HEAD_BYTES)
    if kind_of_stored_name(file_name, head) is None:
        raise AttachmentError(
            f"Second Opinion will not open \u201c{shown_name}\u201d: its copy is not a "
            "document or a picture, or it is not what its name says, so opening it could run "
            "a program.\n\nYou can remove it from the list.",
            f"stored as {file_name!r}",
        )
    return path


def remove_copy(data_folder: Path, file_name: str) -> None:
    """Delete a copy (a copy that is already gone is fine)."""
    path = stored_path(data_folder, file_name)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise AttachmentError(
            "Second Opinion could not delete its copy of the scan.\n\n"
            "Please check the data folder's permissions.",
            str(exc),
        ) from exc


def set_aside(data_folder: Path, file_name: str) -> None:
    """Move a removed item's copy out of the scans' folder, where undo can take it back from.

    Nothing a person sees names it any more; the tidy-up at the next start deletes it (see
    store/leftovers.py) unless a backup still names it.
    """
    source = stored_path(data_folder, file_name)
    aside = data_folder / SET_ASIDE_DIR
    with contextlib.suppress(FileNotFoundError):
        aside.mkdir(mode=0o700, exist_ok=True)
        os.replace(source, aside / file_name)


def bring_back(data_folder: Path, file_name: str) -> None:
    """Undo :func:`set_aside`: the copy is in the scans' folder again under its own name."""
    target = stored_path(data_folder, file_name)
    with contextlib.suppress(FileNotFoundError):
        _private_dir(data_folder)
        os.replace(data_folder / SET_ASIDE_DIR / file_name, target)


def return_set_aside(data_folder: Path) -> None:
    """At start (no undo left): every set-aside copy goes back among the scans, where the
    tidy-up keeps what a row or a backup names and deletes the rest."""
    aside = data_folder / SET_ASIDE_DIR
    if not aside.is_dir() or aside.is_symlink():
        return
    for item in aside.iterdir():
        if item.is_file() and not item.is_symlink() and not item.name.startswith("."):
            with contextlib.suppress(OSError, AttachmentError):
                bring_back(data_folder, item.name)
