"""The questions for the visit: the starter set each round is offered once; adding,
rewording, reordering, answering and removing them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Role
from secondopinion_desktop.domain.questions import Question, Topic, starter_questions, with_answer
from secondopinion_desktop.services.changes import NOTHING, Changes, Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository


def add_question(repo: Repository, case_id: int, text: str) -> tuple[Question, Changes]:
    """The person's own question, at the end of the current round's list."""
    with repo.db.atomic():
        saved = repo.questions.add(
            Question(
                id=0,
                case_id=case_id,
                text=text,
                round=repo.rounds.current(case_id),
                topic=Topic.OWN,
            )
        )
    return saved, Changes.of(case_id, Kind.QUESTIONS)


def save_question(repo: Repository, question: Question) -> tuple[Question, Changes]:
    """Save a question as changed in the table (asked or not); returns it as stored."""
    with repo.db.atomic():
        saved = repo.questions.update(question)
    return saved, Changes.of(question.case_id, Kind.QUESTIONS)


def reword_question(repo: Repository, question_id: int, text: str) -> Changes:
    """Change a question's words (nothing happens if it was removed meanwhile)."""
    with repo.db.atomic():
        try:
            question = repo.questions.get(question_id)
        except NotFoundError:
            return NOTHING
        repo.questions.update(replace(question, text=text))
    return Changes.of(question.case_id, Kind.QUESTIONS)


def answer_question(repo: Repository, question: Question, answer: str) -> tuple[Question, Changes]:
    """Write down the answer; a question with an answer was asked (today, if not before)."""
    with repo.db.atomic():
        saved = repo.questions.update(with_answer(question, answer, repo.today()))
    return saved, Changes.of(question.case_id, Kind.QUESTIONS)


def reorder_questions(repo: Repository, case_id: int, ordered: Sequence[Question]) -> Changes:
    """Save the list in a new order (positions as given)."""
    with repo.db.atomic():
        repo.questions.set_order(ordered)
    return Changes.of(case_id, Kind.QUESTIONS)


def delete_question(repo: Repository, case_id: int, question_id: int) -> Changes:
    """Take a question (and its answer) off the list."""
    with repo.db.atomic():
        repo.questions.delete(question_id)
    return Changes.of(case_id, Kind.QUESTIONS)


def ensure_starter_questions(repo: Repository, case_id: int) -> list[Question]:
    """Suggest the starter questions once per round, the first time the list is shown.

    Only a round with no questions gets them; the round remembers it was offered them, so
    questions the person removed do not come back.
    """
    with repo.db.atomic():
        number = repo.rounds.current(case_id)
        repo.rounds.ensure(case_id, number)
        if repo.rounds.info(case_id, number).questions_suggested_at is None:
            if not repo.questions.count_suggestable(case_id, number):
                case = repo.cases.get(case_id)
                doctor = current_doctor_name(repo, case)
                own = repo.questions.list(case_id, number)
                for position, (topic, text) in enumerate(
                    starter_questions(case, doctor, repo.today()), start=1
                ):
                    repo.questions.insert_row(
                        Question(
                            id=0,
                            case_id=case_id,
                            text=text,
                            round=number,
                            position=position,
                            topic=topic,
                        )
                    )
                # the person's own questions (carried over) go after the starter set
                repo.questions.set_order(
                    replace(question, position=offset)
                    for offset, question in enumerate(own, start=100)
                )
            repo.rounds.mark_questions_suggested(case_id, number)
    return repo.questions.list(case_id, number)


def current_doctor_name(repo: Repository, case: Case) -> str:
    """The doctor treating the patient now: the one told in step 1, else a treating one."""
    if case.told_doctor_id is not None:
        try:
            return repo.doctors.get(case.told_doctor_id).name
        except NotFoundError:
            pass
    treating = repo.doctors.list(case.id, Role.TREATING)
    return treating[0].spoken if treating else ""
