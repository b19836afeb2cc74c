"""The sample cases for --demo and screenshots, as data: one `DemoCase` each, in `CASES`.

Every name, number and address here is invented. `secondopinion_desktop/demo.py` writes a case
the way using the app would have left it; a new sample case is a new entry in `CASES`. Days are
counted from the day the case is built (negative: ago), so a sample always looks current.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from secondopinion_desktop.domain.appointments import AppointmentKind
from secondopinion_desktop.domain.doctors import Answer, Role, Source, Status
from secondopinion_desktop.domain.records import Delivery, RecordKind, Timing

#: Values a sample gives as a number of days from the day it is built, not as a date.
DAY_FIELDS = frozenset(
    {"told_on", "requested_on", "received_on", "sent_on", "confirmed_on", "returned_on"}
)


@dataclass(frozen=True)
class DemoDoctor:
    """A doctor of the case; `key` names it for the calls, the visit and the opinions."""

    key: str
    name: str
    values: Mapping[str, Any] = field(default_factory=dict)
    checked_days_ago: int | None = None  # when the board certification was looked up


@dataclass(frozen=True)
class DemoCall:
    doctor: str
    days_ago: int
    at: dt.time
    answered_by: str
    learned: str
    call_back_in_days: int | None = None


@dataclass(frozen=True)
class DemoVisit:
    """The booked second-opinion visit; its doctor is marked booked, as step 3 leaves it."""

    doctor: str
    in_days: int
    at: dt.time
    place: str
    kind: AppointmentKind = AppointmentKind.SECOND_OPINION
    team: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoRecord:
    """How far one suggested item has come: the first entry matching its kind (and holder,
    when one is named) is applied. Dates in `values` are days from today (see DAY_FIELDS)."""

    kind: RecordKind
    values: Mapping[str, Any]
    holder: str | None = None


@dataclass(frozen=True)
class DemoOpinion:
    round: int
    doctor: str
    days_ago: int
    diagnosis: str
    treatment: str
    notes: str = ""


@dataclass(frozen=True)
class DemoReminder:
    title: str
    detail: str
    due_in_hours: int


@dataclass(frozen=True)
class DemoCase:
    """One sample case, in the order the person would have filled it in."""

    title: str
    details: Mapping[str, Any]
    doctors: tuple[DemoDoctor, ...]
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


MUM = DemoCase(
    title="Mum's second opinion",
    details=dict(
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
        diagnosis="Invasive ductal carcinoma, left breast, stage IIA (core biopsy)",
        recommended_treatment="Lumpectomy, then radiation therapy",
        insurance_plan="Bluebrook Health PPO",
        insurance_member_id="BBH-4471-0923",
        organiser_name="Sarah Ellis (daughter)",
        organiser_phone="(555) 201-7745",
        notes="Mum prefers morning appointments. Sarah drives.",
    ),
    doctors=(
        DemoDoctor(
            "adler",
            "Dr. Ruth Adler",
            dict(
                role=Role.PRIMARY_CARE,
                specialty="Family medicine",
                practice="Maple Street Family Practice",
                address="112 Maple Street, Springfield",
                phone="(555) 310-2200",
                fax="(555) 310-2201",
            ),
        ),
        DemoDoctor(
            "okafor",
            "Dr. Samuel Okafor",
            dict(
                role=Role.TREATING,
                specialty="Breast surgeon",
                practice="Springfield General Hospital",
                address="400 Hospital Drive, Springfield",
                phone="(555) 480-1000",
                fax="(555) 480-1009",
            ),
        ),
        DemoDoctor(
            "raman",
            "Dr. Priya Raman",
            dict(
                specialty="Surgical oncology (breast)",
                practice="Lakeside Cancer Center",
                address="2500 Lakeshore Boulevard, Suite 300, Lakeside",
                phone="(555) 622-4100",
                fax="(555) 622-4190",
                source=Source.REFERRAL,
                source_detail="Suggested by Dr. Okafor",
                board_certified=Answer.YES,
                accepting_new_patients=Answer.YES,
                wait_days=9,
                accepts_insurance=Answer.YES,
                referral_required=Answer.YES,
                status=Status.CONTACTED,
                notes="Runs a multidisciplinary breast clinic on Tuesdays.",
            ),
            checked_days_ago=9,
        ),
        DemoDoctor(
            "whitfield",
            "Dr. Thomas Whitfield",
            dict(
                specialty="Medical oncology",
                practice="University Medical Center",
                address="1 University Plaza, Riverton",
                phone="(555) 730-5500",
                source=Source.BOARD_DIRECTORY,
                board_certified=Answer.YES,
                accepting_new_patients=Answer.NO,
                accepts_insurance=Answer.YES,
                status=Status.RULED_OUT,
                notes="Not taking new patients until spring.",
            ),
            checked_days_ago=9,
        ),
        DemoDoctor(
            "marsh",
            "Dr. Elena Marsh",
            dict(
                specialty="Breast surgeon",
                practice="Riverside Women's Health",
                address="88 River Road, Riverton",
                phone="(555) 415-3300",
                source=Source.FRIENDS_FAMILY,
                source_detail="Aunt Jo's surgeon in 2022",
                accepts_insurance=Answer.UNKNOWN,
                status=Status.CONTACTED,
            ),
        ),
        DemoDoctor(
            "chen",
            "Dr. James Chen",
            dict(
                specialty="Surgical oncology",
                practice="Bluebrook Network Oncology",
                address="17 Commerce Way, Springfield",
                phone="(555) 290-8800",
                source=Source.INSURANCE_LIST,
                source_detail="Bluebrook in-network list, 2026",
            ),
        ),
    ),
    calls=(
        DemoCall(
            "raman",
            3,
            dt.time(9, 40),
            "Denise, new-patient coordinator",
            "Taking new patients. First visit in about 9 days. Takes Bluebrook PPO. "
            "Needs a referral from the primary-care doctor.",
        ),
        DemoCall(
            "whitfield",
            3,
            dt.time(10, 15),
            "Front desk",
            "Not taking new patients until March.",
        ),
        DemoCall(
            "marsh",
            2,
            dt.time(14, 5),
            "Voicemail",
            "Left a message with Sarah's number.",
            call_back_in_days=1,
        ),
    ),
    told_doctor="okafor",
    told=dict(
        told_on=-12,
        hear_back="A copy of the second doctor's letter, by fax",
        referral_asked=Answer.YES,
        referral_given=Answer.YES,
        referral_to="Dr. Priya Raman",
    ),
    steps_done=(1, 2),
    step_notes={
        1: "Told Dr. Okafor on the phone. He was kind about it and will send his notes to "
        "whoever we choose. Asked him for a referral: he suggested Dr. Raman.",
        3: "Call Dr. Marsh's office back tomorrow morning.",
    },
    visit=DemoVisit(
        "raman",
        6,
        dt.time(9, 30),
        "Lakeside Cancer Center, 2500 Lakeshore Boulevard, Suite 300, Lakeside",
        AppointmentKind.MULTIDISCIPLINARY,
        ("Dr. Priya Raman (surgeon)", "A radiation oncologist"),
    ),
    # An item in every state: one overdue, one faxed and not yet confirmed, scans to bring.
    records=(
        DemoRecord(
            RecordKind.MEDICAL_RECORDS,
            dict(
                delivery=Delivery.HAND_DELIVER,
                timing=Timing.SEND_AHEAD,
                pages=14,
                requested_on=-10,
                received_on=-6,
                sent_on=-5,
                confirmed_on=-5,
                confirmed_by="Maria at the front desk",
            ),
            holder="adler",
        ),
        DemoRecord(
            RecordKind.MEDICAL_RECORDS,
            dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=22,
                requested_on=-9,
                received_on=-3,
                sent_on=-1,
                notes="Faxed from the library. Call Denise to check it all came through.",
            ),
        ),
        DemoRecord(
            RecordKind.TEST_RESULTS,
            dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=9,
                requested_on=-9,
                received_on=-4,
                sent_on=-3,
                confirmed_on=-2,
                confirmed_by="Denise, new-patient coordinator",
            ),
        ),
        DemoRecord(
            RecordKind.PATHOLOGY_REPORT,
            dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=3,
                requested_on=-9,
                received_on=-3,
                sent_on=-1,
            ),
        ),
        DemoRecord(
            RecordKind.REFERRAL_FORM,
            dict(
                pages=2,
                requested_on=-8,
                sent_on=-7,
                confirmed_on=-7,
                confirmed_by="Denise, new-patient coordinator",
                notes="Dr. Adler's front desk faxed it straight to Lakeside.",
            ),
        ),
        DemoRecord(RecordKind.INSURANCE_CARD, dict(received_on=-12)),
        DemoRecord(
            RecordKind.PATHOLOGY_SLIDES,
            dict(
                holder_text="Springfield General pathology lab",
                recipient_text="Lakeside pathology department",
                delivery=Delivery.MAIL,
                timing=Timing.SEND_AHEAD,
                requested_on=-6,
                notes="The lab needs a signed release form; Sarah dropped it off.",
            ),
        ),
        DemoRecord(
            RecordKind.MAMMOGRAMS,
            dict(
                holder_text="Springfield Imaging",
                delivery=Delivery.BRING,
                timing=Timing.BRING_ALONG,
                requested_on=-8,
                received_on=-4,
                notes="On a CD, in the blue folder.",
            ),
        ),
        DemoRecord(
            RecordKind.OTHER_IMAGING,
            dict(
                title="Chest CT scan (on CD)",
                holder_text="Springfield Imaging",
                timing=Timing.BRING_ALONG,
                requested_on=-2,
            ),
        ),
    ),
    questions=(
        "Can Mum keep driving while she has treatment?",
        "Is there parking close to the clinic, and how long will the visit take?",
    ),
    opinions=(
        DemoOpinion(
            round=1,
            doctor="okafor",
            days_ago=16,
            diagnosis="Invasive ductal carcinoma, left breast, stage IIA (core biopsy)",
            treatment="Lumpectomy, then radiation therapy",
            notes="Explained at the visit after the biopsy. He would like to operate within "
            "four to six weeks.",
        ),
    ),
    reminders=(
        DemoReminder(
            "Ask Aunt Jo to sit with Mum on the day of the visit",
            "Sarah drives; Jo could keep Mum company in the waiting room.",
            due_in_hours=-1,
        ),
    ),
)

CASES: tuple[DemoCase, ...] = (MUM,)
