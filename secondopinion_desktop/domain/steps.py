"""The six steps of getting a second opinion, in our own plain words.

All guidance text for a step lives here, so there is one place to edit and later translate.
"""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.care_fields import care_field, uses_mammograms, uses_pathology
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.rounds import ordinal


@frozen
class Step:
    """One step of the journey: what it is called, what to do, and when it counts as done."""

    number: int
    key: str
    title: str
    summary: str
    guidance: tuple[str, ...]
    done_means: str


STEPS: tuple[Step, ...] = (
    Step(
        number=1,
        key="tell_doctor",
        title="Tell your doctor",
        summary="Let your current doctor know you want a second opinion.",
        guidance=(
            "Asking for a second opinion is normal. Good doctors expect it and will not be upset.",
            "Tell the doctor who is treating you now, in person or by phone. Ask how they would "
            "like to hear what the second doctor says.",
            "Ask how long you can safely take to decide. Only your doctor can say; write their "
            "answer below, and the app plans the other steps around it.",
            "If you would like to see another specialist, ask your doctor for a referral.",
        ),
        done_means="Your doctor knows, and you have noted whether you asked for a referral.",
    ),
    Step(
        number=2,
        key="find_candidates",
        title="Find doctors to ask",
        summary="Write down doctors who could give the second opinion.",
        guidance=(
            "Good places to look: a name from your current doctor, people you trust who have "
            "been through the same thing, and your insurance company's list of doctors it covers.",
            "Check that each specialist is board-certified in the right field. Your insurer or "
            "the medical board can tell you.",
            "Write down where each name came from. It helps you compare them later.",
        ),
        done_means="You have a short list of doctors, each with where the name came from.",
    ),
    Step(
        number=3,
        key="narrow_by_phone",
        title="Call and choose",
        summary="Phone each office, then book the doctor who fits best.",
        guidance=(
            "Call each office and ask four things: Are you taking new patients? How long is the "
            "wait for a first appointment? Do you accept my insurance? Do I need a referral?",
            "Then book with the doctor who fits best.",
            "If that doctor only sees patients with a referral, ask your primary-care doctor to "
            "write one. Their front desk can phone and fax the form over to save time.",
        ),
        done_means="You have booked an appointment with the second doctor.",
    ),
    Step(
        number=4,
        key="gather_records",
        title="Gather your records",
        summary="Get your records and test results to the new doctor a week ahead.",
        guidance=(
            "Ask your primary-care doctor, your specialist and any other doctor treating you for "
            "your medical records and copies of all test results.",
            "Taking them to the new doctor yourself is the surest way. Try to have them arrive "
            "about a week before the visit, so the doctor has time to study them.",
            "If you fax them, phone afterwards to check they arrived. A fax machine's 'sent' "
            "report does not prove the right person has them.",
        ),
        done_means="Every record has arrived, and someone at the new office confirmed it.",
    ),
    Step(
        number=5,
        key="slides_and_imaging",
        title="Slides and scans",
        summary="Arrange the slides, scans and x-rays the new doctor will want to see.",
        guidance=(
            "The new doctor will want your scans and x-rays, such as an MRI or a CT scan. If a "
            "biopsy was done, they often have their own pathology department look again at the "
            "actual slides.",
            "Ask the new doctor's office whether these should be sent ahead or brought to the "
            "visit.",
            "Slides and films are usually lent to you. Keep a note of where they are, so they "
            "can be returned.",
        ),
        done_means="The slides and scans are at the new office, or packed to bring.",
    ),
    Step(
        number=6,
        key="consultation",
        title="The visit",
        summary="Prepare your questions and go to the appointment.",
        guidance=(
            "Treat it like any important appointment. Bring your questions about the diagnosis "
            "and the treatment that was recommended.",
            "Ask the doctor to walk you through your records and results. They may order new or "
            "extra tests; that is common.",
            "Sometimes several specialists see you on the same day. This is called a "
            "multidisciplinary visit.",
        ),
        done_means="You have been to the visit and written down what the doctor said.",
    ),
)

SLIDES_STEP = 5


@frozen
class Heading:
    """A step page's title and the line under it; `short`, the step's name in the sidebar."""

    title: str
    summary: str
    short: str


def heading(number: int, case: Case | None = None, today: dt.date | None = None) -> Heading:
    """A step's title and summary for this case.

    Step 5 names what the case has to send: slides only where the checklist suggests them (a
    cancer, or no diagnosis typed yet), mammograms only for a breast diagnosis, and for a
    patient under 18 (by the date of birth on `today`) "your child's". The rule is the records
    checklist's own (care_fields), so the title and the items listed under it agree."""
    plain = step(number)
    if number != SLIDES_STEP or case is None:
        return Heading(plain.title, plain.summary, plain.title)
    field = care_field(case.diagnosis, case.recommended_treatment)
    slides = uses_pathology(field, case.diagnosis)
    if uses_mammograms(field):
        things = "slides, mammograms and other scans"
    elif slides:
        things = "slides, scans and x-rays"
    else:
        things = "scans and x-rays"
    short = "Slides and scans" if slides else "Scans and x-rays"
    if today is not None and case.is_child_on(today):
        title = "Your child's slides and scans" if slides else "Your child's scans and x-rays"
        return Heading(title, f"Arrange for the new doctor to see your child's {things}.", short)
    return Heading(short, f"Arrange the {things} the new doctor will want to see.", short)


OUTCOME_TITLE = "After the second opinion"
OUTCOME_SHORT_TITLE = "The outcome"
OUTCOME_SUMMARY = "Write down what the second doctor said, and decide what comes next."


def outcome_title(round_: int) -> str:
    """The outcome page's title in the round under way: "After the third opinion" in round 3
    (a third-opinion round is about the third doctor, not the second any more)."""
    return f"After the {ordinal(max(2, round_))} opinion"


def outcome_summary(round_: int) -> str:
    """The line under the outcome page's title, about the doctor of the round under way."""
    return f"Write down what the {ordinal(max(2, round_))} doctor said, and decide what comes next."


def usual_outcomes(round_: int = 2) -> tuple[str, ...]:
    """The outcome page's "What usually happens", about the doctor of the round under way."""
    doctor = f"The {ordinal(max(2, round_))} doctor"
    next_opinion = "a third opinion" if round_ <= 2 else "another opinion"
    return (
        f"One of three things usually happens. {doctor} agrees with the diagnosis and the "
        "treatment plan. Or they agree with the diagnosis but suggest a different treatment. "
        "Or they see the diagnosis differently.",
        "If the treatment advice differs, laying the two opinions side by side can help you "
        "choose.",
        f"If the diagnosis differs, you may want {next_opinion}, or to ask the two doctors to "
        "talk to each other about your case.",
    )


OUTCOME_GUIDANCE: tuple[str, ...] = usual_outcomes()

STEP_COUNT = len(STEPS)
OUTCOME_PAGE = STEP_COUNT + 1


def step(number: int) -> Step:
    """The step with this number (1 to 6)."""
    if not 1 <= number <= STEP_COUNT:
        raise ValueError(f"There is no step {number}.")
    return STEPS[number - 1]


def next_open_step(done: set[int]) -> int:
    """The first step not yet done, or the outcome page when all are done."""
    for s in STEPS:
        if s.number not in done:
            return s.number
    return OUTCOME_PAGE


def progress_text(done: set[int]) -> str:
    """A short sentence for the status bar, e.g. '2 of 6 steps done'."""
    count = len(done & {s.number for s in STEPS})
    if count == STEP_COUNT:
        return "All six steps done"
    return f"{count} of {STEP_COUNT} steps done"
