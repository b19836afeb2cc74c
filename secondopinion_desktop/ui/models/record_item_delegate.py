"""Draws an item of the records checklist as its name in bold over a quieter second line, or
both on one line when the row has room for one (a long list: see tables.FittedTableView)."""

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
        one_line = opt.rect.height() < 2 * line + PADDING
        if one_line:  # a long list: the row is one line, the second line follows the title
            rect = opt.rect.adjusted(PADDING, 0, -PADDING, 0)
        shown = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        top = QRect(rect.left(), rect.top(), rect.width(), rect.height() if one_line else line)
        painter.drawText(
            top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        plain = QFont(opt.font)
        painter.setFont(plain)
        muted = palette.color(role)
        if not selected:
            muted.setAlphaF(0.75)
        painter.setPen(muted)
        if one_line:
            used = QFontMetrics(bold).horizontalAdvance(shown + "  ")
            bottom = QRect(rect.left() + used, rect.top(), rect.width() - used, rect.height())
            subtitle = f"\u00b7 {subtitle}" if subtitle and shown == title else ""
        else:
            bottom = QRect(rect.left(), rect.top() + line, rect.width(), rect.height() - line)
        align = Qt.AlignmentFlag.AlignVCenter if one_line else Qt.AlignmentFlag.AlignTop
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignLeft | align),
            QFontMetrics(plain).elidedText(subtitle, Qt.TextElideMode.ElideRight, bottom.width()),
        )
        painter.restore()
