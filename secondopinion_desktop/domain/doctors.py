"""Doctors in a case and the phone calls made to their offices."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from typing import Final

from secondopinion_desktop.domain.doctor_names import name_key, phone_digits
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.labelled import LabelledEnum


class Role(StrEnum):
    """How a doctor relates to the case."""

    TREATING = "treating"
    PRIMARY_CARE = "primary_care"
    CANDIDATE = "candidate"


class Source(LabelledEnum):
    """Where the name of a candidate doctor came from."""

    REFERRAL = "referral", "Current doctor's referral"
    FRIENDS_FAMILY = "friends_family", "Friends or family"
    INSURANCE_LIST = "insurance_list", "Insurance list"
    BOARD_DIRECTORY = "board_directory", "Board-certification directory"
    OTHER = "other", "Other"


class Answer(LabelledEnum):
    """An answer to a yes/no question asked on the phone; UNKNOWN until asked."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown", "not asked yet"


class Status(LabelledEnum):
    """Where a candidate stands."""

    CANDIDATE = "candidate", "Candidate"
    CONTACTED = "contacted", "Contacted"
    BOOKED = "booked", "Booked"
    RULED_OUT = "ruled_out", "Ruled out"


class InsuranceBasis(StrEnum):
    """Where the insurance answer came from: the office on the phone, or the insurer's list."""

    ASKED = "asked"
    INSURER_LIST = "insurer_list"


@frozen
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
    #: "yes, per the insurer's list" is not the same as the office saying yes on the phone.
    insurance_basis: InsuranceBasis = InsuranceBasis.ASKED

    @property
    def spoken(self) -> str:
        """The name as a person says it ("Dr. Grace Okonkwo"), wherever it is shown or printed;
        ``name`` stays as it was typed or listed ("OKONKWO, GRACE MD"), for editing."""
        return spoken_name(self.name)


@frozen
class Call:
    """One phone call to a doctor's office, and what it taught us."""

    id: int
    doctor_id: int
    called_at: str
    answered_by: str = ""
    learned: str = ""
    call_back_on: str | None = None


@frozen
class Fit:
    """How well a candidate fits, with the reasons in words (never a bare score)."""

    doctor: Doctor
    score: int
    reasons: tuple[str, ...]
    blockers: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """e.g. 'accepts your insurance, taking new patients, 9-day wait'."""
        parts = list(self.blockers) + list(self.reasons)
        return ", ".join(parts) if parts else "nothing asked yet"

    @property
    def possible(self) -> bool:
        return not self.blockers


def _wait_phrase(days: int) -> str:
    if days == 0:
        return "seen the same day"
    return f"{days}-day wait"


def assess(doctor: Doctor) -> Fit:
    """Weigh what was learned on the phone. Unknowns count a little, never as a yes."""
    score = 0
    reasons: list[str] = []
    blockers: list[str] = []
    if doctor.status is Status.RULED_OUT:
        blockers.append("ruled out")
    if doctor.accepts_insurance is Answer.YES and per_insurer_list(doctor):
        score += 30
        reasons.append("in network, per the insurer's list")
    elif doctor.accepts_insurance is Answer.YES:
        score += 40
        reasons.append("accepts your insurance")
    elif doctor.accepts_insurance is Answer.NO:
        blockers.append("does not take your insurance")
    else:
        score += 10
        reasons.append("insurance not asked yet")
    if doctor.accepting_new_patients is Answer.YES:
        score += 40
        reasons.append("taking new patients")
    elif doctor.accepting_new_patients is Answer.NO:
        blockers.append("not taking new patients")
    else:
        score += 10
        reasons.append("new patients not asked yet")
    if doctor.wait_days is not None:
        score += max(0, 30 - doctor.wait_days)
        reasons.append(_wait_phrase(doctor.wait_days))
    else:
        reasons.append("wait not asked yet")
    if doctor.board_certified is Answer.YES:
        score += 15
        reasons.append("board-certified")
    elif doctor.board_certified is Answer.NO:
        score -= 20
        reasons.append("not board-certified in this field")
    if doctor.referral_required is Answer.YES:
        score -= 5
        reasons.append("needs a referral")
    elif doctor.referral_required is Answer.NO:
        reasons.append("no referral needed")
    return Fit(doctor, score, tuple(reasons), tuple(blockers))


