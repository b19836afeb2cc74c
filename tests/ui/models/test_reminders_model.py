"""The reminders table model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.models.reminders_model import RemindersModel
from tests.helpers.clock import FakeClock
from tests.helpers.reminders import ZONE, own


def test_reminders_model(qtmodeltester: Any, repo: Repository, clock: FakeClock) -> None:
    case = repo.cases.create("Mum")
    own(repo, case.id, clock() - dt.timedelta(hours=1), "Late")
    own(repo, case.id, clock() + dt.timedelta(days=2), "Later")
    model = RemindersModel()
    model.set_reminders(repo.reminders.list(case.id), clock(), ZONE)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Today, 8:30 am"
    assert model.index(0, 3).data() == "Due now"
    assert model.index(1, 0).data() == "Sun 22 Nov, 9:30 am"
    assert model.index(1, 3).data() == "Coming up"
