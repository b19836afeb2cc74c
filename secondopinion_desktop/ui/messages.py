"""Every modal question and message goes through these few functions, so tests can patch them.

A real `exec()` never runs in a test: tests replace these functions with stubs. QMessageBox
is imported inside each function: most starts never show one, and loading it costs its enums.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from secondopinion_desktop.ui.style import dress_buttons

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


def ask_yes_no(parent: QWidget | None, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
    """Ask a question whose buttons say what they do; the safe answer is the default."""
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed

    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    dress_buttons(box)
    box.exec()
    return box.clickedButton() is yes_button


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed

    _show(QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent))


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed

    _show(
        QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
        )
    )


def _show(box: QMessageBox) -> None:
    """A message with its one OK button, as QMessageBox.warning would show it, but dressed."""
    dress_buttons(box)
    box.exec()


def choose_open_path(parent: QWidget | None, title: str, file_filter: str) -> str:
    """Ask for a file to open; '' when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path


def choose_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
    """Ask where to save a file; '' when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


RESTORE = "restore"
OTHER_FOLDER = "other"
QUIT = "quit"


def choose_recovery(parent: QWidget | None, text: str, can_restore: bool) -> str:
    """The data file is damaged: restore the newest good backup, open another folder, or quit."""
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Second Opinion",
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    restore = None
    if can_restore:
        restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
        box.setInformativeText("The damaged file will be kept, renamed, so nothing is thrown away.")
    other = box.addButton("Open another folder\u2026", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or other)
    box.setEscapeButton(quit_button)
    dress_buttons(box)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    if clicked is other:
        return OTHER_FOLDER
    return QUIT


def choose_folder(parent: QWidget | None, title: str) -> str:
    """Ask for a folder; '' when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, title)


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str]) -> int:
    """Pick one of `items`; returns its index, or -1 when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    if not items:
        return -1
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)  # a list to pick from, not a field to type in
    dialog.setComboBoxEditable(False)
    dialog.sizeHint()  # QInputDialog makes its OK and Cancel when first measured or shown
    dress_buttons(dialog)
    if not dialog.exec():
        return -1
    text = dialog.textValue()
    return items.index(text) if text in items else -1


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    """The About box, which shows the application's own icon."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QMessageBox  # loaded when first needed

    box = QMessageBox(QMessageBox.Icon.NoIcon, title, text, QMessageBox.StandardButton.Ok, parent)
    icon = box.windowIcon()  # the application's, as QMessageBox.about shows it
    box.setIconPixmap(icon.pixmap(icon.actualSize(QSize(64, 64))))
    _show(box)
