"""Records to get to the new doctor (steps 4 and 5): items, their states, due dates and words.

An item moves needed -> requested -> received -> sent -> arrived. Each state has its own date,
so the state is simply the furthest date filled in. The rules from PRODUCT.md live here:

- records should arrive about a week before the visit (RECORDS_LEAD_DAYS), so every item that
  is sent ahead is due then; an item brought along is due in hand the day before the visit;
- an item that was faxed (or mailed) is not done until someone phoned and heard that it
  arrived: "sent" is never "done";
- slides and imaging are lent to the patient and are noted as "returned" afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from secondopinion_desktop.domain.doctors import Doctor, Role

RECORDS_LEAD_DAYS = 7
BRING_LEAD_DAYS = 1
MAX_TITLE_LENGTH = 120
MAX_PAGES = 5_000
MAX_TEXT_LENGTH = 500
MAX_NOTES_LENGTH = 20_000


class RecordKind(StrEnum):
    """What an item is; slides and imaging belong to step 5, everything else to step 4."""

    MEDICAL_RECORDS = "medical_records"
    TEST_RESULTS = "test_results"
    PATHOLOGY_REPORT = "pathology_report"
    PATHOLOGY_SLIDES = "pathology_slides"
    MAMMOGRAMS = "mammograms"
    OTHER_IMAGING = "other_imaging"
    REFERRAL_FORM = "referral_form"
    INSURANCE_CARD = "insurance_card"
    PHOTO_ID = "photo_id"
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def lent(self) -> bool:
        """Slides, films and scans are lent to the patient and go back afterwards."""
        return self in LENT_KINDS

    @property
    def step(self) -> int:
        return 5 if self in LENT_KINDS else 4


KIND_LABELS: dict[RecordKind, str] = {
    RecordKind.MEDICAL_RECORDS: "Medical records",
    RecordKind.TEST_RESULTS: "Test results",
    RecordKind.PATHOLOGY_REPORT: "Pathology report",
    RecordKind.PATHOLOGY_SLIDES: "Pathology slides",
    RecordKind.MAMMOGRAMS: "Mammograms",
    RecordKind.OTHER_IMAGING: "Other imaging (on CD or film)",
    RecordKind.REFERRAL_FORM: "Referral form",
    RecordKind.INSURANCE_CARD: "Insurance card",
    RecordKind.PHOTO_ID: "Photo ID",
    RecordKind.OTHER: "Something else",
}

LENT_KINDS = frozenset(
    {RecordKind.PATHOLOGY_SLIDES, RecordKind.MAMMOGRAMS, RecordKind.OTHER_IMAGING}
)


class Delivery(StrEnum):
    """How an item gets to the new doctor."""

    HAND_DELIVER = "hand_deliver"
    FAX = "fax"
    MAIL = "mail"
    BRING = "bring"

    @property
    def label(self) -> str:
        return DELIVERY_LABELS[self]


DELIVERY_LABELS: dict[Delivery, str] = {
    Delivery.HAND_DELIVER: "Hand-deliver",
    Delivery.FAX: "Fax",
    Delivery.MAIL: "Mail or courier",
    Delivery.BRING: "Bring to the visit",
}


class Timing(StrEnum):
    """What the new doctor's office wants: the item ahead of the visit, or at it."""

    ASK = "ask"
    SEND_AHEAD = "send_ahead"
    BRING_ALONG = "bring_along"

    @property
    def label(self) -> str:
        return TIMING_LABELS[self]


TIMING_LABELS: dict[Timing, str] = {
    Timing.ASK: "Ask the office",
    Timing.SEND_AHEAD: "Send ahead",
    Timing.BRING_ALONG: "Bring along",
}


class RecordState(StrEnum):
    """How far an item has come, from nothing done to arrival confirmed."""

    NEEDED = "needed"
    REQUESTED = "requested"
    RECEIVED = "received"
    SENT = "sent"
    ARRIVED = "arrived"

    @property
    def rank(self) -> int:
        return STATE_ORDER.index(self)


STATE_ORDER: tuple[RecordState, ...] = tuple(RecordState)


