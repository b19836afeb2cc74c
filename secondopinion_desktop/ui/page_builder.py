"""Pages built a piece at a time, so that showing one for the first time never freezes the
window (issue 16).

Pages are built the first time they are needed, so start-up builds only the one shown. Built
all at once, a first show cost the modules its panels import, the page, its panels and their
data together: 100 to 300 ms on a 2-core machine, long enough to feel. Two things spread it:

- `show(page)`: the page itself comes at once; the modules its panels need (one module a
  turn), its panels, and each panel's data follow in turns of the event loop of their own, so
  the window keeps painting and answering in between. Code that needs the panels at once still
  gets them from `MainWindow.panels_of`.
- `start()`: once the window is up, the pages not built yet are built in idle time, one piece
  at a time (a module, a page, a page's panels, the page's first layout) with a pause between
  pieces, put off while the person types, clicks or scrolls or a long list is read in the
  background (`ui/background_reads.reading_in_background`), and stopped for good when the window
  closes. Their data is read when they are shown, as before. Only the interactive
  window starts it: the screenshot and export modes build nothing but the page they show.
  After the pages come `after_pages`: what the first dialog would pay for otherwise (its
  module, PySide's first look at a widget Qt made, see `builder_for`).

Nothing here knows what a page holds: the window passes the callables that build and load.
"""

from __future__ import annotations

import importlib
import itertools
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.domain.frozen import frozen

if TYPE_CHECKING:
    from secondopinion_desktop.ui.main_window import MainWindow
    from secondopinion_desktop.ui.pages.panel import StepPanel

Piece = Callable[[], object]

#: Idle building starts this long after `start`, so the window's first paint comes first.
START_AFTER_MS = 300
#: The pause between two idle pieces, in which the window answers whatever came meanwhile.
IDLE_GAP_MS = 30
#: After the person's last key, click or scroll, idle building waits this long.
QUIET_S = 0.5

#: What the person does that puts idle building off.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.ShortcutOverride,
    }
)


def _import(name: str) -> None:
    """Import a module ahead; one no longer there (renamed since the list was written) is
    left out: its panel imports what it needs itself."""
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        return


@frozen
class PageParts:
    """What differs per page, from the window: `modules(page)` the modules its panels import
    (leaf ones first), `build_page(page)` its frame, `build_panel(page, index)` one of its
    `panel_count(page)` panels, `build_panels(page, panels)` puts them on it (what
    `MainWindow.panels_of` does), `loads(page)` one callable per panel that loads its data
    (the panels that show nothing yet), `refresh(page)` loads the others at once (what
    changed since they were last shown), `is_built(page)` whether frame and panels are
    built, `lay_out(page)` polishes and lays out a page built ahead (so showing it mostly
    paints)."""

    modules: Callable[[int], tuple[str, ...]]
    build_page: Callable[[int], object]
    build_panel: Callable[[int, int], StepPanel]
    panel_count: Callable[[int], int]
    build_panels: Callable[[int, list[StepPanel]], object]
    loads: Callable[[int], list[Piece]]
    is_built: Callable[[int], bool]
    refresh: Callable[[int], object] = lambda page: None
    lay_out: Callable[[int], object] = lambda page: None


