"""The .ics export: visits and open reminders, stable UIDs, UTC times, written whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.calendar_export import CalendarExportError, calendar_for
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.services.exports import write_calendar
from tests.helpers.clock import FIXED_NOW

ZONE = FIXED_NOW.tzinfo
CASE = Case(id=3, title="Mum's second opinion")
RAMAN = Doctor(id=10, case_id=3, name="Dr. Priya Raman", practice="Lakeside", phone="555")
VISIT = Appointment(
    id=5,
    case_id=3,
    starts_at=dt.datetime(2026, 12, 8, 9, 30, tzinfo=ZONE),
    doctor_id=10,
    place="2500 Lakeshore Boulevard",
    kind=AppointmentKind.MULTIDISCIPLINARY,
    team_members=("Surgeon", "Medical oncologist"),
)
OPEN = Reminder(
    id=1,
    case_id=3,
    key="confirm-arrival:4",
    title="Phone Dr. Priya Raman to check the faxed records arrived",
    detail="You faxed it on Fri 20 Nov.",
    due_at=dt.datetime(2026, 11, 23, 10, tzinfo=ZONE),
    snoozed_until=dt.datetime(2026, 11, 23, 14, tzinfo=ZONE),
)
DONE = Reminder(id=2, case_id=3, title="Done already", due_at=FIXED_NOW, done_at=FIXED_NOW)


def events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_visits_and_open_reminders_become_events() -> None:
    data = calendar_for(CASE, [VISIT], [OPEN, DONE], [RAMAN], FIXED_NOW)
    calendar = Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(found) == {
        "case3-appointment-5@secondopinion.invalid",
        "case3-reminder-confirm-arrival-4@secondopinion.invalid",
    }
    visit = found["case3-appointment-5@secondopinion.invalid"]
    assert str(visit["summary"]) == "Multidisciplinary visit with Dr. Priya Raman"
    assert visit.decoded("dtstart") == dt.datetime(2026, 12, 8, 14, 30, tzinfo=dt.UTC)
    assert visit.decoded("dtend") - visit.decoded("dtstart") == dt.timedelta(hours=3)
    assert str(visit["location"]) == "2500 Lakeshore Boulevard"
    assert "You will see: Surgeon, Medical oncologist" in str(visit["description"])
    assert len(list(visit.walk("VALARM"))) == 2
    reminder = found["case3-reminder-confirm-arrival-4@secondopinion.invalid"]
    # a snoozed reminder is in the calendar at the end of its snooze
    assert reminder.decoded("dtstart") == dt.datetime(2026, 11, 23, 19, tzinfo=dt.UTC)
    assert "You faxed it" in str(reminder["description"])


def test_the_uids_do_not_change_between_exports() -> None:
    first = calendar_for(CASE, [VISIT], [OPEN], [RAMAN], FIXED_NOW)
    later = calendar_for(CASE, [VISIT], [OPEN], [RAMAN], FIXED_NOW + dt.timedelta(days=1))
    assert [str(e["uid"]) for e in events(first)] == [str(e["uid"]) for e in events(later)]


def test_an_empty_case_is_still_a_valid_calendar() -> None:
    data = calendar_for(CASE, [], [], [], FIXED_NOW)
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert events(data) == []


def test_written_whole_and_replacing_an_old_file(tmp_path: Path) -> None:
    target = tmp_path / "visit.ics"
    target.write_bytes(b"old")
    write_calendar(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [p.name for p in tmp_path.iterdir()] == ["visit.ics"]


def test_a_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(CalendarExportError, match="could not write the calendar file"):
        write_calendar(tmp_path / "nowhere" / "visit.ics", b"x")


def test_the_decide_by_date_is_an_all_day_event_in_a_real_file(tmp_path: Path) -> None:
    """Written to disk as the menu and the command line do, and read back."""
    deciding = Case(
        id=3,
        title="Mum's second opinion",
        decide_by=dt.date(2027, 1, 15),
        decide_said_by="Dr. Okafor",
    )
    target = tmp_path / "mum.ics"
    write_calendar(target, calendar_for(deciding, [VISIT], [OPEN], [RAMAN], FIXED_NOW))
    calendar = Calendar.from_ical(target.read_bytes())
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == 3
    decide = found["case3-decide-by@secondopinion.invalid"]
    assert str(decide["summary"]) == "Decision needed by Friday 15 January 2027"
    start, end = decide.decoded("dtstart"), decide.decoded("dtend")
    assert type(start) is dt.date and start == dt.date(2027, 1, 15)  # all day: a date, no time
    assert end == dt.date(2027, 1, 16)
    assert "Dr. Okafor said" in str(decide["description"])
    assert b"DTSTART;VALUE=DATE:20270115" in target.read_bytes()


def test_no_answer_no_decide_by_event() -> None:
    assert "case3-decide-by@secondopinion.invalid" not in {
        str(e["uid"])  # type: ignore[index]
        for e in events(calendar_for(CASE, [VISIT], [], [RAMAN], FIXED_NOW))
    }


HOSTILE = "Dr A;B,C\\D\r\nEND:VEVENT\nBEGIN:VEVENT\x00\x07\x1b[2J\x0b\x85\u202e" + "\u03a9" * 300


def test_hostile_text_keeps_the_file_valid_and_loses_only_control_characters() -> None:
    """A case file can bring names holding NUL, escape and bell characters (a case archive
    checks their length, not their letters): they reached the .ics, where RFC 5545 allows none
    and some calendars stop reading at a NUL."""
    case = Case(id=3, title="Mum " + HOSTILE[:100], decide_said_by=HOSTILE)
    doctor = Doctor(id=10, case_id=3, name="Dr Z" + HOSTILE[:150], practice=HOSTILE, phone=HOSTILE)
    visit = Appointment(
        id=5,
        case_id=3,
        starts_at=VISIT.starts_at,
        doctor_id=10,
        place=HOSTILE,
        notes=HOSTILE,
        team_members=(HOSTILE, "x,y;z"),
    )
    reminder = Reminder(id=1, case_id=3, title=HOSTILE, detail=HOSTILE, due_at=FIXED_NOW)
    data = calendar_for(case, [visit], [reminder], [doctor], FIXED_NOW)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # folding never splits a character
    allowed = {ord("\t")}
    assert not [b for b in data.replace(b"\r\n", b"") if b < 0x20 and b not in allowed]
    text = data.decode()
    assert not [ch for ch in text if "\x7f" <= ch <= "\x9f"]
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == data.count(b"\r\nEND:VEVENT\r\n") == 2
    found = events(data)
    assert "Dr A;B,C\\D\nEND:VEVENT\nBEGIN:VEVENT[2J" in str(found[0]["location"])
    assert str(found[1]["summary"]).startswith("Dr A;B,C\\D\nEND:VEVENT")
