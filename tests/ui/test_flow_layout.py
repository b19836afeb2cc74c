"""Rows of buttons that wrap: as narrow as the widest button, as tall as the lines it needs."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.flow_layout import FlowLayout


def row(qtbot: QtBot, texts: list[str]) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host, spacing=10)
    buttons = [QPushButton(text) for text in texts]
    for button in buttons:
        layout.addWidget(button)
    layout.addStretch(1)  # written for a QHBoxLayout: takes no room
    return host, layout, buttons


def test_a_wide_row_stays_on_one_line(qtbot: QtBot) -> None:
    host, layout, buttons = row(qtbot, ["Print…", "Preview…", "Save as PDF…"])
    host.resize(layout.sizeHint().width(), 100)
    host.show()
    tops = {b.geometry().top() for b in buttons}
    assert len(tops) == 1
    assert [b.geometry().left() for b in buttons] == sorted(b.geometry().left() for b in buttons)


def test_a_narrow_row_wraps_and_asks_for_the_height(qtbot: QtBot) -> None:
    host, layout, buttons = row(qtbot, ["Add a question…", "Change…", "Move up", "Remove…"])
    host.show()  # (buttons take the style's sizes when shown)
    widest = max(b.sizeHint().expandedTo(b.minimumSize()).width() for b in buttons)
    assert layout.minimumSize().width() == widest
    one_line = layout.heightForWidth(layout.sizeHint().width())
    narrow = widest + 5
    assert layout.heightForWidth(narrow) >= 3 * one_line
    host.resize(narrow, layout.heightForWidth(narrow))
    host.show()
    for button in buttons:
        assert host.rect().contains(button.geometry())
    assert len({b.geometry().top() for b in buttons}) == len(buttons)


def test_removing_a_button_leaves_the_row_usable(qtbot: QtBot) -> None:
    host, layout, buttons = row(qtbot, ["One", "Two", "Three"])
    host.show()
    layout.removeWidget(buttons[1])
    buttons[1].deleteLater()
    assert layout.count() == 3  # two buttons and the stretch
    assert layout.heightForWidth(400) > 0


def test_the_height_follows_the_buttons_after_a_change(qtbot: QtBot) -> None:
    """Heights are remembered per width within a layout pass, and asked anew once a button is
    hidden, shown, added or renamed."""
    host, layout, buttons = row(qtbot, ["Add a question…", "Change…", "Move up", "Remove…"])
    host.show()
    widest = max(b.sizeHint().expandedTo(b.minimumSize()).width() for b in buttons)
    narrow = widest + 5
    four_lines = layout.heightForWidth(narrow)
    assert layout.heightForWidth(narrow) == four_lines
    for button in buttons[1:]:
        button.hide()
    assert layout.heightForWidth(narrow) < four_lines
    for button in buttons[1:]:
        button.show()
    assert layout.heightForWidth(narrow) == four_lines
    extra = QPushButton("One more")
    layout.addWidget(extra)
    extra.show()
    assert layout.heightForWidth(narrow) > four_lines
    wide = layout.sizeHint().width()
    one_line = layout.heightForWidth(wide)
    buttons[0].setText("A much longer name for the first of these buttons, to wrap the row")
    assert layout.heightForWidth(wide) > one_line
