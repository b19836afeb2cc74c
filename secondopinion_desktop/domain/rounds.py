"""What a new round of opinions keeps, starts afresh and leaves out (a third opinion).

Round 1 is the original doctor's opinion, round 2 the second opinion, round 3 a third. Starting
the next round must not look like lost progress: the earlier rounds keep who gave which
opinion, the questions and answers of each visit, and where each record went. Only what belongs
to the next destination starts afresh:

- a doctor who gave an opinion keeps that in words ("Gave the second opinion (round 2)") and is
  not ranked again as a candidate for the new round;
- each record that went to that round's doctor keeps a `RecordDelivery` (sent, arrived,
  returned, to whom), and its live state starts again for the next doctor;
- the new visit's questions start from the earlier visit's open questions and from the case,
  naming what each doctor said; answered questions stay with the visit where they were asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.doctors import Doctor, Fit, Role, best_fit_note, best_fits
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.lazy_pattern import LazyPattern
from secondopinion_desktop.domain.opinions import ROUND_ORDINALS, Opinion, round_doctor, round_name
from secondopinion_desktop.domain.questions import Question, Topic
from secondopinion_desktop.domain.records import Delivery, RecordItem, short_date


def ordinal(round_: int) -> str:
    """'second', 'third', ... ('number 7' past the named ones)."""
    return ROUND_ORDINALS.get(round_, f"number {round_}")


# --- who gave which opinion ----------------------------------------------------------------------


def round_visit_doctor(appointments: Iterable[Appointment], round_: int) -> int | None:
    """The doctor of the round's visit (the latest booked), if one was named."""
    visits = [
        a
        for a in appointments
        if a.round == round_ and a.kind is not AppointmentKind.OTHER and a.doctor_id is not None
    ]
    if not visits:
        return None
    return max(visits, key=lambda a: (a.starts_at, a.id)).doctor_id


def opinion_givers(
    opinions: Iterable[Opinion], appointments: Iterable[Appointment], current_round: int
) -> dict[int, int]:
    """doctor id -> the round whose opinion they gave (the latest, if they gave two).

    A finished round's doctor gave its opinion whether or not it was written down in full;
    in the round under way, only once the opinion is written or its outcome chosen. The
    doctor is the one named on the opinion, else the one the round's visit was booked with.
    """
    visits = list(appointments)
    by_round = {o.round: o for o in opinions if o.round >= 2}
    givers: dict[int, int] = {}
    for number in range(2, current_round + 1):
        opinion = by_round.get(number)
        finished = number < current_round
        given = opinion is not None and (opinion.written or opinion.outcome is not None)
        if not (finished or given):
            continue
        doctor_id = opinion.doctor_id if opinion is not None else None
        if doctor_id is None:
            doctor_id = round_visit_doctor(visits, number)
        if doctor_id is not None:
            givers[doctor_id] = number
    return givers


def gave_opinion_words(round_: int) -> str:
    """The status a doctor keeps after giving an opinion: 'Gave the second opinion (round 2)'."""
    return f"Gave the {ordinal(round_)} opinion (round {round_})"


GAVE_AN_OPINION = "Gave an opinion"  # the same status where a table cell is narrow


@frozen
class RoundRanking:
    """The best fits for the round under way, what the card says besides them, and who is
    left out of the ranking and why."""

    fits: tuple[Fit, ...]
    note: str
    left_out: tuple[str, ...]


def rank_for_round(
    doctors: Sequence[Doctor], givers: Mapping[int, int], limit: int = 3
) -> RoundRanking:
    """Rank the candidates for the next opinion; a doctor who already gave one is not a
    candidate for another (a third opinion means a third doctor), and the words say so."""
    candidates = [d for d in doctors if d.role is Role.CANDIDATE]
    eligible = [d for d in candidates if d.id not in givers]
    left_out = tuple(
        f"{d.spoken} is not ranked: they gave the {ordinal(givers[d.id])} opinion."
        for d in sorted(candidates, key=lambda d: givers.get(d.id, 0))
        if d.id in givers
    )
    fits = best_fits(eligible, max(1, limit))
    return RoundRanking(tuple(fits[:limit]), best_fit_note(eligible, fits), left_out)


# --- where each record went ----------------------------------------------------------------------


@frozen
class RecordDelivery:
    """Where one record went in one round and how far it got: its per-destination history."""

    id: int
    record_id: int
    round: int
    doctor_id: int | None = None
    doctor_name: str = ""  # as the doctor was known when the round ended
    delivery: Delivery | None = None
    sent_on: dt.date | None = None
    confirmed_on: dt.date | None = None
    confirmed_by: str = ""
    returned_on: dt.date | None = None
    still_away: bool = False  # lent (slides, films) and not back when the round ended


def _reached(item: RecordItem) -> bool:
    return item.sent_on is not None or item.confirmed_on is not None or item.returned_on is not None


