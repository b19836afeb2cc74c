"""Draws an item of the records checklist as its name in bold over a quieter second line."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from secondopinion_desktop.ui.models.base import Index
from secondopinion_desktop.ui.models.records_model import SubtitleRole

PADDING = 6


class RecordItemDelegate(QStyledItemDelegate):
    """Title (DisplayRole, bold) and subtitle (SubtitleRole, muted) in one cell."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base = super().sizeHint(option, index)
        metrics: QFontMetrics = option.fontMetrics
        return QSize(base.width(), metrics.height() * 2 + PADDING * 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        subtitle = index.data(SubtitleRole) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect: QRect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(role))
        line = QFontMetrics(bold).height()
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(
            top,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, rect.width()),
        )
        plain = QFont(opt.font)
        painter.setFont(plain)
        muted = palette.color(role)
        if not selected:
            muted.setAlphaF(0.75)
        painter.setPen(muted)
        bottom = QRect(rect.left(), rect.top() + line, rect.width(), rect.height() - line)
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            QFontMetrics(plain).elidedText(subtitle, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()
