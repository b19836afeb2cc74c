"""The second sample case for --demo: a son organising a second opinion for his father.

Walter Brooks, 72, has prostate cancer found on a biopsy; his urologist recommends surgery.
His son Daniel organises. It shows the app with a diagnosis other than the first sample's
(nothing from breast care, a urology team) a little earlier in the search: the visit is booked,
records are on their way, the MRI is on a CD. Every name, number and address is invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from secondopinion_desktop.domain.appointments import Appointment, referral_todo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.records import Delivery, RecordKind, Timing
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.services.reminders import sync_reminders
from secondopinion_desktop.store.repository import Repository

WALTER_TITLE = "Dad's second opinion"
DIAGNOSIS = "Prostate cancer, Gleason 3+4 (grade group 2), found on a needle biopsy"
TREATMENT = "Radical prostatectomy (robotic surgery to remove the prostate)"


def _at(day: dt.date, hour: int, minute: int = 0) -> str:
    local = dt.datetime.now().astimezone().tzinfo
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=local).isoformat()


def build_walter(repo: Repository, today: dt.date) -> Case:
    """Create Walter's case as it would look about ten days into the search."""

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    cid = repo.cases.create(
        WALTER_TITLE,
        patient_name="Walter Brooks",
        date_of_birth=dt.date(today.year - 73, 3, 2),
        diagnosis=DIAGNOSIS,
        recommended_treatment=TREATMENT,
        insurance_plan="Medicare with Harbor Senior Supplement",
        insurance_member_id="HSS-208-5531",
        organiser_name="Daniel Brooks (son)",
        organiser_phone="(555) 348-9021",
        notes="Dad hears better on the left. Daniel takes the afternoon off for visits.",
    ).id
    santos = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Maria Santos",
            role=Role.PRIMARY_CARE,
            specialty="Internal medicine",
            practice="Oak Hill Medical Group",
            address="45 Oak Hill Road, Fairview",
            phone="(555) 262-1400",
            fax="(555) 262-1401",
        )
    )
    hale = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Thomas Hale",
            role=Role.TREATING,
            specialty="Urologist",
            practice="Fairview Urology Associates",
            address="300 Center Street, Fairview",
            phone="(555) 262-7700",
            fax="(555) 262-7709",
        )
    )
    okonkwo = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Grace Okonkwo",
            specialty="Urologic oncology",
            practice="Northgate University Hospital",
            address="1200 Northgate Avenue, Building C, Northgate",
            phone="(555) 901-3300",
            fax="(555) 901-3390",
            source=Source.REFERRAL,
            source_detail="Suggested by Dr. Santos",
            board_certified=Answer.YES,
            board_checked_on=day(-7).isoformat(),
            accepting_new_patients=Answer.YES,
            wait_days=12,
            accepts_insurance=Answer.YES,
            referral_required=Answer.YES,
            status=Status.CONTACTED,
            notes="Sees prostate patients with a radiation oncologist on Thursdays.",
        )
    )
    chen = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. David Chen",
            specialty="Radiation oncology",
            practice="Harbor Cancer Care",
            address="9 Harbor Way, Fairview",
            phone="(555) 262-5050",
            source=Source.INSURANCE_LIST,
            source_detail="Harbor Senior in-network list",
            accepting_new_patients=Answer.YES,
            wait_days=21,
            accepts_insurance=Answer.YES,
            referral_required=Answer.NO,
            status=Status.CONTACTED,
        )
    )
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Helen Park",
            specialty="Urologist",
            practice="Lakeview Men's Health",
            address="70 Lake Street, Riverton",
            phone="(555) 733-2120",
            source=Source.FRIENDS_FAMILY,
            source_detail="Uncle Ray's urologist",
        )
    )
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=okonkwo.id,
            called_at=_at(day(-4), 10, 20),
            answered_by="Luis, new-patient scheduler",
            learned="Taking new patients. First visit in about 12 days. Takes the Harbor plan. "
            "Needs a referral from Dr. Santos.",
        )
    )
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=chen.id,
            called_at=_at(day(-3), 15, 45),
            answered_by="Front desk",
            learned="First visit in about three weeks. No referral needed.",
        )
    )
    repo.cases.update(
        replace(
            repo.cases.get(cid),
            told_doctor_id=hale.id,
            told_on=day(-9),
            hear_back="A letter from the second doctor, by mail",
            referral_asked=Answer.YES,
            referral_given=Answer.NO,
            referral_to="",
        )
    )
    repo.cases.set_step_done(cid, 1, True)
    repo.cases.set_step_notes(
        cid,
        1,
        "Dad told Dr. Hale at the follow-up visit. He said a second opinion is a good idea "
        "and his office will send the biopsy report.",
    )
    repo.cases.set_step_done(cid, 2, True)
    visit_day = day(12)
    while visit_day.weekday() >= 5:  # offices see new patients on weekdays
        visit_day += dt.timedelta(days=1)
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=cid,
            doctor_id=okonkwo.id,
            starts_at=dt.datetime.combine(visit_day, dt.time(14, 0)).astimezone(),
            place="Northgate University Hospital, 1200 Northgate Avenue, Building C",
        )
    )
    repo.doctors.update(replace(repo.doctors.get(okonkwo.id), status=Status.BOOKED))
    repo.cases.set_step_done(cid, 3, True)
    key, title, detail = referral_todo(okonkwo.id, okonkwo.name)
    repo.todos.ensure(cid, key, title, detail)
    _records(repo, cid, santos.id, day)
    ensure_starter_questions(repo, cid)
    for text in (
        "What would waiting and watching the cancer closely mean for Dad?",
        "How long will Dad be in the hospital, and when can he drive again?",
    ):
        repo.questions.add(Question(id=0, case_id=cid, text=text, round=repo.rounds.current(cid)))
    repo.opinions.save(
        Opinion(
            id=0,
            case_id=cid,
            round=1,
            doctor_id=hale.id,
            doctor_name=hale.name,
            given_on=day(-14),
            diagnosis=DIAGNOSIS,
            treatment=TREATMENT,
            notes="Dr. Hale would like to operate in the next two to three months.",
        )
    )
    sync_reminders(repo, cid)
    return repo.cases.get(cid)


