"""No two shortcuts fight over one key, anywhere in the window, on any page, in any dialog.

The comparison table says "press F2 to change it", but F2 was also File > Rename Case, so F2
in the table opened the case details instead. These tests list every shortcut of every action
and QShortcut (and each table's own F2) on every page and in every dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.shortcuts import bindings, clashes
from tests.helpers.stranger import named
from tests.ui.conftest import AppSession


@pytest.fixture
def window(session: AppSession, make_case: Callable[..., Case]) -> MainWindow:
    case = make_case("Dad's second opinion", patient_name="Walter Brooks")
    session.open_repo().doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", phone="(555) 010-2000")
    )
    return session.open()


@pytest.mark.parametrize("page", range(1, OUTCOME_PAGE + 1))
def test_no_two_shortcuts_share_a_key_on_any_page(window: MainWindow, page: int) -> None:
    window.show_page(page)
    named(window, QWidget, "Step page")  # lets the page's widgets show first
    assert bindings(window), "no shortcuts found at all: the check is not looking"
    assert clashes(window) == []


def test_the_check_finds_a_clash(window: MainWindow) -> None:
    window.show_page(3)
    named(window, QWidget, "Step page")
    window.details_action.setShortcut("F2")
    assert any("F2" in clash for clash in clashes(window))


def test_f2_in_the_comparison_table_changes_the_answer(
    qtbot: QtBot, window: MainWindow, session: AppSession
) -> None:
    window.show_page(3)
    table = named(window, QTableView, "Doctor comparison table")
    insurance = next(
        column
        for column in range(table.model().columnCount())
        if "insurance" in str(table.model().headerData(column, Qt.Orientation.Horizontal)).lower()
    )
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, insurance))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() == QTableView.State.EditingState, "F2 did not start editing the answer"
    assert not session.factory.calls, "F2 opened the case details"


def test_dialogs_have_no_clashing_shortcuts(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    from secondopinion_desktop.ui.dialogs.booking_dialog import BookingDialog
    from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
    from secondopinion_desktop.ui.dialogs.import_dialog import ImportDialog
    from secondopinion_desktop.ui.dialogs.question_dialog import QuestionDialog
    from secondopinion_desktop.ui.dialogs.reminder_dialog import PickTimeDialog
    from secondopinion_desktop.ui.dialogs.reminders_list_dialog import (
        OwnReminderDialog,
        RemindersListDialog,
    )
    from secondopinion_desktop.ui.dialogs.script_dialog import ScriptDialog

    case = make_case()
    doctor = session.open_repo().doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", accepts_insurance=Answer.YES)
    )
    now = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    for dialog in (
        BookingDialog(None, doctor, now=lambda: now),
        CallDialog(None, doctor, now=lambda: now),
        DoctorDialog(None, case.id),
        PickTimeDialog(None, now),
        CaseDialog(None, case),
        ImportDialog(None, []),
        QuestionDialog(None, "What stage is it?"),
        ScriptDialog(None, "What to say", "Hello."),
        OwnReminderDialog(None, case.id, now),
        RemindersListDialog(session.open_repo()),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert clashes(dialog) == [], type(dialog).__name__


# --- & mnemonics: one letter, one control, in every window, dialog and menu ---------------------


def _all_dialogs(session: AppSession, make_case: Callable[..., Case]) -> list[QWidget]:
    """One of every dialog the app has, filled in as it opens for a real case."""
    from secondopinion_desktop.domain.opinions import Opinion
    from secondopinion_desktop.domain.records import Delivery, RecordItem, RecordKind
    from secondopinion_desktop.domain.reminders import Reminder
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

    case = make_case()
    repo = session.open_repo()
    doctor = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", accepts_insurance=Answer.YES)
    )
    now = session.clock()
    repo.reminders.add(
        Reminder(id=0, case_id=case.id, title="Call the lab", due_at=now - dt.timedelta(hours=1))
    )
    csv = b"Name,Phone,Network Status\nOkonkwo, Grace MD,555-010-2000,In network\n"
    lent = RecordItem(
        id=0, case_id=case.id, title="MRI", kind=RecordKind.OTHER_IMAGING, delivery=Delivery.FAX
    )
    return [
        BookingDialog(None, doctor, now=lambda: now),
        CallDialog(None, doctor, now=lambda: now),
        DoctorDialog(None, case.id),
        PickTimeDialog(None, now),
        CaseDialog(None, case),
        CaseDialog(None, None),
        ImportDialog(None, []),
        ImportDialog(None, [], path="list.csv", read_bytes=lambda _path: csv),
        QuestionDialog(None, "What stage is it?"),
        ScriptDialog(None, "What to say", "Hello."),
        OwnReminderDialog(None, case.id, now),
        RemindersListDialog(repo),
        ReminderDialog(repo, clock=lambda: now),
        OpinionDialog(None, Opinion(id=0, case_id=case.id, round=1), [doctor]),
        OpinionDialog(None, Opinion(id=0, case_id=case.id, round=2), [doctor]),
        RecordDialog(None, lent, [doctor], doctor),
    ]


def test_every_dialog_is_checked(session: AppSession, make_case: Callable[..., Case]) -> None:
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import secondopinion_desktop.ui.dialogs as package

    built = {type(dialog) for dialog in _all_dialogs(session, make_case)}
    every = {
        cls
        for info in pkgutil.iter_modules(package.__path__)
        for _name, cls in inspect.getmembers(
            importlib.import_module(f"{package.__name__}.{info.name}"), inspect.isclass
        )
        if issubclass(cls, QDialog) and cls.__module__.startswith(package.__name__)
    }
    covered = {base for cls in built for base in cls.__mro__}  # a shared base is built in each
    assert every - covered == set(), "a dialog the checks below never build"


def test_no_dialog_has_clashing_shortcuts_or_mnemonics(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    from tests.helpers.shortcuts import mnemonic_clashes, mnemonics

    found: list[str] = []
    letters = 0
    for dialog in _all_dialogs(session, make_case):
        qtbot.addWidget(dialog)
        dialog.show()
        name = type(dialog).__name__
        found += [f"{name}: {clash}" for clash in clashes(dialog) + mnemonic_clashes(dialog)]
        letters += len(mnemonics(dialog))
        dialog.hide()
    assert letters > 40, "the check sees hardly any & in the dialogs: it is not looking"
    assert found == []


@pytest.mark.parametrize("page", range(1, OUTCOME_PAGE + 1))
def test_no_two_mnemonics_share_a_letter_on_any_page_or_menu(window: MainWindow, page: int) -> None:
    from tests.helpers.shortcuts import mnemonic_clashes

    window.show_page(page)
    named(window, QWidget, "Step page")
    assert mnemonic_clashes(window) == []


def test_the_mnemonic_check_finds_a_clash(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QMenu

    from tests.helpers.shortcuts import mnemonic_clashes

    window.show_page(1)
    named(window, QWidget, "Step page")
    window.details_action.setText("&Delete Details")  # File > &Delete Case... is there too
    assert any("Alt+D" in clash for clash in mnemonic_clashes(window))
    menu = QMenu("&Extra", window)
    window.menuBar().addMenu(menu)
    assert any("'&Extra'" in clash and "'&Edit'" in clash for clash in mnemonic_clashes(window))
