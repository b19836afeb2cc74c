"""Reminders: what a stored reminder is, when it falls due, and how its time reads.

A reminder derived from the data carries a stable key ("call-back:12"), so every time the rules
run (domain/reminder_rules.py) it is updated, never duplicated. The person's own reminders have
no key and are left alone.

Times are local wall-clock times ("9 am the day before"). `zone` None means the computer's own
time zone (with its summer time); tests pass a fixed zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.labelled import LabelledEnum
from secondopinion_desktop.domain.validation import clean_line

MORNING = dt.time(9, 0)
MAX_TITLE_LENGTH = 200
NO_TITLE = "Please write what to be reminded of, for example \u201cCall the lab\u201d."
TITLE_TOO_LONG = f"Please keep it under {MAX_TITLE_LENGTH} letters."
MAX_DETAIL_LENGTH = 2_000
SNOOZE_HOUR = dt.timedelta(hours=1)


class About(LabelledEnum):
    """What a reminder is about; Open goes there."""

    CASE = "case", "Your own reminder"
    DOCTOR = "doctor", "A doctor's office"
    CALL = "call", "A phone call"
    RECORD = "record", "Records"
    APPOINTMENT = "appointment", "The visit"
    OPINION = "opinion", "The opinions"


@frozen
class Reminder:
    """A stored reminder. `key` is set for reminders derived from the data."""

    id: int
    case_id: int
    title: str
    due_at: dt.datetime
    detail: str = ""
    key: str | None = None
    about: About = About.CASE
    about_id: int | None = None
    page: int | None = None
    snoozed_until: dt.datetime | None = None
    done_at: dt.datetime | None = None

    @property
    def derived(self) -> bool:
        return self.key is not None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def fires_at(self) -> dt.datetime:
        """When it should show: the due time, or the end of a snooze if that is later."""
        if self.snoozed_until is not None and self.snoozed_until > self.due_at:
            return self.snoozed_until
        return self.due_at

    def is_due(self, now: dt.datetime) -> bool:
        return not self.done and self.fires_at <= now

    @property
    def snoozed(self) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > self.due_at


# --- time helpers ---------------------------------------------------------------------------


def local_at(day: dt.date, at: dt.time, zone: dt.tzinfo | None = None) -> dt.datetime:
    """That day at that wall-clock time, in `zone` (None: this computer's zone, summer time
    included)."""
    if zone is None:
        return dt.datetime.combine(day, at).astimezone()
    return dt.datetime.combine(day, at, tzinfo=zone)


def to_local(when: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    return when.astimezone(zone) if zone is not None else when.astimezone()


def add_business_days(day: dt.date, count: int) -> dt.date:
    """`count` working days after `day` (Saturdays and Sundays skipped; holidays are not known)."""
    current = day
    added = 0
    while added < count:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def next_business_day(day: dt.date) -> dt.date:
    return add_business_days(day, 1)


def in_an_hour(now: dt.datetime) -> dt.datetime:
    return now + SNOOZE_HOUR


def tomorrow_morning(now: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """9 am tomorrow, local time."""
    return local_at(to_local(now, zone).date() + dt.timedelta(days=1), MORNING, zone)


# --- words ----------------------------------------------------------------------------------


def clock_text(when: dt.datetime) -> str:
    """'9:00 am'."""
    hour = when.hour % 12 or 12
    return f"{hour}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"


NEAR_DAYS = {0: "today", 1: "tomorrow", -1: "yesterday"}


def _day_words(local: dt.datetime, today: dt.date, long: bool) -> str:
    """'today', or the day named: 'Friday 27 November' (long), 'Fri 27 Nov' (short); the year
    only when it is not this year's."""
    near = NEAR_DAYS.get((local.date() - today).days)
    if near is not None:
        return near
    year = f" {local.year}" if local.year != today.year else ""
    if long:
        return f"{local:%A} {local.day} {local:%B}{year}"
    return f"{local:%a} {local.day} {local:%b}{year}"


def when_text(when: dt.datetime, now: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """'today at 9:00 am', 'tomorrow at 9:00 am', 'Friday 27 November at 9:00 am'."""
    local = to_local(when, zone)
    day = _day_words(local, to_local(now, zone).date(), long=True)
    return f"{day} at {clock_text(local)}"


def short_when_text(when: dt.datetime, now: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """'Today, 9:00 am', 'Tomorrow, 9:00 am', 'Sat 21 Nov, 9:00 am' (for a table column)."""
    local = to_local(when, zone)
    day = _day_words(local, to_local(now, zone).date(), long=False)
    return f"{day[:1].upper()}{day[1:]}, {clock_text(local)}"


def short_state_text(reminder: Reminder, now: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """Where a reminder stands in a word or two: 'Due now', 'Snoozed until ...', 'Done'."""
    if reminder.done_at is not None:
        return "Done"
    if reminder.snoozed and reminder.fires_at > now:
        when = short_when_text(reminder.fires_at, now, zone)
        if when.split(",")[0] in ("Today", "Tomorrow"):
            when = when[:1].lower() + when[1:]
        return f"Snoozed until {when}"
    if reminder.fires_at <= now:
        return "Due now"
    return "Coming up"


def state_text(reminder: Reminder, now: dt.datetime, zone: dt.tzinfo | None = None) -> str:
    """Where a reminder stands, in words (never colour alone)."""
    if reminder.done_at is not None:
        return f"Done {when_text(reminder.done_at, now, zone)}"
    fires = reminder.fires_at
    if reminder.snoozed and fires > now:
        return f"Snoozed until {when_text(fires, now, zone)}"
    if fires <= now:
        if now - fires < dt.timedelta(minutes=1):
            return "Due now"
        return f"Due since {when_text(reminder.due_at, now, zone)}"
    return f"Due {when_text(reminder.due_at, now, zone)}"


def due_heading(count: int, away: int = 0, earlier: int = 0) -> str:
    """The reminder window's heading. At start, what fell due while Second Opinion was not
    running is counted as such, once ("While you were away: 3 reminders")."""
    if away:
        text = f"While you were away: {away:,} reminder{'' if away == 1 else 's'}"
        if earlier:
            text += f", and {earlier:,} from before"
        return text
    return "1 thing to do now" if count == 1 else f"{count:,} things to do now"


def clean_title(text: str) -> str:
    """A reminder's title as typed; raises ValueError with words for the person."""
    return clean_line(text, MAX_TITLE_LENGTH, NO_TITLE, TITLE_TOO_LONG)


def due_now(reminders: Iterable[Reminder], now: dt.datetime) -> list[Reminder]:
    """The open reminders due by `now`, oldest first."""
    return sorted((r for r in reminders if r.is_due(now)), key=lambda r: (r.fires_at, r.id))


def next_fire(reminders: Iterable[Reminder], now: dt.datetime) -> dt.datetime | None:
    """The soonest time after `now` at which an open reminder falls due."""
    times = [r.fires_at for r in reminders if not r.done and r.fires_at > now]
    return min(times) if times else None
