"""The question dialog checks and tidies the text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.dialogs.question_dialog import QuestionDialog


def test_question_dialog_checks_the_text(qtbot: QtBot) -> None:
    dialog = QuestionDialog(None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Please write the question" in dialog.error.text()
    dialog.edit.setPlainText("  How long   is recovery? ")
    dialog.accept()
    assert dialog.text() == "How long is recovery?"
