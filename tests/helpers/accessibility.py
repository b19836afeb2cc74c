"""Finding controls a screen reader could not name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTimeEdit,
    QWidget,
)

NAMED = (
    QPushButton,
    QCheckBox,
    QLineEdit,
    QComboBox,
    QPlainTextEdit,
    QTimeEdit,
    QTableView,
)


def unnamed_controls(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for kind in NAMED
        for w in root.findChildren(kind)
        if w.isVisibleTo(root) and not w.accessibleName()
    ]
