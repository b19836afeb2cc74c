"""Derived reminders: kept in step with the data they are derived from."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.reminder_rules import ReminderFacts, derive_reminders, plan_sync
from secondopinion_desktop.domain.stored_values import stored_time
from secondopinion_desktop.store.repository import Repository


def reminder_facts(repo: Repository, case_id: int) -> ReminderFacts:
    """What the reminder rules look at for one case."""
    with repo.db.atomic():
        return ReminderFacts(
            case=repo.cases.get(case_id),
            round=repo.rounds.current(case_id),
            appointments=repo.appointments.list(case_id),
            doctors=repo.doctors.list(case_id),
            calls=repo.doctors.calls_of_case(case_id),
            records=repo.records.list(case_id),
            todos=repo.todos.list(case_id),
            todo_added={
                key: when
                for key, added in repo.todos.added_at(case_id).items()
                if (when := stored_time(added)) is not None
            },
        )


def sync_reminders(repo: Repository, case_id: int, zone: dt.tzinfo | None = None) -> bool:
    """Bring the case's derived reminders in step with its data; True if any changed."""
    with repo.db.atomic():
        wanted = derive_reminders(reminder_facts(repo, case_id), repo.now(), zone)
        plan = plan_sync(repo.reminders.list(case_id), wanted, repo.now())
        repo.reminders.apply(case_id, plan)
    return not plan.empty


def sync_all_reminders(repo: Repository, zone: dt.tzinfo | None = None) -> bool:
    """Sync every case's derived reminders (at start, after a wake, on a new day)."""
    changed = False
    with repo.db.atomic():
        for case in repo.cases.list():
            changed = sync_reminders(repo, case.id, zone) or changed
    return changed
