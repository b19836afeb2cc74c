"""`LabelledEnum`: a stored value that carries the words a person reads for it.

Each label is written beside its value, once, so a new member cannot be added without one and
no second table of labels has to be kept in step.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A `StrEnum` whose members are written `NAME = "value", "Label"` (the label defaults to
    the value); `member.label` is the label, `member.value` the stored text."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = value if label is None else label
        return member

    @classmethod
    def from_text(cls, value: object) -> Self | None:
        """The member `value` is, or whose value or label it spells (in any case, as typed in a
        table cell); None when it is none of them."""
        if isinstance(value, cls):
            return value
        text = str(value).strip().casefold()
        return next((m for m in cls if text in (m.value, m.label.casefold())), None)
