"""A case walked to a third round straight in the store: Dr. Chen saw it differently."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Doctor, Status
from secondopinion_desktop.domain.opinions import Opinion, Outcome
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.records import Delivery, RecordItem
from secondopinion_desktop.services.rounds import start_new_round
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW


def walked_to_a_second_opinion(repo: Repository) -> tuple[int, Doctor, RecordItem]:
    """Dr. Chen seen, the records faxed and confirmed, a question answered, and the second
    opinion written down: Dr. Chen sees the diagnosis differently."""
    case = repo.cases.create("Dad", diagnosis="Prostate cancer", recommended_treatment="Surgery")
    chen = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. David Chen", status=Status.BOOKED)
    )
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Asha Patel"))
    repo.appointments.add(
        Appointment(
            id=0, case_id=case.id, starts_at=FIXED_NOW - dt.timedelta(days=3), doctor_id=chen.id
        )
    )
    today = FIXED_NOW.date()
    item = repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Medical records",
            received_on=today,
            sent_on=today,
            confirmed_on=today,
            confirmed_by="Ann",
            delivery=Delivery.FAX,
        )
    )
    asked = repo.questions.add(Question(id=0, case_id=case.id, text="Can I keep working?"))
    repo.questions.update(replace(asked, asked_on=today, answer="Yes, part time"))
    repo.opinions.save(
        Opinion(
            id=0,
            case_id=case.id,
            round=2,
            doctor_id=chen.id,
            diagnosis="Prostatitis",
            outcome=Outcome.DISAGREES,
        )
    )
    return case.id, chen, item


def walked_to_a_third_round(repo: Repository) -> tuple[int, Doctor, RecordItem]:
    """As above, and then a third-opinion round started."""
    case_id, chen, item = walked_to_a_second_opinion(repo)
    start_new_round(repo, case_id, "The diagnosis was seen differently")
    return case_id, chen, item
