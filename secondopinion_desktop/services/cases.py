"""Starting, changing and deleting a case."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import DecisionAnswer, clean_said_by
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


def record_decision_time(
    repo: Repository, case_id: int, answer: DecisionAnswer
) -> tuple[Case, Changes]:
    """Keep the treating doctor's answer to "how long can we safely take?" as it was said:
    a date, or a number of weeks from a date (then any date typed before is let go), and who
    said it. The reminders that derive from it follow with the case's next sync."""
    weeks = answer.weeks if answer.weeks_from is not None else None
    with repo.db.atomic():
        saved = repo.cases.update(
            replace(
                repo.cases.get(case_id),
                decide_by=None if weeks is not None else answer.decide_by,
                decide_weeks=weeks,
                decide_from=answer.weeks_from if weeks is not None else None,
                decide_said_by=clean_said_by(answer.said_by),
            )
        )
    return saved, Changes.of(case_id, Kind.CASE)


def delete_case(repo: Repository, case_id: int) -> Changes:
    """Delete the case and everything in it (the schema cascades)."""
    with repo.db.atomic():
        repo.cases.delete(case_id)
    return Changes(case_id, frozenset(Kind))