def rank_candidates(doctors: list[Doctor]) -> list[Fit]:
    """Candidates best first: possible ones before blocked ones, then by score, then name."""
    fits = [assess(d) for d in doctors if d.role is Role.CANDIDATE]
    return sorted(fits, key=lambda f: (not f.possible, -f.score, f.doctor.name.casefold()))


# A call logged a few minutes ahead of the computer's clock is a slow clock, not the future.
CALL_CLOCK_SLACK = dt.timedelta(minutes=5)
CALL_IN_FUTURE = "That call is in the future. Please check the day and time."


def call_in_future(when: dt.datetime, now: dt.datetime) -> bool:
    """Whether a call said to be made at `when` cannot have happened yet."""
    return when > now + CALL_CLOCK_SLACK


def status_after_call(status: Status) -> Status:
    """A candidate whose office was called is "contacted"; other statuses stay as they are."""
    return Status.CONTACTED if status is Status.CANDIDATE else status


def has_answers(doctor: Doctor) -> bool:
    """True once the office has answered at least one of the phone questions.

    Before any answer, every doctor scores the same "not asked yet" points, so a ranking would
    only be the alphabet dressed up as advice.
    """
    return doctor.wait_days is not None or any(
        answer is not Answer.UNKNOWN
        for answer in (
            doctor.accepting_new_patients,
            doctor.accepts_insurance,
            doctor.referral_required,
        )
    )


def best_fits(doctors: list[Doctor], limit: int = 3) -> list[Fit]:
    """The candidates worth calling first: those with answers and nothing ruling them out."""
    answered = [d for d in doctors if has_answers(d)]
    return [fit for fit in rank_candidates(answered) if fit.possible][:limit]


def best_fit_note(doctors: list[Doctor], fits: Sequence[Fit] | None = None) -> str:
    """What the "Best fit so far" card says besides the ranking ("" when nothing to add).

    `fits`: the doctors' `best_fits`, when the caller has them (ranking thousands of
    candidates twice took a tenth of a second)."""
    candidates = [d for d in doctors if d.role is Role.CANDIDATE]
    if not candidates:
        return "Add doctors in step 2, then call their offices. The best fit shows here."
    waiting = [d for d in candidates if not has_answers(d) and d.status is not Status.RULED_OUT]
    if len(waiting) == len(candidates):
        return (
            "No answers yet, so no doctor is ahead. Call the offices and log what they tell "
            "you; the best fit shows here once a doctor has answers."
        )
    if not (best_fits(doctors) if fits is None else fits):
        if waiting:
            return (
                "None of the doctors you have called fits yet. "
                f"{_count(len(waiting))} not called yet."
            )
        return "None of the doctors fits yet. Check the answers in the table."
    if waiting:
        return f"{_count(len(waiting))} not called yet, so not ranked."
    return ""


def _count(number: int) -> str:
    return "One doctor is" if number == 1 else f"{number} doctors are"


# --- the same doctor twice (issue 13, item 5) ---------------------------------------------------


#: The kinds of duplicate_kind the import skips as a doctor already listed; the rest it adds.
REPEAT_KINDS: Final = frozenset({"same name and phone", "same name"})


def duplicate_kind(name: str, phone: str, other_name: str, other_phone: str) -> str:
    """How two entries look like one doctor, in words ("" when they don't).

    The rule the spreadsheet import and the doctor dialog share: the same name in any form
    ("Okonkwo, Grace MD" is "Dr. Grace Okonkwo"), or the same phone line. The import skips only
    "same name and phone" and "same name" (one of them has no phone); a dialog warns on all.
    """
    same_name = bool(name.strip()) and name_key(name) == name_key(other_name)
    digits, other_digits = phone_digits(phone), phone_digits(other_phone)
    same_phone = bool(digits) and digits == other_digits
    if same_name and same_phone:
        return "same name and phone"
    if same_name and not (digits and other_digits):
        return "same name"
    if same_name:
        return "same name, another phone"
    if same_phone:
        return "same phone"
    return ""


