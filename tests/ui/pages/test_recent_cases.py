"""What a panel keeps for the cases it showed last, until a change names them."""

from __future__ import annotations

from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.ui.pages.recent_cases import RecentCases


def test_a_case_is_read_once_until_a_change_names_it() -> None:
    reads: list[int] = []

    def read(case_id: int) -> str:
        reads.append(case_id)
        return f"case {case_id}"

    recent: RecentCases[str] = RecentCases(keep=2)
    assert recent.get(1, read) == "case 1"
    assert recent.get(2, read) == "case 2"
    assert recent.get(1, read) == "case 1"
    assert reads == [1, 2]
    recent.get(3, read)  # three cases: the one used longest ago (2) is let go
    assert 2 not in recent and 1 in recent
    recent.forget(Changes.of(1, Kind.DOCTORS))
    assert 1 not in recent and 3 in recent
    recent.forget(Changes.of(3))  # nothing changed: nothing forgotten
    assert 3 in recent
    recent.forget(Changes(None, frozenset({Kind.CASE})))  # several cases: all of them
    assert 3 not in recent
    recent.get(3, read)
    recent.forget(None)
    assert 3 not in recent


def test_a_value_read_elsewhere_is_kept_as_the_latest() -> None:
    recent: RecentCases[str] = RecentCases(keep=2)
    recent.put(1, "one")
    recent.put(2, "two")
    recent.put(3, "three")  # the oldest goes
    assert 1 not in recent
    assert recent.get(2, lambda case_id: "read again") == "two"
