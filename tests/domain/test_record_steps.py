"""The record state machine: what "next" is for each item, and the words for it."""

from __future__ import annotations

import datetime as dt

import pytest

from secondopinion_desktop.domain.record_steps import (
    Field,
    advanced,
    checklist_rule,
    done_message,
    item_next_step,
    undo_text,
)
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing

TODAY = dt.date(2026, 11, 20)
DAY = dt.date(2026, 11, 1)


def item(**values: object) -> RecordItem:
    return RecordItem(id=1, case_id=1, title="Pathology report", **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "label", "field"),
    [
        ({}, "Mark as asked for", Field.REQUESTED),
        ({"requested_on": DAY}, "Mark as received", Field.RECEIVED),
        ({"requested_on": DAY, "received_on": DAY}, "Mark as sent", Field.SENT),
        (
            {"received_on": DAY, "delivery": Delivery.FAX},
            "Mark as faxed",
            Field.SENT,
        ),
        ({"sent_on": DAY}, "It arrived: note who confirmed\u2026", Field.CONFIRMED),
        (
            {"kind": RecordKind.PATHOLOGY_SLIDES, "confirmed_on": DAY},
            "Mark as returned to us",
            Field.RETURNED,
        ),
    ],
)
def test_each_state_has_one_next_step(values: dict[str, object], label: str, field: Field) -> None:
    step = item_next_step(item(**values))
    assert step is not None
    assert (step.label, step.field) == (label, field)
    assert step.needs_a_name is (field is Field.CONFIRMED)


@pytest.mark.parametrize(
    "values",
    [
        {"confirmed_on": DAY},  # arrived, not lent
        {"received_on": DAY, "delivery": Delivery.BRING},  # in hand to bring
        {"received_on": DAY, "timing": Timing.BRING_ALONG},
        {"kind": RecordKind.PATHOLOGY_SLIDES, "confirmed_on": DAY, "returned_on": DAY},
    ],
)
def test_nothing_is_left_for_finished_items(values: dict[str, object]) -> None:
    assert item_next_step(item(**values)) is None


def test_advancing_fills_in_today_and_says_so() -> None:
    needed = item()
    step = item_next_step(needed)
    assert step is not None
    assert advanced(needed, step, TODAY).requested_on == TODAY
    assert done_message(needed, step) == "\u201cPathology report\u201d marked as asked for today."
    assert undo_text(needed, step) == "mark \u201cPathology report\u201d as asked for"


def test_sending_reminds_to_phone_and_a_fax_is_faxed() -> None:
    received = item(received_on=DAY, delivery=Delivery.FAX)
    step = item_next_step(received)
    assert step is not None
    assert done_message(received, step) == (
        "\u201cPathology report\u201d marked as faxed today. "
        "Remember to phone and check it arrived."
    )


def test_the_rule_names_the_day_a_week_before_the_visit() -> None:
    text = checklist_rule(4, "Dr. Priya Raman", dt.date(2026, 12, 10))
    assert text.startswith("Aim for everything to arrive by Thursday 3 December 2026")
    assert "phone to check" in text


def test_the_rule_before_a_visit_is_booked_and_for_slides() -> None:
    assert checklist_rule(4, None, None).startswith("Once the visit is booked")
    assert "Ask Dr. Priya Raman's office" in checklist_rule(5, "Dr. Priya Raman", None)
    assert "Ask the new office" in checklist_rule(5, None, None)
    assert "slides" not in checklist_rule(5, "Dr. Priya Raman", None)  # a spine case has none
