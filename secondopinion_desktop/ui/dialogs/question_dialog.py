"""Write or change one question for the visit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from secondopinion_desktop.domain.questions import MAX_QUESTION_LENGTH, clean_question
from secondopinion_desktop.ui.forms import GuardedDialog, text_edit


class QuestionDialog(GuardedDialog):
    """After accept(): `text()` is the question, tidied."""

    def __init__(self, parent: QWidget | None, existing: str = "") -> None:
        super().__init__(parent)
        self._text = ""
        self.setWindowTitle("Change the question" if existing else "Add a question")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Write the question the way you would ask it. Short questions are easier to ask, "
            "and easier to read in the doctor's office."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edit = text_edit("Your question", "For example: How long would recovery take?", 110)
        self.edit.setPlainText(existing)
        layout.addWidget(self.edit)
        self.add_error_and_buttons(layout, "Save the question")
        self.mark_clean()
        self.edit.setFocus()

    def snapshot(self) -> object:
        return self.edit.toPlainText()

    def text(self) -> str:
        return self._text

    def accept(self) -> None:
        try:
            self._text = clean_question(self.edit.toPlainText()[: MAX_QUESTION_LENGTH * 2])
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.edit.setFocus()
            return
        super().accept()
