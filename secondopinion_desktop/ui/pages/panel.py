"""A tool that sits on a step page (the doctor table, the records checklist, ...).

Each feature adds its panels in `ui/pages/panels.py`; the window shows them with their page.
A panel changes data only through `services/`, and reports the `Changes` each service
returns; the window broadcasts them: a panel in view refreshes at once when they name what it
shows (`shows`), a panel out of view only notes that it is out of date (`mark_stale`) and
loads again when its page is next shown (`show_case`). Turning back to a page nothing changed
on costs no reading at all, however many doctors the case has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar, ParamSpec, TypedDict

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import NotFoundError, Repository, WritesPaused
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.autosave import flush_all
from secondopinion_desktop.ui.background import Jobs
from secondopinion_desktop.ui.card import titled_card
from secondopinion_desktop.ui.selectable_label import SelectableLabel

P = ParamSpec("P")


class PanelExtras(TypedDict, total=False):
    """What the window passes every panel's constructor besides the repository, by keyword;
    a panel passes them on with `**extras: Unpack[PanelExtras]`."""

    settings: QSettings | None
    undo_stack: QUndoStack | None
    jobs: Jobs | None


class StepPanel(QWidget):
    """Base for panels: load a case, save edits as they are made, say when data changed.

    What a panel needs comes in through its constructor: the repository, and (where the
    window has them) the settings, the window's undo stack and its runner of long jobs. A
    panel made alone, as in a test, gets an undo stack and a job runner of its own and no
    settings.

    Signals:
        changed(Changes): this panel saved something; the window refreshes what it names.
        status_message(str): a short confirmation for the status bar ("Call saved.").
        open_page(int): ask the window to show another page (1-7).
    """

    changed = Signal(object)
    status_message = Signal(str)
    open_page = Signal(int)

    #: the kinds of data this panel shows: another panel's change of these reloads it
    shows: ClassVar[frozenset[Kind]] = frozenset()

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        undo_stack: QUndoStack | None = None,
        jobs: Jobs | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        #: the window's runner of long jobs (one job at a time for the whole window)
        self.jobs = jobs if jobs is not None else Jobs(self, repo)
        self.jobs.paused.connect(self._pause_ended)
        self.case: Case | None = None
        self._stale = True  # nothing loaded yet
        self._loaded_on: dt.date | None = None
        self.switching = False  # True while `load` runs for a case opened again

    def load(self, case: Case) -> None:
        """Show this case's data (read it all again); see `show_case` for when it is called."""
        self.case = case
        self._stale = False
        self._loaded_on = self.repo.today()

    def open_case_id(self) -> int | None:
        """The id of the case the panel shows (None before one is loaded)."""
        return self.case.id if self.case is not None else None

    def show_case(self, case: Case) -> None:
        """The page comes into view on `case`: load it when it is another case, when a change
        named what this panel shows since it last loaded, or on a new day (due dates move)."""
        current = self.case
        try:
            if current is None or current.id != case.id:
                self.switching = True  # what was kept for that case (`RecentCases`) may be used
                try:
                    self.load(case)
                finally:
                    self.switching = False
            elif self._stale or self._loaded_on != self.repo.today():
                self.load(case)
            else:
                self.case = case  # the same case, other details perhaps: nothing here shows them
        except WritesPaused as exc:  # a job writes, its dialog not up yet: shown again after it
            self._stale = True
            messages.show_info(self.window(), "Please wait", exc.message)

    def guarded(self, slot: Callable[P, object]) -> Callable[P, None]:
        """`slot` for a box or list this panel writes from: a write refused while a job writes
        (`WritesPaused`) is said in words, and the stored data is shown again (the box the
        person ticked is unticked), so nothing on screen claims what was not saved."""

        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                slot(*args, **kwargs)
            except WritesPaused as exc:
                self.refused(exc.message)

        return run

    def refused(self, words: str) -> None:
        """A write was refused while a job writes: say why, and show the stored data again."""
        messages.show_info(self.window(), "Please wait", words)
        if self.case is not None:
            self.mark_stale()
            self.show_case(self.case)

    def _pause_ended(self, words: str) -> None:
        """A job that writes ended: a page it kept from loading is loaded now, if in view."""
        if not words and self._stale and self.case is not None and self.isVisible():
            self.show_case(self.case)

    def forget(self, changes: Changes | None) -> None:
        """Drop what the panel kept from earlier reads that `changes` may concern (all of it
        when None). Panels that keep recent cases' rows (`RecentCases`) say how."""

    def mark_stale(self, changes: Changes | None = None) -> None:
        """Data changed while the panel was out of view: load again when next shown, if the
        change names what it shows (any change at all when `changes` is None)."""
        self.forget(changes)
        if (
            changes is None
            or self.case is None
            or (changes.about(self.case.id) and changes.touches(self.shows))
        ):
            self._stale = True

    @property
    def stale(self) -> bool:
        """Whether the panel will read its data again when it is next shown."""
        return self._stale

    def flush(self) -> None:
        """Save anything typed but not yet saved (before switching page or closing).

        Text saved after a pause (an `AutoSaver` of this panel) is saved now; a panel whose
        fields save when they are left adds the field that has the focus.
        """
        flush_all(self)

    def report(self, changes: Changes) -> None:
        """Tell the window what a service changed (nothing is said when nothing changed)."""
        if changes:
            self.forget(changes)
            self.changed.emit(changes)

    def refresh(self, changes: Changes) -> None:
        """Another panel changed data: show it again if it is data this panel shows."""
        self.forget(changes)
        if self.case is None or not changes.about(self.case.id) or not changes.touches(self.shows):
            return
        self.flush()
        try:
            self.load(self.repo.cases.get(self.case.id))
        except NotFoundError:
            return


def card(title: str, parent_layout: QVBoxLayout) -> QVBoxLayout:
    """A titled card like the page's own sections; returns the layout to fill."""
    frame, layout = titled_card(title)
    parent_layout.addWidget(frame)
    return layout


def paragraph(text: str) -> QLabel:
    return SelectableLabel(text)
