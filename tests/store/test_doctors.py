"""The doctor queries that read only what a page shows (a case may list thousands)."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.store.repository import Repository


def add(repo: Repository, case_id: int, name: str, **fields: object) -> Doctor:
    return repo.doctors.add(Doctor(id=0, case_id=case_id, name=name, **fields))  # type: ignore[arg-type]


def book_visit(repo: Repository, case_id: int, doctor_id: int) -> None:
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=case_id,
            starts_at=dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC),
            doctor_id=doctor_id,
        )
    )


def test_own_doctors_leave_the_candidates_out(repo: Repository) -> None:
    case = repo.cases.create("Mine")
    other = repo.cases.create("Other")
    pcp = add(repo, case.id, "Dr. Family", role=Role.PRIMARY_CARE)
    add(repo, case.id, "Dr. Candidate")
    oncologist = add(repo, case.id, "Dr. Oncologist", role=Role.TREATING)
    add(repo, other.id, "Dr. Elsewhere", role=Role.TREATING)
    assert repo.doctors.own_doctors(case.id) == [pcp, oncologist]
    assert repo.doctors.own_doctors(case.id) == [
        d for d in repo.doctors.list(case.id) if d.role is not Role.CANDIDATE
    ]


def test_names_and_names_with_a_status(repo: Repository) -> None:
    case = repo.cases.create("Names")
    first = add(repo, case.id, "Dr. One", status=Status.BOOKED)
    second = add(repo, case.id, "Dr. Two")
    third = add(repo, case.id, "Dr. Three", status=Status.BOOKED)
    assert repo.doctors.names(case.id) == {
        first.id: "Dr. One",
        second.id: "Dr. Two",
        third.id: "Dr. Three",
    }
    assert repo.doctors.names_with_status(case.id, Status.BOOKED) == ["Dr. One", "Dr. Three"]
    assert repo.doctors.names_with_status(case.id, Status.RULED_OUT) == []
    assert repo.doctors.names(repo.cases.create("Empty").id) == {}
    assert repo.doctors.names_with_status(case.id, Status.BOOKED, limit=1) == ["Dr. One"]


def test_names_of_some_doctors_only(repo: Repository) -> None:
    """A checklist names a few doctors of a list that may hold thousands: only those are read
    (ids of another case's doctors, or of doctors removed since, give no name)."""
    case = repo.cases.create("Some")
    other = add(repo, repo.cases.create("Other").id, "Dr. Elsewhere")
    repo.doctors.add_many(Doctor(id=0, case_id=case.id, name=f"Dr. {n}") for n in range(1_200))
    everyone = repo.doctors.names(case.id)
    some = sorted(everyone)[::2]
    assert repo.doctors.names(case.id, [*some, other.id, 99_999]) == {i: everyone[i] for i in some}
    assert repo.doctors.names(case.id, []) == {}


def test_doctors_by_id_in_id_order_missing_ones_skipped(repo: Repository) -> None:
    case = repo.cases.create("Ids")
    doctors = [add(repo, case.id, f"Dr. {n}") for n in range(5)]
    wanted = [doctors[3].id, doctors[0].id, 99_999, doctors[3].id]
    assert repo.doctors.with_ids(wanted) == [doctors[0], doctors[3]]
    assert repo.doctors.with_ids([]) == []


def test_many_ids_at_once(repo: Repository) -> None:
    case = repo.cases.create("Many")
    repo.doctors.add_many(Doctor(id=0, case_id=case.id, name=f"Dr. {n}") for n in range(1_200))
    everyone = repo.doctors.list(case.id)
    assert repo.doctors.with_ids(d.id for d in everyone) == everyone


def test_doctors_records_move_between(repo: Repository) -> None:
    case = repo.cases.create("Records")
    own = add(repo, case.id, "Dr. Own", role=Role.TREATING)
    add(repo, case.id, "Dr. Just A Name")
    booked = add(repo, case.id, "Dr. Booked", status=Status.BOOKED)
    visited = add(repo, case.id, "Dr. Visit")
    named = add(repo, case.id, "Dr. Named On The Item", status=Status.RULED_OUT)
    book_visit(repo, case.id, visited.id)
    assert repo.doctors.for_records(case.id) == [own, visited]
    assert repo.doctors.for_records(case.id, [named.id, booked.id]) == [
        own,
        booked,
        visited,
        named,
    ]


def test_doctors_of_a_role_are_counted_without_reading_them(repo: Repository) -> None:
    case = repo.cases.create("Count")
    add(repo, case.id, "Dr. One")
    add(repo, case.id, "Dr. Two")
    add(repo, case.id, "Dr. Mine", role=Role.TREATING)
    assert repo.doctors.count(case.id, Role.CANDIDATE) == 2
    assert repo.doctors.count(case.id, Role.TREATING) == 1
    assert repo.doctors.count(case.id + 1, Role.CANDIDATE) == 0


def test_doctors_reminders_can_name(repo: Repository) -> None:
    """Own doctors, visits, calls and records' recipients: not the rest of a long list."""
    from secondopinion_desktop.domain.doctors import Call
    from secondopinion_desktop.domain.records import RecordItem

    case = repo.cases.create("Reminders")
    other = repo.cases.create("Other")
    pcp = add(repo, case.id, "Dr. Family", role=Role.PRIMARY_CARE)
    add(repo, case.id, "Dr. Just A Name")
    called = add(repo, case.id, "Dr. Called")
    visited = add(repo, case.id, "Dr. Visit")
    sent_to = add(repo, case.id, "Dr. Gets The Records")
    elsewhere = add(repo, other.id, "Dr. Elsewhere")
    repo.doctors.add_call(Call(id=0, doctor_id=called.id, called_at="2026-11-02T10:00:00+00:00"))
    repo.doctors.add_call(Call(id=0, doctor_id=elsewhere.id, called_at="2026-11-02T11:00:00+00:00"))
    book_visit(repo, case.id, visited.id)
    repo.records.add(
        RecordItem(id=0, case_id=case.id, title="Scans", recipient_doctor_id=sent_to.id)
    )
    assert repo.doctors.for_reminders(case.id) == [pcp, called, visited, sent_to]
    assert repo.doctors.for_reminders(other.id) == [elsewhere]
