"""The opinions of each round and the three usual outcomes (the page after step 6).

Round 1 is the original doctor's opinion, round 2 the second opinion, round 3 a third. Nothing
here judges a diagnosis: the person writes down what each doctor said, and says which of the
three outcomes it was. The words below help them see what people usually do next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.labelled import LabelledEnum
from secondopinion_desktop.domain.records import short_date

MAX_FIELD_LENGTH = 20_000
# steps a new round goes through again (the doctor was told, the list of names is still there)
STEPS_REDONE_IN_A_NEW_ROUND = (3, 4, 5, 6)


class Outcome(LabelledEnum):
    """What the later doctor said, compared with the first opinion."""

    AGREES = "agrees", "Agrees with the diagnosis and the treatment"
    DIFFERENT_TREATMENT = (
        "different_treatment",
        "Same diagnosis, but suggests a different treatment",
    )
    DISAGREES = "disagrees", "Sees the diagnosis differently"

    @property
    def short_label(self) -> str:
        return OUTCOME_SHORT_LABELS[self]


OUTCOME_SHORT_LABELS: dict[Outcome, str] = {
    Outcome.AGREES: "Agrees",
    Outcome.DIFFERENT_TREATMENT: "Different treatment",
    Outcome.DISAGREES: "Different diagnosis",
}


def outcome_guidance(outcome: Outcome, round_: int = 2) -> tuple[str, ...]:
    """What to do next, in plain words, after the doctor of round `round_` said `outcome`.

    Round 3 speaks of the third doctor, and offers "another doctor" rather than a third.
    """
    doctor = round_doctor(max(2, round_))
    if outcome is Outcome.AGREES:
        return (
            "Both doctors see it the same way. Many people find that reassuring.",
            f"Let your current doctor know what {doctor} said, the way they asked to hear.",
        )
    if outcome is Outcome.DIFFERENT_TREATMENT:
        return (
            "The doctors agree on the diagnosis but suggest different treatment. Now you "
            "choose. Ask each doctor how long you can safely take to decide: only they can "
            "say.",
            "Below, each option sits side by side. Write down, in your own words, what you "
            "like about each one and what worries you. It helps to see it on paper.",
            "You can also ask the two doctors to talk to each other about your case.",
        )
    next_doctor = "a third doctor" if round_ <= 2 else "another doctor"
    return (
        f"{doctor.capitalize()} sees the diagnosis differently. This happens, and it is worth "
        "taking the time to understand why.",
        "Two things can help. You can ask the two doctors to talk to each other about your "
        f"case. Or you can ask {next_doctor} for an opinion. The app keeps your doctors and "
        "records, and gives you a fresh checklist.",
    )


CHOOSING_QUESTIONS: tuple[str, ...] = (
    "Why do you suggest this treatment for me in particular?",
    "What would my days be like during the treatment, and after it?",
    "What happens if I wait a few weeks to decide?",
    "What do most people in my situation choose, and why?",
    "Would you talk to the other doctor about my case?",
)

ROUND_NAMES = {1: "First opinion", 2: "Second opinion", 3: "Third opinion", 4: "Fourth opinion"}
ROUND_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def round_name(round_: int) -> str:
    """'Second opinion'."""
    return ROUND_NAMES.get(round_, f"Opinion {round_}")


def suggested_doctor(
    round_: int, doctors: Sequence[Doctor], earlier: Collection[int] = ()
) -> int | None:
    """The doctor an opinion is offered under when the round's doctor is not known yet (no
    visit booked for it): for round 1 the treating doctor; for a later one never the treating
    or primary-care doctor (a new user saving at once must not file the third opinion under
    their own doctor), nor one who gave another round's opinion (`earlier`: the second doctor
    is still "booked" when the third opinion is written), but a candidate, the one booked
    first, then one called, then any not ruled out. None: nobody fits, and the dialog offers
    "someone not on my list"."""
    if round_ <= 1:
        return next((d.id for d in doctors if d.role is Role.TREATING), None)
    order = (Status.BOOKED, Status.CONTACTED, Status.CANDIDATE)
    candidates = [
        d for d in doctors if d.role is Role.CANDIDATE and d.status in order and d.id not in earlier
    ]
    candidates.sort(key=lambda d: order.index(d.status))  # stable: the list's order otherwise
    return candidates[0].id if candidates else None


def round_doctor(round_: int) -> str:
    """'your current doctor', 'the second doctor', 'the third doctor'."""
    if round_ == 1:
        return "your current doctor"
    return f"the {ROUND_ORDINALS.get(round_, f'number {round_}')} doctor"


#: The guidance after a second opinion (round 2): `outcome_guidance` for the other rounds.
OUTCOME_GUIDANCE: dict[Outcome, tuple[str, ...]] = {o: outcome_guidance(o) for o in Outcome}


@frozen
class Opinion:
    """What one doctor said: the diagnosis, the treatment they recommend, and notes."""

    id: int
    case_id: int
    round: int
    doctor_id: int | None = None
    doctor_name: str = ""
    given_on: dt.date | None = None
    diagnosis: str = ""
    treatment: str = ""
    tests_ordered: str = ""
    notes: str = ""
    outcome: Outcome | None = None
    # the person's own thoughts on this option, when the treatments differ
    likes: str = ""
    worries: str = ""

    @property
    def written(self) -> bool:
        """Something of the opinion itself has been written down."""
        return bool(self.diagnosis.strip() or self.treatment.strip() or self.notes.strip())


@frozen
class RoundInfo:
    """A round of opinions: when it started and what was done about a disagreement."""

    case_id: int
    round: int
    started_at: str = ""
    reason: str = ""
    questions_suggested_at: str | None = None
    doctors_talk_on: dt.date | None = None
    doctors_talk_note: str = ""


def doctor_label(opinion: Opinion, doctors: dict[int, Doctor]) -> str:
    """The doctor's name as known now (or as written, if they were removed from the list)."""
    if opinion.doctor_id is not None and opinion.doctor_id in doctors:
        return doctors[opinion.doctor_id].spoken
    return opinion.doctor_name.strip() or round_doctor(opinion.round).capitalize()


