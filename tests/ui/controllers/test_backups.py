"""File > Back Up Now and File > Restore From Backup, end to end through the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.store import backups
from secondopinion_desktop.ui import messages
from tests.ui.conftest import AppSession


def test_back_up_now_makes_a_good_backup(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case("Kept safe")
    window = session.open()
    window.backup_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    made = backups.list_backups(session.folder)
    assert len(made) == 1 and made[0].reason == "by hand"
    assert backups.is_good(made[0].path)
    assert "Backup made" in window.statusBar().currentMessage()


def test_restore_goes_back_and_keeps_the_present_as_a_backup(
    session: AppSession, make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case("Original name")
    window = session.open()
    window.backup_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    session.clock.advance(minutes=5)
    window.repo.cases.rename(case.id, "Renamed by mistake")
    window.reload_cases(case.id)
    offered: list[list[str]] = []

    def choose(_parent: Any, _title: str, _label: str, items: list[str]) -> int:
        offered.append(items)
        return 0

    monkeypatch.setattr(messages, "choose_item", choose)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    window.restore_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert offered and len(offered[0]) == 1
    assert window.case is not None and window.case.title == "Original name"
    assert window.repo.cases.get(case.id).title == "Original name"
    reasons = sorted(b.reason for b in backups.list_backups(session.folder))
    assert reasons == ["before restore", "by hand"]


def test_restore_cancelled_changes_nothing(
    session: AppSession, make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case("Before")
    window = session.open()
    window.backup_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    window.repo.cases.rename(case.id, "After")
    monkeypatch.setattr(messages, "choose_item", lambda *a: 0)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: False)
    window.restore_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert window.repo.cases.get(case.id).title == "After"
    assert len(backups.list_backups(session.folder)) == 1


def test_restore_with_no_backups_explains(
    session: AppSession, make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case()
    window = session.open()
    told: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, title, _t: told.append(title))
    window.restore_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert told == ["No backups yet"]


def test_a_backup_changed_outside_the_program_is_refused_in_words(
    session: AppSession, make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup given a trigger (it passes SQLite's integrity check) was restored, and from
    then on adding a case deleted every other one."""
    import sqlite3

    make_case("Mum")
    window = session.open()
    window.backup_action.trigger()
    assert window.jobs.wait()
    made = backups.list_backups(session.folder)[0]
    conn = sqlite3.connect(made.path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON cases BEGIN DELETE FROM cases; END")
    conn.commit()
    conn.close()
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "choose_item", lambda *a: 0)
    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: told.append((title, text)))
    window.restore_action.trigger()
    assert window.jobs.wait()
    assert told and "changed outside Second Opinion" in told[0][1]
    assert "Traceback" not in told[0][1]
    make_case("Dad")
    assert sorted(c.title for c in window.repo.cases.list()) == ["Dad", "Mum"]
    assert [b.reason for b in backups.list_backups(session.folder)] == ["by hand"]
