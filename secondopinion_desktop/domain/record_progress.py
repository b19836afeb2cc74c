"""How far a case's records have come, and the one most useful thing to do next.

The order of next steps follows PRODUCT.md: first confirm what was sent (a fax "sent" report is
not an arrival), then send what is in hand, then ask for what is missing, then chase what was
asked for, and last settle whether an item goes ahead or is brought along.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.records import (
    NEW_DOCTOR,
    Delivery,
    RecordItem,
    RecordState,
    Timing,
    due_date,
    holder_name,
    in_sentence,
    is_overdue,
    lower_first,
    recipient_name,
    short_date,
)


@frozen
class Progress:
    """How many items are done, for the summary line above the checklist."""

    total: int
    at_new_office: int
    in_hand_to_bring: int
    overdue: int
    awaiting_confirmation: int

    @property
    def ready(self) -> int:
        return self.at_new_office + self.in_hand_to_bring

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.ready == self.total

    @property
    def text(self) -> str:
        """'6 of 9 at the new doctor's office' (plus what is in hand to bring, if any)."""
        if self.total == 0:
            return "Nothing on this list yet."
        if not self.in_hand_to_bring:
            return f"{self.at_new_office} of {self.total} at the new doctor's office"
        return (
            f"{self.ready} of {self.total} ready: {self.at_new_office} at the new doctor's "
            f"office, {self.in_hand_to_bring} in hand to bring"
        )


def progress(items: Iterable[RecordItem], visit: dt.date | None, today: dt.date) -> Progress:
    listed = list(items)
    return Progress(
        total=len(listed),
        at_new_office=sum(1 for i in listed if i.at_new_office),
        in_hand_to_bring=sum(1 for i in listed if i.in_hand_to_bring),
        overdue=sum(1 for i in listed if is_overdue(i, visit, today)),
        awaiting_confirmation=sum(1 for i in listed if i.awaiting_confirmation),
    )


def recipient_office(
    item: RecordItem, doctors: Mapping[int, str], new_doctor: str | None = None
) -> str:
    """Whom to phone about the item: "Dr. Raman's office", or the place typed in."""
    if item.recipient_text.strip() and not (
        item.recipient_doctor_id is not None and item.recipient_doctor_id in doctors
    ):
        return in_sentence(item.recipient_text.strip())
    return f"{recipient_name(item, doctors, new_doctor)}'s office"


@frozen
class NextAction:
    """The one most useful thing to do next, and the item it is about (if any)."""

    text: str
    item_id: int | None = None


def next_step(
    items: Sequence[RecordItem],
    doctors: Mapping[int, str],
    new_doctor: str | None,
    visit: dt.date | None,
    today: dt.date,
) -> NextAction:
    """What to do next: confirm what was sent, send what is in hand, ask, chase, decide."""
    if not items:
        return NextAction("Add the records the new doctor will need.")

    def what(item: RecordItem) -> str:
        return lower_first(item.title)

    def urgency(item: RecordItem) -> tuple[int, int]:
        due = due_date(item, visit)
        return (0 if is_overdue(item, visit, today) else 1, due.toordinal() if due else 0)

    waiting = sorted((i for i in items if i.awaiting_confirmation), key=urgency)
    if waiting:
        item = waiting[0]
        sent = "faxed" if item.delivery is Delivery.FAX else "sent"
        return NextAction(
            f"Phone {recipient_office(item, doctors, new_doctor)} to check that the {sent} "
            f"{what(item)} arrived, and note who you spoke to.",
            item.id,
        )
    to_send = sorted(
        (i for i in items if i.state is RecordState.RECEIVED and not i.brought), key=urgency
    )
    if to_send:
        item = to_send[0]
        return NextAction(
            f"Send the {what(item)} to {recipient_name(item, doctors, new_doctor)}.", item.id
        )
    to_ask = sorted((i for i in items if i.state is RecordState.NEEDED), key=urgency)
    if to_ask:
        item = to_ask[0]
        holder = in_sentence(holder_name(item, doctors))
        where = f"Ask {holder} for" if holder and holder != "You" else "Get"
        return NextAction(f"{where} the {what(item)}.", item.id)
    chasing = sorted((i for i in items if i.state is RecordState.REQUESTED), key=urgency)
    if chasing:
        item = chasing[0]
        holder = in_sentence(holder_name(item, doctors)) or "the office"
        assert item.requested_on is not None
        return NextAction(
            f"Waiting for the {what(item)}, asked for on {short_date(item.requested_on)}. "
            f"If it has not come, phone {holder}.",
            item.id,
        )
    undecided = [i for i in items if i.timing is Timing.ASK and not i.ready]
    if undecided:
        office = new_doctor or NEW_DOCTOR
        return NextAction(
            f"Ask {office}'s office whether the {what(undecided[0])} should be sent ahead or "
            "brought to the visit.",
            undecided[0].id,
        )
    if all(i.ready for i in items):
        return NextAction("Everything is at the new doctor's office or ready to bring. Well done.")
    return NextAction("Check each item below and note what has happened to it.")


def next_action(
    items: Sequence[RecordItem],
    doctors: Mapping[int, str],
    new_doctor: str | None,
    visit: dt.date | None,
    today: dt.date,
) -> str:
    """The one most useful thing to do next, as a plain sentence."""
    return next_step(items, doctors, new_doctor, visit, today).text


def total_pages(items: Iterable[RecordItem]) -> tuple[int, int]:
    """(pages counted, number of items whose pages were not counted)."""
    counted = 0
    missing = 0
    for item in items:
        if item.pages is None:
            missing += 1
        else:
            counted += item.pages
    return counted, missing
