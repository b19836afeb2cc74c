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
    BRING_LEAD_DAYS,
    NEW_DOCTOR,
    RECORDS_LEAD_DAYS,
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
        return NextAction(NOTHING_LISTED)

    def urgency(item: RecordItem) -> tuple[int, int]:
        due = due_date(item, visit)
        return (0 if is_overdue(item, visit, today) else 1, due.toordinal() if due else 0)

    def first(chosen: Iterable[RecordItem]) -> RecordItem | None:
        return min(chosen, key=urgency, default=None)  # the first of equally urgent ones

    firsts = Firsts(
        waiting=first(i for i in items if i.awaiting_confirmation),
        to_send=first(i for i in items if i.state is RecordState.RECEIVED and not i.brought),
        to_ask=first(i for i in items if i.state is RecordState.NEEDED),
        chasing=first(i for i in items if i.state is RecordState.REQUESTED),
        undecided=next((i for i in items if i.timing is Timing.ASK and not i.ready), None),
        all_ready=all(i.ready for i in items),
    )
    return firsts.advice(doctors, new_doctor)


NOTHING_LISTED = "Add the records the new doctor will need."


@frozen
class Firsts:
    """The most urgent item of each kind of next step (None when there is none), in the
    order they come: confirm what was sent, send what is in hand, ask, chase, decide."""

    waiting: RecordItem | None
    to_send: RecordItem | None
    to_ask: RecordItem | None
    chasing: RecordItem | None
    undecided: RecordItem | None
    all_ready: bool

    def advice(self, doctors: Mapping[int, str], new_doctor: str | None) -> NextAction:
        """The next step in words (for a list with items on it)."""
        if item := self.waiting:
            sent = "faxed" if item.delivery is Delivery.FAX else "sent"
            return NextAction(
                f"Phone {recipient_office(item, doctors, new_doctor)} to check that the {sent} "
                f"{lower_first(item.title)} arrived, and note who you spoke to.",
                item.id,
            )
        if item := self.to_send:
            return NextAction(
                f"Send the {lower_first(item.title)} to "
                f"{recipient_name(item, doctors, new_doctor)}.",
                item.id,
            )
        if item := self.to_ask:
            holder = in_sentence(holder_name(item, doctors))
            where = f"Ask {holder} for" if holder and holder != "You" else "Get"
            return NextAction(f"{where} the {lower_first(item.title)}.", item.id)
        if item := self.chasing:
            holder = in_sentence(holder_name(item, doctors)) or "the office"
            assert item.requested_on is not None
            return NextAction(
                f"Waiting for the {lower_first(item.title)}, asked for on "
                f"{short_date(item.requested_on)}. If it has not come, phone {holder}.",
                item.id,
            )
        if item := self.undecided:
            office = new_doctor or NEW_DOCTOR
            return NextAction(
                f"Ask {office}'s office whether the {lower_first(item.title)} should be sent "
                "ahead or brought to the visit.",
                item.id,
            )
        if self.all_ready:
            return NextAction(
                "Everything is at the new doctor's office or ready to bring. Well done."
            )
        return NextAction("Check each item below and note what has happened to it.")


@frozen
class ChecklistSummary:
    """How far the list has come and the one thing to do next (see `checklist_summary`)."""

    progress: Progress
    next: NextAction


def checklist_summary(
    items: Iterable[RecordItem],
    visit: dt.date | None,
    today: dt.date,
    *,
    doctors: Mapping[int, str],
    new_doctor: str | None,
) -> ChecklistSummary:
    """`progress` and `next_step` together, from one look at each item: the two asked each
    item's state some 25 times, 10 ms for a list of 2,000 items at every reload. Each item's
    facts here follow the item's own properties (brought, ready, awaiting confirmation) and
    `due_date`; the tests hold the two answers equal on any list."""
    total = at_office = in_hand = overdue = awaiting = 0
    lead_send = dt.timedelta(days=RECORDS_LEAD_DAYS)
    lead_bring = dt.timedelta(days=BRING_LEAD_DAYS)
    # the most urgent of each kind so far (urgency, item): waiting, to send, to ask, chasing
    firsts: list[tuple[tuple[int, int], RecordItem] | None] = [None, None, None, None]
    undecided: RecordItem | None = None
    all_ready = True
    for item in items:
        total += 1
        state = item.state
        brought = item.brought
        arrived = state is RecordState.ARRIVED
        hand = brought and (state is RecordState.RECEIVED or state is RecordState.SENT)
        ready = arrived or hand
        due = None if visit is None else visit - (lead_bring if brought else lead_send)
        late = due is not None and not ready and today > due
        at_office += arrived
        in_hand += hand
        overdue += late
        if not ready:
            all_ready = False
            if undecided is None and item.timing is Timing.ASK:
                undecided = item
        if state is RecordState.SENT:
            kind = -1 if brought else 0
            awaiting += not brought
        elif state is RecordState.RECEIVED:
            kind = -1 if brought else 1
        elif state is RecordState.NEEDED:
            kind = 2
        elif state is RecordState.REQUESTED:
            kind = 3
        else:
            kind = -1
        if kind >= 0:
            urgency = (0 if late else 1, due.toordinal() if due else 0)
            best = firsts[kind]
            if best is None or urgency < best[0]:  # the first of equally urgent ones
                firsts[kind] = (urgency, item)
    counts = Progress(total, at_office, in_hand, overdue, awaiting)
    if not total:
        return ChecklistSummary(counts, NextAction(NOTHING_LISTED))
    waiting, to_send, to_ask, chasing = (None if f is None else f[1] for f in firsts)
    picked = Firsts(waiting, to_send, to_ask, chasing, undecided, all_ready)
    return ChecklistSummary(counts, picked.advice(doctors, new_doctor))


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
