"""The doctor table shared by steps 2 and 3: a long list is read off the window's thread."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Source
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.candidates_panel import STEP2_COLUMNS, CandidatesPanel
from secondopinion_desktop.ui.pages.compare_panel import WHILE_READING, ComparePanel
from secondopinion_desktop.ui.pages.doctor_table import READ_IN_BACKGROUND_FROM
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, apply_style

MANY = READ_IN_BACKGROUND_FROM


def add_doctors(repo: Repository, case: Case, count: int, prefix: str = "Dr.") -> None:
    repo.doctors.add_many(
        Doctor(id=0, case_id=case.id, name=f"{prefix} {n}", role=Role.CANDIDATE)
        for n in range(count)
    )


@pytest.fixture
def long_list(file_repo: Repository) -> Iterator[Case]:
    case = file_repo.cases.create("Many doctors")
    add_doctors(file_repo, case, MANY)
    yield case


@pytest.fixture
def step2(qtbot: QtBot, file_repo: Repository) -> CandidatesPanel:
    panel = CandidatesPanel(file_repo)
    qtbot.addWidget(panel)
    return panel


def read(qtbot: QtBot, panel: CandidatesPanel | ComparePanel) -> None:
    qtbot.waitUntil(lambda: not panel.reading, timeout=10_000)


def test_a_long_list_is_read_off_the_window_thread_while_the_table_says_so(
    qtbot: QtBot, file_repo: Repository, long_list: Case
) -> None:
    qtbot.addWidget(panel := ComparePanel(file_repo))
    panel.load(long_list)
    assert panel.reading and panel.model.rowCount() == 0
    assert f"Reading your list of {MANY:,} doctors" in panel.reading_label.text()
    assert panel.fit_note.text() == WHILE_READING.note  # not "add doctors in step 2"
    read(qtbot, panel)
    assert panel.model.rowCount() == MANY
    assert panel.table.currentIndex().isValid()  # the first row is chosen, as for a short list
    assert panel.fit_note.text() != WHILE_READING.note


def test_a_case_shown_again_is_not_read_again(
    qtbot: QtBot, step2: CandidatesPanel, file_repo: Repository, long_list: Case
) -> None:
    panel = step2
    panel.show_case(long_list)
    read(qtbot, panel)
    assert not panel.empty_label.isVisibleTo(panel)
    other = file_repo.cases.create("Few doctors")
    add_doctors(file_repo, other, 3)
    panel.show_case(other)  # a short list: read at once
    assert not panel.reading and panel.model.rowCount() == 3
    panel.show_case(long_list)  # kept from before: shown at once
    assert not panel.reading and panel.model.rowCount() == MANY


def test_only_the_latest_read_is_shown_and_a_changed_case_is_not_kept(
    qtbot: QtBot, step2: CandidatesPanel, file_repo: Repository, long_list: Case
) -> None:
    panel, other = step2, file_repo.cases.create("Also many")
    add_doctors(file_repo, other, MANY + 1, prefix="Dr. Other")
    panel.show_case(long_list)
    panel.show_case(other)  # switched before the first list arrived
    read(qtbot, panel)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()  # what the first read brought back
    assert panel.model.rowCount() == MANY + 1  # the first list is kept, not shown
    panel.show_case(long_list)
    assert not panel.reading and panel.model.rowCount() == MANY
    panel.show_case(other)
    panel.forget(Changes.of(long_list.id, Kind.DOCTORS))  # no longer kept
    panel.show_case(long_list)
    assert panel.reading
    panel.forget(Changes.of(long_list.id, Kind.DOCTORS))  # data changed during the read
    read(qtbot, panel)
    assert panel.model.rowCount() == MANY  # shown...
    panel.show_case(other)
    panel.show_case(long_list)
    assert panel.reading  # ...but not kept: read again
    read(qtbot, panel)


@pytest.mark.parametrize("point_size", [DEFAULT_POINT_SIZE, MAX_POINT_SIZE])
@pytest.mark.parametrize("count", [12, 40])
def test_step2_columns_are_as_wide_as_qt_measures_their_words(
    qtbot: QtBot, qapp: QApplication, repo: Repository, point_size: int, count: int
) -> None:
    """`fit_columns` works the widths out from the texts (no call into Python per cell, which
    waits for the lock while a worker reads); they are the widths Qt's own measure gives."""
    apply_style(qapp, point_size)
    try:
        case = repo.cases.create("Dad")
        repo.doctors.add_many(
            Doctor(
                id=0,
                case_id=case.id,
                name=f"Dr. Émile {'Wójcik-' * (n % 4)}Okafor {n}",
                specialty="Pediatric cardiothoracic surgery" if n % 3 else "Oncology",
                phone=f"(555) 01{n:02d}-2233 ext. {n}",
                source=Source.REFERRAL if n % 2 else None,
            )
            for n in range(count)
        )
        panel = CandidatesPanel(repo)
        qtbot.addWidget(panel)
        panel.resize(1000, 700)
        panel.show()
        panel.show_case(case)
        table = panel.table
        header = table.horizontalHeader()
        for column in STEP2_COLUMNS:
            wanted = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert table.columnWidth(column) == wanted
    finally:
        apply_style(qapp, DEFAULT_POINT_SIZE)
