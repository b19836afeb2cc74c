"""`frozen` behaves as `dataclass(frozen=True)` does, for any field values."""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, dataclass, field, fields, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.frozen import frozen


@frozen
class Made:
    """doc"""

    number: int
    words: str = ""
    maybe: float | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Written:
    """doc"""

    number: int
    words: str = ""
    maybe: float | None = None
    items: tuple[str, ...] = ()


@frozen
class Child(Made):
    extra: bool = False


@frozen
class Empty:
    pass


@frozen
class One:
    only: str


@frozen
class OwnLooks:
    name: str

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnLooks) and other.name.lower() == self.name.lower()


@frozen
class Hidden:
    shown: int
    secret: str = field(default="", repr=False, compare=False)


values = st.tuples(
    st.integers(),
    st.text(max_size=20),
    st.none() | st.floats(allow_nan=False),
    st.lists(st.text(max_size=5), max_size=3).map(tuple),
)


@given(values, values)
def test_equality_hash_and_repr_are_those_of_a_frozen_dataclass(
    a: tuple[int, str, float | None, tuple[str, ...]],
    b: tuple[int, str, float | None, tuple[str, ...]],
) -> None:
    made_a, made_b, written_a, written_b = Made(*a), Made(*b), Written(*a), Written(*b)
    assert (made_a == made_b) == (written_a == written_b)
    assert (made_a != made_b) == (written_a != written_b)
    assert made_a == Made(*a) and hash(made_a) == hash(Made(*a))
    assert hash(made_a) == hash(written_a)  # both hash the fields' tuple
    assert repr(made_a).replace("Made(", "Written(", 1) == repr(written_a)
    assert dataclasses.asdict(made_a) == dataclasses.asdict(written_a)
    assert made_a.__match_args__ == written_a.__match_args__


def test_it_stays_frozen() -> None:
    made = Made(1, "a")
    with pytest.raises(FrozenInstanceError):
        made.number = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del made.words  # type: ignore[misc]
    assert replace(made, words="b") == Made(1, "b")
    assert [f.name for f in fields(made)] == ["number", "words", "maybe", "items"]


def test_other_classes_are_never_equal() -> None:
    assert Made(1) != Written(1)
    assert Made(1).__eq__(Written(1)) is NotImplemented
    assert Made(1) != Child(1)  # a subclass is another class, as with dataclasses
    assert Child(1, extra=True) == Child(1, extra=True) != Child(1)
    assert repr(Child(1)) == "Child(number=1, words='', maybe=None, items=(), extra=False)"


def test_no_field_one_field_and_options() -> None:
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"
    assert One("a") == One("a") != One("b") and hash(One("a")) == hash(("a",))
    assert Hidden(1, "x") == Hidden(1, "y") and repr(Hidden(1, "x")) == "Hidden(shown=1)"
    assert hash(Hidden(1, "x")) == hash(Hidden(1, "y"))


def test_a_class_keeps_what_it_wrote_itself() -> None:
    assert repr(OwnLooks("Ann")) == "<Ann>"
    assert OwnLooks("Ann") == OwnLooks("ANN")
    assert hash(OwnLooks("Ann")) == hash(("Ann",))  # dataclass adds a hash for its own __eq__


def test_the_apps_classes_are_frozen_dataclasses() -> None:
    doctor = Doctor(id=1, case_id=2, name="Dr. Ruth Adler")
    assert dataclasses.is_dataclass(doctor)
    assert {doctor, replace(doctor)} == {doctor}
    assert repr(doctor).startswith("Doctor(id=1, case_id=2, name='Dr. Ruth Adler'")
