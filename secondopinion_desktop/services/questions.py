"""The questions for the visit: adding, rewording, reordering, answering and removing them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from secondopinion_desktop.domain.questions import Question, Topic, with_answer
from secondopinion_desktop.services.changes import NOTHING, Changes, Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository


def add_question(repo: Repository, case_id: int, text: str) -> tuple[Question, Changes]:
    """The person's own question, at the end of the current round's list."""
    with repo.db.atomic():
        saved = repo.add_question(
            Question(
                id=0, case_id=case_id, text=text, round=repo.current_round(case_id), topic=Topic.OWN
            )
        )
    return saved, Changes.of(case_id, Kind.QUESTIONS)


def save_question(repo: Repository, question: Question) -> tuple[Question, Changes]:
    """Save a question as changed in the table (asked or not); returns it as stored."""
    with repo.db.atomic():
        saved = repo.update_question(question)
    return saved, Changes.of(question.case_id, Kind.QUESTIONS)


def reword_question(repo: Repository, question_id: int, text: str) -> Changes:
    """Change a question's words (nothing happens if it was removed meanwhile)."""
    with repo.db.atomic():
        try:
            question = repo.get_question(question_id)
        except NotFoundError:
            return NOTHING
        repo.update_question(replace(question, text=text))
    return Changes.of(question.case_id, Kind.QUESTIONS)


def answer_question(repo: Repository, question: Question, answer: str) -> tuple[Question, Changes]:
    """Write down the answer; a question with an answer was asked (today, if not before)."""
    with repo.db.atomic():
        saved = repo.update_question(with_answer(question, answer, repo.today()))
    return saved, Changes.of(question.case_id, Kind.QUESTIONS)


def reorder_questions(repo: Repository, case_id: int, ordered: Sequence[Question]) -> Changes:
    """Save the list in a new order (positions as given)."""
    with repo.db.atomic():
        repo.set_question_order(ordered)
    return Changes.of(case_id, Kind.QUESTIONS)


def delete_question(repo: Repository, case_id: int, question_id: int) -> Changes:
    """Take a question (and its answer) off the list."""
    with repo.db.atomic():
        repo.delete_question(question_id)
    return Changes.of(case_id, Kind.QUESTIONS)
