"""A clear ring around whatever has the keyboard, in every window of the app.

Fusion marks focus faintly (a thin tinted edge on a field, a dotted line on a button) that
older eyes miss. One `FocusRing` is moved onto each control that takes the keyboard: like a
QFocusFrame it follows the control as it moves, scrolls and resizes, and lets the mouse
through, but it is never masked away where the control touches its parent's edge. It paints
a ring `RING_WIDTH` px thick in `colours.focus_color`, which reaches 3:1 against pages and
windows in the light and dark palettes (tests/ui/test_contrast.py). Painting here, and not
in a Python style override, keeps every widget's drawing in C++ (see style.py).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

from secondopinion_desktop.ui.colours import focus_color

RING_WIDTH = 2  # px drawn outside the control, plus 1 px over its edge
RING_RADIUS = 5.0


class FocusRing(QWidget):
    """The ring: a see-through widget over the focused control's edge, in the same window.

    It is a child of the window (a child of a splitter would become a pane of it), placed
    over the control plus `RING_WIDTH` px all round, cut to what the control's parents show
    (a page scrolled, a table's edge), and raised above everything. It follows the control
    and every parent of it as they move, scroll or resize, and lets every mouse event
    through.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []

    def follow(self, widget: QWidget | None) -> None:
        for watched in self._watched:
            if shiboken6.isValid(watched):
                watched.removeEventFilter(self)
        self._watched = []
        self.target = widget
        if widget is None:
            self.hide()
            return
        window = widget.window()
        if self.parentWidget() is not window:
            self.setParent(window)
        chain: list[QWidget] = []
        ancestor: QWidget | None = widget
        while ancestor is not None and ancestor is not window:
            ancestor.installEventFilter(self)
            chain.append(ancestor)
            ancestor = ancestor.parentWidget()
        self._watched = chain
        self.place()

    def place(self) -> None:
        """Over the control's edge, inside what its parents show; hidden if nothing shows."""
        widget, window = self.target, self.parentWidget()
        if widget is None or window is None or not widget.isVisible():
            self.hide()
            return
        outside = RING_WIDTH
        top_left = widget.mapTo(window, QPoint(0, 0))
        area = QRect(top_left, widget.size()).adjusted(-outside, -outside, outside, outside)
        ancestor = widget.parentWidget()
        while ancestor is not None and ancestor is not window:
            shown = QRect(ancestor.mapTo(window, QPoint(0, 0)), ancestor.size())
            area = area.intersected(shown)
            ancestor = ancestor.parentWidget()
        if area.isEmpty():
            self.hide()
            return
        self.setGeometry(area)
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ParentChange:
            self.follow(self.target)
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            self.place()
        elif kind == QEvent.Type.Hide and watched is self.target:
            self.hide()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(focus_color(QApplication.palette()), RING_WIDTH + 1)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = (RING_WIDTH + 1) / 2
        rect = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.drawRoundedRect(rect, RING_RADIUS, RING_RADIUS)
        painter.end()


def wants_ring(widget: QWidget | None) -> bool:
    """A control inside a window (not a menu, not a popup list, not a window itself)."""
    if widget is None or widget.isWindow() or isinstance(widget, (QMenu, QMenuBar)):
        return False
    return widget.window().windowType() != Qt.WindowType.Popup


class FocusRings(QObject):
    """Moves one ring to the widget with focus; a new ring if the old one went with its
    window."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    @classmethod
    def install(cls, app: QApplication) -> FocusRings:
        existing = app.findChild(FocusRings)
        return existing if isinstance(existing, FocusRings) else cls(app)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        ring = self.ring if self.ring is not None and shiboken6.isValid(self.ring) else None
        if new is None or not wants_ring(new):
            if ring is not None and isinstance(new, QMenuBar):
                ring.follow(None)
            return
        if ring is None:
            ring = self.ring = FocusRing()
        ring.follow(new)
