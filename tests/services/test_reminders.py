"""services/reminders.py: derived reminders follow the data, every case at once."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.appointments import Appointment
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


def test_facts_gather_what_the_rules_look_at(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    repo.todos.ensure(case.id, "referral", "Ask for a referral")
    facts = reminder_facts(repo, case.id)
    assert facts.case == repo.cases.get(case.id)
    assert facts.round == 2  # the second opinion is round 2
    assert facts.todo_added == {"referral": FIXED_NOW}
