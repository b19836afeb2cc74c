"""Questions to take to the visit (step 6): a starter set in our own words, plus the person's own.

The starter questions organise a conversation; they give no medical advice and judge nothing.
They are filled in with the case's own words (the diagnosis, the treatment, the doctor's name)
when they are added, and from then on they are the person's to change, reorder or remove.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.labelled import LabelledEnum
from secondopinion_desktop.domain.validation import clean_line

MAX_QUESTION_LENGTH = 500
NO_QUESTION = "Please write the question, for example \u201cHow long is recovery?\u201d"
QUESTION_TOO_LONG = (
    f"Please keep a question under {MAX_QUESTION_LENGTH} letters. "
    "You can split a long one into two."
)
MAX_ANSWER_LENGTH = 20_000
MAX_DIAGNOSIS_IN_QUESTION = 90


class Topic(LabelledEnum):
    """Where a question came from: one of the starter groups, or the person's own."""

    DIAGNOSIS = "diagnosis", "About the diagnosis"
    TREATMENT = "treatment", "About the treatment"
    VISIT = "visit", "About the visit and after"
    OWN = "own", "Your own question"


@frozen
class Question:
    """One question for the visit, whether it was asked, and the answer written down."""

    id: int
    case_id: int
    text: str
    round: int = 2
    position: int = 0
    topic: Topic = Topic.OWN
    asked_on: dt.date | None = None
    answer: str = ""

    @property
    def asked(self) -> bool:
        return self.asked_on is not None

    @property
    def starter(self) -> bool:
        return self.topic is not Topic.OWN


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip(" ,;") + "\u2026"


def starter_questions(
    case: Case, current_doctor: str = "", today: dt.date | None = None
) -> list[tuple[Topic, str]]:
    """The starter set, with the case's words filled in where they are known.

    Questions from cancer care (the slides looked at again, the stage) are suggested only
    where the records checklist suggests slides (see care_fields.uses_pathology): a spinal
    operation or a heart procedure gets a general question instead. For a child (by the date
    of birth on `today`) the parent asks about "my child" rather than "I".
    """
    # imported here: this module is read at start, the diagnosis words only when suggesting
    from secondopinion_desktop.domain.care_fields import care_field, uses_pathology

    child = today is not None and case.is_child_on(today)
    field = care_field(case.diagnosis, case.recommended_treatment)
    cancer = uses_pathology(field, case.diagnosis)
    diagnosis = _short(case.diagnosis, MAX_DIAGNOSIS_IN_QUESTION)
    treatment = _short(case.recommended_treatment, MAX_DIAGNOSIS_IN_QUESTION)
    doctor = " ".join(current_doctor.split())
    if diagnosis:
        first = f"Do you agree with the diagnosis ({diagnosis})? If not, what do you think it is?"
    elif child:
        first = (
            "Do you agree with the diagnosis my child was given? If not, what do you think it is?"
        )
    else:
        first = "Do you agree with the diagnosis I was given? If not, what do you think it is?"
    if treatment and child:
        recommended = (
            f"My child's doctor recommended: {treatment}. Would you recommend the same? "
            "Why, or why not?"
        )
    elif treatment:
        recommended = (
            f"My doctor recommended: {treatment}. Would you recommend the same? Why, or why not?"
        )
    elif child:
        recommended = (
            "Would you recommend the same treatment my child's doctor did? Why, or why not?"
        )
    else:
        recommended = "Would you recommend the same treatment my doctor did? Why, or why not?"
    if doctor:
        send_notes = f"Will you send your notes to {doctor}? May I have a copy too?"
    elif child:
        send_notes = "Will you send your notes to my child's doctor? May I have a copy too?"
    else:
        send_notes = "Will you send your notes to my doctor? May I have a copy too?"
    words = CHILD_WORDS if child else OWN_WORDS
    questions = [(Topic.DIAGNOSIS, first)]
    if cancer:
        questions.append((Topic.DIAGNOSIS, words["slides"]))
        questions.append(
            (Topic.DIAGNOSIS, "What stage do you think it is, and how sure can we be?")
        )
    else:
        questions.append((Topic.DIAGNOSIS, "How serious is it, and how sure can we be?"))
    return [
        *questions,
        (Topic.DIAGNOSIS, words["tests"]),
        (Topic.TREATMENT, recommended),
        (Topic.TREATMENT, words["choices"]),
        (Topic.TREATMENT, "What side effects are likely, and how long do they last?"),
        (Topic.TREATMENT, words["time"]),
        (Topic.VISIT, words["records"]),
        (Topic.VISIT, words["new_tests"]),
        (Topic.VISIT, send_notes),
        (Topic.VISIT, "Who do I call if I have questions after today?"),
    ]


#: The starter questions that speak of the patient: asked by the patient ...
OWN_WORDS = {
    "slides": "Did your pathologists look at my slides again? Did they see the same thing?",
    "tests": "Do I need more tests before deciding? What would they tell us?",
    "choices": "What other treatments could I choose? What are the good and bad points of each?",
    "time": "How soon should treatment start? Do I have time to think it over?",
    "records": "Could you walk me through my records and test results?",
    "new_tests": "If you order new tests, where do I have them, and when will I hear the results?",
}
#: ... or by a parent about their child (whole sentences each, to translate as they are).
CHILD_WORDS = {
    "slides": "Did your pathologists look at my child's slides again? Did they see the same thing?",
    "tests": "Does my child need more tests before deciding? What would they tell us?",
    "choices": "What other treatments could my child have? What are the good and bad points of "
    "each?",
    "time": "How soon should treatment start? Do we have time to think it over?",
    "records": "Could you walk me through my child's records and test results?",
    "new_tests": "If you order new tests, where does my child have them, and when will we hear "
    "the results?",
}


def clean_question(text: str) -> str:
    """A question as typed, tidied; raises ValueError with words for the person."""
    return clean_line(text, MAX_QUESTION_LENGTH, NO_QUESTION, QUESTION_TOO_LONG)


def clean_answer(text: str) -> str:
    """An answer as typed: kept as written, line breaks included, trimmed at the ends."""
    return text.strip()[:MAX_ANSWER_LENGTH]


def with_answer(question: Question, answer: str, today: dt.date) -> Question:
    """The question with the answer written down; writing an answer means it was asked."""
    changed = replace(question, answer=answer)
    if answer and not question.asked:
        changed = replace(changed, asked_on=today)
    return changed


def moved(questions: Sequence[Question], question_id: int, delta: int) -> list[Question]:
    """The list with one question moved up (-1) or down (+1), positions renumbered from 1."""
    order = list(questions)
    index = next((i for i, q in enumerate(order) if q.id == question_id), None)
    if index is None:
        return [replace(q, position=n) for n, q in enumerate(order, start=1)]
    target = max(0, min(len(order) - 1, index + delta))
    item = order.pop(index)
    order.insert(target, item)
    return [replace(q, position=n) for n, q in enumerate(order, start=1)]


def asked_text(questions: Sequence[Question]) -> str:
    """'4 of 12 asked', for the line above the list."""
    if not questions:
        return "No questions yet."
    asked = sum(1 for q in questions if q.asked)
    if asked == len(questions):
        return f"All {len(questions)} asked."
    return f"{asked} of {len(questions)} asked."