@dataclass(frozen=True)
class RecordItem:
    """One thing to get to the new doctor, with who holds it and the date of each state.

    `recipient_doctor_id` None with an empty `recipient_text` means "the new doctor": whoever is
    booked for the second opinion, so items can be listed before anyone is booked.
    """

    id: int
    case_id: int
    title: str
    kind: RecordKind = RecordKind.OTHER
    position: int = 0
    holder_doctor_id: int | None = None
    holder_text: str = ""
    recipient_doctor_id: int | None = None
    recipient_text: str = ""
    delivery: Delivery | None = None
    timing: Timing = Timing.ASK
    pages: int | None = None
    requested_on: dt.date | None = None
    received_on: dt.date | None = None
    sent_on: dt.date | None = None
    confirmed_on: dt.date | None = None
    confirmed_by: str = ""
    returned_on: dt.date | None = None
    notes: str = ""

    @property
    def state(self) -> RecordState:
        if self.confirmed_on is not None:
            return RecordState.ARRIVED
        if self.sent_on is not None:
            return RecordState.SENT
        if self.received_on is not None:
            return RecordState.RECEIVED
        if self.requested_on is not None:
            return RecordState.REQUESTED
        return RecordState.NEEDED

    @property
    def brought(self) -> bool:
        """Taken to the visit by the patient rather than sent ahead."""
        return self.delivery is Delivery.BRING or self.timing is Timing.BRING_ALONG

    @property
    def at_new_office(self) -> bool:
        """Someone at the new office said it arrived (a fax 'sent' report is not enough)."""
        return self.state is RecordState.ARRIVED

    @property
    def in_hand_to_bring(self) -> bool:
        return self.brought and self.state in (RecordState.RECEIVED, RecordState.SENT)

    @property
    def ready(self) -> bool:
        """Nothing more to do before the visit: arrived, or in hand to bring along."""
        return self.at_new_office or self.in_hand_to_bring

    @property
    def awaiting_confirmation(self) -> bool:
        """Sent, but nobody has yet said it arrived: the person should phone."""
        return self.state is RecordState.SENT and not self.brought

    @property
    def goes_to_new_doctor(self) -> bool:
        return self.recipient_doctor_id is None and not self.recipient_text.strip()


# --- due dates and overdue ----------------------------------------------------------------------


def due_date(item: RecordItem, visit: dt.date | None) -> dt.date | None:
    """When the item should be there: a week before the visit, or in hand the day before."""
    if visit is None:
        return None
    lead = BRING_LEAD_DAYS if item.brought else RECORDS_LEAD_DAYS
    return visit - dt.timedelta(days=lead)


def is_overdue(item: RecordItem, visit: dt.date | None, today: dt.date) -> bool:
    due = due_date(item, visit)
    return due is not None and not item.ready and today > due


def short_date(day: dt.date) -> str:
    """'Fri 13 Nov': short, and read the same way in every country."""
    return f"{day:%a} {day.day} {day:%b}"


def long_date(day: dt.date) -> str:
    """'13 November 2026'."""
    return f"{day.day} {day:%B %Y}"


def due_text(item: RecordItem, visit: dt.date | None, today: dt.date) -> str:
    """The due column in words: 'Due Tue 24 Nov (in 4 days)', 'Overdue: was due ...'."""
    due = due_date(item, visit)
    if item.ready:
        return "Done"
    if due is None:
        return "No visit booked yet"
    days = (due - today).days
    if days < 0:
        return f"Overdue: was due {short_date(due)}"
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    return f"Due {short_date(due)} (in {days} days)"


# --- names and words ----------------------------------------------------------------------------

NEW_DOCTOR = "the new doctor"


def holder_name(item: RecordItem, doctors: Mapping[int, str]) -> str:
    """Who holds the item now, in words ('' when nobody was noted)."""
    if item.holder_doctor_id is not None and item.holder_doctor_id in doctors:
        return doctors[item.holder_doctor_id]
    return item.holder_text.strip()


def recipient_name(
    item: RecordItem, doctors: Mapping[int, str], new_doctor: str | None = None
) -> str:
    """Who the item goes to: a named doctor, another place, or the booked new doctor."""
    if item.recipient_doctor_id is not None and item.recipient_doctor_id in doctors:
        return doctors[item.recipient_doctor_id]
    if item.recipient_text.strip():
        return item.recipient_text.strip()
    return new_doctor or NEW_DOCTOR


