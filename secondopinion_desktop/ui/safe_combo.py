"""A drop-down list that changes only when the person opens it and picks.

A plain QComboBox changes its choice on the arrow keys, Page Up/Down, Home/End, a typed
letter and the mouse wheel, without showing the list. On a page that acts on the choice at
once (the case switcher opens another case, step 3's "Show:" hides doctors) a person who
tabbed onto it and pressed an arrow to move on changed something without seeing it (#13).
Here those keys open the list instead; in the open list the arrows move and Enter picks,
Escape leaves the choice as it was. The wheel scrolls the page rather than the choice.

Also the list every "not asked yet / yes / no" question uses (`answer_combo`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox

from secondopinion_desktop.domain.doctors import Answer

OPENING_KEYS = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
}


class SafeComboBox(QComboBox):
    """A QComboBox whose choice changes only through its open list."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        typed = event.text()
        if mods == Qt.KeyboardModifier.NoModifier and (
            key in OPENING_KEYS or (typed.isprintable() and typed.strip())
        ):
            if self.isEnabled() and self.count():
                self.showPopup()
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # let the page scroll


def answer_combo(name: str, unknown_label: str = "Not asked yet") -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(unknown_label, Answer.UNKNOWN.value)
    combo.addItem("Yes", Answer.YES.value)
    combo.addItem("No", Answer.NO.value)
    return combo


def set_answer(combo: QComboBox, answer: Answer) -> None:
    combo.setCurrentIndex(max(0, combo.findData(answer.value)))


def get_answer(combo: QComboBox) -> Answer:
    return Answer(combo.currentData() or Answer.UNKNOWN.value)
