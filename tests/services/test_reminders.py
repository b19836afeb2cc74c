"""services/reminders.py: derived reminders follow the data, every case at once; what the
person does with a reminder is saved and said."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.services import reminders
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.services.reminders import reminder_facts, sync_all_reminders
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW


def test_sync_all_adds_the_derived_reminders_once(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    visit = FIXED_NOW + dt.timedelta(days=5)
    repo.appointments.add(Appointment(id=0, case_id=case.id, round=2, starts_at=visit))
    assert sync_all_reminders(repo) is True
    derived = [r for r in repo.reminders.list(case.id) if r.key]
    assert derived
    assert sync_all_reminders(repo) is False  # nothing new: nothing written
    assert [r for r in repo.reminders.list(case.id) if r.key] == derived


def test_every_cases_rules_read_apart_and_written_later_skip_the_cases_changed_meanwhile(
    repo: Repository,
) -> None:
    """What the window's start does (the read on a worker): the same reminders as
    `sync_all_reminders`, but none written for a case in `skip`, nor for one removed since."""
    mum, dad, gone = (repo.cases.create(name) for name in ("Mum", "Dad", "Gran"))
    for case in (mum, dad, gone):
        visit = FIXED_NOW + dt.timedelta(days=5)
        repo.appointments.add(Appointment(id=0, case_id=case.id, round=2, starts_at=visit))
    wanted = reminders.all_wanted_reminders(repo)
    assert set(wanted) == {mum.id, dad.id, gone.id}
    assert repo.reminders.open() == []  # read only
    repo.cases.delete(gone.id)
    assert reminders.keep_all_in_step(repo, wanted, skip={dad.id}) is True
    assert {r.case_id for r in repo.reminders.open()} == {mum.id}
    assert reminders.keep_all_in_step(repo, wanted, skip={dad.id}) is False  # once


def test_facts_gather_what_the_rules_look_at(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    repo.todos.ensure(case.id, "referral", "Ask for a referral")
    facts = reminder_facts(repo, case.id)
    assert facts.case == repo.cases.get(case.id)
    assert facts.round == 2  # the second opinion is round 2
    assert facts.todo_added == {"referral": FIXED_NOW}


def test_what_the_person_does_with_a_reminder_says_what_changed(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    due = FIXED_NOW + dt.timedelta(days=1)
    own = Reminder(id=0, case_id=case.id, title="Phone the lab", due_at=due)
    saved, added = reminders.add_own(repo, own)
    assert added == Changes.of(case.id, Kind.REMINDERS)
    assert reminders.set_done(repo, saved.id, True)
    assert repo.reminders.get(saved.id).done
    later = due + dt.timedelta(hours=3)
    assert reminders.snooze(repo, saved.id, later)
    assert repo.reminders.get(saved.id).snoozed_until == later
    changed, _ = reminders.update_own(repo, replace(saved, title="Phone the lab again"))
    assert changed is not None and changed.title == "Phone the lab again"
    assert reminders.delete_own(repo, saved).kinds == {Kind.REMINDERS}
    # gone meanwhile: nothing is written, nothing is said to have changed
    assert not reminders.set_done(repo, saved.id, True)
    assert not reminders.snooze(repo, saved.id, later)
    missing, _ = reminders.update_own(repo, saved)
    assert missing is None
