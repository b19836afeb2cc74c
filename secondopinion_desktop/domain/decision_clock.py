"""The decision clock: how long the treatment decision can safely wait, and the plan against it.

Only the treating doctor can say how long the person can take to decide. The app asks the
question (step 1's script), keeps the answer as it was said (a date, or a number of weeks from
a date, and who said it), and plans the steps against it: a timeline of today, the decide-by
date, the booked visit and the day the records are due, in words as well as drawn, and a calm
warning when the visit or the records would come after the decide-by date.

Nothing here ever suggests a time frame: with no answer, the words say that the doctor has not
said yet, and where the question is. Pure Python with an injected `today`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Final

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.lazy_pattern import LazyPattern
from secondopinion_desktop.domain.records import RECORDS_LEAD_DAYS, short_date
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.domain.wait_times import NUMBER_WORDS

#: The question step 1's script asks the treating doctor, word for word.
QUESTION: Final = (
    "How long can we safely take to get a second opinion before deciding on treatment?"
)
MAX_WEEKS: Final = 104
MAX_SAID_BY: Final = 200
#: "Book the visit by ...": two weeks before the decide-by date (from the issue: time for the
#: records to arrive a week ahead, and a week to spare); a planning date, not a medical one.
BOOK_AHEAD_DAYS: Final = 14

_WEEK_WORDS: Final = {w: n for w, n in NUMBER_WORDS.items() if w not in ("a", "an")}
_WEEKS_RE: Final = LazyPattern(r"([0-9]{1,3}|[a-z]+)\s*(?:weeks?|wks?\.?|w)?", re.ASCII)


class Said(enum.Enum):
    """How the treating doctor's answer was given."""

    NOT_YET = "not_yet"
    DATE = "date"
    WEEKS = "weeks"


@frozen
class DecisionAnswer:
    """What the treating doctor said, as it is stored on the case."""

    decide_by: dt.date | None = None
    weeks: int | None = None
    weeks_from: dt.date | None = None
    said_by: str = ""

    @property
    def said(self) -> Said:
        if self.weeks is not None:
            return Said.WEEKS
        return Said.DATE if self.decide_by is not None else Said.NOT_YET


def answer_of(case: Case) -> DecisionAnswer:
    return DecisionAnswer(case.decide_by, case.decide_weeks, case.decide_from, case.decide_said_by)


def read_decide_by(text: str, *, today: dt.date) -> dt.date | None:
    """A decide-by date as typed; "" is no date. Raises ValidationError in words.

    Read like every date field (domain/typed_dates.py); without a year ("15 January") it is
    the next such day, since the date is still to come.
    """
    # the date readers load with the first date field, not at start (tests/test_app.py)
    from secondopinion_desktop.domain.typed_dates import read_date

    return read_date(text, today=today, lean="future")


def read_weeks(text: str) -> int | None:
    """A number of weeks as typed ("6", "6 weeks", "six weeks"); "" is none. Refused in words."""
    cleaned = " ".join(text.casefold().split())
    if not cleaned:
        return None
    match = _WEEKS_RE.fullmatch(cleaned)
    number = None
    if match is not None:
        word = match[1]
        number = int(word) if word.isdigit() else _WEEK_WORDS.get(word)
    if number is None:
        raise ValidationError(
            "Please write the number of weeks as a number, for example 6.", code="unreadable"
        )
    if not 1 <= number <= MAX_WEEKS:
        raise ValidationError(
            f"Please write a number of weeks from 1 to {MAX_WEEKS}.", code="out_of_range"
        )
    return number


def clean_said_by(text: str) -> str:
    """Who said it, tidied: one line, not too long (the rest is cut, never refused)."""
    return " ".join(text.split())[:MAX_SAID_BY]


def weeks_text(weeks: int) -> str:
    return "1 week" if weeks == 1 else f"{weeks} weeks"


