"""The visits and open reminders of a case as an .ics file that calendars import.

Pure Python (icalendar), no Qt. Times are written in UTC, which every calendar reads; each entry
has a stable UID, so importing a newer file updates the entries instead of doubling them.
Phone calendars often ignore to-dos (VTODO), so reminders are short events with an alarm.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event, vText

from secondopinion_desktop import __version__
from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import decision_needed_text
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.errors import KnownError

PRODID = f"-//Second Opinion//Second Opinion {__version__}//EN"
UID_DOMAIN = "secondopinion.invalid"
VISIT_LENGTH = dt.timedelta(hours=1)
TEAM_VISIT_LENGTH = dt.timedelta(hours=3)
REMINDER_LENGTH = dt.timedelta(minutes=15)
VISIT_ALARMS = (dt.timedelta(days=-1), dt.timedelta(hours=-2))


# RFC 5545 allows no control character in text but the tab (a line break is escaped as \n);
# some calendars stop reading at a NUL. Half characters could not be written as UTF-8.
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class CalendarExportError(KnownError):
    """The calendar file could not be written; the message is for the person."""


def _plain(text: str) -> str:
    """`text` without what RFC 5545 forbids in a value ("\r\n" and "\r" become "\n").

    Names and notes can come from anywhere (a case file from another computer is checked
    for length, not letters), and a control character in them once reached the file."""
    return _NOT_IN_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _text_made_plain(calendar: Calendar) -> None:
    for component in calendar.walk():
        for name, value in list(component.items()):
            if isinstance(value, vText):
                component[name] = vText(_plain(str(value)))


def _uid(case: Case, what: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9.-]+", "-", what).strip("-")
    return f"case{case.id}-{safe}@{UID_DOMAIN}"


def _utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.UTC)


def _alarm(text: str, before: dt.timedelta) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", before)
    return alarm


def visit_summary(appointment: Appointment, doctor: Doctor | None) -> str:
    who = doctor.spoken if doctor else "the doctor"
    if appointment.kind is AppointmentKind.MULTIDISCIPLINARY:
        return f"Multidisciplinary visit with {who}"
    if appointment.kind is AppointmentKind.SECOND_OPINION:
        return f"Second-opinion visit with {who}"
    return f"Appointment with {who}"


def _visit_event(
    case: Case, appointment: Appointment, doctor: Doctor | None, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", _uid(case, f"appointment-{appointment.id}"))
    event.add("dtstamp", stamp)
    start = _utc(appointment.starts_at)
    length = (
        TEAM_VISIT_LENGTH if appointment.kind is AppointmentKind.MULTIDISCIPLINARY else VISIT_LENGTH
    )
    event.add("dtstart", start)
    event.add("dtend", start + length)
    summary = visit_summary(appointment, doctor)
    event.add("summary", summary)
    if appointment.place:
        event.add("location", appointment.place)
    lines: list[str] = []
    if doctor is not None:
        office = ", ".join(p for p in (doctor.practice, doctor.phone) if p)
        if office:
            lines.append(office)
    if appointment.team_members:
        lines.append("You will see: " + ", ".join(appointment.team_members))
    if appointment.notes:
        lines.append(appointment.notes)
    lines.append("Bring your list of questions.")
    lines.append(f"From Second Opinion: {case.display_name}")
    event.add("description", "\n".join(lines))
    for before in VISIT_ALARMS:
        event.add_component(_alarm(summary, before))
    return event


def _reminder_event(case: Case, reminder: Reminder, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", _uid(case, f"reminder-{reminder.key or reminder.id}"))
    event.add("dtstamp", stamp)
    start = _utc(reminder.fires_at)
    event.add("dtstart", start)
    event.add("dtend", start + REMINDER_LENGTH)
    event.add("summary", reminder.title)
    detail = [reminder.detail] if reminder.detail else []
    detail.append(f"From Second Opinion: {case.display_name}")
    event.add("description", "\n".join(detail))
    event.add("transp", "TRANSPARENT")  # a reminder does not make the person busy
    event.add_component(_alarm(reminder.title, dt.timedelta(0)))
    return event


def _decide_by_event(case: Case, stamp: dt.datetime) -> Event | None:
    """The decide-by date as an all-day event (it is a day, not a time)."""
    day = case.decision_date
    if day is None:
        return None
    event = Event()
    event.add("uid", _uid(case, "decide-by"))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", decision_needed_text(case))
    who = f"{case.decide_said_by} said" if case.decide_said_by else "Your treating doctor said"
    event.add(
        "description",
        f"{who} the decision about treatment is needed by this day.\n"
        f"From Second Opinion: {case.display_name}",
    )
    event.add("transp", "TRANSPARENT")
    return event


def calendar_for(
    case: Case,
    appointments: Iterable[Appointment],
    reminders: Iterable[Reminder],
    doctors: Iterable[Doctor],
    now: dt.datetime,
) -> bytes:
    """The .ics text: the decide-by date (all day), every visit of the case, and its
    reminders not yet done."""
    by_id = {d.id: d for d in doctors}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # not escaped by icalendar (an X- name): one line, or a line break in a case's name
    # (a case file can hold one) ended the export with "Something went wrong"
    calendar.add("x-wr-calname", " ".join(_plain(f"Second Opinion: {case.display_name}").split()))
    stamp = _utc(now).replace(microsecond=0)
    decide_by = _decide_by_event(case, stamp)
    if decide_by is not None:
        calendar.add_component(decide_by)
    for appointment in appointments:
        doctor = by_id.get(appointment.doctor_id) if appointment.doctor_id is not None else None
        calendar.add_component(_visit_event(case, appointment, doctor, stamp))
    for reminder in reminders:
        if reminder.done or reminder.case_id != case.id:
            continue
        calendar.add_component(_reminder_event(case, reminder, stamp))
    _text_made_plain(calendar)
    return bytes(calendar.to_ical())
