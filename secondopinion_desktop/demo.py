"""Realistic, made-up sample cases for --demo, screenshots and trying the app safely.

The cases are data (`secondopinion_desktop/demo_cases.py`); `build_case` writes one the way using
the app would have left it: doctors found and called, records on their way, a visit booked, the
first opinion written down, a reminder due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from secondopinion_desktop.demo_cases import MUM
from secondopinion_desktop.demo_types import DAY_FIELDS, DemoCase, DemoRecord, DemoVisit
from secondopinion_desktop.domain.appointments import Appointment, referral_todo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Call, Doctor, Status
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.services.reminders import sync_reminders
from secondopinion_desktop.store.repository import Repository


def build_demo(repo: Repository, today: dt.date) -> Case:
    """Create the sample case (`--demo`) as it would look two weeks into the search."""
    return build_case(repo, MUM, today)


def build_case(repo: Repository, demo: DemoCase, today: dt.date) -> Case:
    """Write one sample case the way using the app would have left it."""

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    def dated(values: Mapping[str, Any]) -> dict[str, Any]:
        return {k: day(v) if k in DAY_FIELDS else v for k, v in values.items()}

    details = dict(demo.details)
    if demo.born is not None:
        years, month, day_of_month = demo.born
        details["date_of_birth"] = dt.date(today.year - years, month, day_of_month)
    cid = repo.cases.create(demo.title, **details).id
    ids: dict[str, int] = {}
    for doctor in demo.doctors:
        values: dict[str, Any] = dict(doctor.values)
        if doctor.checked_days_ago is not None:
            values["board_checked_on"] = day(-doctor.checked_days_ago).isoformat()
        added = repo.doctors.add(Doctor(id=0, case_id=cid, name=doctor.name, **values))
        ids[doctor.key] = added.id
    zone = dt.datetime.now().astimezone().tzinfo
    for call in demo.calls:
        later = call.call_back_in_days
        repo.doctors.add_call(
            Call(
                id=0,
                doctor_id=ids[call.doctor],
                called_at=dt.datetime.combine(day(-call.days_ago), call.at, zone).isoformat(),
                answered_by=call.answered_by,
                learned=call.learned,
                call_back_on=None if later is None else day(later).isoformat(),
            )
        )
    if demo.told_doctor is not None or demo.told:
        told_id = ids[demo.told_doctor] if demo.told_doctor else None
        case = repo.cases.get(cid)
        repo.cases.update(replace(case, told_doctor_id=told_id, **dated(demo.told)))
    for step in sorted({*demo.steps_done, *demo.step_notes}):
        if step in demo.steps_done:
            repo.cases.set_step_done(cid, step, True)
        if step in demo.step_notes:
            repo.cases.set_step_notes(cid, step, demo.step_notes[step])
    if demo.visit is not None:
        on = day(demo.visit.in_days)
        while demo.visit.weekday and on.weekday() >= 5:  # offices see new patients on weekdays
            on += dt.timedelta(days=1)
        _book(repo, cid, ids[demo.visit.doctor], demo.visit, on)
    _records(repo, cid, ids, demo.records, dated)
    if demo.visit is not None:
        _mark_booked(repo, cid, ids[demo.visit.doctor])
    ensure_starter_questions(repo, cid)
    for text in demo.questions:
        repo.questions.add(Question(id=0, case_id=cid, text=text, round=repo.rounds.current(cid)))
    names = {d.key: d.name for d in demo.doctors}
    for opinion in demo.opinions:
        repo.opinions.save(
            Opinion(
                id=0,
                case_id=cid,
                round=opinion.round,
                doctor_id=ids[opinion.doctor],
                doctor_name=names[opinion.doctor],
                given_on=day(-opinion.days_ago),
                diagnosis=opinion.diagnosis,
                treatment=opinion.treatment,
                notes=opinion.notes,
            )
        )
    for reminder in demo.reminders:
        repo.reminders.add(
            Reminder(
                id=0,
                case_id=cid,
                title=reminder.title,
                detail=reminder.detail,
                due_at=repo.now() + dt.timedelta(hours=reminder.due_in_hours),
            )
        )
    sync_reminders(repo, cid)
    return repo.cases.get(cid)


def _book(repo: Repository, cid: int, doctor_id: int, visit: DemoVisit, on: dt.date) -> None:
    if repo.appointments.opinion_visit(cid) is not None:
        return
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=cid,
            doctor_id=doctor_id,
            starts_at=dt.datetime.combine(on, visit.at).astimezone(),
            place=visit.place,
            kind=visit.kind,
            team_members=visit.team,
        )
    )


def _records(
    repo: Repository,
    cid: int,
    ids: Mapping[str, int],
    plans: tuple[DemoRecord, ...],
    dated: Callable[[Mapping[str, Any]], dict[str, Any]],
) -> None:
    """The suggested checklist, each item moved on as the first matching plan says."""
    for item in ensure_default_records(repo, cid):
        plan = next(
            (
                p
                for p in plans
                if p.kind is item.kind
                and (p.holder is None or ids[p.holder] == item.holder_doctor_id)
            ),
            None,
        )
        if plan is not None:
            repo.records.update(replace(item, **dated(plan.values)))


def _mark_booked(repo: Repository, cid: int, doctor_id: int) -> None:
    """As choosing the doctor in step 3 leaves it: booked, step 3 done, and the referral the
    doctor needs on the to-do list."""
    visit = repo.appointments.opinion_visit(cid)
    if visit is None or visit.doctor_id != doctor_id:
        return
    doctor = repo.doctors.update(replace(repo.doctors.get(doctor_id), status=Status.BOOKED))
    repo.cases.set_step_done(cid, 3, True)
    key, title, detail = referral_todo(doctor.id, doctor.name)
    repo.todos.ensure(cid, key, title, detail)
