"""Stand-ins for the dialog classes that pages hold as factories (and tests replace).

Each imports its dialog's module at the first call: a page is built at start-up, but its
dialogs (with their forms and date parsing) are only needed when the person opens one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
    from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog


def booking_dialog(*args: Any, **kwargs: Any) -> BookingDialog:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog

    return BookingDialog(*args, **kwargs)


def call_dialog(*args: Any, **kwargs: Any) -> CallDialog:
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog

    return CallDialog(*args, **kwargs)


def case_dialog(*args: Any, **kwargs: Any) -> CaseDialog:
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog

    return CaseDialog(*args, **kwargs)


def doctor_dialog(*args: Any, **kwargs: Any) -> DoctorDialog:
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog

    return DoctorDialog(*args, **kwargs)


def record_dialog(*args: Any, **kwargs: Any) -> RecordDialog:
    from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog

    return RecordDialog(*args, **kwargs)