def _records(repo: Repository, cid: int, santos_id: int, day: Any) -> None:
    """The checklist about a week before it is due: the biopsy slides asked for, the MRI on a
    CD in hand, Dr. Santos's records faxed and not confirmed yet."""
    for item in ensure_default_records(repo, cid):
        changes: dict[str, Any] = {}
        if item.kind is RecordKind.MEDICAL_RECORDS and item.holder_doctor_id == santos_id:
            changes = dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=11,
                requested_on=day(-6),
                received_on=day(-3),
                sent_on=day(-1),
                notes="Faxed from the copy shop on Main Street.",
            )
        elif item.kind is RecordKind.MEDICAL_RECORDS:
            changes = dict(delivery=Delivery.HAND_DELIVER, requested_on=day(-5))
        elif item.kind is RecordKind.TEST_RESULTS:
            changes = dict(
                title="PSA blood tests and biopsy results",
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                requested_on=day(-5),
            )
        elif item.kind is RecordKind.PATHOLOGY_REPORT:
            changes = dict(
                delivery=Delivery.HAND_DELIVER,
                timing=Timing.SEND_AHEAD,
                pages=4,
                requested_on=day(-8),
                received_on=day(-2),
            )
        elif item.kind is RecordKind.PATHOLOGY_SLIDES:
            changes = dict(
                holder_text="Fairview Pathology Lab",
                recipient_text="Northgate pathology department",
                delivery=Delivery.MAIL,
                timing=Timing.SEND_AHEAD,
                requested_on=day(-4),
                notes="Biopsy slides (12 cores). The lab mails them once Dad signs the form.",
            )
        elif item.kind is RecordKind.OTHER_IMAGING:
            changes = dict(
                title="Prostate MRI (on CD)",
                holder_text="Fairview Imaging",
                delivery=Delivery.BRING,
                timing=Timing.BRING_ALONG,
                requested_on=day(-6),
                received_on=day(-4),
                notes="The CD is in the green folder with Dad's insurance cards.",
            )
        elif item.kind is RecordKind.INSURANCE_CARD:
            changes = dict(
                title="Insurance cards (Medicare and the supplement)", received_on=day(-9)
            )
        if changes:
            repo.records.update(replace(item, **changes))
