"""Questions for the visit: the starter set, cleaning, ordering, and the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.questions import (
    MAX_QUESTION_LENGTH,
    Question,
    Topic,
    asked_text,
    clean_question,
    moved,
    starter_questions,
)
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.store.repository import NotFoundError, Repository

CASE = Case(
    id=1,
    title="Mum",
    diagnosis="Invasive ductal carcinoma, stage IIA",
    recommended_treatment="Lumpectomy, then radiation",
)


def test_starter_questions_fill_in_the_case_and_cover_each_topic() -> None:
    questions = starter_questions(CASE, "Dr. Samuel Okafor")
    texts = [text for _topic, text in questions]
    assert texts[0] == (
        "Do you agree with the diagnosis (Invasive ductal carcinoma, stage IIA)? "
        "If not, what do you think it is?"
    )
    assert any("My doctor recommended: Lumpectomy, then radiation." in t for t in texts)
    assert any("Dr. Samuel Okafor" in t for t in texts)
    assert {topic for topic, _text in questions} == {Topic.DIAGNOSIS, Topic.TREATMENT, Topic.VISIT}
    assert any("walk me through my records" in t for t in texts)
    assert all(len(t) <= MAX_QUESTION_LENGTH for t in texts)


def test_starter_questions_read_well_with_nothing_known() -> None:
    texts = [text for _topic, text in starter_questions(Case(id=1, title="x"))]
    assert "Do you agree with the diagnosis I was given?" in texts[0]
    assert all("()" not in t and "  " not in t for t in texts)


def _case(diagnosis: str, treatment: str, born: dt.date) -> Case:
    return Case(
        id=2, title="x", diagnosis=diagnosis, recommended_treatment=treatment, date_of_birth=born
    )


SPINE = _case("Lumbar spinal stenosis", "Spinal fusion", dt.date(1959, 3, 2))
HEART = _case(
    "Tetralogy of Fallot, repaired; pulmonary regurgitation",
    "Pulmonary valve replacement",
    dt.date(2017, 6, 14),
)
TODAY = dt.date(2026, 12, 1)


def test_a_case_without_cancer_is_not_asked_about_slides_or_a_stage() -> None:
    for case in (SPINE, HEART, replace(SPINE, diagnosis="")):
        texts = " ".join(text for _topic, text in starter_questions(case, "", TODAY)).lower()
        assert "slides" not in texts and "pathologist" not in texts and "stage" not in texts
        assert "how serious is it, and how sure can we be?" in texts
    cancer = " ".join(text for _topic, text in starter_questions(CASE, "", TODAY))
    assert "my slides again" in cancer and "What stage" in cancer
    unknown = " ".join(t for _topic, t in starter_questions(Case(id=1, title="x"), "", TODAY))
    assert "my slides again" in unknown  # as the records checklist: most cases are cancer


def test_a_childs_questions_speak_of_my_child() -> None:
    texts = [text for _topic, text in starter_questions(HEART, "Dr. Helen Park", TODAY)]
    joined = " ".join(texts)
    assert "My child's doctor recommended: Pulmonary valve replacement." in joined
    assert "Does my child need more tests before deciding?" in joined
    assert "What other treatments could my child have?" in joined
    assert "Could you walk me through my child's records and test results?" in joined
    for own in ("Do I need", "could I choose", "my records", "do I have them", "Do I have time"):
        assert own not in joined  # the parent asks, but about the child
    nothing_known = replace(HEART, diagnosis="", recommended_treatment="")
    first = starter_questions(nothing_known, "", TODAY)[0][1]
    assert first.startswith("Do you agree with the diagnosis my child was given?")


def test_an_adult_or_an_unknown_age_keeps_the_patients_own_words() -> None:
    for case, today in ((SPINE, TODAY), (HEART, None), (replace(HEART, date_of_birth=None), TODAY)):
        joined = " ".join(text for _topic, text in starter_questions(case, "", today))
        assert "Do I need more tests before deciding?" in joined
        assert "my child" not in joined


@pytest.mark.parametrize(
    ("born", "child"),
    [
        (dt.date(2008, 12, 2), True),  # 18 tomorrow
        (dt.date(2008, 12, 1), False),  # 18 today
        (dt.date(2017, 6, 14), True),
        (dt.date(1959, 3, 2), False),
        (dt.date(2027, 1, 1), False),  # a date of birth in the future says nothing
        (None, False),
    ],
)
def test_a_child_is_a_patient_under_18(born: dt.date | None, child: bool) -> None:
    assert Case(id=1, title="x", date_of_birth=born).is_child_on(TODAY) is child


def test_a_long_diagnosis_is_shortened_in_the_question() -> None:
    long_case = replace(CASE, diagnosis="word " * 100)
    first = starter_questions(long_case)[0][1]
    assert "\u2026" in first
    assert len(first) < 200


def test_clean_question() -> None:
    assert clean_question("  How long   is recovery?\n") == "How long is recovery?"
    with pytest.raises(ValueError, match="Please write the question"):
        clean_question(" \t ")
    with pytest.raises(ValueError, match="split a long one"):
        clean_question("x" * (MAX_QUESTION_LENGTH + 1))


def q(question_id: int, **values: object) -> Question:
    base = Question(id=question_id, case_id=1, text=f"Q{question_id}", position=question_id)
    return replace(base, **values)  # type: ignore[arg-type]


def test_moving_renumbers_and_stops_at_the_ends() -> None:
    questions = [q(1), q(2), q(3)]
    assert [x.id for x in moved(questions, 3, -1)] == [1, 3, 2]
    assert [x.position for x in moved(questions, 3, -1)] == [1, 2, 3]
    assert [x.id for x in moved(questions, 1, -1)] == [1, 2, 3]
    assert [x.id for x in moved(questions, 3, 1)] == [1, 2, 3]


@given(
    st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=12, unique=True),
    st.data(),
)
def test_moving_keeps_every_question_once(ids: list[int], data: st.DataObject) -> None:
    questions = [q(i) for i in ids]
    target = data.draw(st.sampled_from(ids))
    delta = data.draw(st.sampled_from([-1, 1]))
    result = moved(questions, target, delta)
    assert sorted(x.id for x in result) == sorted(ids)
    assert [x.position for x in result] == list(range(1, len(ids) + 1))


def test_asked_text() -> None:
    assert asked_text([]) == "No questions yet."
    assert asked_text([q(1), q(2, asked_on=dt.date(2026, 11, 20))]) == "1 of 2 asked."
    assert asked_text([q(1, asked_on=dt.date(2026, 11, 20))]) == "All 1 asked."


# --- the store --------------------------------------------------------------------------------


def test_starter_questions_are_suggested_once(repo: Repository) -> None:
    case = repo.cases.create("Mum", diagnosis="IDC", recommended_treatment="Lumpectomy")
    okafor = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Okafor", role=Role.TREATING))
    questions = ensure_starter_questions(repo, case.id)
    assert len(questions) == len(starter_questions(case))
    assert [x.position for x in questions] == list(range(1, len(questions) + 1))
    assert any(okafor.name in x.text for x in questions)
    repo.questions.delete(questions[0].id)
    assert len(ensure_starter_questions(repo, case.id)) == len(questions) - 1


def test_own_questions_added_first_go_after_the_starter_set(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    mine = repo.questions.add(Question(id=0, case_id=case.id, text="Can I keep working?"))
    questions = ensure_starter_questions(repo, case.id)
    assert questions[-1].id == mine.id


def test_questions_add_update_reorder_delete_restore(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    first = repo.questions.add(Question(id=0, case_id=case.id, text="One?"))
    second = repo.questions.add(Question(id=0, case_id=case.id, text="Two?"))
    assert (first.position, second.position, first.round) == (1, 2, 2)
    answered = repo.questions.update(
        replace(first, asked_on=dt.date(2026, 11, 20), answer="Yes.\nSee the letter.")
    )
    assert answered.asked and answered.answer == "Yes.\nSee the letter."
    repo.questions.set_order(moved(repo.questions.list(case.id), second.id, -1))
    assert [x.text for x in repo.questions.list(case.id)] == ["Two?", "One?"]
    removed = repo.questions.get(first.id)
    repo.questions.delete(first.id)
    assert [x.text for x in repo.questions.list(case.id)] == ["Two?"]
    repo.questions.restore(removed)
    assert [x.text for x in repo.questions.list(case.id)] == ["Two?", "One?"]
    with pytest.raises(NotFoundError):
        repo.questions.update(replace(first, id=999))
