"""Two forms side by side when the dialog is wide enough, one under the other when it is not.

The records dialog shows what the item is on the left and its dates on the right. With very
large text or a screen scaled to 200 % the two no longer fit side by side; a QHBoxLayout would
then cut the right one off (or force sideways scrolling). This layout stacks them instead, and
says how tall that makes it (heightForWidth), so the dialog's body scrolls up and down.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem

from secondopinion_desktop.ui.flow_layout import ArrangedLayout


class ColumnsLayout(ArrangedLayout):
    """Columns (each a layout) of equal width side by side, or stacked when narrow."""

    def __init__(self, spacing: int = 28) -> None:
        super().__init__()
        self._columns: list[QLayout] = []
        # Qt asks the height for a width dozens of times while the dialog opens (52 passes,
        # each asking every column's minimum size again): known until something changes
        self._heights: dict[int, int] = {}
        self._least: list[QSize] | None = None
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def add_column(self, column: QLayout) -> None:
        self.addChildLayout(column)
        column.setParent(self)  # tells Python too: the layout is Qt's to delete, with this one
        self._columns.append(column)
        self.invalidate()

    # --- the QLayout protocol --------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        raise TypeError("ColumnsLayout takes layouts through add_column()")

    def count(self) -> int:
        return len(self._columns)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._columns[index] if 0 <= index < len(self._columns) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._columns):
            column = self._columns.pop(index)
            self.invalidate()
            return column
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def invalidate(self) -> None:
        """A column changed (a field shown, a longer text): sizes are asked anew."""
        self._heights.clear()
        self._least = None
        super().invalidate()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def sizeHint(self) -> QSize:
        """Side by side."""
        hints = [c.sizeHint() for c in self._columns]
        width = sum(h.width() for h in hints) + self.spacing() * max(0, len(hints) - 1)
        height = max((h.height() for h in hints), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """As narrow as the widest column: the others go under it. (The height it then needs
        comes from heightForWidth: a minimum height of all the columns stacked would hold the
        form that tall even when they stand side by side.)"""
        least = self._least_sizes()
        width = max((m.width() for m in least), default=0)
        height = max((m.height() for m in least), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    # --- placing ------------------------------------------------------------------------

    def _least_sizes(self) -> list[QSize]:
        if self._least is None:
            self._least = [c.minimumSize() for c in self._columns]
        return self._least

    def _side_by_side(self, width: int) -> bool:
        need = sum(m.width() for m in self._least_sizes())
        return width >= need + self.spacing() * max(0, len(self._columns) - 1)

    def _widths(self, width: int) -> list[int]:
        """Equal shares of `width`, except that no column gets less than its minimum."""
        least = [m.width() for m in self._least_sizes()]
        free = width - self.spacing() * (len(least) - 1)
        kept: set[int] = set()
        while True:
            rest = [i for i in range(len(least)) if i not in kept]
            share = (free - sum(least[i] for i in kept)) // max(1, len(rest))
            wider = {i for i in rest if least[i] > share}
            if not wider or len(wider) == len(rest):
                return [least[i] if i in kept else share for i in range(len(least))]
            kept |= wider

    @staticmethod
    def _height(column: QLayout, width: int) -> int:
        if column.hasHeightForWidth():
            return column.heightForWidth(width)
        return column.sizeHint().height()

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the columns inside `rect`; returns the height they take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self.spacing()
        count = len(self._columns)
        if not count:
            return margins.top() + margins.bottom()
        if self._side_by_side(area.width()):
            x, height = area.x(), 0
            for column, share in zip(self._columns, self._widths(area.width()), strict=True):
                taken = self._height(column, share)
                if move:  # each as tall as it needs, not stretched to the tallest
                    column.setGeometry(QRect(x, area.y(), share, taken))
                height = max(height, taken)
                x += share + spacing
        else:
            y = area.y()
            for column in self._columns:
                taken = self._height(column, area.width())
                if move:
                    column.setGeometry(QRect(area.x(), y, area.width(), taken))
                y += taken + spacing
            height = y - spacing - area.y()
        return height + margins.top() + margins.bottom()
