"""The phone scripts: who is named, what is asked, no advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.scripts import (
    calling_script,
    doctor_to_address,
    tell_doctor_script,
)


def doctor(name: str, **fields: object) -> Doctor:
    return Doctor(id=hash(name) % 1000, case_id=1, name=name, **fields)  # type: ignore[arg-type]


def test_tell_doctor_script_names_everyone_and_gives_no_advice() -> None:
    case = Case(
        id=1, title="t", patient_name="Margaret Ellis", organiser_name="Sarah Ellis (daughter)"
    )
    text = tell_doctor_script(case, doctor("Dr. Samuel Okafor"))
    assert text.startswith("Dr. Samuel Okafor, my name is Sarah Ellis.")
    assert "Margaret Ellis" in text and "(daughter)" not in text
    assert "referral" in text
    assert "should take" not in text.lower()
    # the decision clock: the question is asked, no time frame is suggested
    assert (
        "How long can we safely take to get a second opinion before deciding on treatment?"
        in text.splitlines()
    )
    assert not any(word in text.lower() for word in ("week", "month", "days"))


def test_tell_doctor_script_for_the_patient_themself() -> None:
    text = tell_doctor_script(Case(id=1, title="t", patient_name="Ann Lee"), None)
    assert text.startswith("Doctor, thank you for everything you are doing for me.")
    assert "my diagnosis" in text


def test_tell_doctor_script_for_a_child_speaks_of_my_child() -> None:
    today = dt.date(2026, 12, 1)
    born = dt.date(2017, 6, 14)
    lily = Case(1, "t", "Lily Moreno", born, organiser_name="Ana Moreno")
    text = tell_doctor_script(lily, doctor("Dr. Helen Park"), today)
    assert text.startswith(
        "Dr. Helen Park, my name is Ana Moreno. I am calling about my child, Lily Moreno."
    )
    assert "helping" not in text  # the same family name does not make the parent the patient
    unnamed = tell_doctor_script(replace(lily, organiser_name=""), None, today)
    assert unnamed.startswith("Doctor, thank you for everything you are doing for my child.")
    assert "my child's diagnosis" in unnamed
    grown = tell_doctor_script(replace(lily, date_of_birth=dt.date(1990, 1, 1)), None, today)
    assert "I am helping Lily Moreno arrange things." in grown


def test_calling_script_lists_the_four_questions_and_insurance() -> None:
    case = Case(
        id=1,
        title="t",
        patient_name="Ann Lee",
        insurance_plan="Bluebrook PPO",
        insurance_member_id="B-1",
    )
    text = calling_script(case, doctor("Dr. Raman"))
    for words in ("new patients", "wait", "insurance", "referral", "Bluebrook PPO", "B-1"):
        assert words in text


def test_the_script_keeps_the_persons_choice_of_doctor() -> None:
    urologist = Doctor(id=1, case_id=1, name="Dr. Alan Whitfield", role=Role.TREATING)
    pcp = Doctor(id=2, case_id=1, name="Dr. Maria Santos", role=Role.PRIMARY_CARE)
    newest = Doctor(id=3, case_id=1, name="Dr. Lee", role=Role.TREATING)
    candidate = Doctor(id=4, case_id=1, name="Dr. Grace Okonkwo")
    every = [urologist, pcp, newest, candidate]
    assert doctor_to_address(every, None) == urologist  # the first treating doctor
    assert doctor_to_address(every, pcp.id) == pcp
    assert doctor_to_address(every, urologist.id, added_id=newest.id) == urologist
    assert doctor_to_address(every, None, added_id=newest.id) == newest
    assert doctor_to_address(every, candidate.id) == urologist  # never a candidate
    assert doctor_to_address([pcp, candidate], None) == pcp
    assert doctor_to_address([candidate], None) is None
    assert doctor_to_address([], 99) is None
