"""What a panel read for the last few cases, kept until a change names that case.

Switching back and forth between two cases is common (a person helping two relatives); a case
with thousands of candidate doctors takes long to read. A panel keeps what it read for the
cases it showed last and reads again only after a `Changes` about that case (or about every
case, as after a restore).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from secondopinion_desktop.services.changes import Changes

T = TypeVar("T")


class RecentCases(Generic[T]):
    """Up to `keep` cases' values, the most recently used kept longest."""

    def __init__(self, keep: int = 2) -> None:
        self._keep = keep
        self._values: dict[int, T] = {}

    def get(self, case_id: int, read: Callable[[int], T], reuse: bool = True) -> T:
        """The case's value, read (by `read`) when it is not kept or `reuse` is False."""
        kept = reuse and case_id in self._values
        value = self._values[case_id] if kept else read(case_id)
        self.put(case_id, value)  # now the most recent
        return value

    def put(self, case_id: int, value: T) -> None:
        """Keep a value read elsewhere (off the window's thread) as the case's latest."""
        self._values.pop(case_id, None)
        self._values[case_id] = value
        while len(self._values) > self._keep:
            del self._values[next(iter(self._values))]

    def forget(self, changes: Changes | None = None) -> None:
        """Data changed: drop what it may concern (everything when `changes` is None or is
        about more than one case)."""
        if changes is None or changes.case_id is None:
            self._values.clear()
        elif changes:
            self._values.pop(changes.case_id, None)

    def __contains__(self, case_id: object) -> bool:
        return case_id in self._values
