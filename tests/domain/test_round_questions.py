"""A later visit's starter questions when a parent asks for a child (see also test_rounds)."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.opinions import Opinion, Outcome
from secondopinion_desktop.domain.round_questions import starter_questions_for_round

TODAY = dt.date(2026, 12, 1)
LILY = Case(
    id=1,
    title="Lily's heart",
    diagnosis="Tetralogy of Fallot, repaired",
    recommended_treatment="Pulmonary valve replacement",
    date_of_birth=dt.date(2017, 6, 14),
)
SECOND = Opinion(
    id=1,
    case_id=1,
    round=2,
    doctor_id=7,
    diagnosis="Pulmonary stenosis",
    treatment="Wait and watch",
    outcome=Outcome.DISAGREES,
)


def texts(case: Case, today: dt.date | None) -> list[str]:
    found = starter_questions_for_round(case, [SECOND], {7: "Dr. Whitaker"}, 3, "", today)
    return [text for _topic, text in found]


def test_a_third_visit_for_a_child_speaks_of_my_child() -> None:
    asked = texts(LILY, TODAY)
    assert asked[0] == (
        "The doctors my child has seen so far differ: my child's doctor said \u201cTetralogy "
        "of Fallot, repaired\u201d; Dr. Whitaker said \u201cPulmonary stenosis\u201d. What do "
        "you think it is, and why?"
    )
    assert any(t.endswith("What would you recommend for my child, and why?") for t in asked)
    assert asked[-1] == (
        "Would you be willing to talk with my child's other doctors about the case?"
    )
    assert not any("I have seen" in t or "for me," in t or "my case" in t for t in asked)


def test_an_adults_third_visit_keeps_their_own_words() -> None:
    for today in (TODAY, None):
        asked = texts(LILY, None) if today is None else texts(Case(id=1, title="x"), today)
        assert asked[-1] == "Would you be willing to talk with my other doctors about my case?"
        assert "my child" not in " ".join(asked)
