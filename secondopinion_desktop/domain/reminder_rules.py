"""The reminders a case's data implies, and how to bring the stored ones in step with them.

A reminder derived from the data carries a stable key ("call-back:12"), so every time the rules
run it is updated, never duplicated; when the data no longer implies it (the fax was confirmed,
the visit is over), it goes. The person's own reminders have no key and are left alone.

The rules, from PRODUCT.md:

- the records should reach the new doctor about a week before the visit: a reminder a few days
  before that, listing what is still on its way;
- a faxed (or mailed) item is not done until someone phoned and heard that it arrived: a
  reminder to phone on the next business day (mail: a few business days);
- a call log that says "call back on ..." becomes a reminder that morning, unless a later call
  to the same office was logged;
- the visit: a reminder the day before, with what to bring;
- a booked doctor who sees patients only with a referral: a reminder to ask for it;
- the treating doctor said by when the decision is needed, and nothing is booked: "Book the
  visit by ...", two weeks before that day (domain/decision_clock.py).

Times are local wall-clock times ("9 am the day before"). `zone` None means the computer's own
time zone (with its summer time); tests pass a fixed zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace

from secondopinion_desktop.domain.appointments import (
    Appointment,
    AppointmentKind,
    Todo,
    format_when,
)
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import book_by, full_date
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Status
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.records import (
    RECORDS_LEAD_DAYS,
    Delivery,
    RecordItem,
    RecordKind,
    RecordState,
    goes_to,
    lower_first,
    recipient_name,
    short_date,
)
from secondopinion_desktop.domain.reminders import (
    MORNING,
    About,
    Reminder,
    add_business_days,
    clock_text,
    local_at,
    next_business_day,
    to_local,
)

CALL_TIME = dt.time(10, 0)
RECORDS_WARNING_DAYS = 3  # remind this many days before the records are due
REFERRAL_LEAD_DAYS = 10  # a referral should be asked for well before the records are due
FAX_CONFIRM_BUSINESS_DAYS = 1
MAIL_CONFIRM_BUSINESS_DAYS = 3

# What the number in a derived reminder's or a to-do's key names ("referral:3" is doctor 3).
KEY_TABLES: dict[str, str] = {
    "records-due": "appointments",
    "confirm-arrival": "records",
    "call-back": "calls",
    "visit": "appointments",
    "referral": "doctors",
}


def remapped_key(key: str, new_ids: Mapping[str, Mapping[int, int]]) -> str:
    """A key as it must read once every row got a new id (a case import): "referral:3" becomes
    "referral:41" when doctor 3 is 41 now. A key naming a row that did not come along cannot
    match any row here (it must not find the doctor that happens to be 3 in this database)."""
    prefix, colon, number = key.partition(":")
    table = KEY_TABLES.get(prefix)
    if not colon or table is None or not number.isascii() or not number.isdigit():
        return key
    new = new_ids.get(table, {}).get(int(number))
    return f"{prefix}:{new}" if new is not None else f"{prefix}:gone-{number}"


@frozen
class Wanted:
    """A reminder the data implies right now."""

    key: str
    title: str
    due_at: dt.datetime
    detail: str = ""
    about: About = About.CASE
    about_id: int | None = None
    page: int | None = None


@frozen
class ReminderFacts:
    """Everything the rules look at, for one case."""

    case: Case
    round: int = 2
    appointments: Sequence[Appointment] = ()
    doctors: Sequence[Doctor] = ()
    calls: Sequence[Call] = ()
    records: Sequence[RecordItem] = ()
    todos: Sequence[Todo] = ()
    # when each to-do was added, by key
    todo_added: Mapping[str, dt.datetime] = field(default_factory=dict)


def _join(names: Sequence[str], limit: int = 4) -> str:
    """'a, b and c'; long lists end 'and 3 more'."""
    names = list(names)
    if len(names) > limit:
        shown = names[: limit - 1]
        return ", ".join(shown) + f" and {len(names) - len(shown)} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- the rules ------------------------------------------------------------------------------


def round_visit(appointments: Iterable[Appointment], round_: int) -> Appointment | None:
    """The visit of this round (the latest booked), as the repository's `opinion_appointment`."""
    visits = [a for a in appointments if a.round == round_ and a.kind is not AppointmentKind.OTHER]
    return max(visits, key=lambda a: a.id) if visits else None


