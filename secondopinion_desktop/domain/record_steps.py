"""The record state machine: for one item, what "next" means, what its button says, and what
the person is told once it is done.

An item goes needed -> asked for -> received -> sent (faxed) -> arrived, and a lent item (slides,
imaging) comes back at the end. An item the patient brings to the visit stops at "received".
Arrival needs the name of whoever confirmed it, so that step opens a form instead of just
stamping today's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import StrEnum
from typing import Any

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.records import (
    RECORDS_LEAD_DAYS,
    Delivery,
    RecordItem,
    RecordState,
    long_date,
)


class Field(StrEnum):
    """The date an item's next step fills in."""

    REQUESTED = "requested_on"
    RECEIVED = "received_on"
    SENT = "sent_on"
    CONFIRMED = "confirmed_on"
    RETURNED = "returned_on"


@frozen
class ItemStep:
    """The next step of one item: the button's words and the date it fills in."""

    label: str
    field: Field

    @property
    def needs_a_name(self) -> bool:
        """Arrival is confirmed by someone: the person writes who, so a form opens."""
        return self.field is Field.CONFIRMED


def _sent_word(item: RecordItem) -> str:
    return "faxed" if item.delivery is Delivery.FAX else "sent"


def item_next_step(item: RecordItem) -> ItemStep | None:
    """The item's next step, or None when nothing is left to do for it."""
    state = item.state
    if state is RecordState.NEEDED:
        return ItemStep("Mark as asked for", Field.REQUESTED)
    if state is RecordState.REQUESTED:
        return ItemStep("Mark as received", Field.RECEIVED)
    if state is RecordState.RECEIVED and not item.brought:
        return ItemStep(f"Mark as {_sent_word(item)}", Field.SENT)
    if state is RecordState.SENT and not item.brought:
        return ItemStep("It arrived: note who confirmed\u2026", Field.CONFIRMED)
    if item.kind.lent and item.returned_on is None and state is RecordState.ARRIVED:
        return ItemStep("Mark as returned to us", Field.RETURNED)
    return None


def advanced(item: RecordItem, step: ItemStep, today: dt.date) -> RecordItem:
    """The item with its next step done today."""
    dates: dict[str, Any] = {step.field.value: today}
    return replace(item, **dates)


def done_words(item: RecordItem, step: ItemStep) -> str:
    """How a done step is said: "asked for", "received", "faxed", "returned to us"."""
    return {
        Field.REQUESTED: "asked for",
        Field.RECEIVED: "received",
        Field.SENT: _sent_word(item),
        Field.CONFIRMED: "confirmed",
        Field.RETURNED: "returned to us",
    }[step.field]


def undo_text(item: RecordItem, step: ItemStep) -> str:
    """The Edit menu's words for undoing the step."""
    return f"mark \u201c{item.title}\u201d as {done_words(item, step)}"


def done_message(item: RecordItem, step: ItemStep) -> str:
    """What the status bar says once the step is done today."""
    message = f"\u201c{item.title}\u201d marked as {done_words(item, step)} today."
    if step.field is Field.SENT and not item.brought:
        message += " Remember to phone and check it arrived."
    return message


FAX_RULE = (
    "A faxed item is done only when someone at the office tells you it arrived: phone to check."
)


def checklist_rule(step: int, doctor_name: str | None, visit: dt.date | None) -> str:
    """The rule that matters for a checklist (step 4 records, step 5 slides and scans).

    Step 5's rule speaks of "these", the items listed: a spine or heart case has scans there
    and no slides."""
    if step == 5:
        office = f"{doctor_name}'s office" if doctor_name else "the new office"
        return (
            f"Ask {office} whether these should be sent ahead or brought to the visit. If you "
            "send them, phone to check they arrived. They are lent to you: note when they come "
            "back."
        )
    if visit is None:
        return (
            "Once the visit is booked, each item shows the day it should arrive: about a week "
            "before, so the doctor has time to study it. " + FAX_RULE
        )
    due = visit - dt.timedelta(days=RECORDS_LEAD_DAYS)
    return (
        f"Aim for everything to arrive by {due:%A} {long_date(due)}, a week before the visit. "
        + FAX_RULE
    )
