"""The to-dos the app adds for the person (a referral to ask for), ticked off in a list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from secondopinion_desktop.domain.appointments import Todo
from secondopinion_desktop.ui.pages.panel import paragraph


class TodoList(QWidget):
    """Signals: toggled(todo_id, done) when the person ticks a to-do or unticks it."""

    toggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName("Things to do")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(80)
        self.list.itemChanged.connect(self._changed)
        self.empty = paragraph("Nothing to do here yet.")
        layout.addWidget(self.empty)
        layout.addWidget(self.list)

    def show_todos(self, todos: Sequence[Todo]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for todo in todos:
            item = QListWidgetItem(f"{todo.title}\n{todo.detail}" if todo.detail else todo.title)
            item.setData(Qt.ItemDataRole.UserRole, todo.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if todo.done else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setVisible(bool(todos))
        self.empty.setVisible(not todos)

    def _changed(self, item: QListWidgetItem) -> None:
        done = item.checkState() == Qt.CheckState.Checked
        self.toggled.emit(int(item.data(Qt.ItemDataRole.UserRole)), done)