def _names(doctors: Iterable[Doctor]) -> dict[int, str]:
    return {d.id: d.spoken for d in doctors}


def _visit_doctor(facts: ReminderFacts, visit: Appointment | None) -> Doctor | None:
    if visit is None or visit.doctor_id is None:
        return None
    return next((d for d in facts.doctors if d.id == visit.doctor_id), None)


def records_due_rule(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    visit = round_visit(facts.appointments, facts.round)
    if visit is None or visit.starts_at <= now:
        return []
    doctor = _visit_doctor(facts, visit)
    waiting = [
        item
        for item in facts.records
        if goes_to(item, visit.doctor_id) and not item.brought and not item.ready
    ]
    if not waiting:
        return []
    due_day = visit.starts_at.date() - dt.timedelta(days=RECORDS_LEAD_DAYS)
    name = doctor.spoken if doctor else "the new doctor"
    # each name once: "medical records" from two doctors is not said twice
    titles = list(dict.fromkeys(lower_first(i.title) for i in waiting))
    detail = (
        f"Still on the way: {_join(titles)}. Aim for everything to arrive about a week before "
        f"the visit, so {name} has time to study it. If you fax anything, phone afterwards to "
        "check it arrived."
    )
    return [
        Wanted(
            key=f"records-due:{visit.id}",
            title=f"Records should reach {name} by {short_date(due_day)}",
            detail=detail,
            due_at=local_at(due_day - dt.timedelta(days=RECORDS_WARNING_DAYS), MORNING, zone),
            about=About.RECORD,
            page=4,
        )
    ]


def confirm_arrival_rule(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    visit = round_visit(facts.appointments, facts.round)
    new_doctor = _visit_doctor(facts, visit)
    names = _names(facts.doctors)
    wanted: list[Wanted] = []
    for item in facts.records:
        if not item.awaiting_confirmation or item.sent_on is None:
            continue
        if item.delivery is Delivery.FAX:
            verb, days = "faxed", FAX_CONFIRM_BUSINESS_DAYS
        elif item.delivery is Delivery.MAIL:
            verb, days = "mailed", MAIL_CONFIRM_BUSINESS_DAYS
        else:
            continue  # handed in person: the person notes who took it
        to = recipient_name(item, names, new_doctor.spoken if new_doctor else None)
        target = next((d for d in facts.doctors if d.id == item.recipient_doctor_id), None)
        if target is None and item.goes_to_new_doctor:
            target = new_doctor
        phone = f" Their phone: {target.phone}." if target is not None and target.phone else ""
        detail = (
            f"You {verb} it on {short_date(item.sent_on)}. "
            + (
                "A fax machine's \u201csent\u201d report does not prove the right person has it. "
                if item.delivery is Delivery.FAX
                else ""
            )
            + f"Ask who has it, and write their name down.{phone}"
        )
        wanted.append(
            Wanted(
                key=f"confirm-arrival:{item.id}",
                title=f"Phone {to} to check the {verb} {lower_first(item.title)} arrived",
                detail=detail,
                due_at=local_at(add_business_days(item.sent_on, days), CALL_TIME, zone),
                about=About.RECORD,
                about_id=item.id,
                page=item.kind.step,
            )
        )
    return wanted


def _parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def call_back_rule(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    doctors = {d.id: d for d in facts.doctors}
    wanted: list[Wanted] = []
    for call in facts.calls:
        if not call.call_back_on:
            continue
        try:
            day = dt.date.fromisoformat(call.call_back_on[:10])
        except ValueError:
            continue
        doctor = doctors.get(call.doctor_id)
        if doctor is None or doctor.status is Status.RULED_OUT:
            continue
        made = _parse_time(call.called_at)
        later = [
            c
            for c in facts.calls
            if c.doctor_id == call.doctor_id
            and c.id != call.id
            and (t := _parse_time(c.called_at)) is not None
            and made is not None
            and t > made
        ]
        if later:
            continue  # the call back was made (and logged)
        learned = " ".join(call.learned.split())
        parts = [f"You planned to call back on {short_date(day)}."]
        if learned:
            parts.append(f"Last time: {learned}")
        if doctor.phone:
            parts.append(f"Phone: {doctor.phone}.")
        wanted.append(
            Wanted(
                key=f"call-back:{call.id}",
                title=f"Call {doctor.spoken}'s office back",
                detail=" ".join(parts),
                due_at=local_at(day, MORNING, zone),
                about=About.DOCTOR,
                about_id=doctor.id,
                page=3,
            )
        )
    return wanted


def things_to_bring(records: Iterable[RecordItem]) -> list[str]:
    """What the person takes to the visit: items brought along that are not left at the office."""
    return [
        lower_first(i.title)
        for i in records
        if i.brought and i.state is not RecordState.ARRIVED and i.returned_on is None
    ]


def visit_rule(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    doctors = {d.id: d for d in facts.doctors}
    current = round_visit(facts.appointments, facts.round)
    wanted: list[Wanted] = []
    for visit in facts.appointments:
        if visit.starts_at <= now:
            continue
        doctor = doctors.get(visit.doctor_id) if visit.doctor_id is not None else None
        name = doctor.spoken if doctor else "the doctor"
        local = to_local(visit.starts_at, zone)
        parts = [f"{format_when(local)}."]
        if visit.place:
            parts.append(f"Where: {visit.place}.")
        if visit.kind is AppointmentKind.MULTIDISCIPLINARY and visit.team_members:
            parts.append(f"You will see: {_join(list(visit.team_members), 8)}.")
        if current is not None and visit.id == current.id:
            bring = things_to_bring(facts.records)
            bring.append("your list of questions (print it from step 6)")
            parts.append(f"Bring: {_join(bring, 8)}.")
        wanted.append(
            Wanted(
                key=f"visit:{visit.id}",
                title=f"Visit with {name}, {local:%A} at {clock_text(local)}",
                detail=" ".join(parts),
                due_at=local_at(local.date() - dt.timedelta(days=1), MORNING, zone),
                about=About.APPOINTMENT,
                about_id=visit.id,
                page=6,
            )
        )
    return wanted


def referral_rule(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    visit = round_visit(facts.appointments, facts.round)
    doctor = _visit_doctor(facts, visit)
    if visit is None or doctor is None or visit.starts_at <= now:
        return []
    if doctor.referral_required is not Answer.YES:
        return []
    todo_key = f"referral:{doctor.id}"
    todo = next((t for t in facts.todos if t.key == todo_key), None)
    if todo is not None and todo.done:
        return []  # ticked off on the to-do list
    sent = any(
        i.kind is RecordKind.REFERRAL_FORM
        and goes_to(i, doctor.id)
        and i.state in (RecordState.SENT, RecordState.ARRIVED)
        for i in facts.records
    )
    if sent:
        return []
    latest = local_at(
        visit.starts_at.date() - dt.timedelta(days=REFERRAL_LEAD_DAYS), CALL_TIME, zone
    )
    added = facts.todo_added.get(todo_key)
    due = latest
    if added is not None:
        due = min(due, local_at(next_business_day(to_local(added, zone).date()), CALL_TIME, zone))
    primary = next((d for d in facts.doctors if d.role is Role.PRIMARY_CARE), None)
    who = primary.spoken if primary else "your primary-care doctor"
    fax = f" {doctor.spoken}'s fax: {doctor.fax}." if doctor.fax else ""
    return [
        Wanted(
            key=f"referral:{doctor.id}",
            title=f"Ask {who} for a referral to {doctor.spoken}",
            detail=(
                f"{doctor.spoken} sees patients only with a referral. Ask {who}'s front desk to "
                f"phone {doctor.spoken}'s office and fax the referral form over.{fax}"
            ),
            due_at=due,
            about=About.DOCTOR,
            about_id=doctor.id,
            page=3,
        )
    ]


def book_visit_rule(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    """Nothing booked two weeks before the decide-by date: book the visit by then."""
    decide_by, book_day = facts.case.decision_date, book_by(facts.case)
    if decide_by is None or book_day is None or round_visit(facts.appointments, facts.round):
        return []
    if decide_by < to_local(now, zone).date():
        return []  # the date has passed: the timeline says so, a reminder would only nag
    return [
        Wanted(
            key=f"book-visit:{facts.case.id}",
            title=f"Book the visit by {short_date(book_day)}",
            detail=(
                f"Your decision is needed by {full_date(decide_by)}, and no visit is booked "
                "yet. Booking by then leaves time for the records to arrive a week before "
                "the visit. Ask each office for its first free appointment, or to put you on "
                "its cancellation list."
            ),
            due_at=local_at(book_day, MORNING, zone),
            page=3,
        )
    ]


RULES = (
    records_due_rule,
    confirm_arrival_rule,
    call_back_rule,
    visit_rule,
    referral_rule,
    book_visit_rule,
)


def derive_reminders(
    facts: ReminderFacts, now: dt.datetime, zone: dt.tzinfo | None = None
) -> list[Wanted]:
    """Every reminder the case's data implies now, one per key."""
    wanted: dict[str, Wanted] = {}
    for rule in RULES:
        for item in rule(facts, now, zone):
            wanted.setdefault(item.key, item)
    return list(wanted.values())


# --- keeping stored reminders in step with the rules ----------------------------------------


def not_due_before(item: Wanted, moment: dt.datetime | None) -> Wanted:
    """``item``, due no earlier than ``moment`` (the moment it is made)."""
    if moment is None or item.due_at >= moment:
        return item
    return replace(item, due_at=moment)


@frozen
class SyncPlan:
    """What to write so the stored derived reminders match what the data implies."""

    insert: tuple[Wanted, ...] = ()
    # (stored id, new values, whether the due time moved: then done and snooze start afresh)
    update: tuple[tuple[int, Wanted, bool], ...] = ()
    delete: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.insert or self.update or self.delete)


def plan_sync(
    stored: Iterable[Reminder], wanted: Iterable[Wanted], now: dt.datetime | None = None
) -> SyncPlan:
    """Insert new keys, update changed ones, delete keys the data no longer implies.

    The person's own reminders (no key) are never touched. A reminder whose due time moved
    (the visit was moved, the fax date corrected) is a new reminder: its done mark and
    snooze are cleared.

    With ``now``, a reminder is never due before the moment it was made: booking a visit five
    days out makes "ask for the referral" (ten days before the visit) due now, not "due since"
    a day when nobody knew of the visit. Later syncs keep that moment as its due time.
    """
    by_key = {r.key: r for r in stored if r.key is not None}
    wanted_by_key = {w.key: w for w in wanted}
    insert: list[Wanted] = []
    update: list[tuple[int, Wanted, bool]] = []
    for key, item in wanted_by_key.items():
        existing = by_key.get(key)
        if existing is None:
            insert.append(not_due_before(item, now))
            continue
        if now is not None and item.due_at != existing.due_at:
            if item.due_at < existing.due_at <= now:
                # It was made after the time the rule names: it stays due from when it was made.
                item = replace(item, due_at=existing.due_at)
            else:
                item = not_due_before(item, now)
        moved = existing.due_at != item.due_at  # aware datetimes: compares instants
        same = (
            not moved
            and existing.title == item.title
            and existing.detail == item.detail
            and existing.about == item.about
            and existing.about_id == item.about_id
            and existing.page == item.page
        )
        if not same:
            update.append((existing.id, item, moved))
    delete = [r.id for key, r in by_key.items() if key not in wanted_by_key]
    return SyncPlan(tuple(insert), tuple(update), tuple(delete))
