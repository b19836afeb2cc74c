"""The rounded, white card that holds each section of a page."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from secondopinion_desktop.ui.colours import border_color
from secondopinion_desktop.ui.style import dress

CARD_RADIUS = 10.0


class Card(QFrame):
    """Paints its own rounded frame (named "card": style.dress gives it its colours).

    Painting here rather than in the style keeps every other widget's drawing in C++: a
    Python drawControl/drawPrimitive override is called for each frame and button drawn.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        dress(self, "card")

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = QApplication.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border_color(palette), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawRoundedRect(rect, CARD_RADIUS, CARD_RADIUS)
        painter.end()


def titled_card(title: str) -> tuple[Card, QVBoxLayout]:
    """A card with a heading; returns the card and the layout to fill."""
    card = Card()
    layout = QVBoxLayout(card)
    layout.setContentsMargins(22, 18, 22, 20)
    layout.setSpacing(10)
    heading = QLabel(title)
    dress(heading, "cardTitle")
    layout.addWidget(heading)
    return card, layout
