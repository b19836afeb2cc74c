"""Two forms side by side when there is room, one under the other when there is not."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.columns import ColumnsLayout


def two_forms(qtbot: QtBot) -> tuple[QWidget, ColumnsLayout, QLineEdit, QLineEdit]:
    host = QWidget()
    qtbot.addWidget(host)
    outer = QVBoxLayout(host)
    outer.setContentsMargins(0, 0, 0, 0)
    columns = ColumnsLayout(spacing=20)
    left, right = QFormLayout(), QFormLayout()
    first, second = QLineEdit(), QLineEdit()
    for edit in (first, second):
        edit.setMinimumWidth(200)
    left.addRow("Item:", first)
    right.addRow("Sent on:", second)
    columns.add_column(left)
    columns.add_column(right)
    outer.addLayout(columns)
    return host, columns, first, second


def test_wide_enough_the_columns_share_the_width(qtbot: QtBot) -> None:
    host, columns, first, second = two_forms(qtbot)
    host.resize(columns.sizeHint().width() + 200, 200)
    host.show()
    qtbot.waitUntil(lambda: first.width() > 0)
    assert first.geometry().top() == second.geometry().top()
    assert (
        first.mapTo(host, first.rect().topRight()).x()
        < second.mapTo(host, second.rect().topLeft()).x()
    )


def test_narrow_the_second_column_goes_under_the_first(qtbot: QtBot) -> None:
    host, columns, first, second = two_forms(qtbot)
    narrow = columns.minimumSize().width()
    assert narrow < columns.sizeHint().width()
    assert columns.heightForWidth(narrow) > columns.heightForWidth(columns.sizeHint().width())
    host.resize(narrow, columns.heightForWidth(narrow))
    host.show()
    qtbot.waitUntil(lambda: first.width() > 0)
    assert (
        first.mapTo(host, first.rect().bottomLeft()).y()
        < second.mapTo(host, second.rect().topLeft()).y()
    )
    assert second.width() >= second.minimumWidth()


def test_a_column_that_grows_is_measured_again(qtbot: QtBot) -> None:
    """Sizes are kept between Qt's many questions, and asked anew once a column changes: a
    row shown later (a note under a field), a field that needs more room."""
    host, columns, _first, second = two_forms(qtbot)
    host.show()
    wide = columns.sizeHint().width()
    narrow = columns.minimumSize().width()
    before = columns.heightForWidth(wide), columns.heightForWidth(narrow)
    note = QLineEdit()
    note.hide()
    form = columns.itemAt(1)
    assert isinstance(form, QFormLayout)
    form.addRow("Note:", note)
    note.show()  # as the records dialog shows the note under the dates
    qtbot.waitUntil(lambda: columns.heightForWidth(wide) > before[0])
    assert columns.heightForWidth(narrow) > before[1]
    second.setMinimumWidth(600)
    qtbot.waitUntil(lambda: columns.minimumSize().width() >= 600)