def how_text(item: RecordItem) -> str:
    """'Fax, send ahead', 'Bring to the visit', 'Ask the office'."""
    if item.delivery is Delivery.BRING:
        return Delivery.BRING.label
    parts: list[str] = []
    if item.delivery is not None:
        parts.append(item.delivery.label)
        if item.timing is Timing.SEND_AHEAD:
            return parts[0]  # faxing, mailing or handing in is sending ahead
    if item.timing is Timing.BRING_ALONG:
        parts.append("bring along" if parts else "Bring along")
    elif item.timing is Timing.SEND_AHEAD:
        parts.append("send ahead" if parts else "Send ahead")
    elif item.timing is Timing.ASK:
        parts.append("ask the office" if parts else "Ask the office")
    return ", ".join(parts)


def _sent_words(item: RecordItem, day: dt.date) -> str:
    if item.delivery is Delivery.FAX:
        return f"Faxed {short_date(day)}, not done yet: phone to check it arrived"
    if item.delivery is Delivery.HAND_DELIVER:
        return f"Handed in {short_date(day)}. Note who took it to mark it arrived"
    return f"Sent {short_date(day)}. Phone to check it arrived"


def status_text(item: RecordItem) -> str:
    """Where the item is, in a short sentence (always words, never colour alone)."""
    state = item.state
    if state is RecordState.ARRIVED:
        assert item.confirmed_on is not None
        text = "Arrived"
        if item.confirmed_by.strip():
            text += f", confirmed by {item.confirmed_by.strip()}"
        text += f" on {short_date(item.confirmed_on)}"
    elif state is RecordState.SENT:
        assert item.sent_on is not None
        text = (
            f"In hand, ready to bring (sent {short_date(item.sent_on)})"
            if item.brought
            else _sent_words(item, item.sent_on)
        )
    elif state is RecordState.RECEIVED:
        assert item.received_on is not None
        if item.brought:
            text = "In hand, ready to bring to the visit"
        else:
            text = f"In hand since {short_date(item.received_on)}, not sent yet"
    elif state is RecordState.REQUESTED:
        assert item.requested_on is not None
        text = f"Asked for on {short_date(item.requested_on)}, waiting"
    else:
        text = "Not asked for yet"
    if item.returned_on is not None:
        text += f". Returned to us {short_date(item.returned_on)}"
    return text


# --- progress and the next thing to do ----------------------------------------------------------


@dataclass(frozen=True)
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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def recipient_office(
    item: RecordItem, doctors: Mapping[int, str], new_doctor: str | None = None
) -> str:
    """Whom to phone about the item: "Dr. Raman's office", or the place typed in."""
    if item.recipient_text.strip() and not (
        item.recipient_doctor_id is not None and item.recipient_doctor_id in doctors
    ):
        return item.recipient_text.strip()
    return f"{recipient_name(item, doctors, new_doctor)}'s office"


@dataclass(frozen=True)
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
        return _lower_first(item.title)

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
        holder = holder_name(item, doctors)
        where = f"Ask {holder} for" if holder and holder != "You" else "Get"
        return NextAction(f"{where} the {what(item)}.", item.id)
    chasing = sorted((i for i in items if i.state is RecordState.REQUESTED), key=urgency)
    if chasing:
        item = chasing[0]
        holder = holder_name(item, doctors) or "the office"
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


# --- the cover sheet's list ---------------------------------------------------------------------


def goes_to(item: RecordItem, doctor_id: int | None) -> bool:
    """Whether the item is addressed to this doctor (an unaddressed item goes to the new one)."""
    if item.goes_to_new_doctor:
        return True
    return doctor_id is not None and item.recipient_doctor_id == doctor_id


def cover_sheet_items(items: Iterable[RecordItem], doctor_id: int | None) -> list[RecordItem]:
    """What goes under a cover sheet to this doctor: items in hand (or sent and not yet
    confirmed, to send again) that are sent ahead rather than brought to the visit."""
    return [
        i
        for i in items
        if goes_to(i, doctor_id)
        and not i.brought
        and i.state in (RecordState.RECEIVED, RecordState.SENT)
    ]


# --- suggestions for a new case -----------------------------------------------------------------


