"""Rotating backups of the database, made with SQLite's online backup API.

A copy made with the backup API is always consistent, even while the app is writing; a plain
file copy of a database in WAL mode is not. Backups live in the data folder's `backups/`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from pathlib import Path

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.progress import Progress, megabytes, no_progress
from secondopinion_desktop.errors import DataFolderError, KnownError
from secondopinion_desktop.store.files import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    fsync_folder,
    remove_stale_temps,
)

BACKUP_DIR = "backups"
PREFIX = "secondopinion-"
SUFFIX = ".db"
DEFAULT_KEEP = 10
DAILY = dt.timedelta(days=1)
CLOCK_SLACK = dt.timedelta(minutes=5)  # clocks differ a little; a backup is not "future" for that
PAGES_PER_STEP = 1024  # the backup API copies this many pages, then reports (and may cancel)


@frozen
class Backup:
    """A backup file: where it is, when it was made and why (daily, before an upgrade...)."""

    path: Path
    made_at: dt.datetime
    reason: str

    @property
    def label(self) -> str:
        """'Tuesday 24 November 2026, 9:30 am (daily)' for the restore list."""
        when = self.made_at.astimezone()
        hour = when.hour % 12 or 12
        suffix = "am" if when.hour < 12 else "pm"
        text = f"{when:%A} {when.day} {when:%B %Y}, {hour}:{when.minute:02d} {suffix}"
        return f"{text} ({self.reason})" if self.reason else text


def backup_dir(folder: Path) -> Path:
    return folder / BACKUP_DIR


def _name(made_at: dt.datetime, reason: str) -> str:
    stamp = made_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe_reason = "".join(ch for ch in reason.replace(" ", "-") if ch.isalnum() or ch == "-")[:30]
    return f"{PREFIX}{stamp}-{safe_reason}{SUFFIX}" if safe_reason else f"{PREFIX}{stamp}{SUFFIX}"


def _parse(path: Path) -> Backup | None:
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    core = name[len(PREFIX) : -len(SUFFIX)]
    stamp, _, reason = core.partition("-")
    try:
        made_at = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return Backup(path, made_at, reason.replace("-", " "))


def list_backups(folder: Path, now: dt.datetime | None = None) -> list[Backup]:
    """Backups in the folder, newest first; any dated in the future come last.

    A backup made while the clock was set wrong (days or years ahead) carries a future date.
    It is still listed, so it can be restored, but it is never taken for the newest: else the
    daily backup would wait for that date, and a restore would be offered the wrong copy.
    """
    directory = backup_dir(folder)
    if not directory.is_dir():
        return []
    found = [b for p in directory.iterdir() if p.is_file() and (b := _parse(p))]
    limit = (now or dt.datetime.now(dt.UTC)) + CLOCK_SLACK
    past = sorted((b for b in found if b.made_at <= limit), key=lambda b: b.made_at, reverse=True)
    future = sorted((b for b in found if b.made_at > limit), key=lambda b: b.made_at, reverse=True)
    return past + future


def remove_unfinished(folder: Path) -> list[Path]:
    """Delete backups a killed run left half-made (and restore copies); returns them.

    Called at start, holding the folder's lock. Older versions named a half-made backup
    `secondopinion-<date>.partial`; this version `.secondopinion-<date>.partial`.
    """
    directory = backup_dir(folder)
    removed = remove_stale_temps(directory)
    with contextlib.suppress(OSError):
        for item in directory.iterdir():  # not glob(): its pattern costs a regex at start
            half_made = item.name.startswith(PREFIX) and ".partial" in item.name[len(PREFIX) :]
            if half_made and item.is_file():
                with contextlib.suppress(OSError):
                    item.unlink()
                    removed.append(item)
    return removed


def is_future(backup: Backup, now: dt.datetime | None = None) -> bool:
    return backup.made_at > (now or dt.datetime.now(dt.UTC)) + CLOCK_SLACK


def make_backup(
    conn: sqlite3.Connection,
    folder: Path,
    reason: str = "",
    keep: int = DEFAULT_KEEP,
    now: dt.datetime | None = None,
    progress: Progress = no_progress,
) -> Backup:
    """Copy the live database into backups/ and drop the oldest beyond `keep`.

    `progress` hears the copy's progress; a `Cancelled` it raises leaves no backup, no temp
    file, and every older backup where it was (they are rotated only once the copy is made).
    """
    made_at = now or dt.datetime.now(dt.UTC)
    directory = backup_dir(folder)
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(
            "Second Opinion could not make its backup folder. Please check the disk.", str(exc)
        ) from exc
    target = directory / _name(made_at, reason)
    partial = directory / f"{TEMP_PREFIX}{target.stem}{TEMP_SUFFIX}"  # cleared at next start
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        destination = sqlite3.connect(str(partial))
        try:
            copy_pages(conn, destination, progress, "Making a backup of your data")
            # a backup is a plain file: checking or restoring it never needs a -wal or -shm
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        os.replace(partial, target)
        fsync_folder(directory)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if not isinstance(exc, (OSError, sqlite3.Error)):
            raise  # Cancelled, or a bug: the partial copy is gone all the same
        full = "full" in str(exc).lower() or getattr(exc, "errno", None) == 28
        raise KnownError(
            "The backup could not be made because the disk is full. Your data is safe; "
            "please free some space."
            if full
            else "The backup could not be made. Your data is safe; please check the disk.",
            str(exc),
        ) from exc
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            target.chmod(0o600)
    for old in list_backups(folder, made_at)[max(1, keep) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    made = _parse(target)
    assert made is not None
    return made


def copy_pages(
    source: sqlite3.Connection, target: sqlite3.Connection, progress: Progress, doing: str
) -> None:
    """SQLite's backup API, a step at a time so `progress` can report (and cancel: the target
    is then left as it was, its write rolled back)."""
    page_size = int(source.execute("PRAGMA page_size").fetchone()[0])

    def step(_status: int, remaining: int, total: int) -> None:
        done, whole = (total - remaining) * page_size, total * page_size
        progress(done, whole, f"{doing}: {megabytes(done)} of {megabytes(whole)} MB.")

    progress(0, 1, f"{doing}.")
    source.backup(target, pages=PAGES_PER_STEP, progress=step)


def remove_quietly(path: Path) -> None:
    """Delete a temp copy; one already gone, or that cannot go, is cleared at the next start."""
    with contextlib.suppress(OSError):
        path.unlink()


def backup_if_due(
    conn: sqlite3.Connection, folder: Path, keep: int = DEFAULT_KEEP, now: dt.datetime | None = None
) -> Backup | None:
    """The daily backup: made at start when the newest is older than a day (or none exists)."""
    current = now or dt.datetime.now(dt.UTC)
    backups = [b for b in list_backups(folder, current) if not is_future(b, current)]
    if backups and current - backups[0].made_at < DAILY:
        return None
    return make_backup(conn, folder, "daily", keep, current)


def read_only_uri(path: Path) -> str:
    """A URI that reads the file and creates nothing beside it (no -wal, -shm or journal).

    `immutable` is right for backups: nothing else writes them while they are read.
    """
    return f"{path.resolve().as_uri()}?mode=ro&immutable=1"


def is_good(path: Path) -> bool:
    """Whether a backup opens and passes SQLite's integrity check (read-only, leaves nothing)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def newest_good_backup(folder: Path, now: dt.datetime | None = None) -> Backup | None:
    """The newest backup that would restore (whole, from this version or an older one, with
    the app's own layout), never one dated in the future.

    Offered when the data file is damaged: one that is then refused (changed outside the
    program) was offered again at every start, never the good one before it.
    """
    for backup in list_backups(folder, now):
        if not is_future(backup, now) and is_good(backup.path) and _restores(backup):
            return backup
    return None


