"""The repository: every write on disk at once, cascades, and hostile text kept exactly."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.store import repository, rows
from secondopinion_desktop.store.database import memory_database, open_database
from secondopinion_desktop.store.repository import NotFoundError, Repository
from secondopinion_desktop.store.rows import TableRepository
from tests.helpers.clock import FIXED_NOW, FakeClock


def test_create_and_get_case(repo: Repository) -> None:
    case = repo.cases.create(
        "  Mum's   second opinion ",
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
    )
    assert case.title == "Mum's second opinion"
    assert repo.cases.get(case.id).date_of_birth == dt.date(1956, 4, 12)
    assert case.created_at == FIXED_NOW.isoformat(timespec="seconds")


def test_create_case_refuses_empty_title(repo: Repository) -> None:
    with pytest.raises(ValueError, match="name"):
        repo.cases.create("   ")
    assert repo.cases.list() == []


def test_cases_are_listed_by_title(repo: Repository) -> None:
    for title in ("zeta", "Alpha", "beta"):
        repo.cases.create(title)
    assert [c.title for c in repo.cases.list()] == ["Alpha", "beta", "zeta"]


def test_rename_updates_title_and_time(repo: Repository, clock: FakeClock) -> None:
    case = repo.cases.create("Old")
    clock.advance(hours=1)
    renamed = repo.cases.rename(case.id, "New name")
    assert renamed.title == "New name"
    assert renamed.updated_at > case.updated_at


def test_update_missing_case_raises(repo: Repository) -> None:
    case = repo.cases.create("Gone")
    repo.cases.delete(case.id)
    with pytest.raises(NotFoundError):
        repo.cases.update(case)


def test_delete_case_cascades_to_everything(repo: Repository) -> None:
    case = repo.cases.create("To delete")
    keep = repo.cases.create("To keep")
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. A"))
    repo.doctors.add_call(Call(id=0, doctor_id=doctor.id, called_at="2026-11-20T09:00:00-05:00"))
    repo.cases.set_step_done(case.id, 1, True)
    other = repo.doctors.add(Doctor(id=0, case_id=keep.id, name="Dr. B"))
    repo.cases.delete(case.id)
    for table in ("doctors", "calls", "step_progress"):
        assert repo.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == (
            1 if table == "doctors" else 0
        )
    assert repo.doctors.get(other.id).name == "Dr. B"


def test_step_progress_defaults_to_not_done(repo: Repository) -> None:
    case = repo.cases.create("Fresh")
    progress = repo.cases.step_progress(case.id)
    assert sorted(progress) == [1, 2, 3, 4, 5, 6]
    assert not any(p.done for p in progress.values())


def test_mark_step_done_and_undone_keeps_notes(repo: Repository) -> None:
    case = repo.cases.create("Steps")
    repo.cases.set_step_notes(case.id, 2, "three names so far")
    done = repo.cases.set_step_done(case.id, 2, True)
    assert done.done and done.notes == "three names so far"
    assert repo.cases.done_steps(case.id) == {2}
    repo.cases.set_step_done(case.id, 2, False)
    assert repo.cases.done_steps(case.id) == set()
    assert repo.cases.step_progress(case.id)[2].notes == "three names so far"


def test_invalid_step_number_is_rejected(repo: Repository) -> None:
    case = repo.cases.create("Steps")
    with pytest.raises(Exception, match="CHECK"):
        repo.cases.set_step_done(case.id, 9, True)


def test_doctor_round_trip_with_all_fields(repo: Repository) -> None:
    case = repo.cases.create("Doctors")
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
    saved = repo.doctors.add(doctor)
    assert saved == replace(doctor, id=saved.id)
    updated = repo.doctors.update(replace(saved, status=Status.BOOKED, wait_days=None))
    assert updated.status is Status.BOOKED and updated.wait_days is None
    assert repo.doctors.list(case.id, Role.CANDIDATE) == [updated]
    assert repo.doctors.list(case.id, Role.TREATING) == []


def test_calls_are_listed_in_time_order(repo: Repository) -> None:
    case = repo.cases.create("Calls")
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. A"))
    late = repo.doctors.add_call(
        Call(id=0, doctor_id=doctor.id, called_at="2026-11-21T10:00:00-05:00")
    )
    early = repo.doctors.add_call(
        Call(id=0, doctor_id=doctor.id, called_at="2026-11-20T10:00:00-05:00", learned="voicemail")
    )
    assert [c.id for c in repo.doctors.list_calls(doctor.id)] == [early.id, late.id]
    repo.doctors.delete_call(early.id)
    assert repo.doctors.list_calls(doctor.id) == [late]


def test_case_counts(repo: Repository) -> None:
    case = repo.cases.create("Counts")
    a = repo.doctors.add(Doctor(id=0, case_id=case.id, name="A"))
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="B", status=Status.RULED_OUT))
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="C", role=Role.TREATING))
    repo.doctors.add_call(Call(id=0, doctor_id=a.id, called_at="2026-11-20T10:00:00-05:00"))
    assert repo.cases.counts(case.id) == {
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
    case = writer.cases.create("Live")
    assert [c.title for c in reader.cases.list()] == ["Live"]
    writer.cases.set_step_notes(case.id, 3, "call back Tuesday")
    assert reader.cases.step_progress(case.id)[3].notes == "call back Tuesday"
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
    case = repo.cases.create("Hostile")
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name=name, notes=notes, phone=phone))
    loaded = repo.doctors.get(doctor.id)
    assert (loaded.name, loaded.notes, loaded.phone) == (name, notes, phone)
    repo.cases.set_step_notes(case.id, 1, notes)
    assert repo.cases.step_progress(case.id)[1].notes == notes
    assert {"cases", "doctors"} <= set(db.table_names())
    db.close()


@settings(max_examples=60, deadline=None)
@given(title=hostile_text)
def test_case_titles_are_cleaned_or_refused(title: str) -> None:
    db = memory_database()
    repo = Repository(db, FakeClock())
    try:
        case = repo.cases.create(title)
    except ValueError:
        assert repo.cases.list() == []
    else:
        assert case.title and case.title == case.title.strip()
        assert all(ch.isprintable() for ch in case.title)
    db.close()


@settings(max_examples=40, deadline=None)
@given(day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_date_of_birth_round_trips(day: dt.date) -> None:
    db = memory_database()
    repo = Repository(db, FakeClock())
    case = repo.cases.create("Dates", date_of_birth=day)
    assert repo.cases.get(case.id).date_of_birth == day
    db.close()


def test_step_one_fields_round_trip(repo: Repository) -> None:
    case = repo.cases.create("Told")
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. O", role=Role.TREATING))
    told = replace(
        case,
        told_doctor_id=doctor.id,
        told_on=dt.date(2026, 11, 12),
        hear_back="Send a letter",
        referral_asked=Answer.YES,
        referral_given=Answer.NO,
        referral_to="Dr. Raman",
    )
    saved = repo.cases.update(told)
    assert saved == replace(told, updated_at=saved.updated_at)
    repo.doctors.delete(doctor.id)
    assert repo.cases.get(case.id).told_doctor_id is None


def test_appointments_round_trip_and_latest_for_round(repo: Repository) -> None:
    from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind

    case = repo.cases.create("Visit")
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. R"))
    when = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    first = repo.appointments.add(
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
    assert repo.appointments.opinion_visit(case.id) == first
    moved = repo.appointments.update(replace(first, starts_at=when + dt.timedelta(days=1)))
    assert repo.appointments.list(case.id) == [moved]
    assert repo.appointments.opinion_visit(case.id, 3) is None
    repo.appointments.delete(first.id)
    assert repo.appointments.opinion_visit(case.id) is None


def test_a_visit_time_without_its_utc_offset_is_never_written(repo: Repository) -> None:
    """A naive time would be another moment on another computer, and the case archive
    refuses it on import ("a visit has a time that cannot be read"): refused where it is
    written, adding and changing alike, and nothing is saved."""
    from secondopinion_desktop.domain.appointments import Appointment

    case = repo.cases.create("Visit")
    naive = dt.datetime(2026, 12, 3, 9, 30)
    with pytest.raises(ValueError, match="no time zone"):
        repo.appointments.add(Appointment(id=0, case_id=case.id, starts_at=naive))
    assert repo.appointments.list(case.id) == []

    booked = repo.appointments.add(
        Appointment(id=0, case_id=case.id, starts_at=naive.replace(tzinfo=FIXED_NOW.tzinfo))
    )
    with pytest.raises(ValueError, match="no time zone"):
        repo.appointments.update(replace(booked, starts_at=naive + dt.timedelta(days=1)))
    assert repo.appointments.list(case.id) == [booked]
    assert repo.appointments.get(booked.id).starts_at.utcoffset() == dt.timedelta(hours=-5)


def test_todos_are_keyed_and_never_duplicated(repo: Repository) -> None:
    case = repo.cases.create("Todo")
    first = repo.todos.ensure(case.id, "referral:5", "Ask for a referral")
    repo.todos.set_done(first.id, True)
    again = repo.todos.ensure(case.id, "referral:5", "Ask Dr. Adler for a referral")
    assert again.id == first.id and again.done and again.title.startswith("Ask Dr. Adler")
    assert len(repo.todos.list(case.id)) == 1
    repo.todos.delete(first.id)
    assert repo.todos.list(case.id) == []


# --- the facade: one repository per aggregate ---------------------------------------------

AGGREGATES = (
    "cases",
    "doctors",
    "appointments",
    "todos",
    "records",
    "rounds",
    "questions",
    "opinions",
    "reminders",
)


def test_each_aggregate_shares_the_database_and_the_clock(
    repo: Repository, clock: FakeClock
) -> None:
    for name in AGGREGATES:
        part = getattr(repo, name)
        assert isinstance(part, TableRepository), name
        assert part.db is repo.db and part.clock is clock, name
    assert repo.archive.db is repo.db


def test_now_and_today_follow_the_injected_clock(repo: Repository, clock: FakeClock) -> None:
    clock.advance(days=1)
    assert repo.now() == clock.now
    assert repo.today() == dt.date(2026, 11, 21)


def test_a_database_in_memory_has_no_data_folder(repo: Repository) -> None:
    assert repo.data_folder() is None


def test_a_file_database_keeps_its_data_folder(file_repo: Repository, data_dir: object) -> None:
    assert file_repo.data_folder() == data_dir


def test_the_facade_hands_on_the_errors_and_the_clock() -> None:
    assert repository.NotFoundError is rows.NotFoundError
    assert repository.system_clock is rows.system_clock
    assert repository.system_clock().tzinfo is not None


def test_what_one_aggregate_writes_the_others_read(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    assert repo.rounds.current(case.id) == 2
    assert repo.doctors.list(case.id) == []
    assert repo.cases.get(case.id).title == "Mum"
