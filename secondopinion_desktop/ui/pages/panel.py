"""A tool that sits on a step page (the doctor table, the records checklist, ...).

Each feature adds its panels in `ui/pages/panels.py`; the window loads them when their page is
shown and refreshes its progress when they report a change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.card import titled_card


class StepPanel(QWidget):
    """Base for panels: load a case, save edits as they are made, say when data changed.

    Signals:
        changed(): data this panel saved changed; the window refreshes what depends on it.
        status_message(str): a short confirmation for the status bar ("Call saved.").
        open_page(int): ask the window to show another page (1-7).
    """

    changed = Signal()
    status_message = Signal(str)
    open_page = Signal(int)

    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.case: Case | None = None

    def load(self, case: Case) -> None:
        """Show this case's data; called whenever the page is shown or the case changes."""
        self.case = case

    def flush(self) -> None:
        """Save anything typed but not yet saved (before switching page or closing)."""


def card(title: str, parent_layout: QVBoxLayout) -> QVBoxLayout:
    """A titled card like the page's own sections; returns the layout to fill."""
    frame, layout = titled_card(title)
    parent_layout.addWidget(frame)
    return layout


def paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
