"""Reminders for tests: one of the person's own, in the fake clock's time zone, and a call
that asks for a call back (a derived reminder)."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.doctors import Call
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock

ZONE = dt.timezone(dt.timedelta(hours=-5))


def own(
    repo: Repository, case_id: int, due: dt.datetime, title: str = "Call the lab", page: int = 4
) -> Reminder:
    saved = repo.reminders.add(Reminder(id=0, case_id=case_id, title=title, due_at=due))
    if page:
        # an own reminder has no page; give this one a place to open, as derived ones have
        repo.db.execute("UPDATE reminders SET page = ? WHERE id = ?", [page, saved.id])
    return repo.reminders.get(saved.id)


def call_back(repo: Repository, clock: FakeClock, doctor_id: int, in_days: int) -> None:
    """A call logged yesterday: the office asked to be called back in `in_days` days."""
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=doctor_id,
            called_at=(clock() - dt.timedelta(days=1)).isoformat(),
            call_back_on=(clock() + dt.timedelta(days=in_days)).date().isoformat(),
        )
    )