def _restores(backup: Backup) -> bool:
    """Whether `prepared_copy` accepts the backup (the copy it makes is removed at once)."""
    try:
        copy = prepared_copy(backup, backup.path.parent)
    except (KnownError, sqlite3.Error, OSError):
        return False
    remove_quietly(copy)
    return True


def prepared_copy(backup: Backup, folder: Path, progress: Progress = no_progress) -> Path:
    """A private copy of the backup, checked and brought to the current schema.

    The live file is never given an old layout: a backup made before an upgrade is migrated
    here, in a temp file in the data folder (`.secondopinion-restore-*.partial`, cleared at the
    next start if the program is killed meanwhile). A backup from a newer version of the
    program, or a damaged one, is refused in words. The caller removes the copy.
    `progress` hears the copy's progress; a `Cancelled` it raises removes the copy.
    """
    from secondopinion_desktop.store import migrations
    from secondopinion_desktop.store.connection import Database
    from secondopinion_desktop.store.files import TEMP_PREFIX, TEMP_SUFFIX
    from secondopinion_desktop.store.layout import layout_problem

    progress(0, 1, "Checking the backup.")
    if not is_good(backup.path):
        raise KnownError("That backup is damaged and cannot be restored. Please choose another.")
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}restore-", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    copy = Path(name)
    try:
        source = sqlite3.connect(read_only_uri(backup.path), uri=True)
        try:
            target = sqlite3.connect(str(copy), isolation_level=None)
            try:
                copy_pages(source, target, progress, "Preparing the backup")
                target.execute("PRAGMA journal_mode = DELETE")
                db = Database(target)
                db.execute("PRAGMA foreign_keys = ON")
                if migrations.MIGRATIONS_TABLE not in db.table_names():
                    raise KnownError(
                        "That backup is not a Second Opinion backup. Please choose another.",
                        "no migrations table",
                    )
                migrations.apply(db)  # refuses a newer backup (NewerDatabaseError)
                changed = layout_problem(target)
                if changed is not None:
                    raise KnownError(
                        "That backup was changed outside Second Opinion, so it is not safe "
                        "to restore. Please choose another.",
                        f"layout differs: {changed}",
                    )
                if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise KnownError(
                        "That backup could not be brought up to date. Please choose another.",
                        "integrity check after upgrade",
                    )
            finally:
                target.close()
        finally:
            source.close()
    except BaseException:
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    return copy


