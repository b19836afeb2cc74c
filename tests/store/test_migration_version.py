"""The schema version is written with the last schema step, never after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.database import connect, open_database


class Killed(BaseException):
    """The process dies here (as SIGKILL would: nothing after this line runs)."""


def test_a_kill_right_after_the_last_step_leaves_the_version_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "upgrading.db"
    db = connect(path)
    migrations.apply(db, stop_before=migrations.known_names()[-1])
    real_apply = Migrations.apply

    def apply_then_die(self: Migrations, *args: object, **kwargs: object) -> None:
        real_apply(self, *args, **kwargs)  # type: ignore[arg-type]
        raise Killed

    monkeypatch.setattr(Migrations, "apply", apply_then_die)
    with pytest.raises(Killed):
        migrations.apply(db)
    db.close()
    reopened = connect(path)
    assert migrations.pending_names(reopened) == []
    assert reopened.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names())
    reopened.close()


def test_a_file_left_with_an_old_version_is_put_right_at_the_next_open(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.execute("PRAGMA user_version = 1")  # as an earlier version's kill left it
    db.close()
    db = open_database(data_dir)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(migrations.known_names())
    db.close()
