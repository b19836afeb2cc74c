"""Fitted tables on long lists: a checklist of thousands of items opens without a pass over
its rows, scrolls on its own with one line a row, and a short list still fits as before.

Through the window, as a person gets there: the case is made in the database, the window
opens it, step 4 is shown, and the table is found by the name a screen reader hears.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Call, Doctor
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.models.record_item_delegate import RecordItemDelegate
from secondopinion_desktop.ui.models.records_model import COL_ITEM
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, apply_style
from secondopinion_desktop.ui.tables import BIG_LIST, FittedTableView
from tests.helpers.checklists import fill_checklist
from tests.helpers.stranger import button, named
from tests.ui.conftest import AppSession

CHECKLIST = "Your records checklist"
READING = "Reading the checklist"


@pytest.fixture
def size_hints(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the checklist's item delegate was asked for a row's size."""
    calls: list[int] = []
    original = RecordItemDelegate.sizeHint

    def counted(
        self: RecordItemDelegate, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QSize:
        calls.append(index.row())
        return original(self, option, index)

    monkeypatch.setattr(RecordItemDelegate, "sizeHint", counted)
    return calls


def open_step_4(session: AppSession, case: Case) -> tuple[MainWindow, QTableView]:
    """The case on step 4, its checklist listed (a long one once it has been read)."""
    window = session.open()
    window.resize(1280, 840)
    window.open_case(case.id)
    window.show_page(4)
    QApplication.processEvents()
    wait_until_read(window)
    return window, named(window, QTableView, CHECKLIST)


def wait_until_read(window: MainWindow) -> None:
    for _ in range(1000):
        if not reading(window):
            return
        QTest.qWait(10)


def reading(window: MainWindow) -> bool:
    """Whether the page says it is reading the checklist."""
    labels = window.findChildren(QLabel)
    return any(label.accessibleName() == READING and label.isVisibleTo(window) for label in labels)


def test_a_long_checklist_says_it_is_being_read_until_it_is_listed(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    case = make_case()
    fill_checklist(session.open_repo(), case, 2000)
    window = session.open()
    window.open_case(case.id)
    window.show_page(4)
    assert named(window, QLabel, READING).text() == "Reading your checklist of 2,000 items\u2026"
    assert named(window, QTableView, CHECKLIST).model().rowCount() == 0  # nothing half-read
    assert not button(window, "Change the selected item").isEnabled()
    assert named(window, QLabel, "What to do next").text() == ""
    wait_until_read(window)
    table = named(window, QTableView, CHECKLIST)
    assert not reading(window) and table.model().rowCount() == 2000
    assert named(window, QLabel, "What to do next").text() == "Next: Get the medical records."
    assert table.selectionModel().selectedRows()[0].row() == 0  # the item of the next step
    assert button(window, "Change the selected item").isEnabled()


def test_thousands_of_items_open_in_a_table_that_scrolls_itself(
    session: AppSession, make_case: Callable[..., Case], size_hints: list[int]
) -> None:
    case = make_case()
    fill_checklist(session.open_repo(), case, 2000)
    window, table = open_step_4(session, case)
    model = table.model()
    assert model.rowCount() == 2000
    # scrolls on its own, at a height of its own, not as tall as 2,000 rows
    assert table.verticalScrollBar().maximum() > 0
    assert table.height() < window.height()
    # one line a row, and the page did not ask for the size of thousands of rows
    line = table.fontMetrics().height()
    assert {table.rowHeight(row) for row in (0, 1, 999, 1999)} == {table.rowHeight(0)}
    assert line <= table.rowHeight(0) < 2 * line
    assert len(size_hints) < 100
    # nothing is lost with the second line: the full text is in the tooltip and spoken text
    last = model.index(1999, COL_ITEM)
    assert "Lab report 1994" in last.data(Qt.ItemDataRole.ToolTipRole)
    assert "From" in last.data(Qt.ItemDataRole.AccessibleTextRole)
    # a wider or narrower window sizes no rows either
    size_hints.clear()
    window.resize(1000, 840)
    QApplication.processEvents()
    assert len(size_hints) < 100
    table.scrollToBottom()
    assert table.rowViewportPosition(1999) < table.viewport().height()


def test_a_short_checklist_still_fits_its_rows(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    case = make_case()
    fill_checklist(session.open_repo(), case, 12)
    _window, table = open_step_4(session, case)
    assert table.model().rowCount() == 12
    assert table.verticalScrollBar().maximum() == 0  # the page scrolls, not the table
    assert table.height() >= table.verticalHeader().length() + table.horizontalHeader().height()
    assert table.rowHeight(0) >= 2 * table.fontMetrics().height()  # name over a second line


def test_removing_one_item_at_the_threshold_fits_the_rows_again_and_undo_does_not(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    case = make_case()
    fill_checklist(session.open_repo(), case, BIG_LIST + 1)
    window, table = open_step_4(session, case)
    assert table.verticalScrollBar().maximum() > 0
    table.selectRow(BIG_LIST)
    button(window, "Remove the selected item").click()
    QApplication.processEvents()
    assert table.model().rowCount() == BIG_LIST
    assert table.verticalScrollBar().maximum() == 0
    assert table.height() >= table.verticalHeader().length()
    assert table.rowHeight(0) >= 2 * table.fontMetrics().height()
    button(window, "Undo removing the item").click()
    QApplication.processEvents()
    assert table.model().rowCount() == BIG_LIST + 1
    assert table.verticalScrollBar().maximum() > 0
    assert table.rowHeight(0) < 2 * table.fontMetrics().height()


def test_a_fitted_table_switches_as_rows_come_and_go(qtbot: QtBot) -> None:
    model = QStandardItemModel(BIG_LIST, 1)
    table = FittedTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setWordWrap(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.show()
    assert not table.big
    tall = table.sizeHint().height()
    model.appendRow(QStandardItem("one more"))
    assert table.big
    assert table.sizeHint().height() < tall
    assert not table.wordWrap()
    assert table.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    model.removeRow(0)
    assert not table.big
    assert table.wordWrap()  # as the owner set it up
    assert table.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert table.sizeHint().height() >= table.verticalHeader().length()
    model.setRowCount(5000)
    assert table.big
    model.setRowCount(0)
    assert not table.big


def test_hundreds_of_questions_scroll_in_their_own_table(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    case = make_case()
    repo = session.open_repo()
    with repo.db.atomic():
        for n in range(500):
            repo.questions.insert_row(Question(id=0, case_id=case.id, text=f"Question {n + 1}?"))
    window = session.open()
    window.open_case(case.id)
    window.show_page(6)
    QApplication.processEvents()
    table = named(window, QTableView, "Questions for the visit")
    last = table.model().rowCount() - 1
    assert last >= 500  # the starter questions come too
    assert table.verticalScrollBar().maximum() > 0
    assert table.rowHeight(0) == table.rowHeight(last) < 2 * table.fontMetrics().height()


def test_one_line_rows_grow_with_larger_text(qtbot: QtBot, qapp: QApplication) -> None:
    model = QStandardItemModel(BIG_LIST + 1, 1)
    table = FittedTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.show()
    small = table.rowHeight(BIG_LIST)
    apply_style(qapp, MAX_POINT_SIZE)
    try:
        QApplication.processEvents()
        line = table.fontMetrics().height()
        assert table.rowHeight(0) == table.rowHeight(BIG_LIST) > small
        assert line <= table.rowHeight(0) < 2 * line
    finally:
        apply_style(qapp, DEFAULT_POINT_SIZE)


def test_a_doctor_with_hundreds_of_calls_shows_them_one_line_each(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    """Five years of phoning one office: choosing that doctor on step 3 lists every call,
    one line a row (the whole of what was learned in the row's tooltip), with no pass over
    the rows to size them (1,000 calls froze the window for a second); a doctor with a few
    calls still shows each call's words wrapped in full."""
    case = make_case()
    repo = session.open_repo()
    many = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Many Calls"))
    few = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Few Calls"))
    learned = "They said to call back next week about the referral and the records. " * 3
    with repo.db.atomic():
        for n in range(500):
            when = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T10:{n % 60:02d}:00+00:00"
            repo.doctors.add_call(Call(id=0, doctor_id=many.id, called_at=when, learned=learned))
        repo.doctors.add_call(Call(id=0, doctor_id=few.id, called_at=when, learned=learned))
    window = session.open()
    window.resize(1280, 840)
    window.open_case(case.id)
    window.show_page(3)
    QApplication.processEvents()
    doctors = named(window, QTableView, "Doctor comparison table")
    calls = named(window, QTableView, "Calls to the selected doctor")
    line = 2 * calls.fontMetrics().height()

    def choose(name: str) -> None:
        model = doctors.model()
        [row] = [r for r in range(model.rowCount()) if model.index(r, 0).data() == name]
        doctors.setCurrentIndex(model.index(row, 0))
        QApplication.processEvents()

    choose("Dr. Many Calls")
    assert calls.model().rowCount() == 500
    assert calls.rowHeight(0) == calls.rowHeight(499) < line
    assert calls.model().index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == learned
    assert "Calls to Dr. Many Calls: 500." in [
        label.text() for label in window.stack.currentWidget().findChildren(QLabel)
    ]
    choose("Dr. Few Calls")
    assert calls.model().rowCount() == 1
    assert calls.rowHeight(0) > line  # what was learned, wrapped in full
