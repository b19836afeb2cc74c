"""Stand-ins for the dialog classes that pages hold as factories (and tests replace).

Each imports its dialog's module at the first call: a page is built at start-up, but its
dialogs (with their forms and date parsing) are only needed when the person opens one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
    from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog


def booking_dialog(*args: object, **kwargs: object) -> BookingDialog:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog

    return BookingDialog(*args, **kwargs)  # type: ignore[arg-type]


def case_dialog(*args: object, **kwargs: object) -> CaseDialog:
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog

    return CaseDialog(*args, **kwargs)  # type: ignore[arg-type]


def record_dialog(*args: object, **kwargs: object) -> RecordDialog:
    from secondopinion_desktop.ui.dialogs.record_dialog import RecordDialog

    return RecordDialog(*args, **kwargs)  # type: ignore[arg-type]
