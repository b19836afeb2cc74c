"""ui/pages/records_reading.py: a long records checklist is read off the window's thread,
saying so meanwhile, and then shows exactly what reading it at once shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.records import RecordKind
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.records_panel import RecordsPanel
from secondopinion_desktop.ui.pages.records_reading import READ_IN_BACKGROUND_FROM
from tests.helpers.checklists import fill_checklist

MANY = READ_IN_BACKGROUND_FROM


@pytest.fixture
def long_case(file_repo: Repository) -> Case:
    case = file_repo.cases.create("Many records")
    fill_checklist(file_repo, case, MANY)
    return case


@pytest.fixture
def panel(qtbot: QtBot, file_repo: Repository) -> RecordsPanel:
    qtbot.addWidget(step4 := RecordsPanel(file_repo))
    return step4


def read(qtbot: QtBot, panel: RecordsPanel) -> None:
    qtbot.waitUntil(lambda: not panel.reading, timeout=10_000)


def shown(panel: RecordsPanel) -> tuple[object, ...]:
    """What the person sees of the checklist: the words, the rows, the chosen one, buttons."""
    rows = [panel.model.row_at(row).id for row in range(panel.model.rowCount())]
    buttons = (panel.next_step_button, panel.edit_button, panel.remove_button, panel.pdf_button)
    return (
        panel.next_label.text(),
        panel.summary_label.text(),
        panel.rule_label.text(),
        panel.cover_label.text(),
        rows,
        panel.selected_id(),
        [(button.text(), button.isEnabled()) for button in buttons],
    )


def test_a_long_checklist_is_read_off_the_window_thread_while_the_page_says_so(
    qtbot: QtBot, panel: RecordsPanel, file_repo: Repository, long_case: Case
) -> None:
    panel.load(long_case)
    assert panel.reading and panel.model.rowCount() == 0
    assert panel.reading_label.text() == f"Reading your checklist of {MANY:,} items\u2026"
    assert panel.next_label.text() == "" and not panel.edit_button.isEnabled()
    read(qtbot, panel)
    assert panel.model.rowCount() == MANY
    read_off_the_thread = shown(panel)
    panel.table.clearSelection()
    panel.reload()  # read at once, as after a change made here
    assert shown(panel) == read_off_the_thread
    assert panel.selected_id() == panel.model.row_at(0).id  # the item of the next step


def test_a_short_checklist_and_the_slides_page_are_read_at_once(
    qtbot: QtBot, file_repo: Repository, long_case: Case
) -> None:
    assert file_repo.records.count(long_case.id, [RecordKind.MEDICAL_RECORDS]) == 1
    assert file_repo.records.count(long_case.id) == MANY + 2  # with slides and imaging
    qtbot.addWidget(slides := RecordsPanel(file_repo, step=5))
    slides.load(long_case)  # its own two items: short
    assert not slides.reading and slides.model.rowCount() == 2


def test_a_case_shown_again_is_not_read_again_unless_it_changed(
    qtbot: QtBot, panel: RecordsPanel, file_repo: Repository, long_case: Case
) -> None:
    other = file_repo.cases.create("Few records")
    panel.show_case(long_case)
    read(qtbot, panel)
    panel.show_case(other)  # a short list: read at once
    assert not panel.reading and 0 < panel.model.rowCount() < MANY
    panel.show_case(long_case)  # kept from before: shown at once
    assert not panel.reading and panel.model.rowCount() == MANY
    panel.show_case(other)
    panel.forget(Changes.of(long_case.id, Kind.RECORDS))  # no longer kept
    panel.show_case(long_case)
    assert panel.reading
    panel.mark_stale(Changes.of(long_case.id, Kind.DOCTORS))  # a doctor renamed meanwhile
    read(qtbot, panel)
    assert panel.next_label.text().startswith("Next: ") and panel.model.rowCount() == MANY
    for case in (other, long_case):  # shown, but not kept: read again
        panel.show_case(case)
    assert panel.reading
    read(qtbot, panel)


def test_only_the_latest_read_is_shown(
    qtbot: QtBot, panel: RecordsPanel, file_repo: Repository, long_case: Case
) -> None:
    other = file_repo.cases.create("Few records")
    panel.show_case(long_case)
    panel.show_case(other)  # switched before the long list arrived
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(500)  # the read starts once the page is drawn, or after a while when hidden
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()  # what the first read brought back
    assert panel.case == other and 0 < panel.model.rowCount() < MANY
    assert not panel.reading


def test_a_change_made_while_reading_shows_what_was_saved_and_undo_works(
    qtbot: QtBot, panel: RecordsPanel, long_case: Case
) -> None:
    panel.load(long_case)
    assert panel.reading
    panel.reload()  # as after a change made here: read at once, the read under way is dropped
    assert not panel.reading and panel.model.rowCount() == MANY
    first = panel.selected_item()
    assert first is not None
    panel.advance_selected()
    assert panel.selected_item() != first  # asked for now
    qtbot.wait(500)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()
    assert panel.selected_id() == first.id and panel.selected_item() != first
    panel.undo_stack.undo()
    assert panel.selected_item() == first


def test_its_own_rows_stay_out_of_reach_while_the_case_is_read_again(
    qtbot: QtBot, panel: RecordsPanel, long_case: Case
) -> None:
    panel.show_case(long_case)
    read(qtbot, panel)
    panel.select_row(7)
    chosen = panel.selected_id()
    panel.mark_stale(Changes.of(long_case.id, Kind.RECORDS))  # changed on another page
    panel.show_case(long_case)
    assert panel.reading and panel.model.rowCount() == MANY
    assert not panel.table.isEnabled() and panel.selected_item() is None
    assert not panel.next_step_button.isEnabled() and not panel.remove_button.isEnabled()
    read(qtbot, panel)
    assert panel.table.isEnabled() and panel.selected_id() == chosen
    assert panel.next_step_button.isEnabled()
