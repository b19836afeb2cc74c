"""Finding text that is cut off, controls too small to hit, and pages that scroll sideways.

What a person with very large text meets: a label whose last line is missing, a button whose
words run past its edge, two controls drawn over each other, a page that must be scrolled
left and right. Each check compares what a widget asks for (its size hint, or for a wrapped
label the height it needs at its width) with the room the layout gave it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyle,
    QTableView,
    QWidget,
)

SLACK = 1  # pixels of rounding forgiven
MIN_TARGET = 24  # WCAG 2.2 target size (minimum), in device-independent pixels
PRIMARY_TARGET = 44  # the page's one main button: the larger, enhanced size


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    name = widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {str(text)[:40]!r} ({name})"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0


def _inside_scroller(widget: QWidget) -> bool:
    """Part of another control's own machinery (a table's header, a field's clear button)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QLineEdit, QAbstractSpinBox)):
            return True
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _past_view(widget: QWidget) -> bool:
    """Runs past the right edge of the page it is on: only sideways scrolling would show it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            view = parent.viewport()
            inner = parent.widget()
            if inner is None:
                return False
            right = widget.mapTo(inner, widget.rect().topRight()).x()
            return right > max(view.width(), 1) + SLACK
        parent = parent.parentWidget()
    return False


def clipped_text(root: QWidget) -> list[str]:
    """Labels and buttons under `root` given less room than their text needs, or cut off
    by the right edge of their page."""
    found: list[str] = []
    texts: list[QLabel | QAbstractButton] = [
        *root.findChildren(QLabel),
        *root.findChildren(QAbstractButton),
    ]
    for widget in texts:
        if _shown(widget, root) and widget.text() and _past_view(widget):
            found.append(f"{_describe(widget)}: cut off by the right edge of the page")
    for label in root.findChildren(QLabel):
        if not _shown(label, root) or not label.text() or _inside_scroller(label):
            continue
        size = label.size()
        if label.wordWrap():
            need_width = label.minimumSizeHint().width()
            need_height = label.heightForWidth(size.width())
        else:
            hint = label.sizeHint()
            need_width, need_height = hint.width(), hint.height()
        if size.width() + SLACK < need_width or size.height() + SLACK < need_height:
            found.append(
                f"{_describe(label)}: {size.width()}x{size.height()} < {need_width}x{need_height}"
            )
    for button in root.findChildren(QAbstractButton):
        if not _shown(button, root) or _inside_scroller(button) or not button.text():
            continue
        hint = button.minimumSizeHint().expandedTo(button.sizeHint())
        size = button.size()
        if size.width() + SLACK < hint.width() or size.height() + SLACK < hint.height():
            found.append(
                f"{_describe(button)}: {size.width()}x{size.height()} "
                f"< {hint.width()}x{hint.height()}"
            )
    return found


def overlapping(root: QWidget) -> list[str]:
    """Labels and controls drawn over a sibling (same parent) under `root`."""
    kinds = (QLabel, QAbstractButton, QLineEdit, QComboBox)
    found: list[str] = []
    parents = {root, *root.findChildren(QWidget)}
    for parent in parents:
        children = [
            w
            for w in parent.children()
            if isinstance(w, kinds) and isinstance(w, QWidget) and _shown(w, root)
        ]
        for i, first in enumerate(children):
            a = first.geometry().adjusted(SLACK, SLACK, -SLACK, -SLACK)
            for second in children[i + 1 :]:
                if a.intersects(second.geometry().adjusted(SLACK, SLACK, -SLACK, -SLACK)):
                    found.append(f"{_describe(first)} overlaps {_describe(second)}")
    return found


def small_targets(root: QWidget, primary_size: int = PRIMARY_TARGET) -> list[str]:
    """Buttons, boxes and fields smaller than a finger-sized 24 px (44 px for 'primary')."""
    found: list[str] = []
    kinds = (QAbstractButton, QComboBox, QLineEdit)
    for kind in kinds:
        for widget in root.findChildren(kind):
            if not _shown(widget, root) or _inside_scroller(widget):
                continue
            if isinstance(widget, QLineEdit) and not widget.isEnabled():
                continue
            need = primary_size if widget.objectName() == "primary" else MIN_TARGET
            size = widget.size()
            if min(size.width(), size.height()) < need:
                found.append(f"{_describe(widget)}: {size.width()}x{size.height()} < {need}")
    return found


def sideways_scrolling(root: QWidget) -> list[str]:
    """Scroll areas (pages, dialogs' bodies) whose content is wider than their view."""
    found: list[str] = []
    for area in root.findChildren(QScrollArea):
        if not _shown(area, root):
            continue
        inner = area.widget()
        if inner is None:
            continue
        view = area.viewport().width()
        need = inner.minimumSizeHint().width()
        if need > view + SLACK:
            found.append(f"{_describe(area)}: content {need} px wide in a {view} px view")
    return found


def fits(widget: QWidget, screen: QRect) -> bool:
    """The window's smallest size fits on the screen (what is left scrolls, nothing hides)."""
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return need.width() <= screen.width() and need.height() <= screen.height()


def elided_cells(root: QWidget) -> list[str]:
    """Table cells under `root` whose text does not fit their cell: cut short with "..." on
    one line, or missing lines when wrapped. Measured as the style draws an item's text."""
    found: list[str] = []
    for table in root.findChildren(QTableView):
        model = table.model()
        if model is None or not _shown(table, root):
            continue
        view = table.viewport().rect()
        style = table.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                if table.isColumnHidden(column) or table.isRowHidden(row):
                    continue
                index = model.index(row, column)
                rect = table.visualRect(index)
                if not rect.intersects(view):
                    continue
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                if not text:
                    continue
                font = index.data(Qt.ItemDataRole.FontRole)
                metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
                width = rect.width() - 2 * margin
                if table.wordWrap():
                    need = metrics.boundingRect(
                        QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text
                    )
                    short = need.height() > rect.height() or need.width() > width
                else:
                    short = metrics.horizontalAdvance(text) > width
                if short:
                    where = f"{table.accessibleName()} row {row + 1}, column {column + 1}"
                    found.append(f"{where}: {text[:40]!r} cut short")
    return found
