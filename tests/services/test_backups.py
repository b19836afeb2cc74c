"""services/backups.py: backups by hand and going back to one, without a window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from secondopinion_desktop.services import backups
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository


def test_a_backup_made_now_is_listed_first(file_repo: Repository) -> None:
    made = backups.back_up_now(file_repo)
    assert made is not None and made.reason == "by hand"
    assert backups.list_backups(file_repo)[0] == made


def test_restoring_goes_back_and_keeps_the_present_first(file_repo: Repository) -> None:
    file_repo.cases.create("Mum")
    made = backups.back_up_now(file_repo)
    assert made is not None
    file_repo.cases.create("Dad")
    changes = backups.restore_backup(file_repo, made)
    assert [c.title for c in file_repo.cases.list()] == ["Mum"]
    assert changes.case_id is None and changes.kinds == frozenset(Kind)
    kept = [b for b in backups.list_backups(file_repo) if b.reason == "before restore"]
    assert len(kept) == 1


def test_a_database_in_memory_has_no_backups(repo: Repository) -> None:
    assert backups.back_up_now(repo) is None
    assert backups.list_backups(repo) == []
    elsewhere = backups.Backup(Path("secondopinion-x.db"), dt.datetime.now(dt.UTC), "daily")
    assert not backups.restore_backup(repo, elsewhere)