def find_duplicates(doctor: Doctor, others: list[Doctor]) -> list[tuple[Doctor, str]]:
    """The doctors in ``others`` (itself left out) that look like ``doctor``, and how."""
    found: list[tuple[Doctor, str]] = []
    for other in others:
        if other.id and other.id == doctor.id:
            continue
        kind = duplicate_kind(doctor.name, doctor.phone, other.name, other.phone)
        if kind:
            found.append((other, kind))
    return found


def duplicate_warning(matches: list[tuple[Doctor, str]]) -> str:
    """The warning a dialog shows before adding a doctor who may already be listed."""
    other, kind = matches[0]
    more = len(matches) - 1
    extra = f" (and {more} more)" if more else ""
    return (
        f"{other.spoken} is already on your list ({kind}){extra}. "
        "Is this the same doctor? You can open the one on your list, or add this one anyway."
    )


# --- answers from an insurer's list (issue 13, item 4) ------------------------------------------


def per_insurer_list(doctor: Doctor) -> bool:
    """True when the insurance answer was read from the insurer's list, not asked by phone."""
    return (
        doctor.insurance_basis is InsuranceBasis.INSURER_LIST
        and doctor.accepts_insurance is not Answer.UNKNOWN
    )


def insurance_text(doctor: Doctor) -> str:
    """The insurance answer in words: "yes, per the insurer's list" differs from a phoned yes."""
    if per_insurer_list(doctor):
        return f"{doctor.accepts_insurance.label}, per the insurer's list"
    return doctor.accepts_insurance.label


def with_insurance_answer(doctor: Doctor, answer: Answer) -> Doctor:
    """The doctor with an insurance answer the person gave (by phone or by hand): a changed
    answer is theirs now, no longer the list's."""
    if answer is doctor.accepts_insurance:
        return doctor
    return replace(doctor, accepts_insurance=answer, insurance_basis=InsuranceBasis.ASKED)


def answer_from_list(text: str, *, yes: frozenset[str], no: frozenset[str]) -> Answer:
    """A list's cell ("Y", "In Network", "Not accepting") as an answer; UNKNOWN if unclear."""
    folded = " ".join(text.replace("-", " ").replace("_", " ").casefold().split())
    if folded in yes:
        return Answer.YES
    if folded in no:
        return Answer.NO
    return Answer.UNKNOWN


ACCEPTING_YES: Final = frozenset(
    {"y", "yes", "true", "1", "accepting", "open", "accepting new patients", "new patients"}
)
ACCEPTING_NO: Final = frozenset(
    {"n", "no", "false", "0", "not accepting", "closed", "no new patients", "full"}
)
NETWORK_YES: Final = frozenset(
    {"y", "yes", "true", "1", "in network", "innetwork", "in", "participating", "par", "tier 1"}
)
NETWORK_NO: Final = frozenset(
    {"n", "no", "false", "0", "out of network", "out", "not participating", "non par", "oon"}
)


def insurance_from_list(network: Answer, from_insurer: bool) -> tuple[Answer, InsuranceBasis]:
    """The insurance answer an imported row gives: its network column, or else, for a list
    that came from the insurer, "yes" (everyone on an in-network list is in the network)."""
    if network is Answer.UNKNOWN and from_insurer:
        network = Answer.YES
    if network is Answer.UNKNOWN:
        return Answer.UNKNOWN, InsuranceBasis.ASKED
    return network, InsuranceBasis.INSURER_LIST


# --- names as a person says them ------------------------------------------------------------

# Degrees that make someone "Dr." in everyday speech.
_DOCTOR_DEGREES: Final = frozenset(
    {"md", "do", "mbbs", "mbchb", "phd", "dds", "dmd", "dpm", "psyd", "dnp", "pharmd", "od", "dc"}
)
# Credentials kept after the name: they are not "Dr." (an NP or a PA is not a doctor).
_KEPT_CREDENTIALS: Final = {
    "np": "NP",
    "pa": "PA",
    "pac": "PA-C",
    "aprn": "APRN",
    "fnp": "FNP",
    "fnpbc": "FNP-BC",
    "fnpc": "FNP-C",
    "crnp": "CRNP",
    "rn": "RN",
    "cnm": "CNM",
    "lcsw": "LCSW",
    "lpc": "LPC",
}
_HONOURS: Final = frozenset(
    {"facs", "facp", "facc", "faap", "facog", "facg", "facep", "frcs", "frcp", "frcpc", "mph", "ms"}
)
_TITLE_WORDS: Final = frozenset({"dr", "doctor"})
_SUFFIXES: Final = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}


