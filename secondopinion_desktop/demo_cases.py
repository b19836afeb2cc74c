"""The sample cases for --demo and screenshots, as data: one `DemoCase` (demo_types.py) each,
in `CASES`; demo.py writes them. Every name, number and address here is invented.
"""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.demo_types import (
    DemoCall,
    DemoCase,
    DemoDoctor,
    DemoOpinion,
    DemoRecord,
    DemoReminder,
    DemoVisit,
)
from secondopinion_desktop.domain.appointments import AppointmentKind
from secondopinion_desktop.domain.doctors import Answer, Role, Source, Status
from secondopinion_desktop.domain.records import Delivery, RecordKind, Timing

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
            "whitfield", 3, dt.time(10, 15), "Front desk", "Not taking new patients until March."
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
        # his answer to "how long can we safely take?" (the decision clock): a date
        decide_by=26,
        decide_said_by="Dr. Samuel Okafor",
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


# Walter, 72, prostate cancer; his son Daniel organises. Another diagnosis than the first (no
# breast care, a urology team), a little earlier in the search: records on their way, an MRI CD.
WALTER = DemoCase(
    title="Dad's second opinion",
    details=dict(
        patient_name="Walter Brooks",
        diagnosis="Prostate cancer, Gleason 3+4 (grade group 2), found on a needle biopsy",
        recommended_treatment="Radical prostatectomy (robotic surgery to remove the prostate)",
        insurance_plan="Medicare with Harbor Senior Supplement",
        insurance_member_id="HSS-208-5531",
        organiser_name="Daniel Brooks (son)",
        organiser_phone="(555) 348-9021",
        notes="Dad hears better on the left. Daniel takes the afternoon off for visits.",
    ),
    born=(73, 3, 2),
    doctors=(
        DemoDoctor(
            "santos",
            "Dr. Maria Santos",
            dict(
                role=Role.PRIMARY_CARE,
                specialty="Internal medicine",
                practice="Oak Hill Medical Group",
                address="45 Oak Hill Road, Fairview",
                phone="(555) 262-1400",
                fax="(555) 262-1401",
            ),
        ),
        DemoDoctor(
            "hale",
            "Dr. Thomas Hale",
            dict(
                role=Role.TREATING,
                specialty="Urologist",
                practice="Fairview Urology Associates",
                address="300 Center Street, Fairview",
                phone="(555) 262-7700",
                fax="(555) 262-7709",
            ),
        ),
        DemoDoctor(
            "okonkwo",
            "Dr. Grace Okonkwo",
            dict(
                specialty="Urologic oncology",
                practice="Northgate University Hospital",
                address="1200 Northgate Avenue, Building C, Northgate",
                phone="(555) 901-3300",
                fax="(555) 901-3390",
                source=Source.REFERRAL,
                source_detail="Suggested by Dr. Santos",
                board_certified=Answer.YES,
                accepting_new_patients=Answer.YES,
                wait_days=12,
                accepts_insurance=Answer.YES,
                referral_required=Answer.YES,
                status=Status.CONTACTED,
                notes="Sees prostate patients with a radiation oncologist on Thursdays.",
            ),
            checked_days_ago=7,
        ),
        DemoDoctor(
            "chen",
            "Dr. David Chen",
            dict(
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
            ),
        ),
        DemoDoctor(
            "park",
            "Dr. Helen Park",
            dict(
                specialty="Urologist",
                practice="Lakeview Men's Health",
                address="70 Lake Street, Riverton",
                phone="(555) 733-2120",
                source=Source.FRIENDS_FAMILY,
                source_detail="Uncle Ray's urologist",
            ),
        ),
    ),
    calls=(
        DemoCall(
            "okonkwo",
            4,
            dt.time(10, 20),
            "Luis, new-patient scheduler",
            "Taking new patients. First visit in about 12 days. Takes the Harbor plan. "
            "Needs a referral from Dr. Santos.",
        ),
        DemoCall(
            "chen",
            3,
            dt.time(15, 45),
            "Front desk",
            "First visit in about three weeks. No referral needed.",
        ),
    ),
    told_doctor="hale",
    told=dict(
        told_on=-9,
        hear_back="A letter from the second doctor, by mail",
        referral_asked=Answer.YES,
        referral_given=Answer.NO,
    ),
    steps_done=(1, 2),
    step_notes={
        1: "Dad told Dr. Hale at the follow-up visit. He said a second opinion is a good idea "
        "and his office will send the biopsy report."
    },
    visit=DemoVisit(
        "okonkwo",
        12,
        dt.time(14, 0),
        "Northgate University Hospital, 1200 Northgate Avenue, Building C",
    ),
    # A week before the visit: slides asked for, the MRI CD in hand, a fax not yet confirmed.
    records=(
        DemoRecord(
            RecordKind.MEDICAL_RECORDS,
            dict(
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                pages=11,
                requested_on=-6,
                received_on=-3,
                sent_on=-1,
                notes="Faxed from the copy shop on Main Street.",
            ),
            holder="santos",
        ),
        DemoRecord(
            RecordKind.MEDICAL_RECORDS, dict(delivery=Delivery.HAND_DELIVER, requested_on=-5)
        ),
        DemoRecord(
            RecordKind.TEST_RESULTS,
            dict(
                title="PSA blood tests and biopsy results",
                delivery=Delivery.FAX,
                timing=Timing.SEND_AHEAD,
                requested_on=-5,
            ),
        ),
        DemoRecord(
            RecordKind.PATHOLOGY_REPORT,
            dict(
                delivery=Delivery.HAND_DELIVER,
                timing=Timing.SEND_AHEAD,
                pages=4,
                requested_on=-8,
                received_on=-2,
            ),
        ),
        DemoRecord(
            RecordKind.PATHOLOGY_SLIDES,
            dict(
                holder_text="Fairview Pathology Lab",
                recipient_text="Northgate pathology department",
                delivery=Delivery.MAIL,
                timing=Timing.SEND_AHEAD,
                requested_on=-4,
                notes="Biopsy slides (12 cores). The lab mails them once Dad signs the form.",
            ),
        ),
        DemoRecord(
            RecordKind.OTHER_IMAGING,
            dict(
                title="Prostate MRI (on CD)",
                holder_text="Fairview Imaging",
                delivery=Delivery.BRING,
                timing=Timing.BRING_ALONG,
                requested_on=-6,
                received_on=-4,
                notes="The CD is in the green folder with Dad's insurance cards.",
            ),
        ),
        DemoRecord(
            RecordKind.INSURANCE_CARD,
            dict(title="Insurance cards (Medicare and the supplement)", received_on=-9),
        ),
    ),
    questions=(
        "What would waiting and watching the cancer closely mean for Dad?",
        "How long will Dad be in the hospital, and when can he drive again?",
    ),
    opinions=(
        DemoOpinion(
            round=1,
            doctor="hale",
            days_ago=14,
            diagnosis="Prostate cancer, Gleason 3+4 (grade group 2), found on a needle biopsy",
            treatment="Radical prostatectomy (robotic surgery to remove the prostate)",
            notes="Dr. Hale would like to operate in the next two to three months.",
        ),
    ),
)

CASES: tuple[DemoCase, ...] = (MUM, WALTER)
