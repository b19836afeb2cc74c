"""SelectableLabel: the text can still be selected and copied with the mouse, as before,
while the window opens with plain labels (see the module's docstring)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from secondopinion_desktop.ui.selectable_label import SelectableLabel
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, apply_style

SCRIPT = (
    "Hello, my name is Walter Brown. I would like a second opinion on my prostate cancer. "
    "Are you taking new patients, and how long is the wait?"
)


def test_selection_turns_on_when_the_pointer_comes(qtbot: QtBot) -> None:
    label = SelectableLabel(SCRIPT)
    qtbot.addWidget(label)
    label.show()
    assert not label.selectable()  # a plain label until then: cheap to lay out
    QApplication.sendEvent(label, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert label.selectable()


def test_a_drag_across_the_text_selects_it(qtbot: QtBot) -> None:
    """As the person does it: press at the start, drag, let go (no hover first)."""
    label = SelectableLabel(SCRIPT, wrap=False)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    y = label.height() // 2
    QTest.mousePress(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(1, y))
    QTest.mouseMove(label, QPoint(label.width() - 2, y))
    QTest.mouseRelease(
        label,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(label.width() - 2, y),
    )
    assert label.selectedText().startswith("Hello, my name")


@pytest.mark.parametrize("size", [DEFAULT_POINT_SIZE, MAX_POINT_SIZE])
def test_wrapped_heights_are_those_of_a_selectable_label(
    qtbot: QtBot, qapp: QApplication, size: int
) -> None:
    """Turning selection on later never changes how tall the text is at any width."""
    apply_style(qapp, size)
    try:
        ours = SelectableLabel(SCRIPT)
        theirs = QLabel(SCRIPT)
        theirs.setWordWrap(True)
        theirs.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (ours, theirs):
            qtbot.addWidget(label)
        for width in (90, 200, 333, 640, 1200):
            assert ours.heightForWidth(width) == theirs.heightForWidth(width), width
        assert ours.minimumSizeHint() == theirs.minimumSizeHint()
    finally:
        apply_style(qapp, DEFAULT_POINT_SIZE)


def test_a_kept_height_follows_the_text_and_the_font(qtbot: QtBot) -> None:
    """Heights are kept per width; a new text or a new font is measured again, and the
    answer is always the one a plain label gives."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    label = SelectableLabel("Call each office and ask four things.")
    plain = QLabel(label.text())
    plain.setWordWrap(True)
    for widget in (label, plain):
        qtbot.addWidget(widget)
    short = label.heightForWidth(120)
    assert short == plain.heightForWidth(120) == label.heightForWidth(120)
    longer = label.text() + " Are you taking new patients? How long is the wait?" * 3
    for widget in (label, plain):
        widget.setText(longer)
    assert label.heightForWidth(120) == plain.heightForWidth(120) > short
    big = QFont(label.font())
    big.setPointSize(label.font().pointSize() * 2)
    before = label.heightForWidth(120)
    for widget in (label, plain):
        widget.setFont(big)
    assert label.heightForWidth(120) == plain.heightForWidth(120) > before
