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
