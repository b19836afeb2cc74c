"""The files SQLite keeps beside the database (`-wal`, `-shm`), checked before they are used.

SQLite merges whatever `secondopinion.db-wal` lies beside the database into it at the first
read-write open, even a `-wal` copied from another data folder or another program's database:
nothing in SQLite's format ties a `-wal` to its database. So before the database is opened for
writing, its `-wal` is read here (never changed) and compared with the database:

- a `-wal` that is not a SQLite log, or whose page size differs from the database's;
- a `-wal` whose last committed size is smaller than the database (this app never shrinks
  its file, so its own log never does that);
- a `-wal` holding a first page (the database header) whose identity differs: the app stamps
  each database with its own random `application_id` (`stamp_identity`).

Such a `-wal` (and the `-shm` beside it, which indexes it) is moved, unchanged, into a dated
`quarantine/` folder inside the data folder, and the person is told. A `-wal` that passes is
the database's own: the first read-write open merges it, as SQLite always does after a crash.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
from pathlib import Path

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.store.files import fsync_folder

WAL_MAGICS = (0x377F0682, 0x377F0683)
WAL_VERSION = 3007000
WAL_HEADER = 32
FRAME_HEADER = 24
DB_HEADER = 100
QUARANTINE_DIR = "quarantine"
APPLICATION_ID_OFFSET = 68


@frozen
class WalSummary:
    """What a -wal says about the database it was written for."""

    page_size: int
    last_commit_pages: int | None  # pages in the database after the last commit, if any
    application_ids: frozenset[int]  # from every copy of page 1 in the log


def side_paths(db_path: Path) -> tuple[Path, Path]:
    return Path(f"{db_path}-wal"), Path(f"{db_path}-shm")


def read_db_header(db_path: Path) -> bytes:
    with db_path.open("rb") as handle:
        return handle.read(DB_HEADER)


def page_size_of(header: bytes) -> int:
    size = int(struct.unpack(">H", header[16:18])[0])
    return 65536 if size == 1 else size


def application_id_of(header: bytes) -> int:
    return int(struct.unpack(">I", header[APPLICATION_ID_OFFSET : APPLICATION_ID_OFFSET + 4])[0])


def read_wal(wal_path: Path) -> WalSummary | None:
    """The log's page size, last commit and identities; None when it is not a SQLite log.

    Frames count only while their salts match the header's, as SQLite reads them (older
    frames left from before a checkpoint carry other salts and are ignored).
    """
    with wal_path.open("rb") as handle:
        header = handle.read(WAL_HEADER)
        if len(header) < WAL_HEADER:
            return None
        magic, version, page_size, _seq, salt1, salt2 = struct.unpack(">6I", header[:24])
        if magic not in WAL_MAGICS or version != WAL_VERSION:
            return None
        if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
            return None
        last_commit: int | None = None
        identities: set[int] = set()
        while True:
            frame = handle.read(FRAME_HEADER)
            if len(frame) < FRAME_HEADER:
                break
            page_number, commit, f_salt1, f_salt2 = struct.unpack(">4I", frame[:16])
            if (f_salt1, f_salt2) != (salt1, salt2):
                break
            page = handle.read(page_size)
            if len(page) < page_size:
                break
            if page_number == 1:
                identities.add(application_id_of(page))
            if commit:
                last_commit = commit
    return WalSummary(page_size, last_commit, frozenset(identities))


def foreign_reason(db_path: Path) -> str | None:
    """Why the -wal beside `db_path` is not this database's own, or None if it may be.

    A missing or empty -wal is fine (there is nothing to merge). A -wal beside a missing or
    empty database always is foreign: there is no database it could belong to.
    """
    wal, _shm = side_paths(db_path)
    if not wal.is_file() or wal.stat().st_size == 0:
        return None
    if not db_path.is_file() or db_path.stat().st_size < DB_HEADER:
        return "no database for this log"
    summary = read_wal(wal)
    if summary is None:
        return "not a SQLite log"
    header = read_db_header(db_path)
    if summary.page_size != page_size_of(header):
        return "page size differs"
    pages = db_path.stat().st_size // page_size_of(header)
    if summary.last_commit_pages is not None and summary.last_commit_pages < pages:
        return "log is for a smaller database"
    ours = application_id_of(header)
    # A stamped database's own log carries its id on every copy of page 1 (0 only where the
    # log spans the stamping itself, and then the id follows).
    ids = summary.application_ids
    if ours and ids and (ours not in ids or ids - {0, ours}):
        return "log is for another database"
    return None


def quarantine(folder: Path, files: list[Path], now: dt.datetime | None = None) -> Path:
    """Move `files` unchanged into `<folder>/quarantine/<date>T<time>/`; returns that folder."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%dT%H%M%S")
    target = folder / QUARANTINE_DIR / stamp
    number = 1
    while target.exists():
        number += 1
        target = folder / QUARANTINE_DIR / f"{stamp}-{number}"
    target.mkdir(mode=0o700, parents=True)
    for item in files:
        os.replace(item, target / item.name)
    fsync_folder(target)
    fsync_folder(folder)
    return target


def set_aside_foreign(db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """Quarantine a -wal (and its -shm) that is not this database's; returns where, or None."""
    if foreign_reason(db_path) is None:
        return None
    present = [side for side in side_paths(db_path) if side.exists()]
    return quarantine(db_path.parent, present, now)


def new_identity() -> int:
    """A random, non-zero 31-bit id for a database's header (`application_id`)."""
    # os.urandom, not secrets: secrets imports hashlib, which start-up keeps unloaded
    return (int.from_bytes(os.urandom(4), "big") & 0x7FFFFFFF) or 1
