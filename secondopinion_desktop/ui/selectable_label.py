"""A label whose text the person can select with the mouse (to copy a phone script, a
name, a date), at the price of a plain label until the pointer comes near it.

A QLabel made selectable lays its text out through a whole QTextDocument instead of font
metrics: about a millisecond more per label each time its size is asked, and a step page
has twenty of them. This label turns selection on when the pointer enters it (or, if no
pointer ever entered, on the press itself), so the person sees the same I-beam and can drag
across the text as before, while the window opens without that cost. Word-wrapped heights
are the same either way (`heightForWidth` does not change, see tests/ui).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QEnterEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

SELECT = Qt.TextInteractionFlag.TextSelectableByMouse
MAX_KEPT = 64  # heights kept per label (a resize asks a new width each step)
LONG_WORD = 60  # letters without a space: more than any name, number or address has
#: The width a label holding such a word asks for at least (and no more): a line cannot be
#: broken inside a word, so one 3,000-letter word asked for a window 47,536 pixels wide.
LONG_WORD_WIDTH = 600


class SelectableLabel(QLabel):
    """A word-wrapped label (unless `wrap` is False) whose text can be selected by mouse."""

    def __init__(self, text: str = "", parent: QWidget | None = None, wrap: bool = True) -> None:
        super().__init__(text, parent)
        self.setWordWrap(wrap)
        self._heights: dict[tuple[int, str, str, bool], int] = {}
        self._bound_width(text)

    def setText(self, text: str, /) -> None:
        super().setText(text)
        self._bound_width(text)

    def _bound_width(self, text: str) -> None:
        """A word too long for any window is cut off at the label's edge (the whole of it
        can still be selected and copied) instead of widening the window past the screen.
        An explicit minimum width is what layouts use in place of the label's own hint."""
        long_word = len(text) > LONG_WORD and any(len(w) > LONG_WORD for w in text.split())
        if long_word and self.wordWrap():
            self.setMinimumWidth(LONG_WORD_WIDTH)
            return
        if self.minimumWidth() == LONG_WORD_WIDTH:
            self.setMinimumWidth(0)

    def heightForWidth(self, width: int) -> int:
        """QLabel lays its text out anew each time it is asked, and while a page is first
        shown its layouts ask each label the same few widths many times (on step 3, 417 times
        for 62 widths): the answer is kept per width, for the text and font it was made with."""
        key = (width, self.text(), self.font().key(), self.selectable())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= MAX_KEPT:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def selectable(self) -> bool:
        """Whether the text can be selected now (it becomes so when the pointer comes)."""
        return bool(self.textInteractionFlags() & SELECT)

    def make_selectable(self) -> None:
        if not self.selectable():
            self.setTextInteractionFlags(SELECT)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.make_selectable()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.make_selectable()
        super().mousePressEvent(event)
