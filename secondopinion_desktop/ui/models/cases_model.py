"""The list of cases, for the case switcher at the top of the window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from secondopinion_desktop.domain.cases import Case

CaseIdRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class CasesModel(QAbstractListModel):
    """A thin model over cached Case rows; reset whenever the list changes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cases: list[Case] = []

    def set_cases(self, cases: list[Case]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cases)

    def case_at(self, row: int) -> Case:
        return self._cases[row]

    def row_of(self, case_id: int) -> int:
        for row, case in enumerate(self._cases):
            if case.id == case_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cases):
            return None
        case = self._cases[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return case.display_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return case.patient_name or case.display_name
        if role == CaseIdRole:
            return case.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