def close_round_records(
    items: Iterable[RecordItem], finished_round: int, doctor: Doctor | None = None
) -> tuple[list[RecordDelivery], list[RecordItem]]:
    """At the end of a round: a history row for each record that went to that round's doctor,
    and the record as it starts for the next doctor.

    What was asked for and received stays (those copies are reused); sent, arrived and returned
    start again. Slides and films lent to that doctor and not yet returned are still at their
    office, so they are to be asked for again, from there.
    """
    history: list[RecordDelivery] = []
    fresh_items: list[RecordItem] = []
    for item in items:
        if not item.goes_to_new_doctor or not _reached(item):
            continue
        still_away = item.kind.lent and item.returned_on is None and item.sent_on is not None
        history.append(
            RecordDelivery(
                id=0,
                record_id=item.id,
                round=finished_round,
                doctor_id=doctor.id if doctor else None,
                doctor_name=doctor.spoken if doctor else "",
                delivery=item.delivery,
                sent_on=item.sent_on,
                confirmed_on=item.confirmed_on,
                confirmed_by=item.confirmed_by.strip(),
                returned_on=item.returned_on,
                still_away=still_away,
            )
        )
        fresh = replace(item, sent_on=None, confirmed_on=None, confirmed_by="", returned_on=None)
        if still_away:
            fresh = replace(
                fresh,
                requested_on=None,
                received_on=None,
                holder_doctor_id=doctor.id if doctor else None,
                holder_text="" if doctor else f"{round_doctor(finished_round)}'s office",
            )
        elif fresh.received_on is None:
            fresh = replace(fresh, received_on=item.sent_on or item.confirmed_on)  # was in hand
        fresh_items.append(fresh)
    return history, fresh_items


def _office(delivery: RecordDelivery) -> str:
    name = delivery.doctor_name.strip() or round_doctor(delivery.round)
    return f"{name}'s office"


def delivery_text(delivery: RecordDelivery) -> str:
    """One round's history of a record, in a sentence.

    'Second opinion: arrived at Dr. Chen's office on Sat 14 Nov, confirmed by Ann.'
    """
    office = _office(delivery)
    head = f"{round_name(delivery.round)}: "
    if delivery.confirmed_on is not None:
        text = f"arrived at {office} on {short_date(delivery.confirmed_on)}"
        if delivery.confirmed_by:
            text += f", confirmed by {delivery.confirmed_by}"
    elif delivery.sent_on is not None:
        verb = "faxed" if delivery.delivery is Delivery.FAX else "sent"
        text = f"{verb} to {office} on {short_date(delivery.sent_on)}, arrival not confirmed"
    else:
        text = f"went to {office}"
    if delivery.returned_on is not None:
        text += f"; back with you {short_date(delivery.returned_on)}"
    elif delivery.still_away:
        text += "; still there (ask for it back, or for it to be sent on)"
    return head + text + "."


def history_text(deliveries: Iterable[RecordDelivery]) -> str:
    """Every earlier round of a record, oldest first, one sentence each ('' for none)."""
    return " ".join(delivery_text(d) for d in sorted(deliveries, key=lambda d: d.round))


def status_with_history(status: str, deliveries: Sequence[RecordDelivery]) -> str:
    """The record's status for the round under way, followed by where it went before, so a
    new round never reads as lost progress."""
    earlier = history_text(deliveries)
    if not earlier:
        return status
    return f"{status.rstrip('.')}. {earlier}"


# --- the questions of the next visit -------------------------------------------------------------


def opinion_speaker(opinion: Opinion, doctors: Mapping[int, str], own: str = "my doctor") -> str:
    """Who gave an opinion, in words: the doctor listed, the name written, or the round's."""
    if opinion.doctor_id is not None and opinion.doctor_id in doctors:
        return doctors[opinion.doctor_id]
    if opinion.doctor_name.strip():
        return opinion.doctor_name.strip()
    return own if opinion.round == 1 else round_doctor(opinion.round)


def questions_for_new_round(
    previous: Sequence[Question],
    starters: Sequence[tuple[Topic, str]],
    earlier_starters: Iterable[str],
    case_id: int,
    new_round: int,
) -> list[Question]:
    """The new visit's list: the starter set first, then the earlier visit's open questions.

    Answered questions stay with the visit where they were answered (read there, in "Earlier
    visits"). An open question comes along not yet asked; an unchanged starter question of the
    earlier set is not copied, as the new starter set asks it again in today's words.
    """
    generated = {" ".join(text.split()).casefold() for text in earlier_starters}
    generated |= {" ".join(text.split()).casefold() for _topic, text in starters}
    questions = [
        Question(id=0, case_id=case_id, text=text, round=new_round, position=n, topic=topic)
        for n, (topic, text) in enumerate(starters, start=1)
    ]
    position = len(questions)
    for question in sorted(previous, key=lambda q: (q.position, q.id)):
        if question.answer.strip():
            continue
        if " ".join(question.text.split()).casefold() in generated:
            continue
        position += 1
        questions.append(
            replace(
                question,
                id=0,
                round=new_round,
                position=position,
                asked_on=None,
                answer="",
                topic=Topic.OWN,
            )
        )
    return questions


# --- the earlier visits, to read -----------------------------------------------------------------


