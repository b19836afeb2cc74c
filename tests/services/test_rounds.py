"""Starting another round, as a use case: one transaction that says what changed, and a
history the case archive carries (issue 13.6)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from secondopinion_desktop.domain.case_archive import check_case_tables
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.services.rounds import start_new_round
from secondopinion_desktop.services.transfer import export_case, import_case
from secondopinion_desktop.store.repository import Repository
from tests.helpers.rounds import walked_to_a_second_opinion, walked_to_a_third_round


def snapshot(repo: Repository, case_id: int) -> dict[str, list[dict[str, Any]]]:
    return repo.archive.export_case_rows(case_id)


def test_a_new_round_says_what_changed(repo: Repository) -> None:
    case_id, _chen, _item = walked_to_a_second_opinion(repo)
    number, changes = start_new_round(repo, case_id, "Seen differently")
    assert number == 3 and changes.about(case_id)
    assert changes.touches({Kind.RECORDS}) and changes.touches({Kind.QUESTIONS})
    assert changes.touches({Kind.DOCTORS}) and changes.touches({Kind.ROUNDS})


def test_a_new_round_is_all_or_nothing(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id, _chen, _item = walked_to_a_second_opinion(repo)
    before = snapshot(repo, case_id)

    def fails(*_args: object) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    # the last write of the use case fails: the history written before it is undone too
    monkeypatch.setattr(repo.questions, "insert_row", fails)
    with pytest.raises(sqlite3.OperationalError):
        start_new_round(repo, case_id, "Seen differently")
    assert snapshot(repo, case_id) == before
    assert repo.rounds.current(case_id) == 2


def test_the_case_archive_carries_the_records_history(tmp_path: Path, repo: Repository) -> None:
    case_id, _chen, item = walked_to_a_third_round(repo)
    exported = repo.archive.export_case_rows(case_id)
    assert len(exported["record_deliveries"]) == 1
    check_case_tables(exported)  # every value of the new table is described and checked
    target = tmp_path / "dad.secondopinion"
    export_case(repo, case_id, target)
    changes = import_case(repo, target)
    assert changes.case_id is not None and changes.case_id != case_id
    new_id = changes.case_id
    [copied] = repo.records.list(new_id)
    [went] = repo.deliveries.for_record(copied.id)
    [original] = repo.deliveries.for_record(item.id)
    assert replace(went, id=0, record_id=0, doctor_id=0) == replace(
        original, id=0, record_id=0, doctor_id=0
    )
    chen_copy = [d for d in repo.doctors.list(new_id) if d.name == "Dr. David Chen"]
    assert went.doctor_id == chen_copy[0].id  # the link points at the imported doctor
