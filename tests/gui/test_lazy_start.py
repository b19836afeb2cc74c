"""What start-up leaves for later must still behave: pages built when first shown, notes kept
when a page reloads, the reminder window made when needed, the records table's text cache, and
the single-instance server that starts after the window.

These tests look at the window without touching `step_pages`, `welcome` or `outcome_page`
until they must: those properties build every page, which would hide the lazy states.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.records import RecordItem, RecordKind
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.domain.steps import OUTCOME_PAGE, STEPS
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import WELCOME_INDEX, MainWindow
from secondopinion_desktop.ui.models.records_model import COL_ITEM, COL_PAGES, RecordsModel
from secondopinion_desktop.ui.pages.outcome_page import OutcomePage
from secondopinion_desktop.ui.pages.step_page import StepPage
from secondopinion_desktop.ui.pages.welcome_page import WelcomePage
from secondopinion_desktop.ui.single_instance import WAIT_MS, SingleInstance
from tests.conftest import FakeClock
from tests.gui.conftest import AppSession, details

CaseMaker = Callable[..., Case]


def built(window: MainWindow) -> set[int]:
    """The stack indexes whose real page exists (0 welcome, 1-6 steps, 7 outcome)."""
    return set(window._built_pages)


def current_step_page(window: MainWindow) -> StepPage:
    page = window.stack.currentWidget()
    assert isinstance(page, StepPage)
    return page


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)


# --- pages built when first needed ------------------------------------------------------------


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
    assert window.stack.indexOf(window._built_pages[5]) == 5
    assert current_step_page(window).step.number == 5
    assert window.current_page() == 5
    window.show_page(OUTCOME_PAGE)
    assert isinstance(window.stack.currentWidget(), OutcomePage)
    assert window.stack.indexOf(window._built_pages[1]) == 1
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
        repo.set_step_notes(case.id, step, f"notes {step}")
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
    repo.set_step_notes(second.id, 2, "B's own notes")
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
    assert repo.step_progress(first.id)[2].notes == "only for A, and more"
    assert repo.step_progress(second.id)[2].notes == "B's own notes"
    assert window.undo_stack.count() == 0
    window.show_page(2)
    page = current_step_page(window)
    assert page.notes_edit.toPlainText() == "B's own notes"
    assert not page.is_done
    window.mark_done_action.trigger()
    assert repo.step_progress(second.id)[2].done
    window.undo_action.trigger()
    assert not repo.step_progress(second.id)[2].done
    assert not page.is_done
    window.redo_action.trigger()
    assert repo.step_progress(second.id)[2].done
    assert page.is_done
    assert repo.step_progress(first.id)[2].done  # A untouched by B's undo and redo
    assert repo.step_progress(first.id)[2].notes == "only for A, and more"


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
    assert repo.step_progress(case.id)[2].done
    assert page.notes_edit.toPlainText() == "Dr Okafor will see her"
    window.flush_edits()
    assert repo.step_progress(case.id)[2].notes == "Dr Okafor will see her"


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
    assert not repo.step_progress(case.id)[1].done
    window.flush_edits()
    assert repo.step_progress(case.id)[1].notes == "asked for the slides"


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
    qtbot.waitUntil(lambda: not after._tests_dirty, timeout=3000)
    assert page.notes_edit.toPlainText() == "Lakeside, Tuesday"
    window.flush_edits()
    assert repo.step_progress(case.id)[6].notes == "Lakeside, Tuesday"


def test_undo_of_mark_done_while_another_page_shows(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker
) -> None:
    case = make_case()
    repo = session.open_repo()
    window = session.open()
    qtbot.mouseClick(current_step_page(window).done_button, Qt.MouseButton.LeftButton)
    assert repo.step_progress(case.id)[1].done
    window.show_page(4)  # not built until now
    window.undo_action.trigger()
    assert not repo.step_progress(case.id)[1].done
    assert window.current_page() == 4
    window.show_page(1)
    assert not current_step_page(window).is_done
    window.show_page(6)
    window.redo_action.trigger()
    assert repo.step_progress(case.id)[1].done
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
    assert repo.step_progress(case.id)[3].done
    assert current_step_page(window).is_done
    window.mark_done_action.trigger()
    assert not repo.step_progress(case.id)[3].done


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
    assert session.open_repo().step_progress(window.case.id)[1].notes == ""


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


# --- the reminder window, made when first needed ----------------------------------------------


def _own(repo: Any, case_id: int, due: dt.datetime, title: str) -> Reminder:
    saved: Reminder = repo.add_reminder(Reminder(id=0, case_id=case_id, title=title, due_at=due))
    return saved


def test_bringing_the_window_back_does_not_make_the_reminder_window(
    session: AppSession, make_case: CaseMaker
) -> None:
    make_case()
    window = session.open()
    controller = window.reminders
    assert controller._popup is None
    window.showMinimized()
    controller._bring_back()
    assert controller._popup is None
    assert not window.isMinimized()
    controller._refresh_views()  # a change in the reminders, nothing to drop
    assert controller._popup is None


def test_a_reminder_due_before_the_window_exists_then_bring_back(
    qtbot: QtBot, session: AppSession, make_case: CaseMaker, clock: FakeClock
) -> None:
    case = make_case()
    window = session.open()
    controller = window.reminders
    assert controller._popup is None
    told: list[tuple[str, str]] = []
    controller._notify = lambda title, text: told.append((title, text)) or True
    window.hide()
    reminder = _own(session.open_repo(), case.id, clock(), "Phone the lab")
    controller._on_due([reminder])
    popup = controller._popup
    assert popup is not None
    assert [c.reminder.id for c in popup.cards] == [reminder.id]
    assert told == [("Reminder", "Phone the lab")]
    popup.hide()
    controller._bring_back()
    assert window.isVisible()
    assert popup.isVisible()
    # marked done elsewhere: the lazily made window drops it
    session.open_repo().set_reminder_done(reminder.id, True)
    controller._refresh_views()
    assert popup.cards == []


# --- the records table's text cache -----------------------------------------------------------


def _item(item_id: int, title: str, pages: int | None) -> RecordItem:
    return RecordItem(
        id=item_id, case_id=1, kind=RecordKind.MEDICAL_RECORDS, title=title, pages=pages
    )


def test_records_model_shows_new_text_after_set_items_with_the_same_rows(qtbot: QtBot) -> None:
    model = RecordsModel()
    today = dt.date(2026, 11, 20)
    model.set_items([_item(1, "Clinic notes", 3)], {}, None, None, today, {})
    index = model.index(0, COL_ITEM)
    assert model.data(index) == "Clinic notes"
    assert model.data(model.index(0, COL_PAGES)) == "3"
    model.set_items([_item(1, "Clinic notes, 2025", 12)], {}, None, None, today, {1: 2})
    assert model.data(model.index(0, COL_ITEM)) == "Clinic notes, 2025 (2 scans)"
    assert model.data(model.index(0, COL_PAGES)) == "12"
    model.set_items([], {}, None, None, today, {})
    assert model.data(index) is None
    assert model.data(model.index(0, COL_ITEM)) is None


def test_records_model_answers_edit_role_as_before(qtbot: QtBot) -> None:
    model = RecordsModel()
    model.set_items([_item(1, "Clinic notes", 3)], {}, None, None, dt.date(2026, 11, 20), {})
    index = model.index(0, COL_ITEM)
    assert model.data(index, Qt.ItemDataRole.EditRole) is None
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Clinic notes")


# --- a second launch while the first is still starting ----------------------------------------

ASK_SCRIPT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from secondopinion_desktop.ui.single_instance import SingleInstance\n"
    "app = QCoreApplication([])\n"
    "second = SingleInstance(Path(sys.argv[1]))\n"
    "print(second.acquire(), second.ask_running_copy_to_show())\n"
)


def test_a_second_launch_during_a_slow_start_is_handed_over(qtbot: QtBot, data_dir: Path) -> None:
    first = SingleInstance(data_dir)
    assert first.acquire()
    second = subprocess.Popen(
        [sys.executable, "-c", ASK_SCRIPT, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    try:
        # The first copy is opening a large database, building its window... a cold start
        # on a slow computer: the event loop (and so listen()) comes a while after the lock.
        started = time.monotonic()
        while time.monotonic() - started < WAIT_MS / 1000 + 1.0:
            QApplication.processEvents()
            time.sleep(0.02)
        first.listen()
        out, _ = second.communicate(timeout=15)
    finally:
        if second.poll() is None:
            second.kill()
        first.release()
    assert out.split() == ["False", "True"]
