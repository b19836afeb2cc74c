"""The calm look: a readable font size, and colours that follow the palette (light or dark).

Widgets ask for a look by object name ("primary", "card", "pageTitle", ...) and `CalmStyle`
gives it to them when they are polished. This replaced an application stylesheet: a Qt
stylesheet makes every widget go through QStyleSheetStyle, which cost about 50 ms of the
start-up (476 -> 429 ms in tests/bench_speed.py).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QPushButton,
    QStyleFactory,
    QWidget,
)

DEFAULT_POINT_SIZE = 12
MIN_POINT_SIZE = 10
MAX_POINT_SIZE = 22

# Object name -> (points added to the base size, bold)
LABEL_FONTS: dict[str, tuple[int, bool]] = {
    "pageTitle": (10, True),
    "pageSummary": (1, False),
    "cardTitle": (1, True),
    "kicker": (0, True),
    "situation": (0, True),
    "stepState": (0, True),
    "fieldError": (0, True),
}
BUTTON_NAMES = ("primary", "secondary")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def done_color(palette: QPalette) -> QColor:
    """Green for 'done', always paired with words, readable on light and dark windows."""
    return QColor("#7fd18b") if is_dark(palette) else QColor("#1b6e2a")


def attention_color(palette: QPalette) -> QColor:
    return QColor("#ffb86b") if is_dark(palette) else QColor("#9a4a00")


def muted_color(palette: QPalette) -> QColor:
    color = palette.color(QPalette.ColorRole.WindowText)
    color.setAlphaF(0.72)
    return color


def _base_point_size() -> int:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return max(MIN_POINT_SIZE, QApplication.font().pointSize())
    return DEFAULT_POINT_SIZE


class CalmStyle(QProxyStyle):
    """Fusion, plus the few looks the app's widgets ask for by object name."""

    def polish(self, target: object) -> None:
        """One method for QProxyStyle's three `polish` overloads (widget, palette, app)."""
        if isinstance(target, QWidget):
            self._polish_widget(target)
            super().polish(target)
        elif isinstance(target, (QPalette, QApplication)):
            super().polish(target)

    def _polish_widget(self, widget: QWidget) -> None:
        name = widget.objectName()
        if isinstance(widget, QLabel) and name in LABEL_FONTS:
            extra, bold = LABEL_FONTS[name]
            font = QFont(QApplication.font())
            font.setPointSize(_base_point_size() + extra)
            font.setBold(bold)
            widget.setFont(font)
            if name == "kicker":
                palette = widget.palette()
                palette.setColor(
                    QPalette.ColorRole.WindowText,
                    QApplication.palette().color(QPalette.ColorRole.Highlight),
                )
                widget.setPalette(palette)
        elif isinstance(widget, QPushButton):
            self._polish_button(widget)
        elif name in ("page", "card"):
            widget.setAutoFillBackground(name == "page")
            palette = widget.palette()
            base = QApplication.palette().color(QPalette.ColorRole.Base)
            palette.setColor(QPalette.ColorRole.Window, base)
            widget.setPalette(palette)
        elif name == "sidebar":
            palette = widget.palette()
            window = QApplication.palette().color(QPalette.ColorRole.Window)
            palette.setColor(QPalette.ColorRole.Base, window)
            widget.setPalette(palette)

    def _polish_button(self, button: QPushButton) -> None:
        name = button.objectName()
        app_palette = QApplication.palette()
        palette = QPalette(app_palette)
        font = QFont(QApplication.font())
        font.setPointSize(_base_point_size())
        if name == "primary":
            # Fusion lightens a button's colour into a gradient: start darker, so white text
            # on it stays easy to read.
            fill = app_palette.color(QPalette.ColorRole.Highlight).darker(125)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.Button, fill)
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(
                    group,
                    QPalette.ColorRole.ButtonText,
                    app_palette.color(QPalette.ColorRole.HighlightedText),
                )
            font.setBold(True)
        button.setPalette(palette)
        button.setFont(font)
        metrics = button.fontMetrics()
        padding = 22 if name in BUTTON_NAMES else 16
        button.setMinimumHeight(int(metrics.height() * (2.3 if name in BUTTON_NAMES else 2.0)))
        hint = metrics.horizontalAdvance(button.text().replace("&", "")) + 2 * padding
        button.setMinimumWidth(max(hint, 80))


def apply_style(app: QApplication, point_size: int) -> None:
    """Set the base font size and the calm style, and refresh widgets already shown."""
    font = QFont(app.font())
    font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, point_size)))
    app.setFont(font)
    style = app.style()
    if not isinstance(style, CalmStyle):
        base = QStyleFactory.create("Fusion")
        app.setStyle(CalmStyle(base))
        return
    for widget in app.allWidgets():
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
