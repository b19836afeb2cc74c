"""LabelledEnum: a stored value with the words a person reads, and reading either back."""

from __future__ import annotations

from secondopinion_desktop.domain.doctors import Answer, Source, Status
from secondopinion_desktop.domain.labelled import LabelledEnum


class Colour(LabelledEnum):
    RED = "red", "Bright red"
    BLUE = "blue"


def test_a_member_keeps_its_stored_value_and_its_label() -> None:
    assert Colour.RED.value == "red" and Colour.RED == "red" and str(Colour.RED) == "red"
    assert Colour.RED.label == "Bright red"
    assert Colour.BLUE.label == "blue"  # no label given: the value
    assert Colour("red") is Colour.RED


def test_the_app_enums_keep_their_words() -> None:
    assert Answer.UNKNOWN.label == "not asked yet" and Answer.YES.label == "yes"
    assert Status.RULED_OUT.label == "Ruled out"
    assert Source.REFERRAL.label == "Current doctor's referral"
    assert [s.value for s in Status] == ["candidate", "contacted", "booked", "ruled_out"]


def test_from_text_reads_a_member_its_value_or_its_label_in_any_case() -> None:
    assert Answer.from_text(Answer.NO) is Answer.NO
    assert Answer.from_text(" Not Asked Yet ") is Answer.UNKNOWN
    assert Status.from_text("ruled_out") is Status.RULED_OUT
    assert Status.from_text("RULED OUT") is Status.RULED_OUT
    assert Status.from_text("maybe") is None
