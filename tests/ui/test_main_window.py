"""The main window: cases, the sidebar, steps done, notes, undo, restarts, text size."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.steps import OUTCOME_PAGE, STEPS
from secondopinion_desktop.services import cases
from secondopinion_desktop.ui import main_window as main_window_module
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import APP_TITLE, WELCOME_INDEX, MainWindow
from secondopinion_desktop.ui.models.steps_model import DoneRole, StatusTextRole
from secondopinion_desktop.ui.pages.outcome_page import OutcomePage
from secondopinion_desktop.ui.pages.panel import StepPanel
from secondopinion_desktop.ui.pages.panels import PanelContext
from secondopinion_desktop.ui.pages.step_page import StepPage
from secondopinion_desktop.ui.pages.welcome_page import WelcomePage
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE
from tests.helpers.fakes import DialogFactory
from tests.ui.conftest import AppSession, details

CaseMaker = Callable[..., Case]


def case_actions(window: MainWindow) -> list[QAction]:
    return [
        window.details_action,
        window.rename_action,
        window.delete_action,
        window.mark_done_action,
        window.prev_action,
        window.next_action,
        window.first_open_action,
    ]


def click_sidebar_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    sidebar = window.sidebar
    index = window.steps_model.index(row, 0)
    sidebar.scrollTo(index)
    rect = sidebar.visualRect(index)
    assert rect.isValid()
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def status_of(window: MainWindow, step: int) -> str:
    return str(window.steps_model.index(step - 1, 0).data(StatusTextRole))


def is_done_in_sidebar(window: MainWindow, step: int) -> bool:
    return bool(window.steps_model.index(step - 1, 0).data(DoneRole))


def record_questions(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[dict[str, Any]]:
    asked: list[dict[str, Any]] = []

    def ask(parent: Any, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        asked.append({"title": title, "text": text, "yes": yes, "no": no})
        return answer

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    return asked


@pytest.fixture(autouse=True)
def say_yes_to_marking_done(qt_guards: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests mark steps of near-empty cases done: the person answers "Mark as done" when
    asked about what is still open (the question itself is tested in test_step_done.py);
    any other question still fails the test."""
    unexpected = messages.ask_yes_no

    def ask(parent: Any, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        if title == "Mark this step as done?":
            return True
        return unexpected(parent, title, text, yes, no)

    monkeypatch.setattr(messages, "ask_yes_no", ask)


# --- no cases, new case ---------------------------------------------------------------------


def test_with_no_cases_the_welcome_page_shows_and_case_actions_are_off(
    session: AppSession,
) -> None:
    window = session.open()
    assert window.case is None
    assert window.stack.currentWidget() is window.welcome
    assert window.current_page() == 0
    assert window.windowTitle() == APP_TITLE
    assert not window.sidebar.isEnabled()
    assert not window.details_button.isEnabled()
    assert not window.case_combo.isEnabled()
    assert window.new_case_button.isEnabled()
    assert window.new_case_action.isEnabled()
    for action in case_actions(window):
        assert not action.isEnabled(), action.text()
    assert window.patient_label.text() == "No case yet"


def test_case_commands_do_nothing_without_a_case(session: AppSession) -> None:
    window = session.open()
    window.show_page(3)
    window.request_step_done(1, True)
    window.edit_case_details()
    window.delete_case()  # would fail the test if it asked anything
    window.mark_done_action.trigger()
    assert window.stack.currentWidget() is window.welcome
    assert window.undo_stack.count() == 0


def test_creating_a_case_from_the_welcome_page_opens_step_one(
    qtbot: QtBot, session: AppSession, dialogs: DialogFactory
) -> None:
    window = session.open()
    dialogs.will_answer(details(title="Mum's second opinion"))
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)

    assert dialogs.calls == [(window, None)]
    assert session.repo is not None
    [case] = session.repo.cases.list()
    assert case.title == "Mum's second opinion"
    assert case.patient_name == "Margaret Ellis"
    assert window.case is not None and window.case.id == case.id
    assert window.current_page() == 1
    assert window.stack.currentWidget() is window.step_pages[0]
    assert window.sidebar.currentIndex().row() == 0
    assert window.sidebar.isEnabled()
    assert window.case_combo.isEnabled() and window.case_combo.currentText() == case.title
    for action in case_actions(window):
        assert action.isEnabled(), action.text()
    assert window.windowTitle() == f"Mum's second opinion \u2014 {APP_TITLE}"
    assert "Margaret Ellis" in window.patient_label.text()
    assert "Started" in window.status.currentMessage()


def test_new_case_action_and_button_use_the_dialog(
    session: AppSession, dialogs: DialogFactory, make_case: CaseMaker
) -> None:
    make_case("Dad's knee")
    window = session.open()
    dialogs.will_answer(details(title="Zed case", patient_name="Zed"))
    window.new_case_action.trigger()
    assert window.case is not None and window.case.title == "Zed case"
    assert window.cases_model.rowCount() == 2
    assert window.current_page() == 1

    dialogs.will_answer(details(title="Another", patient_name="Ann"))
    window.new_case_button.click()
    assert window.case is not None and window.case.title == "Another"
    assert window.cases_model.rowCount() == 3


