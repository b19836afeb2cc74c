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
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.labelled import LabelledEnum

RECORDS_LEAD_DAYS = 7
BRING_LEAD_DAYS = 1


class RecordKind(LabelledEnum):
    """What an item is; slides and imaging belong to step 5, everything else to step 4."""

    MEDICAL_RECORDS = "medical_records", "Medical records"
    TEST_RESULTS = "test_results", "Test results"
    PATHOLOGY_REPORT = "pathology_report", "Pathology report"
    PATHOLOGY_SLIDES = "pathology_slides", "Pathology slides"
    MAMMOGRAMS = "mammograms", "Mammograms"
    OTHER_IMAGING = "other_imaging", "Other imaging (on CD or film)"
    REFERRAL_FORM = "referral_form", "Referral form"
    INSURANCE_CARD = "insurance_card", "Insurance card"
    PHOTO_ID = "photo_id", "Photo ID"
    OTHER = "other", "Something else"

    @property
    def lent(self) -> bool:
        """Slides, films and scans are lent to the patient and go back afterwards."""
        return self in LENT_KINDS

    @property
    def step(self) -> int:
        return 5 if self in LENT_KINDS else 4


LENT_KINDS = frozenset(
    {RecordKind.PATHOLOGY_SLIDES, RecordKind.MAMMOGRAMS, RecordKind.OTHER_IMAGING}
)


class Delivery(LabelledEnum):
    """How an item gets to the new doctor."""

    HAND_DELIVER = "hand_deliver", "Hand-deliver"
    FAX = "fax", "Fax"
    MAIL = "mail", "Mail or courier"
    BRING = "bring", "Bring to the visit"


class Timing(LabelledEnum):
    """What the new doctor's office wants: the item ahead of the visit, or at it."""

    ASK = "ask", "Ask the office"
    SEND_AHEAD = "send_ahead", "Send ahead"
    BRING_ALONG = "bring_along", "Bring along"


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


@frozen
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


def iso_day_text(iso: str | None, words: Callable[[dt.date], str]) -> str:
    """A stored ISO day in `words` (e.g. `long_date`); text that is not one is shown as it is."""
    if not iso:
        return ""
    try:
        return words(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


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


_ARTICLES = ("The ", "A ", "An ", "Your ", "My ")


def in_sentence(name: str) -> str:
    """A place's name inside a sentence: 'The pathology lab' -> 'the pathology lab'.

    Only a leading article or 'Your' is lowered, so doctors' and clinics' own names
    ('Dr. Okafor', 'Lakeside Imaging') keep their capitals.
    """
    for article in _ARTICLES:
        if name.startswith(article):
            return article.lower() + name[len(article) :]
    return name


def recipient_name(
    item: RecordItem, doctors: Mapping[int, str], new_doctor: str | None = None
) -> str:
    """Who the item goes to: a named doctor, another place, or the booked new doctor."""
    if item.recipient_doctor_id is not None and item.recipient_doctor_id in doctors:
        return doctors[item.recipient_doctor_id]
    if item.recipient_text.strip():
        return item.recipient_text.strip()
    return new_doctor or NEW_DOCTOR


def named_doctors(items: Iterable[RecordItem]) -> set[int]:
    """The doctors the items name (who holds each, who it goes to): the only names a
    checklist needs, however many candidates the case lists."""
    named = {i.holder_doctor_id for i in items} | {i.recipient_doctor_id for i in items}
    return {doctor_id for doctor_id in named if doctor_id is not None}


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


def cover_note(item: RecordItem) -> str:
    """What a cover sheet says beside an item sent before and never confirmed as arrived.

    Such an item is listed again (to send once more), and the office should know it may
    already have a copy somewhere: the sheet says so instead of listing it silently.
    """
    if not item.awaiting_confirmation or item.sent_on is None:
        return ""
    how = "faxed" if item.delivery is Delivery.FAX else "sent"
    return f"First {how} on {long_date(item.sent_on)}; not yet confirmed as received."


def lower_first(text: str) -> str:
    """A title inside a sentence: 'Pathology report' -> 'pathology report' ('CT scans' stays)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