def _squash(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def _tidy_case(word: str) -> str:
    """ "OKONKWO" -> "Okonkwo", "O'BRIEN" -> "O'Brien", "SMITH-JONES" -> "Smith-Jones"."""
    return word if not word.isupper() or len(word) == 1 else word.title()


@functools.lru_cache(maxsize=1 << 16)
def spoken_name(name: str) -> str:
    """display_name, remembered: tables ask for names at every repaint."""
    return display_name(name)


def display_name(name: str) -> str:
    """A doctor's name as a person says it: "Okonkwo, Grace MD" -> "Dr. Grace Okonkwo".

    Lists write names surname first with degrees after; reminders and letters read better as
    speech. MD, DO, MBBS, PhD and the like give "Dr."; NP, PA and other credentials are kept
    after the name ("Grace Okonkwo, NP"), since they are not doctors' titles. A name that does
    not fit these shapes (three commas, a single word, nothing to reorder) is left as it was
    written, apart from tidying all-capital letters.
    """
    text = " ".join(name.split())
    if not text:
        return text
    all_caps = text.isupper()
    parts = [part.strip() for part in text.split(",")]
    if any(not part for part in parts):
        return text
    degrees: list[str] = []
    # Credentials after commas: "Okonkwo, Grace, MD, FACS" or "Grace Okonkwo, NP".
    while len(parts) > 1:
        words = parts[-1].split()
        if not words or not all(_is_credential(word) for word in words):
            break
        degrees = [*words, *degrees]
        parts.pop()
    if len(parts) > 2:
        return text
    words_tail = parts[-1].split()
    # Credentials written straight after the name: "Grace Okonkwo MD", "Chen, David M.D."
    while len(words_tail) > 1 and _is_credential(words_tail[-1], in_name=True, caps=all_caps):
        degrees.insert(0, words_tail.pop())
    parts[-1] = " ".join(words_tail)
    if len(parts) == 2:
        surname, given = parts
        suffix = ""
        given_words = given.split()
        if given_words and _squash(given_words[-1]) in _SUFFIXES:
            suffix = _SUFFIXES[_squash(given_words.pop())]
        if not given_words and suffix == "":
            return text
        ordered = [*given_words, *surname.split()]
        if suffix:
            ordered.append(suffix)
    else:
        ordered = parts[0].split()
    titled = bool(ordered) and _squash(ordered[0]) in _TITLE_WORDS
    if titled:
        ordered = ordered[1:]
    if not ordered:
        return text
    squashed = [_squash(d) for d in degrees]
    person = " ".join(_tidy_case(w) if all_caps else w for w in ordered)
    if titled or any(d in _DOCTOR_DEGREES for d in squashed):
        return f"Dr. {person}"
    kept = [_KEPT_CREDENTIALS[d] for d in squashed if d in _KEPT_CREDENTIALS]
    if kept:
        return f"{person}, {', '.join(dict.fromkeys(kept))}"
    return person


def _is_credential(word: str, in_name: bool = False, caps: bool = False) -> bool:
    """True for "MD", "M.D.", "PA-C", "FACS". Written straight after a name (``in_name``), the
    short ones that are also surnames ("Anh Do") count only with dots, or in capitals within a
    name that is not all capitals (``caps``): "Ana Ruiz DO" but not "ANH DO"."""
    squashed = _squash(word)
    known = squashed in _DOCTOR_DEGREES or squashed in _KEPT_CREDENTIALS or squashed in _HONOURS
    if not known:
        return False
    if in_name and squashed in {"do", "pa", "ms", "od", "dc", "rn"}:
        return "." in word or (word.isupper() and not caps)
    return True