def test_cancelling_the_new_case_dialog_changes_nothing(
    session: AppSession, dialogs: DialogFactory
) -> None:
    window = session.open()
    dialogs.will_answer(None, accepted=False)
    window.new_case()
    assert session.repo is not None and session.repo.cases.list() == []
    assert window.stack.currentWidget() is window.welcome


# --- the sidebar drives the pages -------------------------------------------------------------


def test_clicking_sidebar_rows_switches_the_page(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    for row in (2, 5, OUTCOME_PAGE - 1, 0):
        click_sidebar_row(qtbot, window, row)
        assert window.current_page() == row + 1
        assert window.sidebar.currentIndex().row() == row
    click_sidebar_row(qtbot, window, 3)
    assert window.stack.currentWidget() is window.step_pages[3]
    click_sidebar_row(qtbot, window, OUTCOME_PAGE - 1)
    assert window.stack.currentWidget() is window.outcome_page


def test_arrow_keys_in_the_sidebar_switch_the_page(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    assert window.current_page() == 1
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.current_page() == 2
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    assert window.current_page() == 3
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Up)
    assert window.current_page() == 2
    qtbot.keyClick(window.sidebar, Qt.Key.Key_End)
    assert window.current_page() == OUTCOME_PAGE
    assert window.stack.currentWidget() is window.outcome_page


def test_previous_and_next_actions_stop_at_the_ends(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    window.prev_action.trigger()
    assert window.current_page() == 1
    for expected in range(2, OUTCOME_PAGE + 1):
        window.next_action.trigger()
        assert window.current_page() == expected
        assert window.sidebar.currentIndex().row() == expected - 1
    window.next_action.trigger()
    assert window.current_page() == OUTCOME_PAGE
    window.prev_action.trigger()
    assert window.current_page() == OUTCOME_PAGE - 1


def test_show_page_ignores_pages_that_do_not_exist(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    window.show_page(4)
    for bad in (0, -1, OUTCOME_PAGE + 1, 99):
        window.show_page(bad)
        assert window.current_page() == 4


def test_a_new_case_opens_on_the_first_step_not_done(
    session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    assert session.repo is not None
    session.repo.cases.set_step_done(case.id, 1, True)
    session.repo.cases.set_step_done(case.id, 2, True)
    window = session.open()
    assert window.current_page() == 3
    assert status_of(window, 3) == "Next"
    window.show_page(6)
    window.first_open_action.trigger()
    assert window.current_page() == 3


# --- marking steps done, undo, redo -----------------------------------------------------------


def test_marking_a_step_done_updates_sidebar_status_and_survives_a_restart(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    page = window.step_pages[0]
    assert page.done_button.text() == "Mark this step as done"
    assert status_of(window, 1) == "Next"

    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)

    assert is_done_in_sidebar(window, 1)
    assert status_of(window, 1) == "Done"
    assert status_of(window, 2) == "Next"
    assert window.progress_label.text() == "1 of 6 steps done"
    assert "Step 1 marked as done" in window.status.currentMessage()
    assert page.is_done
    assert page.done_button.text() == "Mark as not done"
    assert page.done_button.accessibleName() == "Mark as not done"
    assert page.state_label.text() == "\u2713 Done on 20 November 2026"
    assert session.repo is not None and session.repo.cases.done_steps(case.id) == {1}

    window = session.restart()
    assert session.repo.cases.done_steps(case.id) == {1}
    assert is_done_in_sidebar(window, 1)
    assert window.progress_label.text() == "1 of 6 steps done"
    window.show_page(1)
    assert window.step_pages[0].is_done
    assert window.step_pages[0].state_label.text() == "\u2713 Done on 20 November 2026"


def test_undo_and_redo_of_marking_done_reach_the_database(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    repo = session.open_repo()
    qtbot.mouseClick(window.step_pages[0].done_button, Qt.MouseButton.LeftButton)
    assert repo.cases.done_steps(case.id) == {1}
    assert window.undo_action.isEnabled()

    window.undo_action.trigger()
    assert repo.cases.done_steps(case.id) == set()
    assert not is_done_in_sidebar(window, 1)
    assert status_of(window, 1) == "Next"
    assert not window.step_pages[0].is_done
    assert window.progress_label.text() == "0 of 6 steps done"
    assert not window.undo_action.isEnabled()

    window.redo_action.trigger()
    assert repo.cases.done_steps(case.id) == {1}
    assert is_done_in_sidebar(window, 1)
    assert window.step_pages[0].done_button.text() == "Mark as not done"

    window.undo_stack.undo()
    assert repo.cases.done_steps(case.id) == set()
    window.undo_stack.redo()
    assert repo.cases.done_steps(case.id) == {1}

    window = session.restart()
    assert repo is not session.repo
    assert session.open_repo().cases.done_steps(case.id) == {1}
    assert is_done_in_sidebar(window, 1)


def test_marking_not_done_and_undoing_that(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    repo = session.open_repo()
    repo.cases.set_step_done(case.id, 1, True)
    window = session.open()
    window.show_page(1)
    page = window.step_pages[0]
    assert page.is_done
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert repo.cases.done_steps(case.id) == set()
    assert "Step 1 marked as not done" in window.status.currentMessage()
    window.undo_action.trigger()
    assert repo.cases.done_steps(case.id) == {1}
    assert page.is_done


def test_mark_done_action_toggles_the_step_on_screen(
    session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    repo = session.open_repo()
    window.show_page(4)
    window.mark_done_action.trigger()
    assert repo.cases.done_steps(case.id) == {4}
    assert window.step_pages[3].is_done
    window.mark_done_action.trigger()
    assert repo.cases.done_steps(case.id) == set()
    # On the outcome page there is no step to mark.
    window.show_page(OUTCOME_PAGE)
    window.mark_done_action.trigger()
    assert repo.cases.done_steps(case.id) == set()
    assert window.undo_stack.count() == 2


def test_all_six_done_says_so(session: AppSession, make_case: CaseMaker) -> None:
    case = make_case()
    window = session.open()
    for step in range(1, 7):
        window.request_step_done(step, True)
    assert session.open_repo().cases.done_steps(case.id) == set(range(1, 7))
    assert window.progress_label.text() == "All six steps done"
    assert all(status_of(window, s) == "Done" for s in range(1, 7))
    window.first_open_action.trigger()
    assert window.current_page() == OUTCOME_PAGE


def test_undo_history_is_per_case(session: AppSession, make_case: CaseMaker, qtbot: QtBot) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    window.open_case(first.id)
    window.request_step_done(1, True)
    assert window.undo_stack.count() == 1
    window.open_case(second.id)
    assert window.undo_stack.count() == 0
    window.undo_stack.undo()  # nothing to undo: the first case keeps its step
    assert session.open_repo().cases.done_steps(first.id) == {1}


# --- notes -------------------------------------------------------------------------------------


def test_notes_are_saved_after_a_pause_in_typing(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    repo = session.open_repo()
    page = window.step_pages[0]
    qtbot.keyClicks(page.notes_edit, "Told Dr. Okafor")
    assert page.has_unsaved_notes()
    assert repo.cases.step_progress(case.id)[1].notes == ""
    qtbot.waitUntil(
        lambda: repo.cases.step_progress(case.id)[1].notes == "Told Dr. Okafor", timeout=1500
    )
    assert not page.has_unsaved_notes()
    assert window.status.currentMessage() == "Notes saved."


def test_notes_typed_then_left_for_a_moment_survive_closing(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    page = window.step_pages[0]
    qtbot.keyClicks(page.notes_edit, "Told Dr. Okafor")
    qtbot.waitUntil(lambda: not page.has_unsaved_notes(), timeout=3000)  # the pause
    window = session.restart()
    assert session.open_repo().cases.step_progress(case.id)[1].notes == "Told Dr. Okafor"
    window.show_page(1)
    assert window.step_pages[0].notes_edit.toPlainText() == "Told Dr. Okafor"


def test_notes_are_not_saved_while_typing_goes_on(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    page = window.step_pages[0]
    qtbot.keyClicks(page.notes_edit, "Told")
    assert page.has_unsaved_notes()
    assert session.open_repo().cases.step_progress(case.id)[1].notes == ""
    window.flush_edits()
    assert session.open_repo().cases.step_progress(case.id)[1].notes == "Told"
    assert window.status.currentMessage() == "Notes saved."


def test_flush_edits_saves_notes_at_once(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    repo = session.open_repo()
    window.show_page(3)
    qtbot.keyClicks(window.step_pages[2].notes_edit, "Call back Tuesday")
    window.flush_edits()
    assert repo.cases.step_progress(case.id)[3].notes == "Call back Tuesday"
    assert not window.step_pages[2].has_unsaved_notes()


def test_closing_the_window_saves_notes_typed_just_before(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    window.show_page(2)
    notes = window.step_pages[1].notes_edit
    qtbot.keyClicks(notes, "Ask Aunt Jo")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "and the insurer")
    assert window.step_pages[1].has_unsaved_notes()
    window = session.restart()
    assert (
        session.open_repo().cases.step_progress(case.id)[2].notes == "Ask Aunt Jo\nand the insurer"
    )
    assert window.current_page() == 2
    assert window.step_pages[1].notes_edit.toPlainText() == "Ask Aunt Jo\nand the insurer"


def test_leaving_a_page_saves_its_notes(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    qtbot.keyClicks(window.step_pages[0].notes_edit, "half a thought")
    click_sidebar_row(qtbot, window, 4)
    assert window.current_page() == 5
    assert session.open_repo().cases.step_progress(case.id)[1].notes == "half a thought"


def test_marking_done_saves_the_notes_first(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    window = session.open()
    page = window.step_pages[0]
    qtbot.keyClicks(page.notes_edit, "done and dusted")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    progress = session.open_repo().cases.step_progress(case.id)[1]
    assert progress.done and progress.notes == "done and dusted"
    assert page.notes_edit.toPlainText() == "done and dusted"


def test_notes_typed_in_one_case_stay_with_that_case(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    repo = session.open_repo()
    window.open_case(first.id)
    window.show_page(1)
    qtbot.keyClicks(window.step_pages[0].notes_edit, "only for A")
    window.open_case(second.id)
    assert repo.cases.step_progress(first.id)[1].notes == "only for A"
    assert repo.cases.step_progress(second.id)[1].notes == ""
    window.show_page(1)
    assert window.step_pages[0].notes_edit.toPlainText() == ""
    window.open_case(first.id)
    window.show_page(1)
    assert window.step_pages[0].notes_edit.toPlainText() == "only for A"


def test_loading_notes_does_not_count_as_typing(session: AppSession, make_case: CaseMaker) -> None:
    case = make_case()
    repo = session.open_repo()
    repo.cases.set_step_notes(case.id, 1, "stored earlier")
    window = session.open()
    window.show_page(1)
    assert window.step_pages[0].notes_edit.toPlainText() == "stored earlier"
    assert not window.step_pages[0].has_unsaved_notes()


# --- restarts: last case, last page, geometry ---------------------------------------------------


def test_last_case_and_page_are_reopened_after_a_restart(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    assert window.case is not None and window.case.id == first.id
    window.show_page(2)
    window.open_case(second.id)
    window.show_page(4)

    window = session.restart()
    assert window.case is not None and window.case.id == second.id
    assert window.current_page() == 4
    assert window.sidebar.currentIndex().row() == 3
    assert window.case_combo.currentText() == "B case"

    # The page each case was on is remembered too.
    window.open_case(first.id)
    assert window.current_page() == 2


def test_the_outcome_page_is_remembered(session: AppSession, make_case: CaseMaker) -> None:
    make_case()
    window = session.open()
    window.show_page(OUTCOME_PAGE)
    window = session.restart()
    assert window.stack.currentWidget() is window.outcome_page


def test_a_missing_last_case_falls_back_to_the_first(
    session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    window.open_case(second.id)
    session.close()
    repo = session.open_repo()
    repo.cases.delete(second.id)
    window = session.open()
    assert window.case is not None and window.case.id == first.id


def test_nonsense_in_the_settings_file_is_ignored(
    session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    session.settings_path().write_text(
        f"[General]\nlast_case_id=banana\n\n[case]\n{case.id}\\page=seventeen\n"
        "\n[window]\ngeometry=not bytes\n\n[view]\npoint_size=huge\n",
        encoding="utf-8",
    )
    window = session.open()
    assert window.case is not None and window.case.id == case.id
    assert window.current_page() == 1
    assert window.text_size() == DEFAULT_POINT_SIZE


def test_window_geometry_is_saved_in_settings(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    # The offscreen screen is 800 x 800; restoreGeometry keeps windows on screen.
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.size() == QSize(700, 500), timeout=2000)
    settings_file = session.settings_path()
    session.close()
    assert settings_file.exists()
    assert "geometry" in settings_file.read_text(encoding="utf-8")

    window = session.open(show=False)
    assert session.settings is not None
    saved = session.settings.value("window/geometry")
    assert isinstance(saved, QByteArray) and not saved.isEmpty()
    assert isinstance(session.settings.value("window/splitter"), QByteArray)
    assert window.size() == QSize(700, 500)


def test_first_start_uses_a_roomy_default_size(session: AppSession) -> None:
    window = session.open(show=False)
    assert window.size() == QSize(1200, 800)


# --- switching and deleting cases ---------------------------------------------------------------


def test_switching_cases_with_the_combo_box(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A case", patient_name="Ann")
    second = make_case("B case", patient_name="Bob", diagnosis="Gout")
    session.open_repo().cases.set_step_done(second.id, 1, True)
    window = session.open()
    assert window.case is not None and window.case.id == first.id
    assert [window.case_combo.itemText(i) for i in range(window.case_combo.count())] == [
        "A case",
        "B case",
    ]
    window.case_combo.setFocus()
    # an arrow key opens the list (it never switches the case unseen); Enter picks (#15)
    qtbot.keyClick(window.case_combo, Qt.Key.Key_Down)
    assert window.case is not None and window.case.id == first.id
    assert window.case_combo.view().isVisible()
    qtbot.keyClick(window.case_combo.view(), Qt.Key.Key_Down)
    qtbot.keyClick(window.case_combo.view(), Qt.Key.Key_Return)
    assert window.case is not None and window.case.id == second.id
    assert window.windowTitle() == f"B case \u2014 {APP_TITLE}"
    assert window.patient_label.text() == "Bob \u2014 Gout"
    assert is_done_in_sidebar(window, 1)
    assert window.current_page() == 2
    qtbot.keyClick(window.case_combo, Qt.Key.Key_Up)
    qtbot.keyClick(window.case_combo.view(), Qt.Key.Key_Up)
    qtbot.keyClick(window.case_combo.view(), Qt.Key.Key_Return)
    assert window.case is not None and window.case.id == first.id
    assert not is_done_in_sidebar(window, 1)


def test_switching_cases_with_open_case_and_the_switch_menu(
    session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    window.open_case(second.id)
    assert window.case_combo.currentIndex() == 1
    assert window.case is not None and window.case.title == "B case"

    window.switch_menu.aboutToShow.emit()
    actions = [a for a in window.switch_menu.actions() if a.text()]
    assert [a.text() for a in actions] == ["A case", "B case"]
    assert [a.isChecked() for a in actions] == [False, True]
    actions[0].trigger()
    assert window.case is not None and window.case.id == first.id
    assert window.case_combo.currentIndex() == 0


def test_the_switch_menu_says_when_there_are_no_cases(session: AppSession) -> None:
    window = session.open()
    window.switch_menu.aboutToShow.emit()
    [only] = window.switch_menu.actions()
    assert only.text() == "No cases yet"
    assert not only.isEnabled()


def test_opening_a_case_that_vanished_reloads_the_list(
    session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    session.open_repo().cases.delete(second.id)
    window.open_case(second.id)
    assert window.case is not None and window.case.id == first.id
    assert window.cases_model.rowCount() == 1


def test_deleting_a_case_asks_first_and_no_keeps_it(
    session: AppSession, make_case: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case("Mum's second opinion")
    window = session.open()
    asked = record_questions(monkeypatch, answer=False)
    window.delete_action.trigger()
    assert len(asked) == 1
    assert "Mum's second opinion" in asked[0]["text"]
    assert asked[0]["yes"] == "Delete case"
    assert asked[0]["no"] == "Keep it"
    assert [c.id for c in session.open_repo().cases.list()] == [case.id]
    assert window.case is not None and window.case.id == case.id


def test_deleting_a_case_falls_back_to_another_case(
    session: AppSession, make_case: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    window.open_case(second.id)
    window.show_page(5)
    asked = record_questions(monkeypatch, answer=True)
    window.delete_case()
    assert len(asked) == 1
    repo = session.open_repo()
    assert [c.id for c in repo.cases.list()] == [first.id]
    assert window.case is not None and window.case.id == first.id
    assert window.cases_model.rowCount() == 1
    assert window.case_combo.currentText() == "A case"
    assert "Deleted" in window.status.currentMessage()
    assert session.settings is not None
    assert session.settings.value(f"case/{second.id}/page") is None


def test_deleting_the_last_case_shows_the_welcome_page(
    session: AppSession, make_case: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case()
    window = session.open()
    window.request_step_done(1, True)
    record_questions(monkeypatch, answer=True)
    window.delete_case()
    assert session.open_repo().cases.list() == []
    assert window.case is None
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == APP_TITLE
    assert window.undo_stack.count() == 0
    assert window.steps_model.done_steps() == set()
    for action in case_actions(window):
        assert not action.isEnabled()

    # Nothing of the deleted case comes back after a restart.
    window = session.restart()
    assert window.case is None
    assert window.stack.currentWidget() is window.welcome


def test_deleting_with_unsaved_notes_does_not_fail(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_case("A case")
    second = make_case("B case")
    window = session.open()
    window.open_case(second.id)
    window.show_page(1)
    qtbot.keyClicks(window.step_pages[0].notes_edit, "about to go")
    record_questions(monkeypatch, answer=True)
    window.delete_case()
    assert window.case is not None and window.case.id == first.id
    repo = session.open_repo()
    assert repo.cases.step_progress(first.id)[1].notes == ""


# --- editing details ------------------------------------------------------------------------------


def test_editing_details_changes_header_and_title_and_can_be_undone(
    session: AppSession, dialogs: DialogFactory, make_case: CaseMaker
) -> None:
    case = make_case("Mum's second opinion", patient_name="Margaret Ellis", diagnosis="IDC")
    window = session.open()
    repo = session.open_repo()
    dialogs.will_answer(
        details(title="Margaret's opinion", patient_name="Margaret R. Ellis", diagnosis="DCIS")
    )
    window.details_button.click()

    assert len(dialogs.calls) == 1
    parent, shown = dialogs.calls[0]
    assert parent is window and shown is not None and shown.id == case.id
    assert window.windowTitle() == f"Margaret's opinion \u2014 {APP_TITLE}"
    assert window.patient_label.text() == "Margaret R. Ellis \u2014 DCIS"
    assert window.case_combo.currentText() == "Margaret's opinion"
    assert repo.cases.get(case.id).title == "Margaret's opinion"
    assert window.status.currentMessage() == "Case details saved."

    window.undo_action.trigger()
    assert window.windowTitle() == f"Mum's second opinion \u2014 {APP_TITLE}"
    assert window.patient_label.text() == "Margaret Ellis \u2014 IDC"
    assert window.case_combo.currentText() == "Mum's second opinion"
    stored = repo.cases.get(case.id)
    assert (stored.title, stored.patient_name, stored.diagnosis) == (
        "Mum's second opinion",
        "Margaret Ellis",
        "IDC",
    )

    window.redo_action.trigger()
    assert repo.cases.get(case.id).diagnosis == "DCIS"
    assert window.windowTitle() == f"Margaret's opinion \u2014 {APP_TITLE}"


def test_renaming_reorders_the_case_list(
    session: AppSession, dialogs: DialogFactory, make_case: CaseMaker
) -> None:
    make_case("A case")
    second = make_case("B case")
    window = session.open()
    window.open_case(second.id)
    dialogs.will_answer(details(title="0 first now"))
    window.rename_action.trigger()
    assert window.case_combo.currentIndex() == 0
    assert window.case_combo.currentText() == "0 first now"
    assert window.case is not None and window.case.id == second.id


def test_unchanged_or_cancelled_details_add_no_undo_step(
    session: AppSession, dialogs: DialogFactory, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    dialogs.will_answer(None, accepted=False)
    window.edit_case_details()
    assert window.undo_stack.count() == 0
    assert window.case is not None
    same = details(
        title=window.case.title,
        patient_name=window.case.patient_name,
        date_of_birth=window.case.date_of_birth,
        diagnosis=window.case.diagnosis,
        recommended_treatment=window.case.recommended_treatment,
        insurance_plan=window.case.insurance_plan,
        insurance_member_id=window.case.insurance_member_id,
        organiser_name=window.case.organiser_name,
        organiser_phone=window.case.organiser_phone,
        notes=window.case.notes,
    )
    dialogs.will_answer(same)
    window.edit_case_details()
    assert window.undo_stack.count() == 0


class Step1Panel(StepPanel):
    """A stand-in for a step-1 tool that saves step-1 fields of the case, as panels do."""

    def record_told_doctor(self, hear_back: str) -> None:
        assert self.case is not None
        _saved, changes = cases.update_case(
            self.repo, replace(self.repo.cases.get(self.case.id), hear_back=hear_back)
        )
        self.report(changes)


def test_editing_details_keeps_what_a_panel_saved_to_the_case(
    session: AppSession,
    dialogs: DialogFactory,
    make_case: CaseMaker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = session.open_repo()
    panel_holder: list[Step1Panel] = []

    def panels(context: PanelContext, parent: QWidget | None, page: int) -> list[StepPanel]:
        if page != 1:
            return []
        panel = Step1Panel(context.repo, parent)
        panel_holder.append(panel)
        return [panel]

    monkeypatch.setattr(main_window_module, "build_panels", panels)
    case = make_case()
    window = session.open()
    window.show_page(1)
    [panel] = panel_holder
    panel.record_told_doctor("In two weeks")
    assert repo.cases.get(case.id).hear_back == "In two weeks"

    dialogs.will_answer(details(diagnosis="Changed diagnosis"))
    window.edit_case_details()
    stored = repo.cases.get(case.id)
    assert stored.diagnosis == "Changed diagnosis"
    assert stored.hear_back == "In two weeks"


# --- text size ---------------------------------------------------------------------------------


def test_larger_text_changes_the_font_and_is_remembered(
    qapp: QApplication, session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    assert window.text_size() == DEFAULT_POINT_SIZE
    window.larger_action.trigger()
    assert qapp.font().pointSize() == DEFAULT_POINT_SIZE + 1
    assert window.text_size() == DEFAULT_POINT_SIZE + 1
    assert f"Text size {DEFAULT_POINT_SIZE + 1}" in window.status.currentMessage()
    window.change_text_size(+1)
    assert qapp.font().pointSize() == DEFAULT_POINT_SIZE + 2

    window = session.restart()
    assert window.text_size() == DEFAULT_POINT_SIZE + 2
    assert session.settings_path().read_text(encoding="utf-8").count("point_size") == 1

    window.smaller_action.trigger()
    assert qapp.font().pointSize() == DEFAULT_POINT_SIZE + 1
    window.normal_size_action.trigger()
    assert qapp.font().pointSize() == DEFAULT_POINT_SIZE
    assert window.text_size() == DEFAULT_POINT_SIZE


def test_text_size_stays_within_limits(qapp: QApplication, session: AppSession) -> None:
    window = session.open()
    window.set_text_size(99)
    assert qapp.font().pointSize() == MAX_POINT_SIZE
    window.larger_action.trigger()
    assert window.text_size() == MAX_POINT_SIZE
    window.set_text_size(-5)
    assert qapp.font().pointSize() == MIN_POINT_SIZE
    window.smaller_action.trigger()
    assert window.text_size() == MIN_POINT_SIZE


# --- accessibility and help ----------------------------------------------------------------------

NAMED = (QPushButton, QLineEdit, QComboBox, QPlainTextEdit, QListView)


def unnamed_visible_controls(window: MainWindow) -> list[str]:
    missing = []
    for kind in NAMED:
        for widget in window.findChildren(kind):
            if widget.isVisible() and not widget.accessibleName().strip():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_visible_control_on_the_welcome_page_has_a_name(session: AppSession) -> None:
    window = session.open()
    assert unnamed_visible_controls(window) == []


def test_every_visible_control_on_every_page_has_a_name(session: AppSession) -> None:
    demo = build_demo(session.open_repo(), session.clock().date())
    window = session.open()
    window.open_case(demo.id)
    for page in range(1, OUTCOME_PAGE + 1):
        window.show_page(page)
        assert window.stack.currentIndex() == page
        assert unnamed_visible_controls(window) == [], f"page {page}"


def test_step_pages_name_their_notes_and_buttons(session: AppSession, make_case: CaseMaker) -> None:
    make_case()
    window = session.open()
    for page, step in zip(window.step_pages, STEPS, strict=True):
        assert str(step.number) in page.notes_edit.accessibleName()
        assert page.done_button.accessibleName() == page.done_button.text()


def test_help_and_about_use_the_message_wrapper(
    session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    for name in ("show_info", "show_about"):
        monkeypatch.setattr(messages, name, lambda parent, title, text: shown.append((title, text)))
    window = session.open()
    window.help_action.trigger()
    window.about_action.trigger()
    assert [title for title, _ in shown] == ["How Second Opinion works", "About Second Opinion"]
    assert all("medical advice" in text for _, text in shown)


def test_case_only_actions_follow_whether_a_case_is_open(
    session: AppSession, dialogs: DialogFactory
) -> None:
    window = session.open()
    calendar = window.reminders.export_action
    assert not calendar.isEnabled() and not window.export_action.isEnabled()
    dialogs.will_answer(details())
    window.new_case()
    assert calendar.isEnabled() and window.export_action.isEnabled()


def test_non_interactive_windows_never_open_reminders(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    repo = session.open_repo()
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    window = MainWindow(repo, settings, reminders=False)
    session.qtbot.addWidget(window)
    window.show()
    assert not window.reminders.scheduler.running
    window.close()


# --- pages built when first shown, notes kept when a page reloads ------------------------------
# These tests look at the window without touching `step_pages`, `welcome` or `outcome_page`
# until they must: those properties build every page, which would hide the lazy states.


def built(window: MainWindow) -> set[int]:
    """The stack indexes whose real page exists (0 welcome, 1-6 steps, 7 outcome)."""
    return set(window.built_pages())


def current_step_page(window: MainWindow) -> StepPage:
    page = window.stack.currentWidget()
    assert isinstance(page, StepPage)
    return page


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)


def test_only_the_page_shown_is_built_and_the_stack_keeps_its_indexes(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    assert built(window) == {1}
    assert window.stack.count() == OUTCOME_PAGE + 1
    window.show_page(5)
    assert built(window) == {1, 5}
    assert window.stack.count() == OUTCOME_PAGE + 1
    assert window.stack.indexOf(window.built_pages()[5]) == 5
    assert current_step_page(window).step.number == 5
    assert window.current_page() == 5
    window.show_page(OUTCOME_PAGE)
    assert isinstance(window.stack.currentWidget(), OutcomePage)
    assert window.stack.indexOf(window.built_pages()[1]) == 1
    # Building a page that is not shown does not move the page on screen.
    window.step_page(3)
    assert isinstance(window.stack.currentWidget(), OutcomePage)
    assert window.current_page() == OUTCOME_PAGE


def test_next_and_previous_walk_through_unbuilt_pages_loading_each_once(
    session: AppSession, make_case: CaseMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case()
    repo = session.open_repo()
    for step in range(1, 7):
        repo.cases.set_step_notes(case.id, step, f"notes {step}")
    window = session.open()
    loads: list[int] = []
    real_load = StepPage.load

    def counting_load(page: StepPage, *args: Any, **kwargs: Any) -> None:
        loads.append(page.step.number)
        real_load(page, *args, **kwargs)

    monkeypatch.setattr(StepPage, "load", counting_load)
    for expected in range(2, OUTCOME_PAGE + 1):
        window.next_action.trigger()
        assert window.current_page() == expected
        assert window.sidebar.currentIndex().row() == expected - 1
        if expected < OUTCOME_PAGE:
            page = current_step_page(window)
            assert page.step.number == expected
            assert page.notes_edit.toPlainText() == f"notes {expected}"
    assert loads == [2, 3, 4, 5, 6]  # each page loaded once, not again through the sidebar
    for expected in range(OUTCOME_PAGE - 1, 0, -1):
        window.prev_action.trigger()
        assert window.current_page() == expected
        assert current_step_page(window).step.number == expected
    assert built(window) == set(range(1, OUTCOME_PAGE + 1))


def test_sidebar_keys_reach_an_unbuilt_page(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_End)
    assert window.current_page() == OUTCOME_PAGE
    assert isinstance(window.stack.currentWidget(), OutcomePage)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Up)
    assert current_step_page(window).step.number == 6


def test_notes_typed_then_a_switch_of_case_then_undo_and_redo(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A")
    second = make_case("B")
    repo = session.open_repo()
    repo.cases.set_step_notes(second.id, 2, "B's own notes")
    window = session.open()
    window.open_case(first.id)
    window.show_page(2)
    page = current_step_page(window)
    qtbot.keyClicks(page.notes_edit, "only for A")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)  # saves the notes first
    assert window.undo_stack.count() == 1
    qtbot.keyClicks(current_step_page(window).notes_edit, ", and more")
    # Switch before B's page 2 was ever shown for B.
    window.open_case(second.id)
    assert repo.cases.step_progress(first.id)[2].notes == "only for A, and more"
    assert repo.cases.step_progress(second.id)[2].notes == "B's own notes"
    assert window.undo_stack.count() == 0
    window.show_page(2)
    page = current_step_page(window)
    assert page.notes_edit.toPlainText() == "B's own notes"
    assert not page.is_done
    window.mark_done_action.trigger()
    assert repo.cases.step_progress(second.id)[2].done
    window.undo_action.trigger()
    assert not repo.cases.step_progress(second.id)[2].done
    assert not page.is_done
    window.redo_action.trigger()
    assert repo.cases.step_progress(second.id)[2].done
    assert page.is_done
    assert repo.cases.step_progress(first.id)[2].done  # A untouched by B's undo and redo
    assert repo.cases.step_progress(first.id)[2].notes == "only for A, and more"


def test_mark_done_from_the_menu_keeps_notes_typed_just_before(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    repo = session.open_repo()
    window = session.open()
    window.show_page(2)
    page = current_step_page(window)
    qtbot.keyClicks(page.notes_edit, "Dr Okafor will see her")
    window.mark_done_action.trigger()
    assert repo.cases.step_progress(case.id)[2].done
    assert page.notes_edit.toPlainText() == "Dr Okafor will see her"
    window.flush_edits()
    assert repo.cases.step_progress(case.id)[2].notes == "Dr Okafor will see her"


def test_undo_from_the_menu_keeps_notes_typed_just_before(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    repo = session.open_repo()
    window = session.open()
    page = current_step_page(window)
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.notes_edit, "asked for the slides")
    window.undo_action.trigger()
    assert not repo.cases.step_progress(case.id)[1].done
    window.flush_edits()
    assert repo.cases.step_progress(case.id)[1].notes == "asked for the slides"


def test_a_panel_saving_keeps_notes_typed_on_the_same_page(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel

    case = make_case()
    repo = session.open_repo()
    window = session.open()
    window.show_page(6)
    page = current_step_page(window)
    after = next(p for p in window.panels_of(6) if isinstance(p, AfterVisitPanel))
    qtbot.keyClicks(after.tests_edit, "MRI of both breasts")  # saved after a 600 ms pause
    qtbot.keyClicks(page.notes_edit, "Lakeside, Tuesday")  # typed straight after

    def tests_saved() -> bool:
        opinion = repo.opinions.get(case.id, repo.rounds.current(case.id))
        return opinion is not None and opinion.tests_ordered == "MRI of both breasts"

    qtbot.waitUntil(tests_saved, timeout=3000)
    assert page.notes_edit.toPlainText() == "Lakeside, Tuesday"
    window.flush_edits()
    assert repo.cases.step_progress(case.id)[6].notes == "Lakeside, Tuesday"


def test_undo_of_mark_done_while_another_page_shows(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    repo = session.open_repo()
    window = session.open()
    qtbot.mouseClick(current_step_page(window).done_button, Qt.MouseButton.LeftButton)
    assert repo.cases.step_progress(case.id)[1].done
    window.show_page(4)  # not built until now
    window.undo_action.trigger()
    assert not repo.cases.step_progress(case.id)[1].done
    assert window.current_page() == 4
    window.show_page(1)
    assert not current_step_page(window).is_done
    window.show_page(6)
    window.redo_action.trigger()
    assert repo.cases.step_progress(case.id)[1].done
    window.show_page(1)
    assert current_step_page(window).is_done


def test_marking_done_from_the_keyboard_on_a_page_just_built(
    session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    repo = session.open_repo()
    window = session.open()
    window.show_page(3)
    window.mark_done_action.trigger()
    assert repo.cases.step_progress(case.id)[3].done
    assert current_step_page(window).is_done
    window.mark_done_action.trigger()
    assert not repo.cases.step_progress(case.id)[3].done


def test_welcome_is_built_only_when_the_last_case_is_deleted(
    qtbot: QtBot,
    session: AppSession,
    make_case: CaseMaker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_case()
    window = session.open()
    qtbot.keyClicks(current_step_page(window).notes_edit, "about to go")
    assert WELCOME_INDEX not in built(window)
    answer_yes(monkeypatch)
    window.delete_case()
    welcome = window.stack.currentWidget()
    assert isinstance(welcome, WelcomePage)
    assert window.stack.indexOf(welcome) == WELCOME_INDEX
    assert window.current_page() == 0
    assert welcome.start_button.accessibleName() == "Start a new case"
    assert not window.sidebar.isEnabled()
    assert not window.mark_done_action.isEnabled()
    # the welcome's own button starts a case that opens on step 1
    session.factory.will_answer(details(title="Dad's case"))
    qtbot.mouseClick(welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.case is not None and window.case.title == "Dad's case"
    assert window.current_page() == 1
    assert current_step_page(window).notes_edit.toPlainText() == ""
    assert session.open_repo().cases.step_progress(window.case.id)[1].notes == ""


def test_a_window_with_no_case_builds_only_the_welcome(session: AppSession) -> None:
    window = session.open()
    assert built(window) == {WELCOME_INDEX}
    assert isinstance(window.stack.currentWidget(), WelcomePage)
    window.flush_edits()  # nothing to flush, nothing built
    window.next_action.trigger()
    assert built(window) == {WELCOME_INDEX}


def test_first_page_opens_there_only_for_the_first_case_shown(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    first = make_case("A")
    second = make_case("B")
    repo = session.open_repo()
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    settings.setValue(f"case/{second.id}/page", 3)
    settings.setValue("last_case_id", first.id)
    window = MainWindow(repo, settings, session.factory, reminders=False, first_page=5)
    qtbot.addWidget(window)
    assert window.current_page() == 5
    assert built(window) == {5}
    window.open_case(second.id)
    assert window.current_page() == 3
    window.close()


@pytest.mark.parametrize("page", [0, -1, OUTCOME_PAGE + 1])
def test_a_first_page_out_of_range_opens_the_usual_page(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker, page: int
) -> None:
    case = make_case("A")
    repo = session.open_repo()
    settings = QSettings(str(session.settings_path()), QSettings.Format.IniFormat)
    settings.setValue(f"case/{case.id}/page", 2)
    window = MainWindow(repo, settings, session.factory, reminders=False, first_page=page)
    qtbot.addWidget(window)
    assert window.current_page() == 2
    assert isinstance(window.stack.currentWidget(), StepPage)
    window.close()


def test_tab_from_the_sidebar_enters_a_page_built_after_the_window_was_shown(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    window.show_page(6)
    page = current_step_page(window)
    chain: list[QWidget] = []
    widget = window.sidebar.nextInFocusChain()
    while widget is not window.sidebar and len(chain) < 500:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget is not page
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain[0] is page.done_button
    assert chain[1] is page.notes_edit
    assert page.notes_edit.accessibleName() == f"Notes for step 6, {STEPS[5].title}"
    assert page.done_button.accessibleName() == "Mark this step as done"
    # the header's controls come after the page, as they did when every page was built at once
    assert window.case_combo in chain and chain.index(window.case_combo) > 1
