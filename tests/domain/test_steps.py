"""The six steps: numbered, worded plainly, and the progress helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from secondopinion_desktop.domain.cases import Case, clean_title, suggested_title
from secondopinion_desktop.domain.steps import (
    OUTCOME_PAGE,
    STEPS,
    heading,
    next_open_step,
    progress_text,
    step,
)


def test_six_steps_numbered_in_order_with_unique_keys() -> None:
    assert [s.number for s in STEPS] == [1, 2, 3, 4, 5, 6]
    assert len({s.key for s in STEPS}) == 6


def test_every_step_has_plain_guidance() -> None:
    for s in STEPS:
        assert s.title and s.summary and s.done_means
        assert 2 <= len(s.guidance) <= 4
        for paragraph in s.guidance:
            # plain words: short sentences, no medical advice words like "you should take"
            sentences = [x for x in paragraph.replace("?", ".").split(".") if x.strip()]
            assert all(len(x.split()) <= 32 for x in sentences), paragraph
            assert "you should take" not in paragraph.lower()


def test_step_lookup_and_bounds() -> None:
    assert step(4).key == "gather_records"
    with pytest.raises(ValueError):
        step(0)
    with pytest.raises(ValueError):
        step(7)


def test_next_open_step() -> None:
    assert next_open_step(set()) == 1
    assert next_open_step({1, 2}) == 3
    assert next_open_step({1, 3}) == 2
    assert next_open_step({1, 2, 3, 4, 5, 6}) == OUTCOME_PAGE


def test_progress_text() -> None:
    assert progress_text(set()) == "0 of 6 steps done"
    assert progress_text({1, 2}) == "2 of 6 steps done"
    assert progress_text({1, 2, 3, 4, 5, 6}) == "All six steps done"


def test_clean_title() -> None:
    assert clean_title("  Mum's \t case \n") == "Mum's case"
    assert clean_title("a\x07b") == "ab"
    with pytest.raises(ValueError):
        clean_title("\x00\x01  ")
    with pytest.raises(ValueError):
        clean_title("x" * 500)


def test_suggested_title() -> None:
    assert suggested_title(" Margaret  Ellis ") == "Second opinion for Margaret Ellis"
    assert suggested_title("") == "My second opinion"


def test_the_outcome_page_is_titled_for_the_round_under_way() -> None:
    from secondopinion_desktop.domain.steps import outcome_summary, outcome_title

    assert outcome_title(1) == outcome_title(2) == "After the second opinion"
    assert outcome_title(3) == "After the third opinion"
    assert outcome_title(4) == "After the fourth opinion"
    assert "the third doctor said" in outcome_summary(3)


def test_what_usually_happens_speaks_of_the_doctor_of_the_round() -> None:
    from secondopinion_desktop.domain.steps import OUTCOME_GUIDANCE, usual_outcomes

    assert usual_outcomes(2) == OUTCOME_GUIDANCE
    assert "The second doctor agrees" in usual_outcomes(2)[0]
    third = " ".join(usual_outcomes(3))
    assert "The third doctor agrees" in third and "second doctor" not in third
    assert "you may want another opinion" in third and "a third opinion" not in third


# --- step 5's title fits the case ------------------------------------------------------------

TODAY = dt.date(2026, 12, 1)
CHILD_BORN = dt.date(2017, 3, 2)


def case(diagnosis: str = "", treatment: str = "", born: dt.date | None = None) -> Case:
    return Case(
        id=1, title="x", diagnosis=diagnosis, recommended_treatment=treatment, date_of_birth=born
    )


@pytest.mark.parametrize(
    ("diagnosis", "born", "title", "summary"),
    [
        ("", None, "Slides and scans", "Arrange the slides, scans and x-rays the new doctor"),
        ("Lung cancer", None, "Slides and scans", "the slides, scans and x-rays"),
        ("Breast cancer", None, "Slides and scans", "slides, mammograms and other scans"),
        ("Lumbar spinal stenosis", None, "Scans and x-rays", "Arrange the scans and x-rays the"),
        ("Tetralogy of Fallot", CHILD_BORN, "Your child's scans and x-rays", "your child's scans"),
        ("Ewing sarcoma", CHILD_BORN, "Your child's slides and scans", "slides"),
        ("Aortic stenosis", dt.date(1950, 1, 1), "Scans and x-rays", "the new doctor will want"),
    ],
)
def test_step_five_is_named_for_what_the_case_has_to_send(
    diagnosis: str, born: dt.date | None, title: str, summary: str
) -> None:
    words = heading(5, case(diagnosis, born=born), TODAY)
    assert (words.title, words.short) == (title, title.replace("Your child's s", "S"))
    assert summary in words.summary
    assert "should" not in words.summary  # what to arrange, never what is medically right
    if "slides" not in title.lower():
        assert "slides" not in words.summary


def test_other_steps_and_no_case_keep_their_plain_names() -> None:
    child = case("Tetralogy of Fallot", born=CHILD_BORN)
    for number in (1, 2, 3, 4, 6):
        assert heading(number, child, TODAY).title == step(number).title
    assert heading(5).title == step(5).title == "Slides and scans"
    assert heading(5, child).title == "Scans and x-rays"  # no day: the age is not known
