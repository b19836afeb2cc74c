"""The repository: every write on disk at once, cascades, and hostile text kept exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.store.database import memory_database, open_database
from secondopinion_desktop.store.repository import NotFoundError, Repository
from tests.helpers.clock import FIXED_NOW, FakeClock


def test_create_and_get_case(repo: Repository) -> None:
    case = repo.create_case(
        "  Mum's   second opinion ",
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
    )
    assert case.title == "Mum's second opinion"
    assert repo.get_case(case.id).date_of_birth == dt.date(1956, 4, 12)
    assert case.created_at == FIXED_NOW.isoformat(timespec="seconds")


def test_create_case_refuses_empty_title(repo: Repository) -> None:
    with pytest.raises(ValueError, match="name"):
        repo.create_case("   ")
    assert repo.list_cases() == []


def test_cases_are_listed_by_title(repo: Repository) -> None:
    for title in ("zeta", "Alpha", "beta"):
        repo.create_case(title)
    assert [c.title for c in repo.list_cases()] == ["Alpha", "beta", "zeta"]


def test_rename_updates_title_and_time(repo: Repository, clock: FakeClock) -> None:
    case = repo.create_case("Old")
    clock.advance(hours=1)
    renamed = repo.rename_case(case.id, "New name")
    assert renamed.title == "New name"
    assert renamed.updated_at > case.updated_at


def test_update_missing_case_raises(repo: Repository) -> None:
    case = repo.create_case("Gone")
    repo.delete_case(case.id)
    with pytest.raises(NotFoundError):
        repo.update_case(case)


def test_delete_case_cascades_to_everything(repo: Repository) -> None:
    case = repo.create_case("To delete")
    keep = repo.create_case("To keep")
    doctor = repo.add_doctor(Doctor(id=0, case_id=case.id, name="Dr. A"))
    repo.add_call(Call(id=0, doctor_id=doctor.id, called_at="2026-11-20T09:00:00-05:00"))
    repo.set_step_done(case.id, 1, True)
    other = repo.add_doctor(Doctor(id=0, case_id=keep.id, name="Dr. B"))
    repo.delete_case(case.id)
    for table in ("doctors", "calls", "step_progress"):
        assert repo.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == (
            1 if table == "doctors" else 0
        )
    assert repo.get_doctor(other.id).name == "Dr. B"


def test_step_progress_defaults_to_not_done(repo: Repository) -> None:
    case = repo.create_case("Fresh")
    progress = repo.step_progress(case.id)
    assert sorted(progress) == [1, 2, 3, 4, 5, 6]
    assert not any(p.done for p in progress.values())


def test_mark_step_done_and_undone_keeps_notes(repo: Repository) -> None:
    case = repo.create_case("Steps")
    repo.set_step_notes(case.id, 2, "three names so far")
    done = repo.set_step_done(case.id, 2, True)
    assert done.done and done.notes == "three names so far"
    assert repo.done_steps(case.id) == {2}
    repo.set_step_done(case.id, 2, False)
    assert repo.done_steps(case.id) == set()
    assert repo.step_progress(case.id)[2].notes == "three names so far"


def test_invalid_step_number_is_rejected(repo: Repository) -> None:
    case = repo.create_case("Steps")
    with pytest.raises(Exception, match="CHECK"):
        repo.set_step_done(case.id, 9, True)


def test_doctor_round_trip_with_all_fields(repo: Repository) -> None:
    case = repo.create_case("Doctors")
    doctor = Doctor(
        id=0,
        case_id=case.id,
        name="Dr. Priya Raman",
        role=Role.CANDIDATE,
        specialty="Surgical oncology",
        phone="(555) 622-4100",
        source=Source.REFERRAL,
        source_detail="from Dr. Okafor",
        board_certified=Answer.YES,
        board_checked_on="2026-11-11",
        accepting_new_patients=Answer.YES,
        wait_days=9,
        accepts_insurance=Answer.NO,
        referral_required=Answer.YES,
        status=Status.CONTACTED,
        notes="Tuesdays",
    )
    saved = repo.add_doctor(doctor)
    assert saved == replace(doctor, id=saved.id)
    updated = repo.update_doctor(replace(saved, status=Status.BOOKED, wait_days=None))
    assert updated.status is Status.BOOKED and updated.wait_days is None
    assert repo.list_doctors(case.id, Role.CANDIDATE) == [updated]
    assert repo.list_doctors(case.id, Role.TREATING) == []


def test_calls_are_listed_in_time_order(repo: Repository) -> None:
    case = repo.create_case("Calls")
    doctor = repo.add_doctor(Doctor(id=0, case_id=case.id, name="Dr. A"))
    late = repo.add_call(Call(id=0, doctor_id=doctor.id, called_at="2026-11-21T10:00:00-05:00"))
    early = repo.add_call(
        Call(id=0, doctor_id=doctor.id, called_at="2026-11-20T10:00:00-05:00", learned="voicemail")
    )
    assert [c.id for c in repo.list_calls(doctor.id)] == [early.id, late.id]
    repo.delete_call(early.id)
    assert repo.list_calls(doctor.id) == [late]


def test_case_counts(repo: Repository) -> None:
    case = repo.create_case("Counts")
    a = repo.add_doctor(Doctor(id=0, case_id=case.id, name="A"))
    repo.add_doctor(Doctor(id=0, case_id=case.id, name="B", status=Status.RULED_OUT))
    repo.add_doctor(Doctor(id=0, case_id=case.id, name="C", role=Role.TREATING))
    repo.add_call(Call(id=0, doctor_id=a.id, called_at="2026-11-20T10:00:00-05:00"))
    assert repo.case_counts(case.id) == {
        "candidates": 2,
        "treating": 1,
        "calls": 1,
        "booked": 0,
        "ruled_out": 1,
    }


def test_every_write_is_on_disk_for_a_second_connection(data_dir: Path, clock: FakeClock) -> None:
    """No Save button: another connection sees each edit as soon as the method returns."""
    writer = Repository(open_database(data_dir), clock)
    reader = Repository(open_database(data_dir), clock)
    case = writer.create_case("Live")
    assert [c.title for c in reader.list_cases()] == ["Live"]
    writer.set_step_notes(case.id, 3, "call back Tuesday")
    assert reader.step_progress(case.id)[3].notes == "call back Tuesday"
    assert not writer.db.conn.in_transaction
    writer.db.close()
    reader.db.close()


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(
    [
        "'; DROP TABLE cases; --",
        "Robert'); DELETE FROM doctors;--",
        "\u202eReversed text\u202c",
        "\u0645\u0631\u062d\u0628\u0627 Dr. \u05e9\u05dc\u05d5\u05dd",
        "\U0001f469\u200d\u2695\ufe0f Dr. Emoji \U0001f489",
        "null\x00byte",
        "x" * 50_000,
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text, notes=hostile_text, phone=hostile_text)
def test_hostile_text_is_stored_exactly(name: str, notes: str, phone: str) -> None:
    db = memory_database()
    repo = Repository(db, FakeClock())
    case = repo.create_case("Hostile")
    doctor = repo.add_doctor(Doctor(id=0, case_id=case.id, name=name, notes=notes, phone=phone))
    loaded = repo.get_doctor(doctor.id)
    assert (loaded.name, loaded.notes, loaded.phone) == (name, notes, phone)
    repo.set_step_notes(case.id, 1, notes)
    assert repo.step_progress(case.id)[1].notes == notes
    assert {"cases", "doctors"} <= set(db.table_names())
    db.close()


@settings(max_examples=60, deadline=None)
@given(title=hostile_text)
def test_case_titles_are_cleaned_or_refused(title: str) -> None:
    db = memory_database()
    repo = Repository(db, FakeClock())
    try:
        case = repo.create_case(title)
    except ValueError:
        assert repo.list_cases() == []
    else:
        assert case.title and case.title == case.title.strip()
        assert all(ch.isprintable() for ch in case.title)
    db.close()


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_date_of_birth_round_trips(day: dt.date) -> None:
    db = memory_database()
    repo = Repository(db, FakeClock())
    case = repo.create_case("Dates", date_of_birth=day)
    assert repo.get_case(case.id).date_of_birth == day
    db.close()


def test_step_one_fields_round_trip(repo: Repository) -> None:
    case = repo.create_case("Told")
    doctor = repo.add_doctor(Doctor(id=0, case_id=case.id, name="Dr. O", role=Role.TREATING))
    told = replace(
        case,
        told_doctor_id=doctor.id,
        told_on=dt.date(2026, 11, 12),
        hear_back="Send a letter",
        referral_asked=Answer.YES,
        referral_given=Answer.NO,
        referral_to="Dr. Raman",
    )
    saved = repo.update_case(told)
    assert saved == replace(told, updated_at=saved.updated_at)
    repo.delete_doctor(doctor.id)
    assert repo.get_case(case.id).told_doctor_id is None


def test_appointments_round_trip_and_latest_for_round(repo: Repository) -> None:
    from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind

    case = repo.create_case("Visit")
    doctor = repo.add_doctor(Doctor(id=0, case_id=case.id, name="Dr. R"))
    when = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    first = repo.add_appointment(
        Appointment(
            id=0,
            case_id=case.id,
            starts_at=when,
            doctor_id=doctor.id,
            place="Lakeside",
            kind=AppointmentKind.MULTIDISCIPLINARY,
            team_members=("Surgeon", "Radiation oncologist"),
        )
    )
    assert first.team_members == ("Surgeon", "Radiation oncologist")
    assert first.records_due == dt.date(2026, 11, 26)
    assert repo.opinion_appointment(case.id) == first
    moved = repo.update_appointment(replace(first, starts_at=when + dt.timedelta(days=1)))
    assert repo.list_appointments(case.id) == [moved]
    assert repo.opinion_appointment(case.id, 3) is None
    repo.delete_appointment(first.id)
    assert repo.opinion_appointment(case.id) is None


def test_todos_are_keyed_and_never_duplicated(repo: Repository) -> None:
    case = repo.create_case("Todo")
    first = repo.ensure_todo(case.id, "referral:5", "Ask for a referral")
    repo.set_todo_done(first.id, True)
    again = repo.ensure_todo(case.id, "referral:5", "Ask Dr. Adler for a referral")
    assert again.id == first.id and again.done and again.title.startswith("Ask Dr. Adler")
    assert len(repo.list_todos(case.id)) == 1
    repo.delete_todo(first.id)
    assert repo.list_todos(case.id) == []
