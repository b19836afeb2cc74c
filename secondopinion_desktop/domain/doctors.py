"""Doctors in a case and the phone calls made to their offices."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """How a doctor relates to the case."""

    TREATING = "treating"
    PRIMARY_CARE = "primary_care"
    CANDIDATE = "candidate"


class Source(StrEnum):
    """Where the name of a candidate doctor came from."""

    REFERRAL = "referral"
    FRIENDS_FAMILY = "friends_family"
    INSURANCE_LIST = "insurance_list"
    BOARD_DIRECTORY = "board_directory"
    OTHER = "other"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS: dict[Source, str] = {
    Source.REFERRAL: "Current doctor's referral",
    Source.FRIENDS_FAMILY: "Friends or family",
    Source.INSURANCE_LIST: "Insurance list",
    Source.BOARD_DIRECTORY: "Board-certification directory",
    Source.OTHER: "Other",
}


class Answer(StrEnum):
    """An answer to a yes/no question asked on the phone; UNKNOWN until asked."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return "not asked yet" if self is Answer.UNKNOWN else self.value


class Status(StrEnum):
    """Where a candidate stands."""

    CANDIDATE = "candidate"
    CONTACTED = "contacted"
    BOOKED = "booked"
    RULED_OUT = "ruled_out"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.CANDIDATE: "Candidate",
    Status.CONTACTED: "Contacted",
    Status.BOOKED: "Booked",
    Status.RULED_OUT: "Ruled out",
}


@dataclass(frozen=True)
class Doctor:
    """A doctor: one treating the patient now, or a candidate for the second opinion."""

    id: int
    case_id: int
    name: str
    role: Role = Role.CANDIDATE
    specialty: str = ""
    practice: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    source: Source | None = None
    source_detail: str = ""
    board_certified: Answer = Answer.UNKNOWN
    board_checked_on: str | None = None
    accepting_new_patients: Answer = Answer.UNKNOWN
    wait_days: int | None = None
    accepts_insurance: Answer = Answer.UNKNOWN
    referral_required: Answer = Answer.UNKNOWN
    status: Status = Status.CANDIDATE
    notes: str = ""


@dataclass(frozen=True)
class Call:
    """One phone call to a doctor's office, and what it taught us."""

    id: int
    doctor_id: int
    called_at: str
    answered_by: str = ""
    learned: str = ""
    call_back_on: str | None = None
