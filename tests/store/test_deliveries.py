"""Where each record went in each round (`record_deliveries`): written when a round starts,
made from the note lines of earlier versions by migration 0005, and carried by the case
archive (issue 13, item 6)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.database import connect, open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW, FakeClock
from tests.helpers.rounds import walked_to_a_third_round

# --- the store: starting a round, the migration, the archive ---------------------------------


def test_starting_a_round_keeps_the_history(repo: Repository) -> None:
    case_id, chen, item = walked_to_a_third_round(repo)
    [went] = repo.deliveries.for_record(item.id)
    assert (went.round, went.doctor_id, went.doctor_name, went.confirmed_by) == (
        2,
        chen.id,
        "Dr. David Chen",
        "Ann",
    )
    assert repo.records.get(item.id).confirmed_on is None
    assert repo.deliveries.for_case(case_id) == {item.id: [went]}
    [answered] = repo.questions.list(case_id, 2)
    assert answered.answer == "Yes, part time"
    assert "Can I keep working?" not in [x.text for x in repo.questions.list(case_id)]
    assert "Dr. David Chen said \u201cProstatitis\u201d" in repo.questions.list(case_id)[0].text


def test_the_migration_turns_old_note_lines_into_history(data_dir: Path) -> None:
    from secondopinion_desktop.paths import database_path

    db = connect(database_path(data_dir))
    migrations.apply(db, stop_before="0005_record_deliveries_per_round")
    now = FIXED_NOW.isoformat()
    db.execute(
        "INSERT INTO cases (id, title, created_at, updated_at, current_round) "
        "VALUES (1, 'Dad', ?, ?, 3)",
        [now, now],
    )
    db.execute(
        "INSERT INTO doctors (id, case_id, name, created_at, updated_at) "
        "VALUES (7, 1, 'Dr. David Chen', ?, ?)",
        [now, now],
    )
    db.execute(
        "INSERT INTO appointments (case_id, doctor_id, round, starts_at, created_at, "
        "updated_at) VALUES (1, 7, 2, '2026-11-10T09:00:00+00:00', ?, ?)",
        [now, now],
    )
    db.execute("INSERT INTO rounds (case_id, round, started_at) VALUES (1, 3, ?)", [now])
    notes = (
        "12 pages\nSecond opinion: sent Mon 2 Nov, arrived Tue 3 Nov (confirmed by Denise).\n"
        "Third opinion: something we wrote ourselves."
    )
    db.execute(
        "INSERT INTO records (id, case_id, title, notes, created_at, updated_at) "
        "VALUES (4, 1, 'Medical records', ?, ?, ?)",
        [notes, now, now],
    )
    assert migrations.apply(db)[0] == "0005_record_deliveries_per_round"  # then any later steps
    db.close()
    db = open_database(data_dir)
    repo = Repository(db, FakeClock())
    [went] = repo.deliveries.for_record(4)
    assert (went.round, went.doctor_id, went.confirmed_on) == (2, 7, dt.date(2026, 11, 3))
    assert repo.records.get(4).notes == "12 pages\nThird opinion: something we wrote ourselves."
    db.close()