@frozen
class EarlierVisit:
    """One earlier round's visit: a heading in words and its questions with their answers."""

    round: int
    heading: str
    lines: tuple[tuple[str, str], ...]  # (question, its answer or that none was written)
    not_asked: int = 0  # questions on that visit's list that were not asked there

    @property
    def not_asked_text(self) -> str:
        """'3 questions were not asked at that visit.' ('' when every one was)."""
        if not self.not_asked:
            return ""
        if self.not_asked == 1:
            return "One question was not asked at that visit."
        return f"{self.not_asked} questions were not asked at that visit."


def earlier_visits(
    questions: Iterable[Question],
    opinions: Iterable[Opinion],
    appointments: Iterable[Appointment],
    doctors: Mapping[int, str],
    current_round: int,
) -> list[EarlierVisit]:
    """The finished rounds' visits, oldest first, to read in step 6 (nothing to change):
    the questions asked there with their answers, and how many were not asked."""
    by_round: dict[int, list[Question]] = {}
    for question in questions:
        if 2 <= question.round < current_round:
            by_round.setdefault(question.round, []).append(question)
    opinion_of = {o.round: o for o in opinions}
    visits = list(appointments)
    result: list[EarlierVisit] = []
    for number in range(2, current_round):
        asked = sorted(by_round.get(number, []), key=lambda q: (q.position, q.id))
        opinion = opinion_of.get(number)
        who = opinion_speaker(opinion, doctors) if opinion is not None else ""
        if not who or who == round_doctor(number):
            visit_doctor = round_visit_doctor(visits, number)
            who = doctors.get(visit_doctor, "") if visit_doctor is not None else ""
        heading = f"{round_name(number)}" + (f", with {who}" if who else "")
        dated = [a for a in visits if a.round == number and a.kind is not AppointmentKind.OTHER]
        if dated:
            day = max(dated, key=lambda a: (a.starts_at, a.id)).starts_at.date()
            heading += f", {short_date(day)} {day.year}"
        spoken = [q for q in asked if q.asked or q.answer.strip()]
        lines = tuple((q.text, _answer_words(q)) for q in spoken)
        result.append(EarlierVisit(number, heading, lines, len(asked) - len(spoken)))
    return result


def _answer_words(question: Question) -> str:
    if question.answer.strip():
        return f"Answer: {question.answer.strip()}"
    return "Asked; no answer written down."


# --- history lines written by earlier versions ---------------------------------------------------

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DATE = r"(\w{3}) (\d{1,2}) (\w{3})"
_OLD_LINE = LazyPattern(
    rf"^(?P<round>[A-Z][a-z]+ opinion|Opinion \d+): "
    rf"(?:sent {_DATE})?(?:, )?(?:arrived {_DATE}(?: \(confirmed by (?P<by>[^)]*)\))?)?"
    rf"(?:, )?(?:returned {_DATE})?\.(?P<away> Still with (?P<where>.*)'s office: ask for them "
    rf"back, or to send them on\.)?$"
)


def _old_date(weekday: str, day: str, month: str, before: dt.date) -> dt.date | None:
    """A 'Fri 13 Nov' date without its year: the latest such date on or before `before`."""
    month_number = _MONTHS.get(month.casefold())
    day_name = weekday.casefold()
    if month_number is None or day_name not in _DAYS:
        return None
    for year in range(before.year, before.year - 12, -1):
        try:
            candidate = dt.date(year, month_number, int(day))
        except ValueError:
            continue
        if candidate <= before and _DAYS[candidate.weekday()] == day_name:
            return candidate
    return None


def _round_of_name(name: str) -> int | None:
    for number in range(1, 100):
        if round_name(number) == name:
            return number
    return None


def parse_old_history_line(
    line: str, record_id: int, before: dt.date, doctor: Doctor | None = None
) -> RecordDelivery | None:
    """A line earlier versions wrote into a record's notes when a round began
    ('Second opinion: sent Mon 2 Nov, arrived Mon 2 Nov (confirmed by Denise).') as a history
    row; None when the line is not one of those, or a date cannot be read for certain."""
    match = _OLD_LINE.match(line.strip())
    if match is None:
        return None
    number = _round_of_name(match.group("round"))
    groups = match.groups()
    if number is None or number < 2:
        return None
    dates: list[dt.date | None] = []
    for start in (1, 4, 8):
        weekday, day, month = groups[start], groups[start + 1], groups[start + 2]
        if weekday is None:
            dates.append(None)
            continue
        parsed = _old_date(weekday, day, month, before)
        if parsed is None:
            return None
        dates.append(parsed)
    sent, confirmed, returned = dates
    if sent is None and confirmed is None and returned is None:
        return None
    return RecordDelivery(
        id=0,
        record_id=record_id,
        round=number,
        doctor_id=doctor.id if doctor else None,
        doctor_name=doctor.spoken if doctor else (match.group("where") or ""),
        sent_on=sent,
        confirmed_on=confirmed,
        confirmed_by=(match.group("by") or "").strip(),
        returned_on=returned,
        still_away=match.group("away") is not None,
    )
