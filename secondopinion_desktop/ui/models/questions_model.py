"""The questions for the visit as a table: number, question, asked (a tick box), answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, Signal

from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.store.repository import WritesPaused
from secondopinion_desktop.ui.models.base import (
    ACCESSIBLE,
    DISPLAY,
    Index,
    RowListModel,
    TableColumn,
)

QuestionIdRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NUMBER = 0
    QUESTION = 1
    ASKED = 2
    ANSWER = 3


def _one_line(text: str) -> str:
    return " ".join(text.split())


COLUMNS: tuple[TableColumn[Question], ...] = (
    TableColumn(
        "#", lambda q: "", alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    ),
    TableColumn("Question", lambda q: q.text),
    TableColumn(
        "Asked",
        lambda q: "Asked" if q.asked else "Not yet",
        roles={
            Qt.ItemDataRole.CheckStateRole: lambda q: (
                Qt.CheckState.Checked if q.asked else Qt.CheckState.Unchecked
            ),
            ACCESSIBLE: lambda q: "Asked" if q.asked else "Not asked yet",
        },
    ),
    TableColumn(
        "Answer",
        lambda q: _one_line(q.answer),
        roles={Qt.ItemDataRole.ToolTipRole: lambda q: q.answer or q.text},
    ),
)


class QuestionsModel(RowListModel[Question]):
    """A thin model over the round's questions; ticking "Asked" saves through `save`.

    The number column counts rows, and a screen reader hears "No answer yet" for an empty cell,
    so those are worked out in `cell` rather than declared.
    """

    #: A tick could not be saved (a background job writes); the words say why.
    edit_rejected = Signal(str)

    def __init__(
        self,
        save: Callable[[Question], Question],
        today: Callable[[], dt.date] = dt.date.today,
        parent: Any = None,
    ) -> None:
        super().__init__(
            COLUMNS,
            row_roles={
                Qt.ItemDataRole.ToolTipRole: lambda q: q.text,
                QuestionIdRole: lambda q: q.id,
            },
            extra_roles=(ACCESSIBLE,),
            parent=parent,
        )
        self._save = save
        self._today = today

    def cell(self, row: int, column: int, role: int) -> Any:
        if column == Column.NUMBER and role == DISPLAY:
            return str(row + 1)
        if role == ACCESSIBLE and column != Column.ASKED:
            return self.cell(row, column, DISPLAY) or "No answer yet"
        return super().cell(row, column, role)

    def cell_flags(self, column: int) -> Qt.ItemFlag:
        if column == Column.ASKED:
            return Qt.ItemFlag.ItemIsUserCheckable
        return Qt.ItemFlag.NoItemFlags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != Column.ASKED
            or role != Qt.ItemDataRole.CheckStateRole
            or not 0 <= index.row() < self.rowCount()
        ):
            return False
        question = self.row_at(index.row())
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked == question.asked:
            return True
        try:
            saved = self._save(replace(question, asked_on=self._today() if checked else None))
        except WritesPaused as exc:  # a background job writes: said in words, nothing changed
            self.edit_rejected.emit(exc.message)
            return False
        self.replace_row(saved)
        return True
