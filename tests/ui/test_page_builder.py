"""Pages built a piece at a time (issue 16): a page shown for the first time comes in turns of
the event loop, and the interactive window builds the other pages in idle time, each once,
putting it off while the person types or clicks, and never after the window closed."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.background_reads import read_in_background, reading_in_background
from secondopinion_desktop.ui.main_window import MainWindow
from secondopinion_desktop.ui.page_builder import DIALOG_MODULES, QUIET_S, PageBuilder, PageParts
from secondopinion_desktop.ui.pages.panel import StepPanel
from secondopinion_desktop.ui.pages.panels import MODULES, PANELS
from tests.ui.conftest import AppSession

PAGES = range(1, OUTCOME_PAGE + 1)


def built_panels(window: MainWindow) -> list[StepPanel]:
    return window.findChildren(StepPanel)


def opened(session: AppSession, make_case: Callable[..., Case], page: int = 1) -> MainWindow:
    case = make_case("Dad")
    repo = session.open_repo()
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Own", role=Role.TREATING))
    window = session.open()
    window.show_page(page)
    return window


def test_the_window_builds_nothing_ahead_unless_asked(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    """The screenshot and export modes make the window without `build_ahead`: they build only
    the page they show, however long the event loop runs."""
    window = opened(session, make_case)
    before = window.built_pages()
    qtbot.wait(500)
    assert window.built_pages() == before
    assert window.builder is None


def test_idle_time_builds_every_page_once(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    window = opened(session, make_case)
    window.build_ahead()
    window.build_ahead()  # asked twice: one builder, each page once
    builder = window.builder
    assert builder is not None
    with qtbot.waitSignal(builder.finished, timeout=20_000):
        pass
    assert not builder.building_ahead
    assert set(window.built_pages()) >= set(PAGES)
    panels = built_panels(window)
    assert len(panels) == sum(len(factories) for factories in PANELS.values())
    pages = window.built_pages()
    for page in PAGES:  # showing them builds nothing more
        window.show_page(page)
        qtbot.waitUntil(lambda: not builder.showing)  # their data comes in turns
        assert window.built_pages()[page] is pages[page]
        assert not any(panel.stale for panel in window.panels[page])
    assert set(built_panels(window)) == set(panels)


def test_a_page_shown_the_first_time_comes_in_turns_then_loads(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    window = opened(session, make_case)
    window.build_ahead()
    assert window.builder is not None
    window.show_page(1)
    window.show_page(4)  # not built yet: the page at once, its tools in the next turns
    assert window.current_page() == 4
    assert 4 in window.built_pages() and 4 not in window.panels
    qtbot.waitUntil(lambda: window.builder is not None and not window.builder.showing)
    assert [type(p).__name__ for p in window.panels[4]] == ["RecordsPanel", "TimelinePanel"]
    assert all(not panel.stale for panel in window.panels[4])  # loaded, being in view


def test_a_page_left_before_its_tools_came_loads_when_shown_again(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    window = opened(session, make_case)
    window.build_ahead()
    window.show_page(6)
    window.show_page(1)  # left at once: its tools are built ahead, and read nothing yet
    qtbot.waitUntil(lambda: 6 in window.panels, timeout=20_000)
    assert all(panel.stale for panel in window.panels[6])
    window.show_page(6)  # they show nothing yet: each loads in a turn of its own
    qtbot.waitUntil(lambda: not any(panel.stale for panel in window.panels[6]))


def test_closing_the_window_stops_building_ahead(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    window = opened(session, make_case)
    window.build_ahead()
    builder = window.builder
    assert builder is not None
    with qtbot.waitSignal(builder.finished, timeout=2_000):
        window.close()
    before = window.built_pages()
    qtbot.wait(400)
    assert window.built_pages() == before
    assert not builder.building_ahead


def test_the_persons_keys_and_clicks_put_idle_building_off(
    qtbot: QtBot, session: AppSession
) -> None:
    """Fake pages: each piece is noted; the clock is the test's."""
    session_repo = session.open_repo()
    now = [100.0]
    done: list[str] = []
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    owner = QWidget()
    qtbot.addWidget(owner)
    parts = PageParts(
        modules=lambda page: ("secondopinion_desktop.renamed_since",),  # left out
        build_page=lambda page: done.append(f"page {page}"),
        build_panel=lambda page, index: StepPanel(session_repo),
        panel_count=lambda page: 0,
        build_panels=lambda page, made: done.append(f"panels {page}"),
        loads=lambda page: [],
        is_built=lambda page: f"panels {page}" in done,
    )
    after = [lambda: done.append("after the pages")]
    builder = PageBuilder(owner, range(1, 3), parts, clock=lambda: now[0], after_pages=after)
    builder.start(after_ms=0)
    # the person types, the way a key reaches the app (through the window, not to a widget)
    QTest.keyClick(field.windowHandle(), Qt.Key.Key_A)
    qtbot.wait(100)
    assert done == []
    now[0] += QUIET_S  # quiet since then
    with qtbot.waitSignal(builder.finished, timeout=5_000):
        pass
    assert done == ["page 1", "panels 1", "page 2", "panels 2", "after the pages"]


def test_each_pages_modules_can_be_imported_ahead() -> None:
    """The modules listed for a page exist; a page's panel module comes last of its own. So
    do the dialogs' modules imported after the pages."""
    import importlib

    for page, names in MODULES.items():
        assert page in PANELS
        for name in names:
            importlib.import_module(name)
    for name in DIALOG_MODULES:
        importlib.import_module(name)


def test_a_long_read_in_the_background_puts_idle_building_off(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    """A page reading a long list on a worker (5,000 doctors) and a page built ahead would
    take turns for the interpreter lock, each making the other slow: building waits."""
    window = opened(session, make_case)
    release = threading.Event()
    arrived: list[int] = []

    def slow_read(repo: Repository) -> int:
        release.wait(10)
        return len(repo.cases.list())

    assert read_in_background(window, window.repo, slow_read, arrived.append, lambda: None)
    assert reading_in_background()
    window.build_ahead()
    before = dict(window.built_pages())
    qtbot.wait(1_000)  # idle building would have built pages by now
    assert window.built_pages() == before
    release.set()
    qtbot.waitUntil(lambda: bool(arrived))
    assert not reading_in_background()
    assert window.builder is not None
    with qtbot.waitSignal(window.builder.finished, timeout=20_000):
        pass
    assert set(window.built_pages()) >= set(PAGES)
