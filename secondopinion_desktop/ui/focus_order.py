"""Tab goes through a page in the order a person reads it.

Qt's Tab order is the order widgets were made. Pages are built in parts (the step's own
sections first, then its tools when the page is first shown, and some buttons again when a
case is loaded), so a few places put the order right with these helpers. The keyboard test
(tests/ui/test_keyboard.py) walks every page with Tab and checks the order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

CHAIN_LIMIT = 50  # place_before looks back this far at most


def chain(widgets: Sequence[QWidget]) -> None:
    """Tab visits `widgets` one after the other (each moved right after the one before)."""
    for first, second in itertools.pairwise(widgets):
        if first.window() is second.window():  # (not while a part is still being built)
            QWidget.setTabOrder(first, second)


def last_tab_stop(roots: Sequence[QWidget]) -> QWidget | None:
    """The last control made inside the last of `roots` that Tab stops at (parts are built
    top to bottom, so it is the one Tab reaches last). Found among the children, never by
    walking the window's whole focus chain from Python."""
    for root in reversed(roots):
        stops = [
            w
            for w in root.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.window() is root.window()
        ]
        if stops:
            return stops[-1]
    return None


def place_before(anchor: QWidget, widgets: Sequence[QWidget]) -> None:
    """Tab reaches `widgets`, in order, just before `anchor`."""
    if not widgets:
        return
    before = anchor.previousInFocusChain()
    for _ in range(CHAIN_LIMIT):
        if before is None or before not in widgets:
            break
        before = before.previousInFocusChain()
    chain([*([before] if before is not None else []), *widgets, anchor])
