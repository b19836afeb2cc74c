"""Which tools sit on which page. Each feature adds its panels here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages.panel import StepPanel


def build_panels(repo: Repository, parent: QWidget | None = None) -> dict[int, list[StepPanel]]:
    """Panels per page number (1-6 steps, 7 the outcome), in the order they appear."""
    panels: dict[int, list[StepPanel]] = {}
    return panels
