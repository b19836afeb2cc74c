"""Start work that competes with the window's thread once a widget has been drawn.

A worker running Python holds the interpreter lock, and the window's thread needs it for
every call into Python: each cell and header section a Python table model gives while the
view lays itself out and paints. It waits for the lock at each of those calls (up to the
switch interval, see ui/collector.py), so the first layout and paint of the import preview,
about two thousand such calls, stood the window still for 300 to 600 ms when the worker
checking 100,000 rows was already running (measured: tests/bench_long_operations.py). Drawn
first, before the worker starts, it takes a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["after_paint"]


class _PaintWatch(QObject):
    """Watches one widget's paints until it has been drawn and stayed still for `quiet_ms`
    (a first paint often brings a layout and a second one), or `most_ms` have passed."""

    def __init__(
        self, widget: QWidget, then: Callable[[], object], quiet_ms: int, most_ms: int
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], object] | None = then
        self._quiet, self._most = QTimer(self), QTimer(self)
        for timer, interval in ((self._quiet, quiet_ms), (self._most, most_ms)):
            timer.setSingleShot(True)
            timer.setInterval(interval)
            timer.timeout.connect(self._go)
        widget.installEventFilter(self)
        self._most.start()  # a hidden widget is never drawn

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._quiet.start()  # (again): wait until the drawing has settled
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._quiet.stop()
        self._most.stop()
        self._widget.removeEventFilter(self)
        # Left to its widget (a few bytes until the window goes): deleting it from its own
        # timer's slot crashed PySide6 6.11 in the tests (memory corruption, found by bisecting).
        then()


def after_paint(
    widget: QWidget, then: Callable[[], object], quiet_ms: int = 40, most_ms: int = 400
) -> None:
    """Call `then()` on the window's thread once `widget` has been painted and not again for
    `quiet_ms`, or after `most_ms` however it went (hidden or covered: never painted)."""
    _PaintWatch(widget, then, quiet_ms, most_ms)
