"""Reminder rows as the scheduler reads them: when each falls due, by the index, a few columns."""

from __future__ import annotations

import datetime as dt

import pytest

from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.store import reminders as store_reminders
from secondopinion_desktop.store.reminders import FIRES_SQL, NEXT_BATCH, fires_at_of
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW

NOW = FIXED_NOW
HOUR = dt.timedelta(hours=1)


def add(repo: Repository, case_id: int, due: dt.datetime, title: str = "Call") -> Reminder:
    return repo.reminders.add(Reminder(id=0, case_id=case_id, title=title, due_at=due))


def test_fire_times_between_two_moments(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    old = add(repo, case.id, NOW - dt.timedelta(days=30))
    recent = add(repo, case.id, NOW - dt.timedelta(minutes=1))
    later = add(repo, case.id, NOW + HOUR)
    snoozed = add(repo, case.id, NOW - dt.timedelta(days=3))
    repo.reminders.snooze(snoozed.id, NOW - dt.timedelta(seconds=30))
    done = add(repo, case.id, NOW - dt.timedelta(seconds=10))
    repo.reminders.set_done(done.id, True)
    since = repo.reminders.open_fire_times(NOW - dt.timedelta(minutes=2), NOW)
    assert sorted(since) == sorted(
        [(recent.id, recent.fires_at), (snoozed.id, NOW - dt.timedelta(seconds=30))]
    )
    every = dict(repo.reminders.open_fire_times())
    assert set(every) == {old.id, recent.id, later.id, snoozed.id}
    assert set(dict(repo.reminders.open_fire_times(until=NOW))) == {old.id, recent.id, snoozed.id}
    assert repo.reminders.open_ids() == {old.id, recent.id, later.id, snoozed.id}


def test_times_in_other_zones_and_without_one_are_compared_as_moments(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    # stored an hour ago, written in a zone 13 hours ahead: text order says the future
    far_east = NOW.astimezone(dt.timezone(dt.timedelta(hours=13))) - HOUR
    east = add(repo, case.id, far_east)
    naive = add(repo, case.id, NOW)
    local_text = (NOW - dt.timedelta(minutes=1)).astimezone().replace(tzinfo=None).isoformat()
    repo.db.execute("UPDATE reminders SET due_at = ? WHERE id = ?", [local_text, naive.id])
    times = dict(repo.reminders.open_fire_times(NOW - dt.timedelta(hours=2), NOW))
    assert times[east.id] == NOW - HOUR
    assert times[naive.id] == NOW - dt.timedelta(minutes=1)


def test_the_next_time_with_many_just_behind(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    with repo.db.atomic():
        for i in range(NEXT_BATCH + 10):  # more than one batch fell due in the last hours
            add(repo, case.id, NOW - dt.timedelta(minutes=i + 1))
    assert repo.reminders.next_fire_time(NOW) is None
    soon = add(repo, case.id, NOW + dt.timedelta(hours=5))
    add(repo, case.id, NOW + dt.timedelta(days=3))
    assert repo.reminders.next_fire_time(NOW) == soon.fires_at
    repo.reminders.snooze(soon.id, NOW + dt.timedelta(days=1))
    assert repo.reminders.next_fire_time(NOW) == NOW + dt.timedelta(days=1)


def test_unreadable_times_fall_due_long_ago() -> None:
    assert fires_at_of("not a time", None).year == 2000
    assert fires_at_of("2026-11-20T09:00:00-05:00", "also not") == dt.datetime(
        2026, 11, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )


def test_the_minute_check_uses_the_index(repo: Repository) -> None:
    """What fell due since the last check is found by the reminders_fires index, not a scan."""
    repo.cases.create("Mum")
    plan = repo.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM reminders INDEXED BY reminders_fires "
        f"WHERE done_at IS NULL AND {FIRES_SQL} > julianday(?)",
        ["2026-11-20T09:00:00+00:00"],
    ).fetchall()
    assert "reminders_fires" in str(plan) and "SCAN" not in str(plan).replace("SCAN TABLE", "")


def test_get_many_leaves_out_removed_ones(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    ids = [add(repo, case.id, NOW, f"R{i}").id for i in range(3)]
    repo.reminders.delete(ids[1])
    assert sorted(r.title for r in repo.reminders.get_many([*ids, 9999])) == ["R0", "R2"]
    count = repo.reminders.write_count()
    add(repo, case.id, NOW)
    assert repo.reminders.write_count() > count


def test_announced_ones_are_not_fresh_until_their_time_moves(repo: Repository) -> None:
    """What is due and not announced yet is answered inside SQLite, compared with what the
    scheduler announced, each at the due moment it had then."""
    case = repo.cases.create("Mum")
    first = add(repo, case.id, NOW - HOUR, "First")
    second = add(repo, case.id, NOW - dt.timedelta(days=40), "Second")
    add(repo, case.id, NOW + HOUR, "Later")
    announced = repo.reminders.announcements()
    assert sorted(announced.fresh(NOW)) == sorted(
        [(first.id, first.fires_at), (second.id, second.fires_at)]
    )
    announced.mark([first.id, second.id])
    assert announced.fresh(NOW) == []
    assert repo.reminders.announcements().fresh(NOW) != []  # each scheduler its own record
    repo.reminders.snooze(first.id, NOW - dt.timedelta(minutes=1))  # its due moment moved
    assert announced.fresh(NOW) == [(first.id, NOW - dt.timedelta(minutes=1))]
    assert announced.fresh(NOW, since=NOW - dt.timedelta(minutes=2)) == [
        (first.id, NOW - dt.timedelta(minutes=1))
    ]
    assert announced.fresh(NOW, since=NOW - dt.timedelta(seconds=30)) == []
    announced.mark([first.id])
    announced.forget(second.id)
    assert [rid for rid, _ in announced.fresh(NOW)] == [second.id]
    announced.mark([second.id])
    repo.reminders.set_done(second.id, True)
    repo.reminders.delete(first.id)
    assert announced.closed() == {first.id, second.id}
    assert repo.reminders.open_among([first.id, second.id, 999]) == set()
    assert repo.reminders.any_open()


@pytest.mark.parametrize("json_functions", [True, False])
def test_a_thousand_marked_at_once_are_not_fresh_with_or_without_sqlites_json(
    repo: Repository, monkeypatch: pytest.MonkeyPatch, json_functions: bool
) -> None:
    """`mark` sends the ids as one JSON list; an SQLite without JSON functions (the query
    names one it lacks here) marks them 500 at a time, the same."""
    if not json_functions:
        monkeypatch.setattr(store_reminders, "IDS_FROM_JSON", "SELECT value FROM json_nope(?)")
    case = repo.cases.create("Mum")
    ids = [add(repo, case.id, NOW - HOUR, f"R{i}").id for i in range(1_200)]
    announced = repo.reminders.announcements()
    assert len(announced.fresh(NOW)) == 1_200
    announced.mark([])
    announced.mark(ids[:-1])
    assert announced.fresh(NOW) == [(ids[-1], NOW - HOUR)]


def test_pages_of_the_list_in_its_order_and_the_counts(repo: Repository) -> None:
    """Open first, soonest first, as `list` sorts them; read a page at a time by the index."""
    case = repo.cases.create("Mum")
    other = repo.cases.create("Other")
    made = [add(repo, case.id, NOW + dt.timedelta(hours=(i * 7) % 23 - 11)) for i in range(23)]
    for reminder in made[::4]:
        repo.reminders.set_done(reminder.id, True)
    snoozed = made[1]
    repo.reminders.snooze(snoozed.id, NOW + dt.timedelta(days=3))
    add(repo, other.id, NOW - HOUR)
    everyone = repo.reminders.list(case.id)
    still = repo.reminders.list(case.id, include_done=False)
    for include_done, expected in ((True, everyone), (False, still)):
        pages = [repo.reminders.page(case.id, include_done, start, 5) for start in range(0, 30, 5)]
        assert [r.id for page in pages for r in page] == [r.id for r in expected]
    assert repo.reminders.page(case.id, True, 40, 5) == []
    due = sum(1 for r in still if r.is_due(NOW))
    assert repo.reminders.tally(case.id, NOW) == (23, len(still), due)
    assert 0 < due < len(still)
