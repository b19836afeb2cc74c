"""A row of buttons that wraps onto the next line when the page is too narrow for it.

With very large text (View > Larger Text, or a display scaled to 200%) a row of four buttons
is wider than the page; a QHBoxLayout would make the whole page scroll sideways, and the
person would not see the buttons on the right. This layout puts what does not fit on a new
line, like words in a paragraph, and tells the page how tall that makes it (heightForWidth).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class ArrangedLayout(QLayout):
    """A layout that places its items itself (`_arrange`), and so knows the height it needs
    at a width: the wrapping button row here, the records dialog's columns."""

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in `rect` (only measure, unless `move`); the height they take."""
        raise NotImplementedError


class FlowLayout(ArrangedLayout):
    """Left to right, wrapping; `addStretch` is accepted (and takes no room) so a row written
    for a QHBoxLayout keeps working."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        # Qt asks the height for a width many times in one layout pass (a page with a dozen
        # rows asked about 200 times, 40 ms, when first shown): asked again, it is known
        self._heights: dict[int, int] = {}
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- the QLayout protocol --------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def addStretch(self, _stretch: int = 0) -> None:
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed))

    def _live(self) -> list[QLayoutItem]:
        """The items; Qt may delete one behind the layout's back (a widget deleted with its
        parent), and a deleted one must never be handed back to Qt."""
        self._items = [i for i in self._items if shiboken6.isValid(i)]
        return self._items

    def count(self) -> int:
        return len(self._live())

    def itemAt(self, index: int) -> QLayoutItem | None:
        items = self._live()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._live()):
            item = self._items.pop(index)
            self.invalidate()
            return item
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        """An item was added, taken, shown, hidden or changed size: heights are asked anew."""
        self._heights.clear()
        super().invalidate()

    def sizeHint(self) -> QSize:
        """Everything on one line, as a QHBoxLayout would want."""
        width = height = 0
        for item in self._shown():
            hint = item.sizeHint()
            width += hint.width() + (self.spacing() if width else 0)
            height = max(height, hint.height())
        margins = self.contentsMargins()
        return QSize(width, height).grownBy(margins)

    def minimumSize(self) -> QSize:
        """As narrow as the widest single button: the rest wraps."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint()))
        return size.grownBy(self.contentsMargins())

    # --- placing ------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._live() if not i.isEmpty() and i.spacerItem() is None]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in lines inside `rect`, each centred on its line's height;
        returns the height they take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self.spacing()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._shown():
            hint = item.sizeHint().expandedTo(item.minimumSize())
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + spacing
        y = area.y()
        for line in lines:
            height = max((hint.height() for _item, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + spacing
            y += height + spacing
        used = y - spacing if any(lines) else y
        return used - rect.y() + margins.bottom()
