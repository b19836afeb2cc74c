"""The list of cases, for the case switcher at the top of the window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.ui.models.base import RowListModel, TableColumn

CaseIdRole = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[TableColumn[Case], ...] = (
    TableColumn(
        "Case",
        lambda case: case.display_name,
        roles={Qt.ItemDataRole.ToolTipRole: lambda case: case.patient_name or case.display_name},
    ),
)


class CasesModel(RowListModel[Case]):
    """A thin model over cached Case rows; reset whenever the list changes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            COLUMNS,
            text_roles=(Qt.ItemDataRole.AccessibleTextRole,),
            row_roles={CaseIdRole: lambda case: case.id},
            parent=parent,
        )
