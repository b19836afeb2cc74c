"""The window's pages: the welcome (0), the six steps (1-6) and the outcome (7).

Each page is built the first time it is needed, so start-up builds only the one shown; until
then an empty widget holds its place. The stack passes on what its pages ask for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtWidgets import QStackedWidget, QWidget

from secondopinion_desktop.domain.steps import OUTCOME_PAGE, STEPS
from secondopinion_desktop.ui.pages.step_page import StepPage

if TYPE_CHECKING:
    from secondopinion_desktop.ui.pages.outcome_page import OutcomePage
    from secondopinion_desktop.ui.pages.welcome_page import WelcomePage

WELCOME_INDEX = 0


class PageStack(QStackedWidget):
    """Signals: new_case_requested(), done_toggled(int, bool), notes_edited(int, str)."""

    new_case_requested = Signal()
    done_toggled = Signal(int, bool)
    notes_edited = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Step page")
        for _ in range(OUTCOME_PAGE + 1):
            self.addWidget(QWidget())
        #: the pages built so far, by index
        self.built: dict[int, QWidget] = {}

    def page_at(self, index: int) -> QWidget:
        """The page at an index, built now if this is the first time it is needed."""
        page = self.built.get(index)
        if page is not None:
            return page
        if index == WELCOME_INDEX:
            from secondopinion_desktop.ui.pages.welcome_page import WelcomePage

            welcome = WelcomePage()
            welcome.new_case_requested.connect(self.new_case_requested)
            page = welcome
        elif index == OUTCOME_PAGE:
            from secondopinion_desktop.ui.pages.outcome_page import OutcomePage

            page = OutcomePage()
        else:
            step_page = StepPage(STEPS[index - 1])
            step_page.done_toggled.connect(self.done_toggled)
            step_page.notes_edited.connect(self.notes_edited)
            page = step_page
        current = self.currentIndex()
        placeholder = self.widget(index)
        self.insertWidget(index, page)
        if placeholder is not None:
            self.removeWidget(placeholder)
            placeholder.deleteLater()
        if current == index:
            self.setCurrentIndex(index)
        self.built[index] = page
        return page

    def lay_out(self, index: int) -> None:
        """Polish and lay out a page built but not in view, at the stack's size, so that
        showing it later mostly paints: rendering one pixel of it does all that."""
        page = self.built.get(index)
        if page is None or page.isVisible():
            return
        page.resize(self.size())
        page.render(QPixmap(1, 1), QPoint(), QRegion(0, 0, 1, 1))

    def show_index(self, index: int) -> None:
        self.page_at(index)
        self.setCurrentIndex(index)

    @property
    def welcome(self) -> WelcomePage:
        from secondopinion_desktop.ui.pages.welcome_page import WelcomePage

        page = self.page_at(WELCOME_INDEX)
        assert isinstance(page, WelcomePage)
        return page

    def step_page(self, step: int) -> StepPage:
        page = self.page_at(step)
        assert isinstance(page, StepPage)
        return page

    @property
    def outcome_page(self) -> OutcomePage:
        from secondopinion_desktop.ui.pages.outcome_page import OutcomePage

        page = self.page_at(OUTCOME_PAGE)
        assert isinstance(page, OutcomePage)
        return page
