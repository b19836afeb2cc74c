"""Booking a doctor: every write of a booking together, or none of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from secondopinion_desktop.domain.appointments import Appointment, referral_todo_key
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Status
from secondopinion_desktop.services import booking
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository

TZ = dt.timezone(dt.timedelta(hours=-5))
VISIT = dt.datetime(2026, 12, 3, 9, 30, tzinfo=TZ)


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create("Mum's second opinion", patient_name="Margaret Ellis")


def candidate(repo: Repository, case: Case, name: str, **answers: object) -> Doctor:
    return repo.doctors.add(Doctor(id=0, case_id=case.id, name=name, **answers))  # type: ignore[arg-type]


def visit_with(doctor: Doctor, when: dt.datetime = VISIT) -> Appointment:
    return Appointment(id=0, case_id=doctor.case_id, starts_at=when, doctor_id=doctor.id)


def snapshot(repo: Repository, case: Case) -> object:
    """Everything a booking may touch, to compare before and after."""
    return (
        repo.appointments.list(case.id),
        repo.doctors.list(case.id),
        repo.todos.list(case.id),
        repo.cases.step_progress(case.id),
    )


def test_booking_saves_the_visit_books_the_doctor_and_marks_step_3_done(
    repo: Repository, case: Case
) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss")
    changes = booking.book(repo, weiss, visit_with(weiss), None)
    (visit,) = repo.appointments.list(case.id)
    assert (visit.doctor_id, visit.starts_at) == (weiss.id, VISIT)
    assert repo.doctors.get(weiss.id).status is Status.BOOKED
    assert 3 in repo.cases.done_steps(case.id)
    assert repo.todos.list(case.id) == []
    assert changes.case_id == case.id
    assert changes.touches({Kind.APPOINTMENTS}) and changes.touches({Kind.STEPS})
    assert not changes.touches({Kind.TODOS})


def test_a_doctor_who_needs_a_referral_adds_one_todo(repo: Repository, case: Case) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss", referral_required=Answer.YES)
    assert booking.needs_referral(weiss)
    changes = booking.book(repo, weiss, visit_with(weiss), None)
    booking.change_visit(repo, replace(repo.appointments.list(case.id)[0], place="Suite 4"))
    (todo,) = repo.todos.list(case.id)
    assert todo.key == referral_todo_key(weiss.id)
    assert "Dr. Anna Weiss" in todo.title
    assert changes.touches({Kind.TODOS})


def test_replacing_a_booked_doctor_demotes_them_and_drops_their_open_referral_todo(
    repo: Repository, case: Case
) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss", referral_required=Answer.YES)
    cole = candidate(repo, case, "Dr. Henry Cole")
    booking.book(repo, weiss, visit_with(weiss), None)
    existing = repo.appointments.opinion_visit(case.id)
    later = VISIT + dt.timedelta(days=2)
    booking.book(repo, cole, visit_with(cole, later), existing)
    (visit,) = repo.appointments.list(case.id)
    assert existing is not None and visit.id == existing.id
    assert (visit.doctor_id, visit.starts_at) == (cole.id, later)
    assert repo.doctors.get(weiss.id).status is Status.CONTACTED
    assert repo.doctors.get(cole.id).status is Status.BOOKED
    assert repo.todos.list(case.id) == []


def test_a_referral_todo_already_done_is_kept_when_the_doctor_is_replaced(
    repo: Repository, case: Case
) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss", referral_required=Answer.YES)
    cole = candidate(repo, case, "Dr. Henry Cole")
    booking.book(repo, weiss, visit_with(weiss), None)
    (todo,) = repo.todos.list(case.id)
    booking.set_todo_done(repo, case.id, todo.id, True)
    booking.book(repo, cole, visit_with(cole), repo.appointments.opinion_visit(case.id))
    assert [t.done for t in repo.todos.list(case.id)] == [True]


def test_a_failure_late_in_booking_leaves_nothing_half_done(
    repo: Repository, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss", referral_required=Answer.YES)
    cole = candidate(repo, case, "Dr. Henry Cole", referral_required=Answer.YES)
    booking.book(repo, weiss, visit_with(weiss), None)
    before = snapshot(repo, case)

    def broken(*_args: object) -> None:
        raise OSError("disk I/O error")

    # the last write of a booking (the new doctor's referral to-do) fails
    monkeypatch.setattr(repo.todos, "ensure", broken)
    with pytest.raises(OSError):
        booking.book(repo, cole, visit_with(cole), repo.appointments.opinion_visit(case.id))
    assert snapshot(repo, case) == before
    assert repo.doctors.get(weiss.id).status is Status.BOOKED
    assert not repo.db.conn.in_transaction


def test_a_failure_in_the_middle_of_a_first_booking_saves_no_visit(
    repo: Repository, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss")
    before = snapshot(repo, case)
    monkeypatch.setattr(repo.cases, "set_step_done", lambda *_a: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        booking.book(repo, weiss, visit_with(weiss), None)
    assert snapshot(repo, case) == before


def test_change_visit_and_todos_say_what_changed(repo: Repository, case: Case) -> None:
    weiss = candidate(repo, case, "Dr. Anna Weiss", referral_required=Answer.YES)
    booking.book(repo, weiss, visit_with(weiss), None)
    visit = repo.appointments.list(case.id)[0]
    changes = booking.change_visit(repo, replace(visit, place="Main building"))
    assert changes.kinds == {Kind.APPOINTMENTS}
    assert repo.appointments.get(visit.id).place == "Main building"
    (todo,) = repo.todos.list(case.id)
    assert booking.set_todo_done(repo, case.id, todo.id, True).kinds == {Kind.TODOS}
    assert repo.todos.list(case.id)[0].done
