"""Reminders for tests: one of the person's own, in the fake clock's time zone."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.store.repository import Repository

ZONE = dt.timezone(dt.timedelta(hours=-5))


def own(
    repo: Repository, case_id: int, due: dt.datetime, title: str = "Call the lab", page: int = 4
) -> Reminder:
    saved = repo.reminders.add(Reminder(id=0, case_id=case_id, title=title, due_at=due))
    if page:
        # an own reminder has no page; give this one a place to open, as derived ones have
        repo.db.execute("UPDATE reminders SET page = ? WHERE id = ?", [page, saved.id])
    return repo.reminders.get(saved.id)
