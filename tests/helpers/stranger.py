"""Using the window the way a stranger does: find controls by the names a screen reader hears,
type with the keyboard, and answer the dialogs that open on the way.

A modal dialog's ``exec()`` waits for the person; :func:`answer_next_dialog` arranges for a
function to fill in the next dialog that opens (found as the active modal widget), so a test
can press the button that opens it and carry on once it has closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)


def named(parent: QWidget, kind: type[W], name: str) -> W:
    """The one visible ``kind`` widget under ``parent`` whose accessible name is ``name``.

    Widgets added to a page that is already on screen are shown by a queued call, so pending
    events are handled first, as they would be before a person could look.
    """
    QApplication.processEvents()
    found = [
        widget
        for widget in parent.findChildren(kind)
        if widget.accessibleName() == name and widget.isVisibleTo(parent.window())
    ]
    assert len(found) == 1, f"{len(found)} visible {kind.__name__} named {name!r}"
    return found[0]


def button(parent: QWidget, text: str) -> QAbstractButton:
    """The one visible button showing ``text`` (without its & marker) or named so."""
    QApplication.processEvents()
    found = [
        widget
        for widget in parent.findChildren(QAbstractButton)
        if widget.isVisibleTo(parent.window())
        and (widget.text().replace("&", "") == text or widget.accessibleName() == text)
    ]
    assert len(found) == 1, f"{len(found)} visible buttons reading {text!r}"
    return found[0]


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Select everything in the field and type over it, key by key."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def answer_next_dialog(fill: Callable[[QWidget], None], tries: int = 200) -> list[QWidget]:
    """Call ``fill`` with the next modal dialog once it is open; returns a list that then
    holds that dialog (empty if none opened)."""
    seen: list[QWidget] = []
    already_open = QApplication.activeModalWidget()  # from inside a dialog: wait for the next

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is already_open:
            if left:
                QTimer.singleShot(5, lambda: poll(left - 1))
            return
        seen.append(dialog)
        try:
            fill(dialog)
        except BaseException:
            # A failed step must not leave a modal dialog waiting for ever: close every one.
            while (modal := QApplication.activeModalWidget()) is not None:
                if not isinstance(modal, QDialog):
                    break
                QDialog.done(modal, QDialog.DialogCode.Rejected)
            raise

    QTimer.singleShot(0, lambda: poll(tries))
    return seen


def add_doctor(
    qtbot: QtBot, name: str, phone: str, then: Callable[[QWidget], None]
) -> Callable[[QWidget], None]:
    """Fill a doctor dialog as a person would (name, phone, Add doctor), then `then(dialog)`."""
    from PySide6.QtWidgets import QLineEdit

    def fill(dialog: QWidget) -> None:
        retype(qtbot, named(dialog, QLineEdit, "Doctor's name"), name)
        retype(qtbot, named(dialog, QLineEdit, "Phone number"), phone)
        button(dialog, "Add doctor").click()
        then(dialog)

    return fill


def open_the_one_listed(warned: list[str], edited: list[str]) -> Callable[[QWidget], None]:
    """Warned that the doctor is already on the list: read the warning (into `warned`), open
    the doctor listed, read its name (into `edited`) and cancel that dialog."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    def then(dialog: QWidget) -> None:
        assert dialog.isVisible(), "the same doctor was added again without a word"
        warned.append(named(dialog, QLabel, "Already on your list").text())

        def edit(editor: QWidget) -> None:
            edited.append(named(editor, QLineEdit, "Doctor's name").text())
            button(editor, "Cancel").click()

        answer_next_dialog(edit)
        button(dialog, "Open the doctor already on your list").click()

    return then


def import_doctors(window: QWidget) -> list[QWidget]:
    """Import a CSV list of doctors on step 2 (the file chosen is whatever the test patched
    `messages.choose_open_path` to answer) and add every doctor it offers; returns a list
    holding the import dialog once it was used."""

    def fill(dialog: QWidget) -> None:
        button(dialog, "Choose the CSV file to import").click()
        button(dialog, "Add the doctors to your list").click()

    opened = answer_next_dialog(fill)
    button(window, "Import doctors from a spreadsheet saved as CSV").click()
    return opened
