"""A case: one person's search for a second opinion."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.doctors import Answer
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.validation import clean_line

MAX_TITLE_LENGTH = 200
NO_TITLE = "Please give the case a name, for example the patient's name."
TITLE_TOO_LONG = f"Please keep the name under {MAX_TITLE_LENGTH} letters."
ADULT_AGE = 18


@frozen
class Case:
    """What the app knows about the patient and their diagnosis."""

    id: int
    title: str
    patient_name: str = ""
    date_of_birth: dt.date | None = None
    diagnosis: str = ""
    recommended_treatment: str = ""
    insurance_plan: str = ""
    insurance_member_id: str = ""
    organiser_name: str = ""
    organiser_phone: str = ""
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""
    # Step 1: telling the current doctor
    told_doctor_id: int | None = None
    told_on: dt.date | None = None
    hear_back: str = ""
    referral_asked: Answer = Answer.UNKNOWN
    referral_given: Answer = Answer.UNKNOWN
    referral_to: str = ""
    # Step 1: how long the decision can safely wait, as the treating doctor said it (a date,
    # or a number of weeks from a date); see domain/decision_clock.py
    decide_by: dt.date | None = None
    decide_weeks: int | None = None
    decide_from: dt.date | None = None
    decide_said_by: str = ""

    @property
    def decision_date(self) -> dt.date | None:
        """The day the treatment decision is needed by, as the treating doctor said it.

        Kept as it was said (a date, or weeks from a date), so the page can say it back in the
        same words; the day itself is worked out here, in one place.
        """
        if self.decide_weeks is not None and self.decide_from is not None:
            try:
                return self.decide_from + dt.timedelta(weeks=self.decide_weeks)
            except OverflowError:
                return None
        return self.decide_by

    def is_child_on(self, day: dt.date) -> bool:
        """Whether the patient is under 18 on `day` (by the date of birth typed, if any).

        A child's case is organised by a parent or guardian, so suggested words speak of
        "my child" rather than "I"; with no date of birth the patient is taken to be an adult.
        """
        born = self.date_of_birth
        if born is None or born > day:
            return False
        birthday_passed = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (0 if birthday_passed else 1) < ADULT_AGE

    @property
    def display_name(self) -> str:
        """What the case is called in menus and the title bar."""
        return self.title or self.patient_name or "Untitled case"


@frozen
class StepProgress:
    """Whether one step of a case is done, and the person's own notes on it."""

    step: int
    done_at: str | None = None
    notes: str = ""

    @property
    def done(self) -> bool:
        return self.done_at is not None


def clean_title(text: str) -> str:
    """A case title as typed, tidied; raises ValueError with words for the person if unusable."""
    return clean_line(text, MAX_TITLE_LENGTH, NO_TITLE, TITLE_TOO_LONG)


def suggested_title(patient_name: str) -> str:
    """The default case name for a patient."""
    name = " ".join(patient_name.split())
    if not name:
        return "My second opinion"
    title = f"Second opinion for {name}"
    if len(title) > MAX_TITLE_LENGTH:
        title = title[: MAX_TITLE_LENGTH - 1].rstrip() + "\u2026"
    return title
