"""Words to say on the phone: to the current doctor (step 1) and to each office (step 3).

Written in our own plain words. They organise a conversation; they give no medical advice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import QUESTION as DECISION_QUESTION
from secondopinion_desktop.domain.doctors import Doctor, Role

CALLING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("accepting_new_patients", "Is the doctor taking new patients?"),
    ("wait_days", "How long is the wait for a first appointment?"),
    ("accepts_insurance", "Do you accept my insurance? (Have the card ready.)"),
    ("referral_required", "Does the doctor see patients only with a referral?"),
)

EXTRA_CALL_QUESTIONS: tuple[str, ...] = (
    "Is the doctor board-certified in this specialty?",
    "Should my records, slides and scans be sent ahead, or brought to the visit?",
    "What is your fax number, and who should the records be addressed to?",
    "Could I be seen by several specialists on the same day?",
)

BOARD_CERTIFICATION_HELP = (
    "To check that a specialist is board-certified in the right field, you can look them up "
    "in a board-certification directory. In the United States, the American Board of Medical "
    "Specialties runs one at certificationmatters.org. You can also ask your insurance company "
    "or the doctor's office."
)


def _name(text: str, fallback: str) -> str:
    return " ".join(text.split()) or fallback


def doctor_to_address(
    doctors: Sequence[Doctor], chosen_id: int | None, added_id: int | None = None
) -> Doctor | None:
    """Whom step 1's script speaks to: the person's choice, kept when more doctors are added.

    Without a choice yet, a doctor just added is the one they mean; otherwise the first
    treating doctor (the oldest, so adding the primary-care doctor later changes nothing).
    Candidates for the second opinion are never addressed.
    """
    known = [d for d in doctors if d.role is not Role.CANDIDATE]
    by_id = {d.id: d for d in known}
    if chosen_id in by_id:
        return by_id[chosen_id]
    if added_id in by_id:
        return by_id[added_id]
    treating = [d for d in known if d.role is Role.TREATING]
    first = treating or known
    return first[0] if first else None


def tell_doctor_script(case: Case, doctor: Doctor | None, today: dt.date | None = None) -> str:
    """A short, polite script to say or read to the current doctor.

    For a child (by the date of birth on `today`) the parent calls about "my child", as the
    questions for the visit do.
    """
    doctor_name = _name(doctor.spoken if doctor else "", "Doctor")
    patient = _name(case.patient_name, "")
    speaker = _name(re.sub(r"\([^)]*\)", "", case.organiser_name), "")
    child = today is not None and case.is_child_on(today)
    if child and speaker and patient:
        opening = (
            f"{doctor_name}, my name is {speaker}. I am calling about my child, {patient}. "
            "Thank you for everything you are doing."
        )
        whose = f"{patient}'s"
    elif child:
        opening = f"{doctor_name}, thank you for everything you are doing for my child."
        whose = "my child's"
    elif speaker and patient and speaker.split()[0] != patient.split()[0]:
        opening = (
            f"{doctor_name}, my name is {speaker}. I am helping {patient} arrange things. "
            "Thank you for everything you are doing."
        )
        whose = f"{patient}'s"
    else:
        opening = f"{doctor_name}, thank you for everything you are doing for me."
        whose = "my"
    lines = [
        opening,
        "",
        f"Before we decide on treatment, we would like a second opinion about {whose} "
        "diagnosis. We trust you. This is an important decision, and we want to be sure.",
        "",
        DECISION_QUESTION,
        "",
        "How would you like to hear what the second doctor says?",
        "",
        "Is there a specialist you would recommend? Could you write a referral?",
        "",
        "We will need copies of the records and test results. Who in your office should we ask?",
        "",
        "Thank you.",
    ]
    return "\n".join(lines)


def calling_script(case: Case, doctor: Doctor | None) -> str:
    """What to say and ask when phoning a candidate's office."""
    who = _name(case.organiser_name, "") or _name(case.patient_name, "")
    patient = _name(case.patient_name, "the patient")
    doctor_name = _name(doctor.spoken if doctor else "", "the doctor")
    insurance = _name(case.insurance_plan, "")
    lines = [
        f"Hello, my name is {who or '(your name)'}. I am calling about a second opinion "
        f"for {patient} with {doctor_name}.",
        "",
        "Please ask:",
    ]
    lines += [f"  \u2022 {question}" for _, question in CALLING_QUESTIONS]
    if insurance:
        lines.append(
            f"    (Your insurance: {insurance}, member number "
            f"{_name(case.insurance_member_id, 'on the card')}.)"
        )
    lines += [f"  \u2022 {question}" for question in EXTRA_CALL_QUESTIONS]
    lines += ["", "Write down the name of the person you spoke to."]
    return "\n".join(lines)