def suggested_records(case_id: int, doctors: Sequence[Doctor]) -> list[RecordItem]:
    """The usual items for a new case, with the case's own doctors filled in as holders."""
    primary = [d for d in doctors if d.role is Role.PRIMARY_CARE]
    treating = [d for d in doctors if d.role is Role.TREATING]
    specialist = treating[0] if treating else (primary[0] if primary else None)
    items: list[RecordItem] = []

    def add(title: str, kind: RecordKind, **values: Any) -> None:
        items.append(
            RecordItem(
                id=0,
                case_id=case_id,
                title=title,
                kind=kind,
                position=len(items) + 1,
                **values,
            )
        )

    holders = primary + treating
    if holders:
        for doctor in holders:
            add("Medical records", RecordKind.MEDICAL_RECORDS, holder_doctor_id=doctor.id)
    else:
        add("Medical records", RecordKind.MEDICAL_RECORDS)
    add(
        "Copies of all test results",
        RecordKind.TEST_RESULTS,
        holder_doctor_id=specialist.id if specialist else None,
    )
    add(
        "Pathology report",
        RecordKind.PATHOLOGY_REPORT,
        holder_doctor_id=specialist.id if specialist else None,
    )
    add(
        "Referral form",
        RecordKind.REFERRAL_FORM,
        holder_doctor_id=primary[0].id if primary else None,
        delivery=Delivery.FAX,
        timing=Timing.SEND_AHEAD,
    )
    add(
        "Pathology slides",
        RecordKind.PATHOLOGY_SLIDES,
        holder_text="The pathology lab",
    )
    add("Mammograms", RecordKind.MAMMOGRAMS, holder_text="The imaging center")
    add(
        "Other x-rays and scans (on CD or film)",
        RecordKind.OTHER_IMAGING,
        holder_text="The imaging center",
    )
    for title, kind in (
        ("Insurance card", RecordKind.INSURANCE_CARD),
        ("Photo ID", RecordKind.PHOTO_ID),
    ):
        add(title, kind, holder_text="You", delivery=Delivery.BRING, timing=Timing.BRING_ALONG)
    return items


# --- checking what was typed --------------------------------------------------------------------


def clean_record_title(text: str) -> str:
    """An item's name as typed, tidied; raises ValueError with words for the person."""
    cleaned = " ".join("".join(ch for ch in text if ch.isprintable()).split())
    if not cleaned:
        raise ValueError("Please give the item a name, for example \u201cMedical records\u201d.")
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise ValueError(f"Please keep the name under {MAX_TITLE_LENGTH} letters.")
    return cleaned


def parse_pages(text: str) -> int | None:
    """A page count as typed ('12', '12 pages'); '' means not counted yet."""
    cleaned = " ".join(text.split()).lower()
    for suffix in (" pages", " page", "pages", "page", " pp", "pp"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)].strip()
            break
    if not cleaned:
        return None
    if not cleaned.isdecimal() or not cleaned.isascii():
        raise ValueError("Please type the number of pages as a number, for example 12.")
    pages = int(cleaned)
    if pages > MAX_PAGES:
        raise ValueError(f"That is more than {MAX_PAGES} pages. Please check the number.")
    return pages


def check_dates(item: RecordItem, today: dt.date) -> str | None:
    """A problem with the item's dates in words, or None when they make sense."""
    named = (
        ("asked for", item.requested_on),
        ("received", item.received_on),
        ("sent", item.sent_on),
        ("arrival confirmed", item.confirmed_on),
        ("returned", item.returned_on),
    )
    for name, day in named:
        if day is not None and day > today:
            return f"The date {name} is in the future. Please check it."
    if item.received_on and item.requested_on and item.received_on < item.requested_on:
        return "The date received is before the date it was asked for. Please check it."
    if item.confirmed_on and item.sent_on and item.confirmed_on < item.sent_on:
        return "The arrival was confirmed before it was sent. Please check the dates."
    if item.confirmed_on is None and item.confirmed_by.strip():
        return "Please add the date the arrival was confirmed, too."
    return None


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


# --- attachments --------------------------------------------------------------------------------

ATTACHMENT_SUFFIXES = (
    ".pdf",
    ".png",
    ".jpg",
    ".jpeg",
    ".tif",
    ".tiff",
    ".gif",
    ".bmp",
    ".webp",
    ".heic",
)
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """A scan of an item, copied into the data folder; `file_name` is the copy's name there."""

    id: int
    record_id: int
    file_name: str
    original_name: str
    size: int
    sha256: str
    added_at: str = ""

    @property
    def size_text(self) -> str:
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.0f} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"
