"""The decision clock on steps 3 to 6 and the outcome page: a small drawn timeline of today,
the records-due day, the visit and the decide-by date, with the same in words beside it.

The words come from domain/decision_clock.py; the drawing only shows them. Both carry the
words for screen readers (accessible name and description), and the calm warning is a label
of its own, in words and colour together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Unpack

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import (
    Finding,
    Mark,
    MarkKind,
    Timeline,
    decision_timeline,
)
from secondopinion_desktop.domain.records import short_date
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.card import titled_card
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, paragraph
from secondopinion_desktop.ui.style import attention_color, dress

TITLE = "Your decide-by date"
DRAWING_NAME = "Timeline to your decide-by date"
_GAP = 14  # pixels between two labels on one row


def label_rows(xs: Sequence[float], widths: Sequence[float], up_first: Sequence[bool]) -> list[int]:
    """The row of each label (0 just below the line, -1 just above, then 1, -2, ... further
    out), left to right, so that no two labels on a row overlap and no dotted line from a dot
    to its label pushed further out runs through a label on a row nearer the line (at 22 pt
    the visit's line crossed "Records due"). `up_first`: the label tries above first."""
    ends: dict[int, float] = {}
    rows: list[int] = []
    for x, width, up in zip(xs, widths, up_first, strict=True):
        half = width / 2
        order = [-1, 0, -2, 1, -3, 2, -4, 3] if up else [0, -1, 1, -2, 2, -3, 3, -4]

        def fits(row: int, x: float = x, half: float = half) -> bool:
            crossed = range(0, row) if row > 0 else range(-1, row, -1)
            clear = all(ends.get(k, -1e9) + _GAP / 2 <= x for k in crossed)
            return clear and ends.get(row, -1e9) + _GAP <= x - half

        row = next((r for r in order if fits(r)), 3)
        for k in range(0, row) if row > 0 else range(-1, row, -1):
            ends[k] = max(ends.get(k, -1e9), x)  # a later label on a crossed row starts after
        ends[row] = max(ends.get(row, -1e9), x + half)
        rows.append(row)
    return rows


class TimelineDrawing(QWidget):
    """Today, the records-due day, the visit and the decide-by date on one line.

    Labels go below their dot, on as many rows as it takes for none to overlap, so large
    text never clips them; the height follows the width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        # the layout asked for again and again by the layout system (heightForWidth, size
        # hints, paint): kept per width until the timeline or the font changes
        self._layouts: dict[int, list[tuple[Mark, float, int]]] = {}
        self._label_widths: list[int] = []
        self._laid_out_for = ""  # the font the two caches above were made with
        self.setAccessibleName(DRAWING_NAME)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def show_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._laid_out_for = ""
        self.setAccessibleDescription(timeline.words)
        self.setToolTip(timeline.words)
        self.updateGeometry()
        self.update()

    # --- layout ------------------------------------------------------------------------------

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _label_lines(self, mark: Mark) -> tuple[str, str]:
        return mark.label, short_date(mark.day)

    def _label_width(self, mark: Mark) -> int:
        name, day = self._label_lines(mark)
        return max(
            QFontMetrics(self._bold()).horizontalAdvance(name),
            self.fontMetrics().horizontalAdvance(day),
        )

    def _layout(self, width: int) -> list[tuple[Mark, float, int]]:
        """Each mark with its x position and the row of its label: 0 just below the line,
        -1 just above it, then 1, -2, ... further out. Today's label goes above when it can,
        so it never hides a date of the plan."""
        if self.timeline is None:
            return []
        font = self.font().key()
        if font != self._laid_out_for:
            self._layouts.clear()
            self._label_widths = [self._label_width(m) for m in self.timeline.marks]
            self._laid_out_for = font
        placed = self._layouts.get(width)
        if placed is None:
            placed = self._layouts[width] = self._place(self.timeline, width)
        return placed

    def _place(self, timeline: Timeline, width: int) -> list[tuple[Mark, float, int]]:
        marks = timeline.marks
        first, last = marks[0].day, marks[-1].day
        span = max(1, (last - first).days)
        margin = max(self._label_widths) / 2 + 4
        usable = max(1.0, width - 2 * margin)
        xs = [margin + usable * (mark.day - first).days / span for mark in marks]
        today = [mark.kind is MarkKind.TODAY for mark in marks]
        rows = label_rows(xs, self._label_widths, today)
        return list(zip(marks, xs, rows, strict=True))

    def _rows(self, width: int) -> tuple[int, int]:
        """How many label rows above the line, and below it."""
        rows = [row for _, _, row in self._layout(width)]
        return -min([0, *rows]), 1 + max([0, *rows])

    def _line_y(self, width: int) -> int:
        return 16 + self._rows(width)[0] * self._row_height()

    def _row_height(self) -> int:
        return QFontMetrics(self._bold()).height() + self.fontMetrics().height() + 8

    def heightForWidth(self, width: int) -> int:
        above, below = self._rows(width)
        return 32 + (above + below) * self._row_height()

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = max(360, self.width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(200, self.width())))

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.timeline is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        late = attention_color(palette)
        placed = self._layout(self.width())
        y = self._line_y(self.width())
        xs = {mark.kind: x for mark, x, _ in placed}
        left, right = min(xs.values()), max(xs.values())
        painter.setPen(QPen(text, 2))
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        if MarkKind.DECIDE_BY in xs:  # the time there is: from today to the decide-by date
            painter.setPen(QPen(accent, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            start, end = sorted((xs[MarkKind.TODAY], xs[MarkKind.DECIDE_BY]))
            painter.drawLine(QPointF(start, y), QPointF(end, y))
        bold, plain = self._bold(), self.font()
        row_height = self._row_height()
        for mark, x, row in placed:
            colour = late if mark.late else text
            if mark.kind is MarkKind.DECIDE_BY:
                painter.setPen(QPen(accent, 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.drawLine(QPointF(x, y - 11), QPointF(x, y + 11))
            else:
                painter.setPen(QPen(colour, 2))
                painter.setBrush(colour if mark.kind is not MarkKind.TODAY else palette.base())
                painter.drawEllipse(QPointF(x, y), 6, 6)
            name, day = self._label_lines(mark)
            width = self._label_width(mark) + 2
            top = y + 14 + row * row_height if row >= 0 else y - 4 + row * row_height
            box = QRectF(x - width / 2, top, width, row_height)
            if row not in (0, -1):  # a label pushed further out is tied to its dot
                painter.setPen(QPen(colour, 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x, y), QPointF(x, top if row > 0 else top + row_height))
            painter.setPen(colour)
            painter.setFont(bold)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)
            painter.setFont(plain)
            day_box = box.adjusted(0, QFontMetrics(bold).height(), 0, 0)
            painter.drawText(
                day_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, day
            )
        painter.end()


class TimelineCard(QWidget):
    """The card: the drawing, the same in words, and the calm warning when there is one."""

    def __init__(self, open_step_one: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame, layout = titled_card(TITLE)
        outer.addWidget(frame)
        self.drawing = TimelineDrawing()
        layout.addWidget(self.drawing)
        self.words = paragraph("")
        self.words.setAccessibleName("Your decide-by date in words")
        layout.addWidget(self.words)
        self.warning = paragraph("")
        self.warning.setObjectName("timelineWarning")
        self.warning.setAccessibleName("Your decide-by date: something to look at")
        self.warning.setStyleSheet(f"color: {attention_color(self.palette()).name()};")
        layout.addWidget(self.warning)
        row = QHBoxLayout()
        self.step_one_button = dress(QPushButton("Go to step 1"))
        self.step_one_button.setAccessibleName("Go to step 1 to write down your doctor's answer")
        self.step_one_button.clicked.connect(open_step_one)
        row.addWidget(self.step_one_button)
        row.addStretch(1)
        layout.addLayout(row)

    def show_timeline(self, timeline: Timeline) -> None:
        self.drawing.show_timeline(timeline)
        self.words.setText("\n".join(timeline.sentences))  # one thing a line
        self.warning.setText(timeline.warning)
        self.warning.setVisible(bool(timeline.warning))
        answered = Finding.NO_ANSWER not in timeline.findings
        self.drawing.setVisible(answered or timeline.visit is not None)
        self.step_one_button.setVisible(not answered or Finding.PASSED in timeline.findings)

    def show_case(self, repo: Repository, case: Case) -> None:
        """Work the timeline out from the stored case and its visit of the current round."""
        visit = repo.appointments.opinion_visit(case.id)
        self.show_timeline(decision_timeline(case, visit, repo.today()))


class TimelinePanel(StepPanel):
    """The timeline as a tool of its own, above the other tools of steps 3 to 6."""

    shows = frozenset({Kind.CASE, Kind.APPOINTMENTS, Kind.ROUNDS, Kind.DOCTORS})
    #: placed above the page's other tools (see step_page.ToolsLayout)
    on_top: ClassVar[bool] = True

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.card = TimelineCard(lambda: self.open_page.emit(1), self)
        layout.addWidget(self.card)

    def load(self, case: Case) -> None:
        super().load(case)
        self.card.show_case(self.repo, case)
