"""Changes: what a use case changed, combined with `|`, empty when nothing did."""

from __future__ import annotations

from secondopinion_desktop.services.changes import NOTHING, Changes, Kind


def test_nothing_is_falsy_and_touches_nothing() -> None:
    assert not NOTHING
    assert not NOTHING.touches(Kind)
    assert not NOTHING.about(1)


def test_changes_combine_their_kinds() -> None:
    both = Changes.of(3, Kind.DOCTORS) | Changes.of(3, Kind.CALLS, Kind.DOCTORS)
    assert both == Changes.of(3, Kind.DOCTORS, Kind.CALLS)
    assert both.touches({Kind.CALLS}) and not both.touches({Kind.RECORDS})


def test_combining_with_nothing_keeps_the_case() -> None:
    one = Changes.of(3, Kind.RECORDS)
    assert NOTHING | one == one
    assert one | NOTHING == one


def test_changes_of_two_cases_concern_every_case() -> None:
    mixed = Changes.of(3, Kind.RECORDS) | Changes.of(4, Kind.RECORDS)
    assert mixed.case_id is None
    assert mixed.about(3) and mixed.about(99)


def test_a_change_is_about_its_own_case_only() -> None:
    change = Changes.of(3, Kind.CASE)
    assert change.about(3)
    assert not change.about(4)


def test_changes_are_values() -> None:
    assert Changes.of(1, Kind.CASE, Kind.STEPS) == Changes.of(1, Kind.STEPS, Kind.CASE)
    assert len({Changes.of(1, Kind.CASE), Changes.of(1, Kind.CASE)}) == 1