def restore_into(backup: Backup, conn: sqlite3.Connection) -> None:
    """Replace the live database's contents with the backup's, in one step (backup API).

    The backup is first copied and brought to the current schema (`prepared_copy`), so the
    running window only ever meets the layout it knows.
    """
    copy = prepared_copy(backup, backup.path.parent)
    try:
        restore_prepared(copy, conn)
    finally:
        remove_quietly(copy)


def restore_prepared(
    copy: Path, conn: sqlite3.Connection, progress: Progress = no_progress
) -> None:
    """Replace the live database's contents with a `prepared_copy`, in one transaction."""
    source = sqlite3.connect(read_only_uri(copy), uri=True)
    try:
        copy_pages(source, conn, progress, "Putting the backup in place")
    finally:
        source.close()


def set_aside_damaged(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) so a backup can take its place.

    The damaged file's bytes are never changed: it is kept beside, for a helper to look at.
    """
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S")
    kept = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
    if db_path.exists():  # a missing file has nothing to keep but what lay beside it
        os.replace(db_path, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{kept}{suffix}"))
    return kept


def restore_file(backup: Backup, db_path: Path) -> None:
    """Put a backup in place of a (set-aside) database file, when no connection is open.

    The backup is copied and brought to the current schema first (`prepared_copy`); the
    copy then takes the database's name in one rename.
    """
    copy = prepared_copy(backup, db_path.parent)
    try:
        os.replace(copy, db_path)
    except BaseException:
        with contextlib.suppress(OSError):
            copy.unlink()
        raise
    fsync_folder(db_path.parent)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            db_path.chmod(0o600)
