"""Long records checklists, made straight in the database for tests and benchmarks."""

from __future__ import annotations

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.store.repository import Repository


def fill_checklist(repo: Repository, case: Case, rows: int) -> None:
    """Give the case's step-4 checklist exactly `rows` items (the usual ones first), in one
    transaction: thousands of items in a fraction of a second."""
    usual = [i for i in ensure_default_records(repo, case.id) if i.kind.step == 4]
    with repo.db.atomic():
        for n in range(rows - len(usual)):
            item = RecordItem(id=0, case_id=case.id, title=f"Lab report {n + 1}")
            repo.records.insert_row(item, keep_id=False)
