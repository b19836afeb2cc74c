"""The calling-script window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QApplication,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.dialogs import script_dialog
from secondopinion_desktop.ui.dialogs.script_dialog import ScriptDialog


def test_script_window_is_not_modal_and_copies_its_text(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = ScriptDialog(None, "What to ask on the phone", "Hello.\nIs the doctor taking...")
    qtbot.addWidget(window)
    assert not window.isModal()
    assert window.text.isReadOnly()
    QApplication.clipboard().clear()
    window.copy_button.click()
    assert QApplication.clipboard().text() == "Hello.\nIs the doctor taking..."
    window.set_text("Other words")
    printed: list[tuple[Any, str, str]] = []
    monkeypatch.setattr(script_dialog, "print_text", lambda *args: printed.append(args) or True)
    window.print_button.click()
    assert printed == [(window, "What to ask on the phone", "Other words")]
