"""The step page's summary of where the case stands."""

from __future__ import annotations

from secondopinion_desktop.domain.situation import plural, situation


def counts(candidates: int = 0, calls: int = 0, ruled_out: int = 0) -> dict[str, int]:
    return {"candidates": candidates, "calls": calls, "ruled_out": ruled_out, "booked": 0}


def test_plural() -> None:
    assert plural(1, "call") == "1 call"
    assert plural(0, "call") == "0 calls"
    assert plural(2, "person", "people") == "2 people"


def test_step_2_counts_the_doctors_on_the_list() -> None:
    assert situation(2, counts(candidates=1), []) == "So far: 1 doctor on your list."
    assert situation(2, counts(candidates=4), []) == "So far: 4 doctors on your list."


def test_step_3_counts_calls_ruled_out_and_names_the_booked() -> None:
    assert situation(3, counts(candidates=3, calls=1), []) == "So far: 1 call logged."
    assert situation(3, counts(candidates=3, calls=5, ruled_out=2), ["Dr. Raman"]) == (
        "So far: 5 calls logged, 2 ruled out. Booked with Dr. Raman."
    )


def test_nothing_is_said_before_there_are_doctors_or_on_other_pages() -> None:
    assert situation(2, counts(), []) == ""
    assert situation(3, counts(calls=2), []) == ""
    for page in (1, 4, 5, 6):
        assert situation(page, counts(candidates=3, calls=2), []) == ""


def test_many_booked_doctors_are_counted_not_listed() -> None:
    booked = [f"Dr. {n}" for n in range(1, 1_251)]
    text = situation(3, {"candidates": 5_000, "calls": 2}, booked)
    assert text == "So far: 2 calls logged. Booked with Dr. 1, Dr. 2, Dr. 3 and 1,247 more."


def test_the_first_names_and_the_count_say_the_same_as_every_name() -> None:
    """The page reads only the first few booked names; the count gives the rest."""
    everyone = [f"Dr. {n}" for n in range(1, 1_251)]
    counted = {"candidates": 5_000, "calls": 2, "booked": 1_250}
    assert situation(3, counted, everyone[:3]) == situation(3, counted, everyone)
    assert situation(3, {**counted, "booked": 2}, everyone[:2]).endswith("Dr. 1, Dr. 2.")
