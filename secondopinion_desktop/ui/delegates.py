"""Editors for table cells: a drop-down of fixed choices (yes / no / not asked yet, status)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from secondopinion_desktop.ui.models.base import Index


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell whose EditRole is one of `choices` (value, label)."""

    def __init__(self, choices: list[tuple[str, str]], name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = choices
        self._name = name

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self._name)
        for value, label in self._choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
