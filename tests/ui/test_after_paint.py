"""Work that competes with the window's thread starts once a widget has been drawn."""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.after_paint import after_paint


class Counted(QLabel):
    """A label that counts its paints."""

    painted = 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted += 1
        super().paintEvent(event)


def test_waits_until_the_widget_was_drawn_and_stayed_still(qtbot: QtBot) -> None:
    label = Counted("The first rows")
    qtbot.addWidget(label)
    seen: list[bool] = []
    after_paint(label, lambda: seen.append(label.painted > 0), quiet_ms=20, most_ms=5_000)
    assert seen == []  # never at once: the window draws first
    label.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=3_000)
    assert seen == [True]


def test_a_widget_never_drawn_still_gets_its_turn_once(qtbot: QtBot) -> None:
    label = QLabel("Hidden")
    qtbot.addWidget(label)
    seen: list[str] = []
    after_paint(label, lambda: seen.append("started"), quiet_ms=10, most_ms=50)
    qtbot.waitUntil(lambda: bool(seen), timeout=3_000)
    qtbot.wait(100)
    assert seen == ["started"]
