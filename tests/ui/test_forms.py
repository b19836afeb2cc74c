"""A dialog's form body: whole when the screen has room, scrolling (never sideways) when not,
with the error line and the buttons always in sight."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.forms import FormDialog, WrappingCheckBox, form_layout, line_edit


class LongForm(FormDialog):
    def __init__(self, rows: int) -> None:
        super().__init__()
        body, foot = self.scrolling_body(letters=40)
        form = form_layout()
        self.fields = [line_edit(f"Field {n}") for n in range(rows)]
        for n, field in enumerate(self.fields):
            form.addRow(f"Field {n}:", field)
        body.addLayout(form)
        self.buttons = self.add_error_and_buttons(foot, "Save")


def in_sight(dialog: FormDialog, widget: QLineEdit | QDialogButtonBox) -> bool:
    """Drawn inside the dialog, and not scrolled out of the body's view."""
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    if not dialog.rect().contains(top_left):
        return False
    body = dialog.body
    assert body is not None
    if not body.isAncestorOf(widget):
        return True
    where = widget.mapTo(body.viewport(), QPoint(0, 0))
    return body.viewport().rect().contains(where)


def test_a_short_form_opens_whole(qtbot: QtBot) -> None:
    dialog = LongForm(3)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert dialog.body is not None
    assert dialog.body.verticalScrollBar().maximum() == 0
    assert all(in_sight(dialog, field) for field in dialog.fields)


def test_a_long_form_scrolls_with_save_in_sight(qtbot: QtBot) -> None:
    dialog = LongForm(60)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.minimumSizeHint().width(), 300)
    QApplication.processEvents()
    body = dialog.body
    assert body is not None
    assert dialog.minimumSizeHint().height() <= 300
    assert body.verticalScrollBar().maximum() > 0
    assert body.horizontalScrollBar().maximum() == 0
    assert in_sight(dialog, dialog.buttons)
    last = dialog.fields[-1]
    assert not in_sight(dialog, last)
    dialog.fail("Please fill in the last field.", last)  # the cursor goes there: so does the view
    QApplication.processEvents()
    assert in_sight(dialog, last)
    assert dialog.error.isVisible() and in_sight(dialog, dialog.buttons)


def test_a_check_box_with_long_words_wraps_and_ticks_from_its_words(qtbot: QtBot) -> None:
    words = "Several specialists will see me on the same day"
    row = WrappingCheckBox(words, "Several specialists")
    qtbot.addWidget(row)
    row.show()
    wide = row.sizeHint()
    assert row.minimumSizeHint().width() < wide.width() // 2  # QCheckBox's text cannot wrap
    narrow = wide.width() // 3
    row.resize(narrow, row.heightForWidth(narrow))
    QApplication.processEvents()
    assert row.label.height() >= row.label.heightForWidth(row.label.width()) > wide.height()
    assert row.box.accessibleName() == "Several specialists" and row.label.buddy() is row.box
    qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert row.box.isChecked()
    qtbot.keyClick(row.box, Qt.Key.Key_Space)
    assert not row.box.isChecked()


def test_screen_room_is_the_screen_less_its_task_bars(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    from secondopinion_desktop.ui.forms import screen_room

    widget = QWidget()
    qtbot.addWidget(widget)
    primary = QGuiApplication.primaryScreen()
    assert screen_room(widget) == primary.availableGeometry().size()


def test_no_widget_asks_for_its_screen_directly() -> None:
    """`widget.screen()` from a Python override crashed PySide 6.11 later (a dangling
    QScreen); every widget asks `forms.screen_room` instead."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "secondopinion_desktop"
    callers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(
            r"\.screen\(\)",
            "\n".join(
                line
                for line in path.read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith(("#", "Not `"))
            ),
        )
    ]
    assert callers == []
