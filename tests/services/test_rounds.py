"""Starting another round, as a use case: the case archive carries its history (issue 13.6)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from secondopinion_desktop.domain.case_archive import check_case_tables
from secondopinion_desktop.services.transfer import export_case, import_case
from secondopinion_desktop.store.repository import Repository
from tests.helpers.rounds import walked_to_a_third_round


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
