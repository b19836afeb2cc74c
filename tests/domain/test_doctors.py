"""Best-fit ranking explained in words."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.doctors import (
    NETWORK_NO,
    NETWORK_YES,
    Answer,
    Doctor,
    InsuranceBasis,
    Role,
    Status,
    answer_from_list,
    assess,
    best_fit_note,
    best_fits,
    display_name,
    duplicate_kind,
    duplicate_warning,
    find_duplicates,
    has_answers,
    insurance_from_list,
    insurance_text,
    rank_candidates,
    with_insurance_answer,
)


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


# --- no ranking before any answer (issue 13, item 11) -----------------------------------------


def test_no_doctor_is_ranked_before_any_office_has_answered() -> None:
    doctors = [doctor("Dr. Adams"), doctor("Dr. Baker"), doctor("Dr. Cole")]
    assert not any(has_answers(d) for d in doctors)
    assert best_fits(doctors) == []
    assert best_fit_note(doctors).startswith("No answers yet, so no doctor is ahead.")


def test_only_doctors_with_answers_are_ranked_and_the_rest_are_counted() -> None:
    called = doctor("Dr. Zeller", accepting_new_patients=Answer.YES)
    waiting = [doctor("Dr. Adams"), doctor("Dr. Baker")]
    assert [f.doctor.name for f in best_fits([*waiting, called])] == ["Dr. Zeller"]
    assert best_fit_note([*waiting, called]) == "2 doctors are not called yet, so not ranked."
    assert best_fit_note([called, waiting[0]]) == "One doctor is not called yet, so not ranked."
    assert best_fit_note([called]) == ""


def test_a_wait_alone_is_an_answer() -> None:
    assert has_answers(doctor("Dr. Adams", wait_days=0))


def test_when_every_called_doctor_is_blocked_the_note_says_so() -> None:
    closed = doctor("Dr. Closed", accepting_new_patients=Answer.NO)
    assert best_fits([closed]) == []
    assert (
        best_fit_note([closed]) == "None of the doctors fits yet. Check the answers in the table."
    )
    assert best_fit_note([closed, doctor("Dr. New")]) == (
        "None of the doctors you have called fits yet. One doctor is not called yet."
    )


def test_with_no_candidates_the_note_says_where_to_add_them() -> None:
    assert best_fit_note([]).startswith("Add doctors in step 2")
    assert best_fit_note([doctor("Dr. Own", role=Role.TREATING)]).startswith(
        "Add doctors in step 2"
    )


# --- the same doctor twice (issue 13, item 5) -------------------------------------------------


def test_the_same_doctor_in_any_name_form_or_on_the_same_phone() -> None:
    grace = doctor("Dr. Grace Okonkwo", phone="(555) 010-2000")
    assert duplicate_kind("Okonkwo, Grace MD", "555.010.2000", grace.name, grace.phone) == (
        "same name and phone"
    )
    assert duplicate_kind("GRACE OKONKWO, M.D.", "", grace.name, grace.phone) == "same name"
    assert duplicate_kind("Grace Okonkwo", "555-999-0000", grace.name, grace.phone) == (
        "same name, another phone"
    )
    assert duplicate_kind("Dr. Sam Ito", "1 (555) 010-2000", grace.name, grace.phone) == (
        "same phone"
    )
    assert duplicate_kind("Dr. Sam Ito", "", grace.name, grace.phone) == ""
    assert duplicate_kind("", "", "", "") == ""


def test_find_duplicates_leaves_the_doctor_itself_out_and_the_warning_names_the_first() -> None:
    grace = replace(doctor("Dr. Grace Okonkwo", phone="555-010-2000"), id=7)
    assert find_duplicates(grace, [grace]) == []
    new = doctor("Okonkwo, Grace MD")
    new = replace(new, id=0)
    matches = find_duplicates(new, [grace])
    assert matches == [(grace, "same name")]
    assert duplicate_warning(matches).startswith("Dr. Grace Okonkwo is already on your list")


# --- names as a person says them, answers from an insurer's list (issue 13, item 4) -----------


@pytest.mark.parametrize(
    ("listed", "said"),
    [
        ("Chen, David MD", "Dr. David Chen"),
        ("Okonkwo, Grace MD", "Dr. Grace Okonkwo"),
        ("David Chen, MD", "Dr. David Chen"),
        ("Dr David Chen", "Dr. David Chen"),
        ("Dr. Grace Okonkwo MD", "Dr. Grace Okonkwo"),
        ("Chen, David A. MD", "Dr. David A. Chen"),
        ("Chen, David, MD, PhD", "Dr. David Chen"),
        ("Grace Okonkwo, MD, FACS", "Dr. Grace Okonkwo"),
        ("Ito, Sam DO", "Dr. Sam Ito"),
        ("Ana Ruiz DO", "Dr. Ana Ruiz"),
        ("Raman, Priya MBBS", "Dr. Priya Raman"),
        ("Lee, Ann PhD", "Dr. Ann Lee"),
        ("Chen, David Jr., MD", "Dr. David Chen Jr."),
        ("CHEN, DAVID MD", "Dr. David Chen"),
        ("O'BRIEN, SEAN M.D.", "Dr. Sean O'Brien"),
        ("Okonkwo, Grace NP", "Grace Okonkwo, NP"),  # a nurse practitioner is not "Dr."
        ("Grace Okonkwo PA-C", "Grace Okonkwo, PA-C"),
        ("Smith, John, RN", "John Smith, RN"),
        ("Chen, David", "David Chen"),  # no degree: no title is made up
        ("Anh Do", "Anh Do"),  # "Do" is a surname here, not a degree
        ("ANH DO", "Anh Do"),
        ("Madonna", "Madonna"),
        ("Okonkwo, MD", "Dr. Okonkwo"),
        ("a, b, c, d", "a, b, c, d"),  # not a shape we know: left as written
        ("", ""),
    ],
)
def test_names_are_shown_as_a_person_says_them(listed: str, said: str) -> None:
    assert display_name(listed) == said


@given(st.text(max_size=80))
def test_display_name_never_raises_and_never_loses_the_name(name: str) -> None:
    shown = display_name(name)
    assert bool(shown.strip()) == bool(name.strip())


def test_an_insurers_list_answers_yes_per_the_list_not_as_if_phoned() -> None:
    assert insurance_from_list(Answer.UNKNOWN, True) == (Answer.YES, InsuranceBasis.INSURER_LIST)
    assert insurance_from_list(Answer.NO, True) == (Answer.NO, InsuranceBasis.INSURER_LIST)
    assert insurance_from_list(Answer.UNKNOWN, False) == (Answer.UNKNOWN, InsuranceBasis.ASKED)
    listed = doctor(
        "Dr. Grace Okonkwo",
        accepts_insurance=Answer.YES,
        insurance_basis=InsuranceBasis.INSURER_LIST,
    )
    assert insurance_text(listed) == "yes, per the insurer's list"
    assert "in network, per the insurer's list" in assess(listed).reasons
    phoned = doctor("Dr. David Chen", accepts_insurance=Answer.YES)
    assert insurance_text(phoned) == "yes"
    assert assess(phoned).score > assess(listed).score  # the office's own word counts more
    assert with_insurance_answer(listed, Answer.YES) == listed
    changed = with_insurance_answer(listed, Answer.NO)
    assert changed.insurance_basis is InsuranceBasis.ASKED and insurance_text(changed) == "no"


@pytest.mark.parametrize(
    ("cell", "answer"),
    [("Y", Answer.YES), ("In-Network", Answer.YES), ("Out of Network", Answer.NO), ("?", None)],
)
def test_network_cells_are_read_as_answers(cell: str, answer: Answer | None) -> None:
    got = answer_from_list(cell, yes=NETWORK_YES, no=NETWORK_NO)
    assert got == (answer or Answer.UNKNOWN)
