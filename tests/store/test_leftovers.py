"""Scan copies no row names are removed at start, unless a backup still names them."""

from __future__ import annotations

from pathlib import Path

from secondopinion_desktop.store import backups
from secondopinion_desktop.store.attachment_files import attachments_dir
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.leftovers import remove_unreferenced_attachments
from tests.helpers.data_files import add_cases, add_scan_row


def test_only_copies_nobody_names_are_removed(data_dir: Path) -> None:
    db = open_database(data_dir)
    add_cases(db, "Case", 1)
    folder = attachments_dir(data_dir)
    folder.mkdir(exist_ok=True)
    for name in ("live.pdf", "in-backup.pdf", "orphan.pdf"):
        (folder / name).write_bytes(b"scan")
    add_scan_row(db, "in-backup.pdf")
    backups.make_backup(db.conn, data_dir, "before restore")
    db.execute("DELETE FROM attachments")
    add_scan_row(db, "live.pdf")
    removed = remove_unreferenced_attachments(db, data_dir)
    db.close()
    assert [p.name for p in removed] == ["orphan.pdf"]
    assert sorted(p.name for p in folder.iterdir()) == ["in-backup.pdf", "live.pdf"]


def test_the_staging_name_is_the_archives() -> None:
    from secondopinion_desktop.store import archive, leftovers

    assert leftovers.STAGING_PREFIX == archive.STAGING_PREFIX
