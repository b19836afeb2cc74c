"""The opinions side by side: one column per round, one row per thing the doctor said."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.opinions import CompareRow, Opinion, compare_rows, doctor_label
from secondopinion_desktop.domain.opinions import round_name as name_of_round
from secondopinion_desktop.ui.models.base import Index, read_only_flags

RoundRole = Qt.ItemDataRole.UserRole + 1


class OpinionsModel(QAbstractTableModel):
    """Read-only; reset whenever the opinions are reloaded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._opinions: list[Opinion] = []
        self._rows: tuple[CompareRow, ...] = ()
        self._doctors: dict[int, Doctor] = {}

    def set_opinions(self, opinions: list[Opinion], doctors: dict[int, Doctor]) -> None:
        self.beginResetModel()
        self._opinions = sorted(opinions, key=lambda o: o.round)
        self._rows = compare_rows(self._opinions)
        self._doctors = dict(doctors)
        self.endResetModel()

    def opinions(self) -> list[Opinion]:
        return list(self._opinions)

    def opinion_at(self, column: int) -> Opinion:
        return self._opinions[column]

    def row_labels(self) -> list[str]:
        return [row.label for row in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._opinions else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._opinions)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._opinions):
            opinion = self._opinions[section]
            return f"{name_of_round(opinion.round)}\n{doctor_label(opinion, self._doctors)}"
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return self._rows[section].label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return read_only_flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if not (0 <= index.row() < self.rowCount() and 0 <= index.column() < self.columnCount()):
            return None
        opinion = self._opinions[index.column()]
        row = self._rows[index.row()]
        text = row.value(opinion)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.label}, {name_of_round(opinion.round)}: {text or 'nothing written'}"
        if role == RoundRole:
            return opinion.round
        return None
