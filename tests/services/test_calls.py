"""Logging a call: the call and what was learned saved together; the "future" rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from secondopinion_desktop.domain.doctors import (
    Answer,
    Call,
    Doctor,
    Status,
    call_in_future,
    status_after_call,
)
from secondopinion_desktop.services import calls
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository

NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


@pytest.mark.parametrize(
    ("minutes", "future"), [(-60, False), (0, False), (5, False), (6, True), (24 * 60, True)]
)
def test_a_call_more_than_five_minutes_ahead_is_in_the_future(minutes: int, future: bool) -> None:
    assert call_in_future(NOW + dt.timedelta(minutes=minutes), NOW) is future


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Status.CANDIDATE, Status.CONTACTED),
        (Status.CONTACTED, Status.CONTACTED),
        (Status.BOOKED, Status.BOOKED),
        (Status.RULED_OUT, Status.RULED_OUT),
    ],
)
def test_only_a_candidate_becomes_contacted(before: Status, after: Status) -> None:
    assert status_after_call(before) is after


def a_call(doctor: Doctor) -> Call:
    return Call(
        id=0,
        doctor_id=doctor.id,
        called_at="2026-11-20T09:15-05:00",
        answered_by="Denise",
        learned="Taking new patients.",
    )


def test_logging_a_call_saves_it_with_the_answers_and_contacts_a_candidate(
    repo: Repository,
) -> None:
    case = repo.cases.create("Mum")
    cole = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Henry Cole"))
    answers = replace(cole, accepting_new_patients=Answer.YES, wait_days=21)
    changes = calls.log_call(repo, a_call(cole), answers)
    (saved,) = repo.doctors.list_calls(cole.id)
    assert saved.answered_by == "Denise"
    doctor = repo.doctors.get(cole.id)
    assert (doctor.status, doctor.accepting_new_patients, doctor.wait_days) == (
        Status.CONTACTED,
        Answer.YES,
        21,
    )
    assert changes.case_id == case.id and changes.kinds == {Kind.CALLS, Kind.DOCTORS}


def test_a_call_that_taught_nothing_new_changes_only_the_log(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    cole = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Henry Cole", status=Status.CONTACTED)
    )
    assert calls.log_call(repo, a_call(cole), cole).kinds == {Kind.CALLS}


def test_if_the_answers_cannot_be_saved_the_call_is_not_logged(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = repo.cases.create("Mum")
    cole = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Henry Cole"))
    monkeypatch.setattr(repo.doctors, "update", lambda _d: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        calls.log_call(repo, a_call(cole), replace(cole, wait_days=3))
    assert repo.doctors.list_calls(cole.id) == []
    assert repo.doctors.get(cole.id) == cole


def test_deleting_a_call(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    cole = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Henry Cole"))
    calls.log_call(repo, a_call(cole), cole)
    (saved,) = repo.doctors.list_calls(cole.id)
    assert calls.delete_call(repo, case.id, saved.id).kinds == {Kind.CALLS}
    assert repo.doctors.list_calls(cole.id) == []
