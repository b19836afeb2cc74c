"""The questions for the visit as a table: number, question, asked (a tick box), answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from secondopinion_desktop.domain.questions import Question

Index = QModelIndex | QPersistentModelIndex
QuestionIdRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NUMBER = 0
    QUESTION = 1
    ASKED = 2
    ANSWER = 3


HEADERS = {
    Column.NUMBER: "#",
    Column.QUESTION: "Question",
    Column.ASKED: "Asked",
    Column.ANSWER: "Answer",
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


class QuestionsModel(QAbstractTableModel):
    """A thin model over the round's questions; ticking "Asked" saves through `save`."""

    def __init__(
        self,
        save: Callable[[Question], Question],
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._today = today
        self._questions: list[Question] = []

    def set_questions(self, questions: list[Question]) -> None:
        self.beginResetModel()
        self._questions = list(questions)
        self.endResetModel()

    def questions(self) -> list[Question]:
        return list(self._questions)

    def question_at(self, row: int) -> Question:
        return self._questions[row]

    def row_of(self, question_id: int) -> int:
        return next((i for i, q in enumerate(self._questions) if q.id == question_id), -1)

    def replace_question(self, question: Question) -> None:
        """Show a saved change to one question without resetting the view."""
        row = self.row_of(question.id)
        if row < 0:
            return
        self._questions[row] = question
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._questions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == Column.ASKED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._questions):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        question = self._questions[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.NUMBER:
                return str(index.row() + 1)
            if column is Column.QUESTION:
                return question.text
            if column is Column.ASKED:
                return "Asked" if question.asked else "Not yet"
            return _one_line(question.answer)
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.ASKED:
            return Qt.CheckState.Checked if question.asked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.ANSWER and question.answer:
                return question.answer
            return question.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column is Column.ASKED:
                return "Asked" if question.asked else "Not asked yet"
            return self.data(index, Qt.ItemDataRole.DisplayRole) or "No answer yet"
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if role == QuestionIdRole:
            return question.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != Column.ASKED
            or role != Qt.ItemDataRole.CheckStateRole
            or not 0 <= index.row() < len(self._questions)
        ):
            return False
        question = self._questions[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked == question.asked:
            return True
        saved = self._save(replace(question, asked_on=self._today() if checked else None))
        self._questions[index.row()] = saved
        self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(len(Column) - 1))
        return True