class PageBuilder(QObject):
    """Builds pages in pieces: in turns when one is shown, or ahead in idle time.

    `parts` says how to build each page; `busy()` says when the window is in the middle of
    something (a long job); `after_pages`, pieces done in idle time after the pages are
    built; `clock` counts seconds (the tests pass theirs).

    Signals:
        finished(): idle building has built every page, or was stopped.
    """

    finished = Signal()

    def __init__(
        self,
        parent: QObject,
        pages: range,
        parts: PageParts,
        busy: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.monotonic,
        after_pages: Iterable[Piece] = (),
    ) -> None:
        super().__init__(parent)
        self._pages, self._parts, self._busy, self._clock = pages, parts, busy, clock
        self._after_pages = tuple(after_pages)
        self._last_input = -QUIET_S
        self._urgent: Iterator[Piece] = iter(())
        self._made: dict[int, list[StepPanel]] = {}  # panels made ahead, by page
        self._ahead: Iterator[Piece] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)
        parent.installEventFilter(self)  # the window closing stops it
        self._started = self._stopped = self._watching = self._showing = False

    def is_built(self, page: int) -> bool:
        """Whether the page and its panels are built."""
        return self._parts.is_built(page)

    @property
    def started(self) -> bool:
        """Whether `start` was called: pages are then built in pieces (see the module)."""
        return self._started

    @property
    def building_ahead(self) -> bool:
        """Whether idle building is under way (started, not finished, not stopped)."""
        return self._ahead is not None

    def start(self, after_ms: int = START_AFTER_MS) -> None:
        """From now on, build a page shown for the first time in turns (`show`), and the pages
        not built yet in idle time, starting in `after_ms`."""
        if self._started or self._stopped:
            return
        self._started = True
        pages = (piece for page in self._pages for piece in self._pieces(page, load=False))
        self._ahead = itertools.chain(pages, self._after_pages)
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            # the person's keys and clicks put idle building off: they reach a window before
            # its widgets. Watched there, not on the whole application: a filter on the
            # application is called for every event of every widget (thousands while a page
            # is built), each a call into Python, which waits for the interpreter lock while
            # a background read runs (ui/after_paint.py)
            for window in app.topLevelWindows():
                window.installEventFilter(self)
            app.focusWindowChanged.connect(self._watch)
            self._watching = True
        self._timer.start(after_ms)

    def _watch(self, window: QWindow | None) -> None:
        """A window that comes to the front (a dialog, the window shown again) is watched
        too (installing twice watches once)."""
        if window is not None and self._watching:
            window.installEventFilter(self)

    def show(self, page: int) -> None:
        """The person asked for `page`: its frame now, and the panels that show something
        already load now (a moment of another case's data would mislead); the modules, the
        panels and the data of panels that show nothing yet come in the next turns."""
        self._parts.build_page(page)
        self._parts.refresh(page)
        if self._parts.is_built(page):
            self._attach(page)  # (panels made ahead before the page got its own: dropped)
        self._urgent = self._pieces(page, load=True)
        self._showing = True
        if not self._stopped:
            self._timer.start(0)

    @property
    def showing(self) -> bool:
        """Whether a page `show` asked for is still coming (its panels, or their data)."""
        return self._showing

    def stop(self) -> None:
        """The window closes: build nothing more."""
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        self._urgent = iter(())
        self._showing = False
        if self._ahead is not None:
            self._end_ahead()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self._last_input = self._clock()
        elif kind == QEvent.Type.Close and watched is self.parent():
            self.stop()
        return False

    # --- the pieces ----------------------------------------------------------------------------

    def _pieces(self, page: int, load: bool) -> Iterator[Piece]:
        """The pieces still to do for a page, each looked at when its turn comes (the person
        may have shown the page meanwhile, which built it)."""
        if not self._parts.is_built(page):
            for name in self._parts.modules(page):
                if name not in sys.modules:
                    yield partial(_import, name)
            yield lambda: self._parts.build_page(page)
            for index in range(self._parts.panel_count(page)):
                yield partial(self._make, page, index)
            yield lambda: self._attach(page)
            if not load:
                yield lambda: self._parts.lay_out(page)
        if load:
            yield from self._parts.loads(page)

    def _make(self, page: int, index: int) -> None:
        """One panel of the page (kept for `_attach`; made once, whichever chain asks)."""
        made = self._made.setdefault(page, [])
        if not self._parts.is_built(page) and len(made) == index:
            made.append(self._parts.build_panel(page, index))

    def _attach(self, page: int) -> None:
        """The panels built one a turn go on their page together (one layout, not one each);
        if the page got its panels meanwhile (`MainWindow.panels_of`), these are not needed."""
        made = self._made.pop(page, [])
        if self._parts.is_built(page):
            for panel in made:
                panel.deleteLater()
        elif len(made) < self._parts.panel_count(page):  # the chain that makes the rest attaches
            self._made[page] = made
        else:
            self._parts.build_panels(page, made)

    def _next(self) -> None:
        """One piece: the shown page's next one, else (when the person is not busy) one of
        the pages ahead."""
        if self._stopped:
            return
        piece = next(self._urgent, None)
        if piece is not None:
            try:
                piece()
            finally:  # a piece that fails (the excepthook says so) ends only itself
                self._timer.start(0)
            return
        self._showing = False
        if self._ahead is None:
            return
        if self._clock() - self._last_input < QUIET_S or self._person_busy():
            self._timer.start(int(QUIET_S * 1000))
            return
        piece = next(self._ahead, None)
        if piece is None:
            self._end_ahead()
            return
        try:
            piece()
        finally:
            self._timer.start(IDLE_GAP_MS)

    def _person_busy(self) -> bool:
        return (
            self._busy()
            or QApplication.activeModalWidget() is not None
            or QApplication.activePopupWidget() is not None
            or QApplication.mouseButtons() != Qt.MouseButton.NoButton
        )

    def _end_ahead(self) -> None:
        app = QApplication.instance()
        if self._watching and isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self._watch)
            for window in app.topLevelWindows():
                window.removeEventFilter(self)  # (not watched: nothing happens)
        self._watching = False
        self._ahead = None
        self.finished.emit()


