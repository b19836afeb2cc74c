"""The starter questions of a later visit (a third opinion): who said what so far.

Kept apart from rounds.py, which the window reads at start: these are only needed when a new
round begins. Like the first visit's starter set (domain/questions.py) they speak of "my
child" when a parent asks for a child, in whole sentences, and give no advice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.questions import MAX_QUESTION_LENGTH, Topic, starter_questions
from secondopinion_desktop.domain.rounds import opinion_speaker

MAX_DIAGNOSIS_WORDS = 90


def _short(text: str, limit: int = MAX_DIAGNOSIS_WORDS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;") + "\u2026"


def _fit(text: str) -> str:
    return text if len(text) <= MAX_QUESTION_LENGTH else text[: MAX_QUESTION_LENGTH - 1] + "\u2026"


def _said(
    case: Case, opinions: Sequence[Opinion], doctors: Mapping[int, str], field: str, own: str
) -> list[str]:
    said: list[str] = []
    for opinion in sorted(opinions, key=lambda o: o.round):
        value = getattr(opinion, field).strip()
        if not value and opinion.round == 1:
            value = (case.diagnosis if field == "diagnosis" else case.recommended_treatment).strip()
        if value:
            said.append(
                f"{opinion_speaker(opinion, doctors, own)} said \u201c{_short(value)}\u201d"
            )
    return said


def starter_questions_for_round(
    case: Case,
    earlier: Sequence[Opinion],
    doctors: Mapping[int, str],
    new_round: int,
    current_doctor: str = "",
    today: dt.date | None = None,
) -> list[tuple[Topic, str]]:
    """The starter set for a later visit: who said what so far, instead of the first
    diagnosis alone, and a question about the doctors talking to each other. For a child (by
    the date of birth on `today`) the parent asks about "my child"."""
    base = starter_questions(case, current_doctor, today)
    if new_round <= 2:
        return base
    has_first = any(o.round == 1 for o in earlier)
    opinions = list(earlier)
    if not has_first:
        opinions.append(Opinion(id=0, case_id=case.id, round=1))
    child = today is not None and case.is_child_on(today)
    words = CHILD_ROUND_WORDS if child else OWN_ROUND_WORDS
    own = "my child's doctor" if child else "my doctor"
    diagnoses = _said(case, opinions, doctors, "diagnosis", own)
    treatments = _said(case, opinions, doctors, "treatment", own)
    diagnosis_question = (
        _fit(words["differ"] + "; ".join(diagnoses) + ". What do you think it is, and why?")
        if diagnoses
        else words["differently"]
    )
    treatment_question = (
        _fit("The treatments suggested so far: " + "; ".join(treatments) + words["for_whom"])
        if treatments
        else words["recommend"]
    )
    result: list[tuple[Topic, str]] = [(Topic.DIAGNOSIS, diagnosis_question)]
    replaced_treatment = False
    for topic, text in base[1:]:
        if topic is Topic.TREATMENT and not replaced_treatment:
            result.append((Topic.TREATMENT, treatment_question))
            replaced_treatment = True
            continue
        result.append((topic, text))
    result.append((Topic.VISIT, words["talk"]))
    return result


#: A later visit's questions, asked by the patient ...
OWN_ROUND_WORDS = {
    "differ": "The doctors I have seen so far differ: ",
    "differently": "The doctors I have seen so far see my diagnosis differently. What do you "
    "think it is, and why?",
    "for_whom": ". What would you recommend for me, and why?",
    "recommend": "What treatment would you recommend for me, and why?",
    "talk": "Would you be willing to talk with my other doctors about my case?",
}
#: ... or by a parent about their child.
CHILD_ROUND_WORDS = {
    "differ": "The doctors my child has seen so far differ: ",
    "differently": "The doctors my child has seen so far see the diagnosis differently. What "
    "do you think it is, and why?",
    "for_whom": ". What would you recommend for my child, and why?",
    "recommend": "What treatment would you recommend for my child, and why?",
    "talk": "Would you be willing to talk with my child's other doctors about the case?",
}
