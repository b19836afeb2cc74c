"""The questions for the visit, changed through the service; an answer means it was asked."""

from __future__ import annotations

from dataclasses import replace

from secondopinion_desktop.domain.questions import Question, with_answer
from secondopinion_desktop.services import questions
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FIXED_NOW


def test_writing_an_answer_marks_the_question_asked_today() -> None:
    question = Question(id=1, case_id=1, text="How sure is the diagnosis?")
    answered = with_answer(question, "Very sure", FIXED_NOW.date())
    assert (answered.answer, answered.asked_on) == ("Very sure", FIXED_NOW.date())
    earlier = with_answer(answered, "Quite sure", FIXED_NOW.date().replace(day=1))
    assert earlier.asked_on == FIXED_NOW.date()
    assert with_answer(question, "", FIXED_NOW.date()).asked_on is None


def test_add_reword_answer_reorder_and_remove(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    first, changes = questions.add_question(repo, case.id, "What stage is it?")
    assert changes.case_id == case.id and changes.kinds == {Kind.QUESTIONS}
    second, _ = questions.add_question(repo, case.id, "What are the options?")
    assert questions.reword_question(repo, first.id, "What stage, exactly?")
    answered, _ = questions.answer_question(repo, repo.questions.get(first.id), "Stage 1")
    assert answered.asked and answered.text == "What stage, exactly?"
    order = [replace(second, position=1), replace(answered, position=2)]
    questions.reorder_questions(repo, case.id, order)
    assert [q.id for q in repo.questions.list(case.id)] == [second.id, first.id]
    questions.delete_question(repo, case.id, second.id)
    assert not questions.reword_question(repo, second.id, "Gone")
    assert [q.id for q in repo.questions.list(case.id)] == [first.id]
