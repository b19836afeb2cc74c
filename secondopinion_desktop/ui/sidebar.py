"""The six steps down the left side, each with its number (or a tick) and its state in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.models.base import Index
from secondopinion_desktop.ui.models.steps_model import (
    STATUS_NEXT,
    STATUS_TEXTS,
    DoneRole,
    NumberRole,
    StatusTextRole,
    StepsModel,
)
from secondopinion_desktop.ui.style import attention_color, done_color, dress, muted_color

MIN_WIDTH = 250
# Below this much room for the page, the steps show as their numbers only (names in the
# tooltip and for screen readers): a window of 1366 x 768 at 200 % scaling is 683 px wide.
COMPACT_PAGE_WIDTH = 450


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class StepDelegate(QStyledItemDelegate):
    """Draws a step as a numbered circle, the title, and a second line saying its state.

    The layout is computed in one place (`text_rect`, `width_for`) so the sidebar can widen
    itself until every title fits at the text size chosen: nothing is ever cut off.
    """

    @staticmethod
    def text_rect(rect: QRect, metrics: QFontMetrics) -> QRect:
        """Where the title and the state are written inside a row's rectangle."""
        line = metrics.height()
        margin = int(line * 0.7)
        text_left = rect.left() + margin + int(line * 1.9) + margin
        return QRect(text_left, rect.top(), rect.right() - text_left - margin, rect.height())

    @classmethod
    def width_for(cls, font: QFont, titles: Sequence[str], states: Sequence[str]) -> int:
        """The row width that shows every title (bold) and every state in full at this font.

        A title and a state sit on lines of their own, so the widest of either decides.
        """
        key = (font.key(), tuple(titles), tuple(states))
        known = cls._widths.get(key)
        if known is not None:
            return known
        metrics = QFontMetrics(font)
        bold = QFontMetrics(_bold(font))
        text = max(
            [bold.horizontalAdvance(t) for t in titles]
            + [metrics.horizontalAdvance(s) for s in states]
            + [0]
        )
        probe = cls.text_rect(QRect(0, 0, 10_000, 10), metrics)
        width = cls._widths[key] = text + (10_000 - probe.width()) + 2  # +2: text rounding
        return width

    # the sidebar fits itself on every model change and resize: the measuring is kept per
    # font and text (a few entries: one per text size the person tried)
    _widths: ClassVar[dict[tuple[str, tuple[str, ...], tuple[str, ...]], int]] = {}

    compact = False  # numbers only: the Sidebar sets it when the window is narrow

    @staticmethod
    def compact_width(font: QFont) -> int:
        """A row that shows just the numbered circle."""
        line = QFontMetrics(font).height()
        return int(line * 1.9) + 2 * int(line * 0.7) + 2

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height()
        return QSize(260, int(height * 3.4))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        state = opt.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = rect.adjusted(6, 2, -6, -2)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(card, 8, 8)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(card, 8, 8)
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 8, 8)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        number = int(index.data(NumberRole))
        done = bool(index.data(DoneRole))
        status = str(index.data(StatusTextRole))
        metrics = opt.fontMetrics
        line = metrics.height()
        diameter = int(line * 1.9)
        margin = int(line * 0.7)
        left = rect.center().x() - diameter // 2 if self.compact else rect.left() + margin
        circle = QRect(left, rect.center().y() - diameter // 2, diameter, diameter)
        accent = text_color if selected else (done_color(palette) if done else text_color)
        painter.setPen(QPen(accent, 2))
        if done:
            painter.setBrush(accent)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        mark_font = QFont(opt.font)
        mark_font.setBold(True)
        painter.setFont(mark_font)
        if done:
            painter.setPen(
                palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
            )
            mark = "\u2713"
        else:
            painter.setPen(text_color)
            mark = "\u2605" if number == OUTCOME_PAGE else str(number)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, mark)
        if self.compact:
            painter.restore()
            return

        text_rect = self.text_rect(rect, metrics)
        title_font = _bold(opt.font)
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_rect = QRect(text_rect.left(), rect.center().y() - line, text_rect.width(), line)
        painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(title_font).elidedText(
                str(index.data()), Qt.TextElideMode.ElideRight, text_rect.width()
            ),
        )
        status_font = QFont(opt.font)
        painter.setFont(status_font)
        if selected:
            painter.setPen(text_color)
        elif not state & QStyle.StateFlag.State_Enabled:
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        elif done:
            painter.setPen(done_color(palette))
        elif status == STATUS_NEXT:
            painter.setPen(attention_color(palette))
        else:
            painter.setPen(muted_color(palette))
        status_rect = QRect(text_rect.left(), rect.center().y() + 2, text_rect.width(), line)
        painter.drawText(
            status_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), status
        )
        painter.restore()


