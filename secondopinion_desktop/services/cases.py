"""Starting, changing and deleting a case."""

from __future__ import annotations

from typing import Any

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository


def create_case(repo: Repository, title: str, **details: Any) -> tuple[Case, Changes]:
    """A new case with the details typed in the case dialog; returns it as stored."""
    with repo.db.atomic():
        case = repo.cases.create(title, **details)
    return case, Changes.of(case.id, Kind.CASE)


def update_case(repo: Repository, case: Case) -> tuple[Case, Changes]:
    """Save every detail of the case; returns it as stored."""
    with repo.db.atomic():
        saved = repo.cases.update(case)
    return saved, Changes.of(case.id, Kind.CASE)


def delete_case(repo: Repository, case_id: int) -> Changes:
    """Delete the case and everything in it (the schema cascades)."""
    with repo.db.atomic():
        repo.cases.delete(case_id)
    return Changes(case_id, frozenset(Kind))