FUTURE_DAY_NOTE = (
    "That day is still to come. It is kept as you typed it; change it after the visit if "
    "the day moves."
)


def given_on_note(given_on: dt.date | None, today: dt.date) -> str:
    """A calm word about the day an opinion was given ('' when nothing needs saying).

    A day up to today is the usual case. A day still to come is kept, not refused: people
    often write down the planned visit day ahead of time.
    """
    if given_on is not None and given_on > today:
        return FUTURE_DAY_NOTE
    return ""


def first_opinion(case: Case, doctor: Doctor | None) -> Opinion:
    """Round 1 as the case already tells it: the diagnosis and the recommended treatment."""
    return Opinion(
        id=0,
        case_id=case.id,
        round=1,
        doctor_id=doctor.id if doctor else None,
        doctor_name=doctor.spoken if doctor else "",
        diagnosis=case.diagnosis,
        treatment=case.recommended_treatment,
    )


def draft_opinion(
    case: Case,
    round_: int,
    doctors: Sequence[Doctor],
    visit_doctor: Doctor | None,
    visit_day: dt.date | None,
    today: dt.date,
    earlier: Collection[int] = (),
) -> Opinion:
    """A round's opinion before anything is written: who gave it and when, as far as known.

    Round 1 is the doctor the person told (or the first treating doctor) with what the case
    says. A later round is the doctor of that round's visit, given on the visit's day unless
    that day is still to come; with no visit, the doctor `suggested_doctor` offers (never one
    in `earlier`, who gave another round's opinion).
    """
    if round_ == 1:
        by_id = {d.id: d for d in doctors}
        told = by_id.get(case.told_doctor_id) if case.told_doctor_id is not None else None
        treating = [d for d in doctors if d.role is Role.TREATING]
        return first_opinion(case, told or (treating[0] if treating else None))
    given = visit_day if visit_day is not None and visit_day <= today else None
    doctor = visit_doctor
    if doctor is None:
        suggested = suggested_doctor(round_, doctors, earlier)
        doctor = next((d for d in doctors if d.id == suggested), None)
    return Opinion(
        id=0,
        case_id=case.id,
        round=round_,
        doctor_id=doctor.id if doctor else None,
        doctor_name=doctor.spoken if doctor else "",
        given_on=given,
    )


def talk_noted_on(first_noted: dt.date | None, talked: bool, today: dt.date) -> dt.date | None:
    """The day shown for "we asked the two doctors to talk": the day it was first noted."""
    if not talked:
        return None
    return first_noted if first_noted is not None else today


def latest(opinions: Iterable[Opinion]) -> Opinion | None:
    """The opinion of the highest round after the first one that has an outcome or text."""
    later = [o for o in opinions if o.round >= 2 and (o.outcome is not None or o.written)]
    return max(later, key=lambda o: o.round) if later else None


def clean_text(text: str) -> str:
    return text.strip()[:MAX_FIELD_LENGTH]


# --- the side-by-side view ---------------------------------------------------------------------


@frozen
class CompareRow:
    """A row of the side-by-side opinions: its label and how to read it from an opinion."""

    label: str
    value: Callable[[Opinion], str]


def _date(opinion: Opinion) -> str:
    return short_date(opinion.given_on) if opinion.given_on else ""


def _outcome(opinion: Opinion) -> str:
    if opinion.round == 1:
        return "(the opinion the others are compared with)"
    return opinion.outcome.label if opinion.outcome else "Not chosen yet"


COMPARE_ROWS: tuple[CompareRow, ...] = (
    CompareRow("Date", _date),
    CompareRow("Diagnosis", lambda o: o.diagnosis),
    CompareRow("Recommended treatment", lambda o: o.treatment),
    CompareRow("New tests ordered", lambda o: o.tests_ordered),
    CompareRow("Notes", lambda o: o.notes),
    CompareRow("Compared with the first", _outcome),
    CompareRow("What I like about it", lambda o: o.likes),
    CompareRow("What worries me", lambda o: o.worries),
)


def compare_rows(opinions: Sequence[Opinion]) -> tuple[CompareRow, ...]:
    """The rows worth showing: the person's likes and worries only once they wrote some."""
    thoughts = any(o.likes.strip() or o.worries.strip() for o in opinions)
    return tuple(
        row
        for row in COMPARE_ROWS
        if thoughts or row.label not in ("What I like about it", "What worries me")
    )