class Sidebar(QListView):
    """The step list; selecting a row asks the window to show that page.

    Signals:
        page_requested(int): the person chose page 1-6 (a step) or 7 (the outcome).
    """

    page_requested = Signal(int)

    def __init__(self, model: StepsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        dress(self, "sidebar")
        self.setModel(model)
        self.delegate = StepDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.setAccessibleName("Steps")
        self.setAccessibleDescription("The six steps to a second opinion. Choose one to open it.")
        self._following = False
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.dataChanged.connect(self.fit_text)
        model.modelReset.connect(self.fit_text)
        self.fit_text()

    def needed_width(self) -> int:
        """The width at which every step's title and state show in full at the current font."""
        model = self.model()
        titles = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
        rows = StepDelegate.width_for(self.font(), titles, STATUS_TEXTS)
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return rows + 2 * self.frameWidth() + scroll

    def fit_text(self) -> None:
        """Widen (or narrow) to the text: Larger Text never cuts a step's name off. In a
        window too narrow for the names and a page beside them, show the numbers only."""
        full = max(MIN_WIDTH, self.needed_width())
        window = self.window()
        room = window.width() if window is not self else 10_000
        compact = room - full < COMPACT_PAGE_WIDTH
        if compact != self.delegate.compact:
            self.delegate.compact = compact
            self.viewport().update()
            QTimer.singleShot(0, self._give_room)
        if compact:
            scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            width = StepDelegate.compact_width(self.font()) + 2 * self.frameWidth() + scroll
            self.setMinimumWidth(width)
            self.setMaximumWidth(width)
        else:
            self.setMaximumWidth(16_777_215)
            self.setMinimumWidth(full)

    def _give_room(self) -> None:
        """A splitter keeps a pane's old share: hand what the steps no longer need to the
        page (or take back what the names need)."""
        splitter = self.parentWidget()
        if isinstance(splitter, QSplitter) and splitter.count() == 2:
            total = sum(splitter.sizes())
            width = self.minimumWidth()
            splitter.setSizes([width, max(0, total - width)])

    @property
    def compact(self) -> bool:
        return self.delegate.compact

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_text()

    def restyled(self) -> None:
        """The text size changed (style.apply_style calls this): fit the names again.

        The window's resizeEvent calls `fit_text` too: its width decides names or numbers.
        Neither is an event filter nor a changeEvent: a Python override that receives a plain
        QEvent makes PySide create every event class it has (about 50) the first time.
        """
        self.fit_text()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._following:
            self.page_requested.emit(current.row() + 1)

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        """A screen reader chooses a step by selecting it (AT-SPI's Selection), not by moving
        the current row as the keyboard does: the step selected becomes the one shown."""
        rows = selected.indexes()
        if rows and rows[0] != self.currentIndex():
            self.setCurrentIndex(rows[0])

    def select_page(self, page: int) -> None:
        """Follow the page shown (no page_requested: the window is already showing it)."""
        index = self.model().index(page - 1, 0)
        if index.isValid() and self.currentIndex() != index:
            self._following = True
            try:
                self.setCurrentIndex(index)
            finally:
                self._following = False

    def current_page(self) -> int:
        index = self.currentIndex()
        return index.row() + 1 if index.isValid() else 1
