"""The reminders table model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.models.reminders_model import RemindersModel
from tests.helpers.clock import FakeClock
from tests.helpers.reminders import ZONE, own


def test_reminders_model(qtmodeltester: Any, repo: Repository, clock: FakeClock) -> None:
    case = repo.cases.create("Mum")
    own(repo, case.id, clock() - dt.timedelta(hours=1), "Late")
    own(repo, case.id, clock() + dt.timedelta(days=2), "Later")
    model = RemindersModel()
    model.set_reminders(repo.reminders.list(case.id), clock(), ZONE)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Today, 8:30 am"
    assert model.index(0, 3).data() == "Due now"
    assert model.index(1, 0).data() == "Sun 22 Nov, 9:30 am"
    assert model.index(1, 3).data() == "Coming up"


def test_a_long_list_is_read_a_page_at_a_time(
    qtmodeltester: Any, repo: Repository, clock: FakeClock
) -> None:
    from secondopinion_desktop.ui.models.reminders_model import PAGE

    case = repo.cases.create("Mum")
    count = PAGE * 2 + 17
    repo.db.conn.executemany(
        "INSERT INTO reminders (case_id, title, due_at, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (case.id, f"Reminder {i}", (clock() - dt.timedelta(minutes=i)).isoformat(), "", "")
            for i in range(count)
        ],
    )
    reads: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> list[Any]:
        reads.append((offset, limit))
        return repo.reminders.page(case.id, False, offset, limit)

    model = RemindersModel()
    model.set_pages(fetch, count, clock(), ZONE)
    assert model.rowCount() == PAGE and model.total() == count and model.canFetchMore()
    qtmodeltester.check(model)  # it reads the rest as a view would (fetchMore)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == count
    assert model.index(0, 1).data() == f"Reminder {count - 1}"  # the longest overdue first
    assert reads[:3] == [(0, PAGE), (PAGE, PAGE), (PAGE * 2, PAGE)]
    model.set_pages(fetch, count, clock(), ZONE, at_least=model.rowCount())
    assert model.rowCount() == count  # a reload keeps what was read
