"""Pages read only what changed: turning back to a page costs nothing unless its data changed;
the doctor tables sort and filter in the model and still give the right rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import QAbstractProxyModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.models.doctors_model import Column
from tests.ui.conftest import AppSession

W = TypeVar("W", bound=QWidget)
NAMES = ["Dr. Lena Ortiz", "Dr. ana Ruiz", "Dr. Ben Okafor", "Dr. Émile Marsh", "Dr. Ana Ruiz 2"]
WAITS = [30, None, 5, 12, 60]


def named(parent: QWidget, kind: type[W], name: str) -> W:
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, (name, len(found))
    return found[0]


def column(view: QAbstractItemView, number: int) -> list[str]:
    model = view.model()
    return [str(model.index(r, number).data()) for r in range(model.rowCount())]


def show(window: MainWindow, page: int) -> None:
    window.show_page(page)
    QApplication.processEvents()


def click_header(table: QTableView, number: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(number) + header.sectionSize(number) // 2
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(x, header.height() // 2),
    )


def with_doctors(session: AppSession, make_case: Callable[..., Case]) -> Case:
    case = make_case("Table")
    repo = session.open_repo()
    for name, wait in zip(NAMES, WAITS, strict=True):
        repo.doctors.add(Doctor(id=0, case_id=case.id, name=name, wait_days=wait))
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Own", role=Role.TREATING))
    return case


def test_sorting_by_a_column_and_filtering_give_the_right_rows(
    session: AppSession, make_case: Callable[..., Case], qtbot: QtBot
) -> None:
    case = with_doctors(session, make_case)
    window = session.open()
    window.open_case(case.id)
    show(window, 3)
    table = named(window, QTableView, "Doctor comparison table")
    assert column(table, Column.NAME) == NAMES  # as added until a header is clicked
    click_header(table, Column.NAME)
    assert column(table, Column.NAME) == [
        "Dr. ana Ruiz",
        "Dr. Ana Ruiz 2",
        "Dr. Ben Okafor",
        "Dr. Émile Marsh",
        "Dr. Lena Ortiz",
    ]
    click_header(table, Column.NAME)
    assert column(table, Column.NAME)[0] == "Dr. Lena Ortiz"
    click_header(table, Column.WAIT)
    assert column(table, Column.WAIT) == [
        "5 days",
        "12 days",
        "30 days",
        "2 months",
        "not asked yet",
    ]

    find = named(window, QLineEdit, "Find in the table")
    find.setFocus()
    qtbot.keyClicks(find, "ruiz")
    assert column(table, Column.NAME) == ["Dr. Ana Ruiz 2", "Dr. ana Ruiz"]
    assert column(table, Column.WAIT) == ["2 months", "not asked yet"]  # still by wait
    qtbot.keyClicks(find, " 2")
    assert column(table, Column.NAME) == ["Dr. Ana Ruiz 2"]
    for _ in "ruiz 2":
        QTest.keyClick(find, Qt.Key.Key_Backspace)
    assert len(column(table, Column.NAME)) == len(NAMES)
    assert column(table, Column.WAIT)[0] == "5 days"


def test_turning_back_to_a_page_reads_nothing_unless_its_data_changed(
    session: AppSession, make_case: Callable[..., Case], qtbot: QtBot
) -> None:
    case = with_doctors(session, make_case)
    other = make_case("Another case")
    window = session.open()
    window.open_case(case.id)
    show(window, 3)
    show(window, 2)
    compare = named(window, QTableView, "Doctor comparison table")
    candidates = named(window, QTableView, "Candidate doctors")
    compare_rows = compare.model()
    candidate_rows = candidates.model()
    assert isinstance(compare_rows, QAbstractProxyModel)
    assert isinstance(candidate_rows, QAbstractProxyModel)
    with qtbot.assertNotEmitted(compare_rows.sourceModel().modelReset):
        show(window, 3)
        show(window, 1)
        show(window, 3)

    # a change on step 3 (a status changed in the table) is shown on step 2 when it is next shown
    lena = compare_rows.index(column(compare, Column.NAME).index("Dr. Lena Ortiz"), Column.STATUS)
    assert compare_rows.setData(lena, Status.RULED_OUT.value)
    with qtbot.waitSignal(candidate_rows.sourceModel().modelReset):
        show(window, 2)
    assert "Dr. Lena Ortiz" in column(candidates, Column.NAME)

    # another case: its own (empty) list, then back to the first
    window.open_case(other.id)
    show(window, 2)
    assert column(candidates, Column.NAME) == []
    window.open_case(case.id)
    show(window, 2)
    assert len(column(candidates, Column.NAME)) == len(NAMES)


def test_switching_back_to_a_case_reads_its_doctors_again_only_after_a_change(
    session: AppSession, make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = with_doctors(session, make_case)
    other = make_case("Another case")
    window = session.open()
    repo = session.open_repo()
    read: list[int] = []
    original = repo.doctors.list

    def counted(case_id: int, role: Role | None = None) -> list[Doctor]:
        if role is Role.CANDIDATE:  # what step 3 reads (the reminder rules read on their own)
            read.append(case_id)
        return original(case_id, role)

    monkeypatch.setattr(repo.doctors, "list", counted)
    window.open_case(case.id)
    show(window, 3)
    window.open_case(other.id)
    window.open_case(case.id)
    compare = named(window, QTableView, "Doctor comparison table")
    assert len(column(compare, Column.NAME)) == len(NAMES)
    assert read.count(case.id) == 1
    model = compare.model()
    lena = model.index(column(compare, Column.NAME).index("Dr. Lena Ortiz"), Column.WAIT)
    assert model.setData(lena, "3")
    window.open_case(other.id)
    window.open_case(case.id)
    assert read.count(case.id) == 2
    assert "3 days" in column(compare, Column.WAIT)


def test_a_panel_that_showed_its_own_change_reads_nothing_when_turned_back_to(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After importing doctors on step 2 (as after importing 100,000), step 2 has shown them:
    going to step 3 and back must not read the whole list once more."""
    from secondopinion_desktop.domain.candidate_import import ImportedCandidate
    from secondopinion_desktop.ui.dialogs import import_dialog
    from tests.ui.pages.test_candidates_panel import FakeImportDialog

    case = with_doctors(session, make_case)
    window = session.open()
    window.open_case(case.id)
    show(window, 2)
    candidates = named(window, QTableView, "Candidate doctors")
    rows = candidates.model()
    assert isinstance(rows, QAbstractProxyModel)
    fake = FakeImportDialog([ImportedCandidate(name="Dr. Noor Haddad", phone="555-201-3344")])
    monkeypatch.setattr(import_dialog, "ImportDialog", lambda *_a, **_k: fake)
    named(window, QWidget, "Import doctors from a spreadsheet saved as CSV").click()  # type: ignore[attr-defined]
    assert "Dr. Noor Haddad" in column(candidates, Column.NAME)
    show(window, 3)
    with qtbot.assertNotEmitted(rows.sourceModel().modelReset):
        show(window, 2)
    assert "Dr. Noor Haddad" in column(candidates, Column.NAME)
