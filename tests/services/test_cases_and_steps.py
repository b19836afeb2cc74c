"""Cases, steps and doctors changed through their services, each saying what changed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from secondopinion_desktop.domain.decision_clock import DecisionAnswer
from secondopinion_desktop.domain.doctors import Doctor, Status
from secondopinion_desktop.services import cases, doctors, steps
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store import migrations
from secondopinion_desktop.store.database import connect, open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW, FakeClock


def test_a_case_is_created_changed_and_deleted(repo: Repository) -> None:
    case, made = cases.create_case(repo, "Dad", patient_name="Walter Brooks")
    assert made.case_id == case.id and made.kinds == {Kind.CASE}
    saved, _ = cases.update_case(repo, replace(case, diagnosis="Prostate cancer"))
    assert repo.cases.get(case.id).diagnosis == saved.diagnosis == "Prostate cancer"
    gone = cases.delete_case(repo, case.id)
    assert gone.touches({Kind.RECORDS}) and repo.cases.list() == []


def test_steps_done_and_notes(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Dad")
    assert steps.set_step_done(repo, case.id, 2, True).kinds == {Kind.STEPS}
    steps.set_step_notes(repo, case.id, 2, "Asked Dr. Chen")
    progress = repo.cases.step_progress(case.id)[2]
    assert progress.done and progress.notes == "Asked Dr. Chen"


def test_doctors_added_in_bulk_all_or_none(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Dad")
    many = [Doctor(id=0, case_id=case.id, name=f"Dr. {n}") for n in ("A", "B")]
    count, changes = doctors.add_doctors(repo, case.id, many)
    assert count == 2 and changes.kinds == {Kind.DOCTORS}
    none, nothing = doctors.add_doctors(repo, case.id, [])
    assert none == 0 and not nothing
    added, _ = doctors.add_doctor(repo, Doctor(id=0, case_id=case.id, name="Dr. C"))
    updated, _ = doctors.update_doctor(repo, replace(added, phone="555"))
    assert repo.doctors.get(added.id).phone == updated.phone == "555"
    doctors.delete_doctor(repo, case.id, added.id)
    assert len(repo.doctors.list(case.id)) == 2


def test_page_situation_names_the_booked_doctor_on_step_3_only(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Dad")
    doctors.add_doctor(repo, Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo"))
    assert steps.page_situation(repo, case.id, 1) == ""
    assert steps.page_situation(repo, case.id, 5) == ""
    assert steps.page_situation(repo, case.id, 2)  # a sentence about the candidates
    booked = repo.doctors.list(case.id)[0]
    doctors.update_doctor(repo, replace(booked, status=Status.BOOKED))
    assert "Dr. Grace Okonkwo" in steps.page_situation(repo, case.id, 3)
    many = [Doctor(id=0, case_id=case.id, name=f"Dr. {n}", status=Status.BOOKED) for n in range(9)]
    doctors.add_doctors(repo, case.id, many)
    assert steps.page_situation(repo, case.id, 3).endswith(
        "Booked with Dr. Grace Okonkwo, Dr. 0, Dr. 1 and 7 more."
    )


def test_the_decision_time_is_kept_as_it_was_said(repo: Repository) -> None:
    case, _ = cases.create_case(repo, "Mum")
    day = DecisionAnswer(decide_by=dt.date(2027, 1, 15), said_by="  Dr.  Samuel Okafor ")
    saved, changes = cases.record_decision_time(repo, case.id, day)
    assert changes.case_id == case.id and changes.kinds == {Kind.CASE}
    assert (saved.decide_by, saved.decide_said_by) == (dt.date(2027, 1, 15), "Dr. Samuel Okafor")
    weeks = DecisionAnswer(decide_by=dt.date(2027, 1, 15), weeks=6, weeks_from=dt.date(2026, 11, 4))
    saved, _ = cases.record_decision_time(repo, case.id, weeks)
    stored = repo.cases.get(case.id)
    assert (stored.decide_by, stored.decide_weeks, stored.decide_from) == (
        None,
        6,
        dt.date(2026, 11, 4),
    )
    assert stored.decision_date == dt.date(2026, 12, 16) == saved.decision_date
    cases.record_decision_time(repo, case.id, DecisionAnswer())
    cleared = repo.cases.get(case.id)
    assert cleared.decision_date is None and cleared.decide_weeks is None


def test_migration_0008_gives_old_cases_no_answer_and_checks_the_weeks(tmp_path: Path) -> None:
    from secondopinion_desktop.paths import database_path

    db = connect(database_path(tmp_path))
    migrations.apply(db, stop_before="0008_decision_clock")
    now = FIXED_NOW.isoformat()
    db.execute(
        "INSERT INTO cases (id, title, created_at, updated_at) VALUES (1, 'Dad', ?, ?)", [now, now]
    )
    assert "0008_decision_clock" in migrations.apply(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE cases SET decide_weeks = 0 WHERE id = 1")
    db.close()
    repo = Repository(open_database(tmp_path), FakeClock())
    old = repo.cases.get(1)
    assert (old.decision_date, old.decide_said_by) == (None, "")
    repo.db.close()
