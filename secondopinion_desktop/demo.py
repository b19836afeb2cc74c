"""A realistic, made-up sample case for --demo, screenshots and trying the app safely.

Every name, number and address here is invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from secondopinion_desktop.domain.appointments import (
    Appointment,
    AppointmentKind,
    referral_todo,
)
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.records import Delivery, RecordKind, Timing
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.services.reminders import sync_reminders
from secondopinion_desktop.store.repository import Repository

DEMO_TITLE = "Mum's second opinion"


def _at(day: dt.date, hour: int, minute: int = 0) -> str:
    local = dt.datetime.now().astimezone().tzinfo
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=local).isoformat()


def build_demo(repo: Repository, today: dt.date) -> Case:
    """Create the sample case as it would look two weeks into the search."""
    case = repo.cases.create(
        DEMO_TITLE,
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
        diagnosis="Invasive ductal carcinoma, left breast, stage IIA (core biopsy)",
        recommended_treatment="Lumpectomy, then radiation therapy",
        insurance_plan="Bluebrook Health PPO",
        insurance_member_id="BBH-4471-0923",
        organiser_name="Sarah Ellis (daughter)",
        organiser_phone="(555) 201-7745",
        notes="Mum prefers morning appointments. Sarah drives.",
    )
    cid = case.id
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Ruth Adler",
            role=Role.PRIMARY_CARE,
            specialty="Family medicine",
            practice="Maple Street Family Practice",
            address="112 Maple Street, Springfield",
            phone="(555) 310-2200",
            fax="(555) 310-2201",
        )
    )
    okafor = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Samuel Okafor",
            role=Role.TREATING,
            specialty="Breast surgeon",
            practice="Springfield General Hospital",
            address="400 Hospital Drive, Springfield",
            phone="(555) 480-1000",
            fax="(555) 480-1009",
        )
    )
    raman = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Priya Raman",
            specialty="Surgical oncology (breast)",
            practice="Lakeside Cancer Center",
            address="2500 Lakeshore Boulevard, Suite 300, Lakeside",
            phone="(555) 622-4100",
            fax="(555) 622-4190",
            source=Source.REFERRAL,
            source_detail="Suggested by Dr. Okafor",
            board_certified=Answer.YES,
            board_checked_on=(today - dt.timedelta(days=9)).isoformat(),
            accepting_new_patients=Answer.YES,
            wait_days=9,
            accepts_insurance=Answer.YES,
            referral_required=Answer.YES,
            status=Status.CONTACTED,
            notes="Runs a multidisciplinary breast clinic on Tuesdays.",
        )
    )
    whitfield = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Thomas Whitfield",
            specialty="Medical oncology",
            practice="University Medical Center",
            address="1 University Plaza, Riverton",
            phone="(555) 730-5500",
            source=Source.BOARD_DIRECTORY,
            board_certified=Answer.YES,
            board_checked_on=(today - dt.timedelta(days=9)).isoformat(),
            accepting_new_patients=Answer.NO,
            accepts_insurance=Answer.YES,
            status=Status.RULED_OUT,
            notes="Not taking new patients until spring.",
        )
    )
    marsh = repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. Elena Marsh",
            specialty="Breast surgeon",
            practice="Riverside Women's Health",
            address="88 River Road, Riverton",
            phone="(555) 415-3300",
            source=Source.FRIENDS_FAMILY,
            source_detail="Aunt Jo's surgeon in 2022",
            accepts_insurance=Answer.UNKNOWN,
            status=Status.CONTACTED,
        )
    )
    repo.doctors.add(
        Doctor(
            id=0,
            case_id=cid,
            name="Dr. James Chen",
            specialty="Surgical oncology",
            practice="Bluebrook Network Oncology",
            address="17 Commerce Way, Springfield",
            phone="(555) 290-8800",
            source=Source.INSURANCE_LIST,
            source_detail="Bluebrook in-network list, 2026",
        )
    )
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=raman.id,
            called_at=_at(today - dt.timedelta(days=3), 9, 40),
            answered_by="Denise, new-patient coordinator",
            learned="Taking new patients. First visit in about 9 days. Takes Bluebrook PPO. "
            "Needs a referral from the primary-care doctor.",
        )
    )
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=whitfield.id,
            called_at=_at(today - dt.timedelta(days=3), 10, 15),
            answered_by="Front desk",
            learned="Not taking new patients until March.",
        )
    )
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=marsh.id,
            called_at=_at(today - dt.timedelta(days=2), 14, 5),
            answered_by="Voicemail",
            learned="Left a message with Sarah's number.",
            call_back_on=(today + dt.timedelta(days=1)).isoformat(),
        )
    )
    repo.cases.update(
        replace(
            repo.cases.get(cid),
            told_doctor_id=okafor.id,
            told_on=today - dt.timedelta(days=12),
            hear_back="A copy of the second doctor's letter, by fax",
            referral_asked=Answer.YES,
            referral_given=Answer.YES,
            referral_to="Dr. Priya Raman",
        )
    )
    repo.cases.set_step_done(cid, 1, True)
    repo.cases.set_step_notes(
        cid,
        1,
        "Told Dr. Okafor on the phone. He was kind about it and will send his notes to "
        "whoever we choose. Asked him for a referral: he suggested Dr. Raman.",
    )
    repo.cases.set_step_done(cid, 2, True)
    repo.cases.set_step_notes(cid, 3, "Call Dr. Marsh's office back tomorrow morning.")
    _demo_records(repo, cid, today)
    _demo_booking(repo, cid, raman.id)
    _demo_visit_prep(repo, cid, okafor.id, today)
    return repo.cases.get(cid)


def _demo_visit_prep(repo: Repository, cid: int, okafor_id: int, today: dt.date) -> None:
    """Step 6 and after: the questions for the visit (the starter set and two of Sarah's own),
    the first opinion written down, and the reminders, one of them due now."""
    ensure_starter_questions(repo, cid)
    for text in (
        "Can Mum keep driving while she has treatment?",
        "Is there parking close to the clinic, and how long will the visit take?",
    ):
        repo.questions.add(Question(id=0, case_id=cid, text=text, round=repo.rounds.current(cid)))
    repo.opinions.save(
        Opinion(
            id=0,
            case_id=cid,
            round=1,
            doctor_id=okafor_id,
            doctor_name="Dr. Samuel Okafor",
            given_on=today - dt.timedelta(days=16),
            diagnosis="Invasive ductal carcinoma, left breast, stage IIA (core biopsy)",
            treatment="Lumpectomy, then radiation therapy",
            notes="Explained at the visit after the biopsy. He would like to operate within "
            "four to six weeks.",
        )
    )
    repo.reminders.add(
        Reminder(
            id=0,
            case_id=cid,
            title="Ask Aunt Jo to sit with Mum on the day of the visit",
            detail="Sarah drives; Jo could keep Mum company in the waiting room.",
            due_at=repo.now() - dt.timedelta(hours=1),
        )
    )
    sync_reminders(repo, cid)


def _demo_booking(repo: Repository, cid: int, doctor_id: int) -> None:
    """Dr. Raman is booked, as choosing her in step 3 would leave it: booked, step 3 done,
    and the referral she needs on the to-do list."""
    visit = repo.appointments.opinion_visit(cid)
    if visit is None or visit.doctor_id != doctor_id:
        return
    raman = repo.doctors.update(replace(repo.doctors.get(doctor_id), status=Status.BOOKED))
    repo.cases.set_step_done(cid, 3, True)
    key, title, detail = referral_todo(raman.id, raman.name)
    repo.todos.ensure(cid, key, title, detail)


def _demo_records(repo: Repository, cid: int, today: dt.date) -> None:
    """The records checklist with an item in every state: one overdue, one faxed and not yet
    confirmed, slides and scans to bring. Books the visit with Dr. Raman if nothing is booked."""
    doctors = {d.name: d for d in repo.doctors.list(cid)}
    raman = doctors["Dr. Priya Raman"]
    if repo.appointments.opinion_visit(cid) is None:
        visit = dt.datetime.combine(today + dt.timedelta(days=6), dt.time(9, 30))
        repo.appointments.add(
            Appointment(
                id=0,
                case_id=cid,
                doctor_id=raman.id,
                starts_at=visit.astimezone(),
                place="Lakeside Cancer Center, 2500 Lakeshore Boulevard, Suite 300, Lakeside",
                kind=AppointmentKind.MULTIDISCIPLINARY,
                team_members=("Dr. Priya Raman (surgeon)", "A radiation oncologist"),
            )
        )

    def day(offset: int) -> dt.date:
        return today + dt.timedelta(days=offset)

    adler = doctors["Dr. Ruth Adler"].id
    for item in ensure_default_records(repo, cid):
        changes: dict[str, Any] = {}
        if item.kind is RecordKind.MEDICAL_RECORDS and item.holder_doctor_id == adler:
            changes = dict(
                delivery=Delivery.HAND_DELIVER,
                timing=Timing.SEND_AHEAD,
                pages=14,
                requested_on=day(-10),
                received_on=day(-6),
                sent_on=day(-5),
                confirmed_on=day(-5),
                confirmed_by="Maria at the front desk",
            )
        elif item.kind is RecordKind.MEDICAL_RECORDS:
            changes = dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=22,
                requested_on=day(-9),
                received_on=day(-3),
                sent_on=day(-1),
                notes="Faxed from the library. Call Denise to check it all came through.",
            )
        elif item.kind is RecordKind.TEST_RESULTS:
            changes = dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=9,
                requested_on=day(-9),
                received_on=day(-4),
                sent_on=day(-3),
                confirmed_on=day(-2),
                confirmed_by="Denise, new-patient coordinator",
            )
        elif item.kind is RecordKind.PATHOLOGY_REPORT:
            changes = dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=3,
                requested_on=day(-9),
                received_on=day(-3),
                sent_on=day(-1),
            )
        elif item.kind is RecordKind.REFERRAL_FORM:
            changes = dict(
                pages=2,
                requested_on=day(-8),
                sent_on=day(-7),
                confirmed_on=day(-7),
                confirmed_by="Denise, new-patient coordinator",
                notes="Dr. Adler's front desk faxed it straight to Lakeside.",
            )
        elif item.kind is RecordKind.INSURANCE_CARD:
            changes = dict(received_on=day(-12))
        elif item.kind is RecordKind.PATHOLOGY_SLIDES:
            changes = dict(
                holder_text="Springfield General pathology lab",
                recipient_text="Lakeside pathology department",
                delivery=Delivery.MAIL,
                timing=Timing.SEND_AHEAD,
                requested_on=day(-6),
                notes="The lab needs a signed release form; Sarah dropped it off.",
            )
        elif item.kind is RecordKind.MAMMOGRAMS:
            changes = dict(
                holder_text="Springfield Imaging",
                delivery=Delivery.BRING,
                timing=Timing.BRING_ALONG,
                requested_on=day(-8),
                received_on=day(-4),
                notes="On a CD, in the blue folder.",
            )
        elif item.kind is RecordKind.OTHER_IMAGING:
            changes = dict(
                title="Chest CT scan (on CD)",
                holder_text="Springfield Imaging",
                timing=Timing.BRING_ALONG,
                requested_on=day(-2),
            )
        if changes:
            repo.records.update(replace(item, **changes))
