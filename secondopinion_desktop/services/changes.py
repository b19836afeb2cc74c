"""What a use case changed: the case and the kinds of data, so the window refreshes only those.

A service returns a `Changes`; the window broadcasts it; each panel compares its kinds with
what it shows. Values combine with `|`, so a use case made of several steps says it once.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import field

from secondopinion_desktop.domain.frozen import frozen


class Kind(enum.Enum):
    """A kind of data a panel may show."""

    CASE = "case"
    STEPS = "steps"
    DOCTORS = "doctors"
    CALLS = "calls"
    APPOINTMENTS = "appointments"
    TODOS = "todos"
    RECORDS = "records"
    ATTACHMENTS = "attachments"
    QUESTIONS = "questions"
    OPINIONS = "opinions"
    ROUNDS = "rounds"
    REMINDERS = "reminders"


@frozen
class Changes:
    """`kinds` of data changed in case `case_id` (None: no case, or more than one).

    An empty value means nothing changed; it is falsy.
    """

    case_id: int | None = None
    kinds: frozenset[Kind] = field(default_factory=frozenset)

    @classmethod
    def of(cls, case_id: int | None, *kinds: Kind) -> Changes:
        return cls(case_id, frozenset(kinds))

    def __or__(self, other: object) -> Changes:
        if not isinstance(other, Changes):
            return NotImplemented
        if not other.kinds:
            return self
        if not self.kinds:
            return other
        case_id = self.case_id if self.case_id == other.case_id else None
        return Changes(case_id, self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, kinds: Iterable[Kind]) -> bool:
        """Whether any of `kinds` changed (what a panel asks before refreshing)."""
        return not self.kinds.isdisjoint(kinds)

    def about(self, case_id: int | None) -> bool:
        """Whether this may concern `case_id` (a change of several cases concerns every case)."""
        return bool(self.kinds) and (self.case_id is None or self.case_id == case_id)


NOTHING = Changes()
