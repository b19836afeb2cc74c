"""What is still open in a step, compared with the step's own "When is this step done?".

The person may mark a step done whenever they like (they know their situation best); before
they do, the window names what the app can see is still open, in plain words, and asks.
"""

from __future__ import annotations

from collections.abc import Sequence

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role, Status
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.records import RecordItem


@frozen
class StepFacts:
    """What the app knows about a case, enough to compare it with each step's 'done'."""

    case: Case
    doctors: Sequence[Doctor]
    visit: Appointment | None
    records: Sequence[RecordItem]
    opinion: Opinion | None  # this round's second (or third) opinion, if written


def _records_open(items: Sequence[RecordItem]) -> list[str]:
    open_: list[str] = []
    waiting = [i for i in items if i.awaiting_confirmation]
    missing = [i for i in items if not i.ready and not i.awaiting_confirmation]
    if missing:
        count = len(missing)
        open_.append(
            "1 item on the list is not at the new office or ready to bring yet."
            if count == 1
            else f"{count} items on the list are not at the new office or ready to bring yet."
        )
    if waiting:
        count = len(waiting)
        open_.append(
            "Nobody has confirmed that 1 sent item arrived."
            if count == 1
            else f"Nobody has confirmed that {count} sent items arrived."
        )
    return open_


def still_open(step: int, facts: StepFacts) -> list[str]:
    """Sentences naming what the app can see is not done in this step ([] when nothing)."""
    case = facts.case
    candidates = [d for d in facts.doctors if d.role is Role.CANDIDATE]
    if step == 1:
        open_ = []
        if case.told_on is None:
            open_.append("The day you told your doctor is not noted yet.")
        if case.referral_asked is Answer.UNKNOWN:
            open_.append("Whether you asked for a referral is not noted yet.")
        return open_
    if step == 2:
        if not candidates:
            return ["No doctors are on your list yet."]
        return []
    if step == 3:
        booked = any(d.status is Status.BOOKED for d in candidates)
        if facts.visit is None and not booked:
            return ["No visit is booked yet."]
        return []
    if step in (4, 5):
        items = [i for i in facts.records if i.kind.step == step]
        if step == 4 and not items:
            return ["Nothing is on the records checklist yet."]
        return _records_open(items)
    if step == 6:
        if facts.visit is None:
            return ["No visit is booked yet."]
        if facts.opinion is None or not facts.opinion.written:
            return ["What the doctor said is not written down yet."]
        return []
    return []


def mark_done_question(done_means: str, still_open_lines: Sequence[str]) -> str:
    """What the window asks before marking a step done while something is still open.

    The person knows their situation best: this says what is open and leaves the choice to them.
    """
    lines = "\n".join(f"\u2022 {line}" for line in still_open_lines)
    return (
        f"This step is done when: {done_means}\n\n"
        f"Still open:\n{lines}\n\n"
        "You know your situation best. Mark it as done anyway?"
    )
