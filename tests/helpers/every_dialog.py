"""One of each dialog and window the app opens, filled from the sample case.

Used by the keyboard and the large-text tests, which look at every dialog the same way.
A new dialog belongs in this list, or those tests do not see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QDialog

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.opinions import Opinion
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.store.repository import Repository

ZONE = dt.timezone(dt.timedelta(hours=-5))


def every_dialog(
    repo: Repository, case: Case, now: Callable[[], dt.datetime]
) -> list[tuple[str, QDialog]]:
    """(name, dialog) for each dialog, none shown yet; the caller owns them."""
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
    from secondopinion_desktop.ui.dialogs.import_dialog import ImportDialog
    from secondopinion_desktop.ui.dialogs.opinion_dialog import OpinionDialog
    from secondopinion_desktop.ui.dialogs.question_dialog import QuestionDialog
    from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog
    from secondopinion_desktop.ui.dialogs.reminder_dialog import PickTimeDialog, ReminderDialog
    from secondopinion_desktop.ui.dialogs.reminders_list_dialog import (
        OwnReminderDialog,
        RemindersListDialog,
    )
    from secondopinion_desktop.ui.dialogs.script_dialog import ScriptDialog

    doctors = repo.doctors.list(case.id)
    doctor = doctors[0]
    items = repo.records.list(case.id)
    today = now().date()
    reminder = Reminder(
        id=0, case_id=case.id, title="Phone Dr. Raman's office about the slides", due_at=now()
    )
    reminder = repo.reminders.add(reminder)
    popup = ReminderDialog(repo, None, now, ZONE)
    popup.show_reminders([reminder])
    popup.hide()
    return [
        ("case details", CaseDialog(None, case, today=lambda: today)),
        ("new case", CaseDialog(None, None, today=lambda: today)),
        ("doctor", DoctorDialog(None, case.id, doctor, today=lambda: today)),
        ("new doctor", DoctorDialog(None, case.id)),
        ("call", CallDialog(None, doctor, now=now)),
        ("booking", BookingDialog(None, doctor, now=now)),
        ("record", RecordDialog(None, items[0], doctors, doctor, lambda: today)),
        ("question", QuestionDialog(None, "Do you agree with the diagnosis?")),
        (
            "opinion",
            OpinionDialog(
                None, Opinion(id=0, case_id=case.id, round=2, doctor_id=doctor.id), doctors
            ),
        ),
        ("pick a time", PickTimeDialog(None, now(), ZONE)),
        ("own reminder", OwnReminderDialog(None, case.id, now(), None, ZONE)),
        ("reminders list", RemindersListDialog(repo, None, now, ZONE)),
        ("reminder window", popup),
        ("import", ImportDialog(None, [])),
        ("script", ScriptDialog(None, "What to ask on the phone", "Hello.\nIs the doctor in?")),
    ]