def builder_for(window: MainWindow) -> PageBuilder:
    """The builder of the window's pages 1-7 (0, the welcome, is built when needed)."""
    from secondopinion_desktop.domain.steps import OUTCOME_PAGE
    from secondopinion_desktop.ui.background_reads import reading_in_background
    from secondopinion_desktop.ui.pages.panels import MODULES, PANELS, PanelContext, build_panel

    def context() -> PanelContext:
        return PanelContext(window.repo, window.settings, window.undo_stack, window.jobs)

    def load(page: int, panel: StepPanel) -> None:
        """A panel that shows nothing yet loads in a turn of its own, if its page is still in
        view (else when it is next shown)."""
        if window.case is not None and window.current_page() == page:
            panel.show_case(window.case)

    def refresh(page: int) -> None:
        for panel in window.panels.get(page, []):
            if window.case is not None and panel.case is not None:
                panel.show_case(window.case)  # reads only if a change named what it shows

    parts = PageParts(
        modules=lambda page: MODULES.get(page, ()),
        build_page=window.stack.page_at,
        build_panel=lambda page, index: build_panel(context(), window, page, index),
        panel_count=lambda page: len(PANELS.get(page, ())),
        build_panels=window.panels_of,
        loads=lambda page: [
            partial(load, page, p) for p in window.panels.get(page, []) if p.case is None
        ],
        refresh=refresh,
        is_built=lambda page: page in window.stack.built and page in window.panels,
        lay_out=window.stack.lay_out,
    )

    def busy() -> bool:  # (a read's worker and a piece would take turns for the lock)
        return window.jobs.busy or reading_in_background()

    after_pages = [partial(_import, name) for name in DIALOG_MODULES]
    return PageBuilder(
        window, range(1, OUTCOME_PAGE + 1), parts, busy=busy, after_pages=[*after_pages, _meet_qt]
    )


#: The dialogs a person opens most, imported in idle time after the pages (each took 5 to 10
#: ms the first time a dialog opened).
DIALOG_MODULES = tuple(
    "secondopinion_desktop.ui." + name
    for name in [
        "columns",
        "write_pause",
        "dialogs.record_dialog",
        "dialogs.doctor_dialog",
        "dialogs.call_dialog",
        "dialogs.booking_dialog",
    ]
)


def _meet_qt() -> None:
    """The first widget PySide is handed that Qt made itself (a scroll area's viewport, as a
    form dialog fits itself to its form) makes PySide set up the Python side of dozens of
    Qt classes and their enums: 17 to 25 ms, once, on opening the first record dialog. Done
    here in idle time instead."""
    from PySide6.QtWidgets import QScrollArea

    area = QScrollArea()
    area.viewport()
    area.deleteLater()
