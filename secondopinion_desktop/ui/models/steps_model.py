"""The sidebar's list: the six steps plus the outcome page, each with whether it is done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from secondopinion_desktop.domain.steps import (
    OUTCOME_PAGE,
    OUTCOME_SHORT_TITLE,
    OUTCOME_SUMMARY,
    STEPS,
    next_open_step,
)
from secondopinion_desktop.ui.models.base import Index, read_only_flags, user_roles

NumberRole, DoneRole, StatusTextRole = user_roles(3)

STATUS_AFTER = "After the visit"
STATUS_DONE = "Done"
STATUS_NEXT = "Next"
STATUS_OPEN = "Not done yet"
#: Every state a step can show under its title (the sidebar makes room for the widest).
STATUS_TEXTS = (STATUS_AFTER, STATUS_DONE, STATUS_NEXT, STATUS_OPEN)


class StepsModel(QAbstractListModel):
    """Rows 0-5 are steps 1-6; row 6 is the outcome page."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._done: set[int] = set()
        self._titles = {s.number: s.title for s in STEPS}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else OUTCOME_PAGE

    def set_done(self, done: set[int]) -> None:
        """Show a new set of done steps (after a change or a switch of case)."""
        self._done = set(done)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def set_titles(self, titles: dict[int, str]) -> None:
        """The steps' names for the case shown (step 5 says slides only where there are any)."""
        titles = {**self._titles, **titles}
        if titles != self._titles:
            self._titles = titles
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def done_steps(self) -> set[int]:
        return set(self._done)

    def status_text(self, number: int) -> str:
        if number == OUTCOME_PAGE:
            return STATUS_AFTER
        if number in self._done:
            return STATUS_DONE
        if number == next_open_step(self._done):
            return STATUS_NEXT
        return STATUS_OPEN

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        number = index.row() + 1
        is_outcome = number == OUTCOME_PAGE
        title = OUTCOME_SHORT_TITLE if is_outcome else self._titles[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == NumberRole:
            return number
        if role == DoneRole:
            return number in self._done
        if role == StatusTextRole:
            return self.status_text(number)
        if role == Qt.ItemDataRole.ToolTipRole:
            return OUTCOME_SUMMARY if is_outcome else STEPS[index.row()].summary
        if role == Qt.ItemDataRole.AccessibleTextRole:
            prefix = "" if is_outcome else f"Step {number}: "
            return f"{prefix}{title}. {self.status_text(number)}."
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_flags(index)
