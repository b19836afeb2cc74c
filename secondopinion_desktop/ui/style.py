"""The calm look: a readable font size, the stylesheet, and colours that follow the palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.paths import resources_root

DEFAULT_POINT_SIZE = 12
MIN_POINT_SIZE = 10
MAX_POINT_SIZE = 22


def resource_text(name: str) -> str:
    return (resources_root() / name).read_text("utf-8")


def apply_style(app: QApplication, point_size: int) -> None:
    """Set the base font size and the stylesheet (which uses palette colours, light or dark)."""
    font = QFont(app.font())
    font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, point_size)))
    app.setFont(font)
    try:
        app.setStyleSheet(resource_text("style.qss"))
    except OSError:
        app.setStyleSheet("")  # looks plainer, works the same


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
