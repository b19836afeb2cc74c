"""Booking the doctor for the second (or third) opinion, and changing the booked visit.

Booking is several writes: the visit saved (or the booked one replaced), a replaced doctor put
back to "contacted" with their open referral to-do dropped, the new doctor marked as booked,
step 3 marked done, and a referral to-do when the new doctor needs one. They happen together
or not at all, so a failure never leaves two doctors booked or a visit without its doctor.
"""

from __future__ import annotations

from dataclasses import replace

from secondopinion_desktop.domain.appointments import (
    Appointment,
    referral_todo,
    referral_todo_key,
)
from secondopinion_desktop.domain.doctors import Answer, Doctor, Status
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository

BOOKING_STEP = 3


def needs_referral(doctor: Doctor) -> bool:
    """Whether booking this doctor adds a to-do to ask for a referral."""
    return doctor.referral_required is Answer.YES


def book(
    repo: Repository, doctor: Doctor, visit: Appointment, replacing: Appointment | None
) -> Changes:
    """Book `doctor` for `visit`, in place of `replacing` (the visit booked before, if any).

    The person has already agreed to replace another doctor's visit; that doctor goes back to
    "contacted" and their referral to-do, if not done, is dropped.
    """
    case_id = doctor.case_id
    kinds = {Kind.APPOINTMENTS, Kind.DOCTORS, Kind.STEPS, Kind.CASE}
    with repo.db.atomic():
        if replacing is not None:
            repo.appointments.update(replace(visit, id=replacing.id))
            if replacing.doctor_id not in (None, doctor.id):
                assert replacing.doctor_id is not None
                previous = repo.doctors.get(replacing.doctor_id)
                repo.doctors.update(replace(previous, status=Status.CONTACTED))
                stale = referral_todo_key(previous.id)
                for todo in repo.todos.list(case_id):
                    if todo.key == stale and not todo.done:
                        repo.todos.delete(todo.id)
                        kinds.add(Kind.TODOS)
        else:
            repo.appointments.add(visit)
        repo.doctors.update(replace(repo.doctors.get(doctor.id), status=Status.BOOKED))
        repo.cases.set_step_done(case_id, BOOKING_STEP, True)
        if needs_referral(doctor):
            repo.todos.ensure(case_id, *referral_todo(doctor.id, doctor.spoken))
            kinds.add(Kind.TODOS)
    return Changes(case_id, frozenset(kinds))


def change_visit(repo: Repository, visit: Appointment) -> Changes:
    """Save a new date, time or place for the booked visit."""
    with repo.db.atomic():
        repo.appointments.update(visit)
    return Changes.of(visit.case_id, Kind.APPOINTMENTS)


def set_todo_done(repo: Repository, case_id: int, todo_id: int, done: bool) -> Changes:
    """Tick a to-do off (or on again)."""
    with repo.db.atomic():
        repo.todos.set_done(todo_id, done)
    return Changes.of(case_id, Kind.TODOS)