def full_date(day: dt.date) -> str:
    """'Friday 15 January 2027': the decide-by date, said in full."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def answer_text(answer: DecisionAnswer) -> str:
    """The answer said back in whole words, as step 1 shows it under the fields."""
    if answer.weeks is not None and answer.weeks_from is not None:
        day = answer.weeks_from + dt.timedelta(weeks=answer.weeks)
        said = (
            f"Decision needed by {full_date(day)}: {weeks_text(answer.weeks)} from "
            f"{full_date(answer.weeks_from)}."
        )
    elif answer.decide_by is not None:
        said = f"Decision needed by {full_date(answer.decide_by)}."
    else:
        return "Not written down yet. Only your doctor can answer this question."
    if answer.said_by:
        said += f" {answer.said_by} said so."
    return said


def decision_needed_text(case: Case) -> str:
    """'Decision needed by Friday 15 January 2027', or "" with no answer (the printed sheets)."""
    day = case.decision_date
    return "" if day is None else f"Decision needed by {full_date(day)}"


# --- the timeline and its rules ------------------------------------------------------------


class Finding(enum.Enum):
    """What the rules find when the plan is held against the decide-by date."""

    NO_ANSWER = "no_answer"
    PASSED = "passed"
    NOTHING_BOOKED = "nothing_booked"
    VISIT_AFTER = "visit_after"
    RECORDS_AFTER = "records_after"


class MarkKind(enum.Enum):
    TODAY = "Today"
    RECORDS_DUE = "Records due"
    VISIT = "Visit"
    DECIDE_BY = "Decide by"


@frozen
class Mark:
    """One point on the drawn timeline: what it is and its day."""

    kind: MarkKind
    day: dt.date
    late: bool = False  # after the decide-by date: drawn in the warning colour

    @property
    def label(self) -> str:
        return self.kind.value


@frozen
class Timeline:
    """The decision clock of a case on one day: what to draw, and the same in words."""

    today: dt.date
    decide_by: dt.date | None
    visit: dt.date | None
    records_due: dt.date | None
    findings: frozenset[Finding]
    sentences: tuple[str, ...]
    warning: str = ""

    @property
    def marks(self) -> tuple[Mark, ...]:
        """The points to draw, in order of their days (today first when days are equal)."""
        late = self.decide_by
        marks = [Mark(MarkKind.TODAY, self.today)]
        if self.records_due is not None:
            after = late is not None and self.records_due > late
            marks.append(Mark(MarkKind.RECORDS_DUE, self.records_due, after))
        if self.visit is not None:
            marks.append(Mark(MarkKind.VISIT, self.visit, late is not None and self.visit > late))
        if self.decide_by is not None:
            marks.append(Mark(MarkKind.DECIDE_BY, self.decide_by))
        order = list(MarkKind)
        return tuple(sorted(marks, key=lambda m: (m.day, order.index(m.kind))))

    @property
    def words(self) -> str:
        """Everything the timeline says, one sentence a line (the drawing's accessible
        description)."""
        return "\n".join((*self.sentences, self.warning)).strip()


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _relative(day: dt.date, decide_by: dt.date) -> str:
    """'12 days before your decide-by date', 'on your decide-by date', '3 days after it'."""
    gap = (decide_by - day).days
    if gap == 0:
        return "on your decide-by date"
    if gap > 0:
        return f"{_days(gap)} before your decide-by date"
    return f"{_days(-gap)} after your decide-by date"


#: What can be done about a date after the decide-by date, one way a line (read aloud well,
#: and easy to find again on the page).
WHAT_CAN_HELP: Final = (
    "What can help:\n"
    "\u2022 Ask the office for its cancellation list or an earlier appointment.\n"
    "\u2022 Ask your treating doctor whether the later date is all right.\n"
    "\u2022 Or choose another doctor from the comparison table in step 3."
)


def decision_timeline(case: Case, visit: Appointment | None, today: dt.date) -> Timeline:
    """The timeline of the case's decision clock on `today`, with its findings and words.

    `visit` is the booked visit of the current round (None: nothing booked). The records are
    due a week before it. A visit already over is shown but not warned about.
    """
    decide_by = case.decision_date
    visit_day = visit.starts_at.date() if visit is not None else None
    records_due = (
        visit_day - dt.timedelta(days=RECORDS_LEAD_DAYS) if visit_day is not None else None
    )
    findings: set[Finding] = set()
    sentences: list[str] = []
    if decide_by is None:
        findings.add(Finding.NO_ANSWER)
        sentences.append(
            "Your treating doctor has not said yet how long you can take to decide. "
            "The question to ask is in step 1, and your doctor's answer goes there too."
        )
    else:
        who = f" ({case.decide_said_by} said so)" if case.decide_said_by else ""
        left = (decide_by - today).days
        if left > 0:
            sentences.append(
                f"Your decision is needed by {short_date(decide_by)}, in {_days(left)}{who}."
            )
        elif left == 0:
            sentences.append(f"Your decision is needed by today, {short_date(decide_by)}{who}.")
        else:
            findings.add(Finding.PASSED)
            sentences.append(f"Your decide-by date, {short_date(decide_by)}, has passed{who}.")
    if visit_day is None:
        sentences.append("No visit is booked yet.")
        if decide_by is not None and decide_by >= today:
            findings.add(Finding.NOTHING_BOOKED)
    else:
        # said in the past tense once the day has gone by
        visit_is = "The visit is on" if visit_day >= today else "The visit was on"
        due = records_due or visit_day
        records_are = "The records should arrive by" if due >= today else "The records were due by"
        if decide_by is None:
            sentences.append(f"{visit_is} {short_date(visit_day)}.")
            sentences.append(f"{records_are} {short_date(due)}.")
        else:
            sentences.append(
                f"{visit_is} {short_date(visit_day)}, {_relative(visit_day, decide_by)}."
            )
            sentences.append(f"{records_are} {short_date(due)}, {_relative(due, decide_by)}.")
            if visit_day >= today and visit_day > decide_by:
                findings.add(Finding.VISIT_AFTER)
            if visit_day >= today and due > decide_by:
                findings.add(Finding.RECORDS_AFTER)
    return Timeline(
        today=today,
        decide_by=decide_by,
        visit=visit_day,
        records_due=records_due,
        findings=frozenset(findings),
        sentences=tuple(sentences),
        warning=_warning(findings, decide_by, visit_day, records_due),
    )


def _warning(
    findings: set[Finding],
    decide_by: dt.date | None,
    visit: dt.date | None,
    records_due: dt.date | None,
) -> str:
    """The calm warning: what falls after the decide-by date, and what can be done."""
    if decide_by is None:
        return ""
    if Finding.PASSED in findings:
        return (
            "If you still need more time, ask your treating doctor whether it is all right "
            "to wait, and write their new answer in step 1."
        )
    if Finding.VISIT_AFTER in findings and visit is not None:
        late = f"The visit on {short_date(visit)} is {_relative(visit, decide_by)}."
        if Finding.RECORDS_AFTER in findings and records_due is not None:
            late = (
                f"The visit on {short_date(visit)} is {_relative(visit, decide_by)}, and the "
                f"records would be due {_relative(records_due, decide_by)} too."
            )
        return f"{late}\n{WHAT_CAN_HELP}"
    if Finding.RECORDS_AFTER in findings and records_due is not None:
        return (
            f"The records would be due on {short_date(records_due)}, "
            f"{_relative(records_due, decide_by)}.\n{WHAT_CAN_HELP}"
        )
    return ""


def book_by(case: Case) -> dt.date | None:
    """The day to have the visit booked by: two weeks before the decide-by date."""
    day = case.decision_date
    return None if day is None else day - dt.timedelta(days=BOOK_AHEAD_DAYS)
