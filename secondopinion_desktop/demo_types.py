"""What a sample case says, as plain records: `DemoCase` and its parts (see demo_cases.py).

Days are counted from the day the case is built (negative: ago), so a sample always looks
current; `secondopinion_desktop/demo.py` writes a case the way using the app would have left it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from typing import Any

from secondopinion_desktop.domain.appointments import AppointmentKind
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.records import RecordKind

#: Values a sample gives as a number of days from the day it is built, not as a date.
DAY_FIELDS = frozenset(
    {
        "told_on",
        "decide_by",  # the treating doctor's answer to "how long can we safely take?"
        "requested_on",
        "received_on",
        "sent_on",
        "confirmed_on",
        "returned_on",
    }
)


@frozen
class DemoDoctor:
    """A doctor of the case; `key` names it for the calls, the visit and the opinions."""

    key: str
    name: str
    values: Mapping[str, Any] = field(default_factory=dict)
    checked_days_ago: int | None = None  # when the board certification was looked up


@frozen
class DemoCall:
    doctor: str
    days_ago: int
    at: dt.time
    answered_by: str
    learned: str
    call_back_in_days: int | None = None


@frozen
class DemoVisit:
    """The booked second-opinion visit; its doctor is marked booked, as step 3 leaves it."""

    doctor: str
    in_days: int
    at: dt.time
    place: str
    kind: AppointmentKind = AppointmentKind.SECOND_OPINION
    team: tuple[str, ...] = ()
    weekday: bool = True  # moved on to a Monday when `in_days` falls on a weekend


@frozen
class DemoRecord:
    """How far one suggested item has come: the first entry matching its kind (and holder,
    when one is named) is applied. Dates in `values` are days from today (see DAY_FIELDS)."""

    kind: RecordKind
    values: Mapping[str, Any]
    holder: str | None = None


@frozen
class DemoOpinion:
    round: int
    doctor: str
    days_ago: int
    diagnosis: str
    treatment: str
    notes: str = ""


@frozen
class DemoReminder:
    title: str
    detail: str
    due_in_hours: int


@frozen
class DemoCase:
    """One sample case, in the order the person would have filled it in."""

    title: str
    details: Mapping[str, Any]
    doctors: tuple[DemoDoctor, ...]
    # (years before this one, month, day): the patient stays the same age whenever it is built
    born: tuple[int, int, int] | None = None
    calls: tuple[DemoCall, ...] = ()
    told_doctor: str | None = None
    told: Mapping[str, Any] = field(default_factory=dict)
    steps_done: tuple[int, ...] = ()
    step_notes: Mapping[int, str] = field(default_factory=dict)
    visit: DemoVisit | None = None
    records: tuple[DemoRecord, ...] = ()
    questions: tuple[str, ...] = ()
    opinions: tuple[DemoOpinion, ...] = ()
    reminders: tuple[DemoReminder, ...] = ()
