"""Best-fit ranking explained in words, and the phone scripts."""

from __future__ import annotations

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import (
    Answer,
    Doctor,
    Role,
    Status,
    assess,
    rank_candidates,
)
from secondopinion_desktop.domain.scripts import calling_script, tell_doctor_script


def doctor(name: str, **fields: object) -> Doctor:
    return Doctor(id=hash(name) % 1000, case_id=1, name=name, **fields)  # type: ignore[arg-type]


def test_explanation_is_in_words() -> None:
    fit = assess(
        doctor(
            "Dr. Raman",
            accepts_insurance=Answer.YES,
            accepting_new_patients=Answer.YES,
            wait_days=9,
        )
    )
    assert fit.explanation.startswith("accepts your insurance, taking new patients, 9-day wait")
    assert fit.possible


def test_blockers_rank_last_and_are_said_first() -> None:
    good = doctor("Dr. Good", accepts_insurance=Answer.YES, accepting_new_patients=Answer.YES)
    closed = doctor(
        "Dr. Closed", accepting_new_patients=Answer.NO, accepts_insurance=Answer.YES, wait_days=1
    )
    unknown = doctor("Dr. Unknown")
    ranked = rank_candidates([closed, unknown, good])
    assert [f.doctor.name for f in ranked] == ["Dr. Good", "Dr. Unknown", "Dr. Closed"]
    assert ranked[-1].explanation.startswith("not taking new patients")
    assert not ranked[-1].possible


def test_shorter_wait_wins_when_all_else_is_equal() -> None:
    base = {"accepts_insurance": Answer.YES, "accepting_new_patients": Answer.YES}
    slow = doctor("Dr. Slow", wait_days=28, **base)
    fast = doctor("Dr. Fast", wait_days=5, **base)
    assert [f.doctor.name for f in rank_candidates([slow, fast])] == ["Dr. Fast", "Dr. Slow"]


def test_unknown_never_beats_yes() -> None:
    yes = doctor(
        "Dr. Yes", accepts_insurance=Answer.YES, accepting_new_patients=Answer.YES, wait_days=30
    )
    unknown = doctor("Dr. Maybe", wait_days=0)
    assert rank_candidates([unknown, yes])[0].doctor.name == "Dr. Yes"


def test_ruled_out_and_treating_doctors() -> None:
    ruled_out = doctor("Dr. Out", status=Status.RULED_OUT, accepts_insurance=Answer.YES)
    treating = doctor("Dr. Now", role=Role.TREATING)
    ranked = rank_candidates([ruled_out, treating])
    assert [f.doctor.name for f in ranked] == ["Dr. Out"]
    assert "ruled out" in ranked[0].explanation


def test_referral_is_mentioned() -> None:
    fit = assess(doctor("Dr. Ref", referral_required=Answer.YES))
    assert "needs a referral" in fit.explanation


def test_tell_doctor_script_names_everyone_and_gives_no_advice() -> None:
    case = Case(
        id=1, title="t", patient_name="Margaret Ellis", organiser_name="Sarah Ellis (daughter)"
    )
    text = tell_doctor_script(case, doctor("Dr. Samuel Okafor"))
    assert text.startswith("Dr. Samuel Okafor, my name is Sarah Ellis.")
    assert "Margaret Ellis" in text and "(daughter)" not in text
    assert "referral" in text
    assert "should take" not in text.lower()


def test_tell_doctor_script_for_the_patient_themself() -> None:
    text = tell_doctor_script(Case(id=1, title="t", patient_name="Ann Lee"), None)
    assert text.startswith("Doctor, thank you for everything you are doing for me.")
    assert "my diagnosis" in text


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
