"""A window with words to use on the phone, to keep open beside the table while calling."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.ui.forms import push_button
from secondopinion_desktop.ui.print_actions import print_text
from secondopinion_desktop.ui.style import dress


class ScriptDialog(QDialog):
    """Non-modal: the person reads from it while on the phone."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.copy_button = dress(QPushButton("Copy"))
        self.copy_button.setAccessibleName("Copy the script")
        self.copy_button.clicked.connect(
            lambda: QApplication.clipboard().setText(self.text.toPlainText())
        )
        self.print_button = push_button(
            "Print\u2026",
            "Print the script",
            lambda: print_text(self, title, self.text.toPlainText()),
        )
        self.close_button = dress(QPushButton("Close"))
        self.close_button.setAccessibleName("Close")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.copy_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def set_text(self, text: str) -> None:
        self.text.setPlainText(text)
