"""What a person types about records, checked; and the usual items suggested for a new case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from secondopinion_desktop.domain.care_fields import care_field, uses_mammograms, uses_pathology
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing
from secondopinion_desktop.domain.validation import clean_line

MAX_TITLE_LENGTH = 120
NO_TITLE = "Please give the item a name, for example \u201cMedical records\u201d."
TITLE_TOO_LONG = f"Please keep the name under {MAX_TITLE_LENGTH} letters."
MAX_PAGES = 5_000
MAX_TEXT_LENGTH = 500
MAX_NOTES_LENGTH = 20_000

# --- suggestions for a new case -----------------------------------------------------------------


ADULT_PAPERS = (("Insurance card", RecordKind.INSURANCE_CARD), ("Photo ID", RecordKind.PHOTO_ID))
#: a child has no photo ID: the office asks for the parent's or guardian's, and the child's card
CHILD_PAPERS = (
    ("Your child's insurance card", RecordKind.INSURANCE_CARD),
    ("Your photo ID (as parent or guardian)", RecordKind.PHOTO_ID),
)


def papers_to_bring(child: bool) -> tuple[tuple[str, RecordKind], ...]:
    """The papers brought to the visit, named for who the patient is: for a child (under 18,
    `Case.is_child_on`) the parent or guardian shows their own ID and the child's card."""
    return CHILD_PAPERS if child else ADULT_PAPERS


def suggested_records(
    case_id: int,
    doctors: Sequence[Doctor],
    diagnosis: str = "",
    treatment: str = "",
    child: bool = False,
) -> list[RecordItem]:
    """The usual items for a new case, with the case's own doctors filled in as holders.

    Items that belong to one kind of diagnosis (mammograms for a breast diagnosis, slides and a
    pathology report for cancer) are suggested only when the diagnosis calls for them; the
    papers to bring fit who the patient is (`papers_to_bring`).
    """
    field = care_field(diagnosis, treatment)
    pathology = uses_pathology(field, diagnosis)
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
    if pathology:
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
    if pathology:
        add("Pathology slides", RecordKind.PATHOLOGY_SLIDES, holder_text="The pathology lab")
    if uses_mammograms(field):
        add("Mammograms", RecordKind.MAMMOGRAMS, holder_text="The imaging center")
    add(
        "Other x-rays and scans (on CD or film)"
        if uses_mammograms(field)
        else "X-rays and scans (on CD or film)",
        RecordKind.OTHER_IMAGING,
        holder_text="The imaging center",
    )
    for title, kind in papers_to_bring(child):
        add(title, kind, holder_text="You", delivery=Delivery.BRING, timing=Timing.BRING_ALONG)
    return items


# --- checking what was typed --------------------------------------------------------------------


def clean_record_title(text: str) -> str:
    """An item's name as typed, tidied; raises ValueError with words for the person."""
    return clean_line(text, MAX_TITLE_LENGTH, NO_TITLE, TITLE_TOO_LONG)


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
