"""Reminders: the derived ones kept in step with their data, and what the person does with
any reminder (done, snoozed, their own added, changed or removed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from secondopinion_desktop.domain.reminder_rules import (
    ReminderFacts,
    Wanted,
    derive_reminders,
    plan_sync,
)
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.domain.stored_values import stored_time
from secondopinion_desktop.services.changes import NOTHING, Changes, Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository


def reminder_facts(repo: Repository, case_id: int) -> ReminderFacts:
    """What the reminder rules look at for one case."""
    with repo.db.atomic():
        return ReminderFacts(
            case=repo.cases.get(case_id),
            round=repo.rounds.current(case_id),
            appointments=repo.appointments.list(case_id),
            doctors=repo.doctors.for_reminders(case_id),
            calls=repo.doctors.calls_of_case(case_id),
            records=repo.records.list(case_id),
            todos=repo.todos.list(case_id),
            todo_added={
                key: when
                for key, added in repo.todos.added_at(case_id).items()
                if (when := stored_time(added)) is not None
            },
        )


def wanted_reminders(repo: Repository, case_id: int, zone: dt.tzinfo | None = None) -> list[Wanted]:
    """The reminders the case's data implies now (reads only: also on a worker's connection;
    a case of 2,000 records takes some 25 ms)."""
    return derive_reminders(reminder_facts(repo, case_id), repo.now(), zone)


def keep_in_step(repo: Repository, case_id: int, wanted: list[Wanted]) -> bool:
    """Write what `wanted_reminders` found into the case's derived reminders (the person's
    own are never touched); True if any changed."""
    with repo.db.atomic():
        plan = plan_sync(repo.reminders.derived(case_id), wanted, repo.now())  # keyed only
        repo.reminders.apply(case_id, plan)
    return not plan.empty


def sync_reminders(repo: Repository, case_id: int, zone: dt.tzinfo | None = None) -> bool:
    """Bring the case's derived reminders in step with its data; True if any changed."""
    with repo.db.atomic():
        return keep_in_step(repo, case_id, wanted_reminders(repo, case_id, zone))


def all_wanted_reminders(
    repo: Repository, zone: dt.tzinfo | None = None
) -> dict[int, list[Wanted]]:
    """`wanted_reminders` of every case, by case id (reads only: also on a worker's
    connection; 52 cases of five years take about 0.8 s)."""
    return {case.id: wanted_reminders(repo, case.id, zone) for case in repo.cases.list()}


def keep_all_in_step(
    repo: Repository, wanted: Mapping[int, list[Wanted]], skip: Collection[int] = ()
) -> bool:
    """`keep_in_step` for every case in `wanted` but those in `skip` (changed since it was
    read: their own rules run), in one transaction; a case removed meanwhile is left out.
    True if any reminder changed."""
    changed = False
    with repo.db.atomic():
        here = {case.id for case in repo.cases.list()}
        for case_id, case_wanted in wanted.items():
            if case_id in here and case_id not in skip:
                changed = keep_in_step(repo, case_id, case_wanted) or changed
    return changed


def sync_all_reminders(repo: Repository, zone: dt.tzinfo | None = None) -> bool:
    """Sync every case's derived reminders (at start, after a wake, on a new day)."""
    changed = False
    with repo.db.atomic():
        for case in repo.cases.list():
            changed = sync_reminders(repo, case.id, zone) or changed
    return changed


# --- what the person does with a reminder ----------------------------------------------------


def set_done(repo: Repository, reminder_id: int, done: bool) -> Changes:
    """Mark a reminder done (or open again); one removed meanwhile is left alone."""
    try:
        with repo.db.atomic():
            saved = repo.reminders.set_done(reminder_id, done)
    except NotFoundError:  # gone meanwhile: what it asked is no longer implied
        return NOTHING
    return Changes.of(saved.case_id, Kind.REMINDERS)


def snooze(repo: Repository, reminder_id: int, until: dt.datetime | None) -> Changes:
    """Put a reminder off until `until` (None: not snoozed any more)."""
    try:
        with repo.db.atomic():
            saved = repo.reminders.snooze(reminder_id, until)
    except NotFoundError:
        return NOTHING
    return Changes.of(saved.case_id, Kind.REMINDERS)


def add_own(repo: Repository, reminder: Reminder) -> tuple[Reminder, Changes]:
    """A reminder the person wrote themselves; returns it as stored."""
    with repo.db.atomic():
        saved = repo.reminders.add(reminder)
    return saved, Changes.of(saved.case_id, Kind.REMINDERS)


def update_own(repo: Repository, reminder: Reminder) -> tuple[Reminder | None, Changes]:
    """Save a changed own reminder; None (and nothing written) if it was removed meanwhile."""
    try:
        with repo.db.atomic():
            saved = repo.reminders.update(reminder)
    except NotFoundError:
        return None, Changes.of(reminder.case_id, Kind.REMINDERS)
    return saved, Changes.of(saved.case_id, Kind.REMINDERS)


def delete_own(repo: Repository, reminder: Reminder) -> Changes:
    """Remove an own reminder."""
    with repo.db.atomic():
        repo.reminders.delete(reminder.id)
    return Changes.of(reminder.case_id, Kind.REMINDERS)
