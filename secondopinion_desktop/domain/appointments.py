"""Appointments with doctors, and the to-dos the app adds for the person."""

from __future__ import annotations

import datetime as dt

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.labelled import LabelledEnum


class AppointmentKind(LabelledEnum):
    SECOND_OPINION = "second_opinion", "Second-opinion visit"
    MULTIDISCIPLINARY = "multidisciplinary", "Multidisciplinary visit (several specialists)"
    OTHER = "other", "Other appointment"


@frozen
class Appointment:
    """A visit: when, where, with whom. `round` 2 is the second opinion, 3 a third."""

    id: int
    case_id: int
    starts_at: dt.datetime
    doctor_id: int | None = None
    round: int = 2
    place: str = ""
    kind: AppointmentKind = AppointmentKind.SECOND_OPINION
    team_members: tuple[str, ...] = ()
    notes: str = ""

    @property
    def records_due(self) -> dt.date:
        """Records should arrive about a week before the visit."""
        return self.starts_at.date() - dt.timedelta(days=7)


def check_visit_time(when: dt.datetime) -> dt.datetime:
    """`when`, if it carries its UTC offset; else ValueError (a bug: the app writes every time
    with its offset). A time without one means a different moment on another computer, and
    a case archive refuses it on import ("a visit has a time that cannot be read")."""
    if when.utcoffset() is None:
        raise ValueError(
            "This visit's time has no time zone, so it cannot be saved. "
            "Please choose the date and time again."
        )
    return when


@frozen
class Todo:
    """Something the person should do, added by the app (keyed, so it is never duplicated)."""

    id: int
    case_id: int
    key: str
    title: str
    detail: str = ""
    done_at: str | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


def format_when(when: dt.datetime) -> str:
    """'Thursday 3 December 2026 at 9:30 am' - unambiguous for any reader."""
    hour = when.hour % 12 or 12
    suffix = "am" if when.hour < 12 else "pm"
    return f"{when:%A} {when.day} {when:%B %Y} at {hour}:{when.minute:02d} {suffix}"


def referral_todo(doctor_id: int, doctor_name: str) -> tuple[str, str, str]:
    """The to-do added when the chosen doctor sees patients only with a referral:
    (key, title, detail). The key is stable, so the to-do is never added twice."""
    return (
        f"referral:{doctor_id}",
        f"Ask your primary-care doctor for a referral to {doctor_name}",
        f"{doctor_name} sees patients only with a referral. Ask your primary-care doctor to "
        f"write one, and ask their front desk to phone {doctor_name}'s office and fax the "
        "referral form over. That is usually the quickest way.",
    )


def referral_todo_key(doctor_id: int) -> str:
    """The key of the referral to-do for this doctor (see `referral_todo`)."""
    return referral_todo(doctor_id, "")[0]
