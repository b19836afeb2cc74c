"""domain/record_progress.py: how far the checklist has come and what to do next, and the
one-pass summary the checklist page shows (the same answers as the two apart)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain import record_progress as checklists_are
from secondopinion_desktop.domain.record_progress import (
    ChecklistSummary,
    NextAction,
    checklist_summary,
)
from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind, Timing

TODAY = dt.date(2026, 11, 20)
VISIT = dt.date(2026, 12, 1)
DAYS = st.sampled_from([None, dt.date(2026, 11, 2), TODAY, dt.date(2026, 11, 29), VISIT])
DOCTORS = {7: "Dr. Ruth Adler", 8: "Dr. Priya Raman"}


@st.composite
def checklists(draw: st.DrawFn) -> list[RecordItem]:
    """Lists of items in every state, kind and way of getting there, with equal due dates."""
    count = draw(st.integers(0, 12))
    return [
        RecordItem(
            id=n + 1,
            case_id=1,
            title=draw(st.sampled_from(["Medical records", "Test results", "CD of the scan"])),
            kind=draw(st.sampled_from(RecordKind)),
            holder_doctor_id=draw(st.sampled_from([None, 7, 9])),
            holder_text=draw(st.sampled_from(["", "You", "The pathology lab"])),
            recipient_doctor_id=draw(st.sampled_from([None, 8])),
            recipient_text=draw(st.sampled_from(["", "Records desk"])),
            delivery=draw(st.sampled_from([None, *Delivery])),
            timing=draw(st.sampled_from(Timing)),
            requested_on=draw(DAYS),
            received_on=draw(DAYS),
            sent_on=draw(DAYS),
            confirmed_on=draw(DAYS),
        )
        for n in range(count)
    ]


@settings(max_examples=300)
@given(
    items=checklists(),
    new_doctor=st.sampled_from([None, "Dr. Priya Raman"]),
    visit=st.sampled_from([None, VISIT, dt.date(2026, 11, 21)]),
    today=st.sampled_from([TODAY, dt.date(2026, 11, 30), dt.date(2026, 12, 2)]),
)
def test_the_summary_says_what_progress_and_next_step_say(
    items: list[RecordItem], new_doctor: str | None, visit: dt.date | None, today: dt.date
) -> None:
    summary = checklist_summary(items, visit, today, doctors=DOCTORS, new_doctor=new_doctor)
    assert summary.progress == checklists_are.progress(items, visit, today)
    assert summary.next == checklists_are.next_step(items, DOCTORS, new_doctor, visit, today)


def summary_of(
    items: list[RecordItem], visit: dt.date | None = VISIT, today: dt.date = TODAY
) -> ChecklistSummary:
    return checklist_summary(items, visit, today, doctors=DOCTORS, new_doctor=None)


def item(n: int, **values: object) -> RecordItem:
    return RecordItem(id=n, case_id=1, title=f"Lab report {n}", **values)  # type: ignore[arg-type]


def test_the_most_urgent_item_comes_first_and_the_first_of_equally_urgent_ones() -> None:
    asked_late = item(3, timing=Timing.BRING_ALONG)  # due the day before the visit
    items = [item(1), item(2), asked_late]
    summary = summary_of(items, today=dt.date(2026, 11, 25))
    assert summary.next == NextAction("Get the lab report 1.", 1)  # overdue since the 24th
    summary = summary_of(items)
    assert summary.next == NextAction("Get the lab report 1.", 1)
    assert summary.progress.text == "0 of 3 at the new doctor's office"


def test_what_comes_after_asking_for_everything() -> None:
    asked = [item(n, requested_on=dt.date(2026, 11, 2), holder_doctor_id=7) for n in (1, 2)]
    assert summary_of(asked, visit=None).next.text == (
        "Waiting for the lab report 1, asked for on Mon 2 Nov. If it has not come, "
        "phone Dr. Ruth Adler."
    )
    in_hand = [item(1, received_on=TODAY), item(2, received_on=TODAY, delivery=Delivery.BRING)]
    summary = checklist_summary(in_hand, VISIT, TODAY, doctors={}, new_doctor="Dr. Priya Raman")
    assert summary.next == NextAction("Send the lab report 1 to Dr. Priya Raman.", 1)
    brought = in_hand[1:]
    assert "Well done" in summary_of(brought).next.text
    arrived_undecided = [item(1, sent_on=TODAY, confirmed_on=TODAY), item(2, sent_on=TODAY)]
    assert summary_of(arrived_undecided).next.item_id == 2
    empty = summary_of([])
    assert empty.next.text == "Add the records the new doctor will need."
    assert empty.progress.text == "Nothing on this list yet."
