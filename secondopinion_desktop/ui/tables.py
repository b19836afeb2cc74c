"""The one way the app sets up a read-only list table (whole rows, one at a time, named), and a
table as tall as its rows for pages that scroll as one (while its list is short: see
`FittedTableView`)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from secondopinion_desktop.ui.forms import screen_room

T = TypeVar("T", bound=QTableView)

BIG_LIST = 60  # rows; past this a fitted table stops growing with its rows
BIG_ROWS_SHOWN = 20  # a long list's table shows about this many rows at once
BIG_ROWS_LEAST = 5  # ... and never fewer, however short the screen
BIG_SCREEN_SHARE = 0.5  # ... nor more than this share of the screen's height
ONE_LINE_PADDING = 10  # px above and below a one-line row's text


def row_table(model: QAbstractItemModel, accessible_name: str) -> QTableView:
    """A table that selects whole rows, one at a time, with no row numbers down the side."""
    return _rows_of(QTableView(), model, accessible_name)


def long_list_table(model: QAbstractItemModel, accessible_name: str) -> LongListTableView:
    """A `row_table` whose rows are one line each once the list is long (`LongListTableView`)."""
    return _rows_of(LongListTableView(), model, accessible_name)


def fitted_row_table(model: QAbstractItemModel, accessible_name: str) -> FittedTableView:
    """A `row_table` as tall as its rows while the list is short (see `FittedTableView`)."""
    table = _rows_of(FittedTableView(), model, accessible_name)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _rows_of(table: T, model: QAbstractItemModel, accessible_name: str) -> T:
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
    return table


class LongListTableView(QTableView):
    """A table whose rows are as tall as their words while the list is short; past
    `BIG_LIST` rows, one line a row (the whole of it in the row's tooltip and accessible text).

    Sizing rows from their contents costs a pass over every row (each cell's size for its
    width, again at every width change): nothing for tens of rows, seconds of a frozen window
    for thousands (a case of 2,010 record items took 9 s to open on step 4; a doctor with
    1,000 logged calls took 1 s to select). Crossing the threshold either way switches the
    mode when the model changes (`fit` too, for callers that change what the rows say).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._big = False
        self._fitted_looks = _FittedLooks(self)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self._follow_row_count)
            self._follow_row_count()

    @property
    def big(self) -> bool:
        """True while the list is too long to fit: one line a row, scrolling on its own."""
        return self._big

    def _follow_row_count(self) -> None:
        model = self.model()
        big = model is not None and model.rowCount() > BIG_LIST
        if big == self._big:
            return
        self._big = big
        if big:
            self._fitted_looks = _FittedLooks(self)
            self._one_line_rows()
        else:
            self._fitted_looks.restore(self)
            self.resizeRowsToContents()
        self.updateGeometry()

    def _one_line_rows(self) -> None:
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never sized from contents
        # the maximum shrinks rows fitted before and the minimum grows them for larger text (a
        # new default size leaves rows sized before as they are)
        line = one_line(self)
        rows.setMaximumSectionSize(max(line, rows.maximumSectionSize()))
        rows.setMinimumSectionSize(line)
        rows.setMaximumSectionSize(line)
        rows.setDefaultSectionSize(line)
        # a column sized to its contents reads this many rows, not 1,000 (Qt's default); a
        # hidden table would read them all, whatever the precision below one
        self.horizontalHeader().setResizeContentsPrecision(BIG_ROWS_SHOWN * 2)
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def changeEvent(self, event: QEvent) -> None:
        """Larger or smaller text (View > Larger Text): a long list's rows are one line of it."""
        super().changeEvent(event)
        if self._big and event.type() == QEvent.Type.FontChange:
            self._one_line_rows()
            self.updateGeometry()

    def fit(self) -> None:
        """Fit the rows to what they now say (a short list), or only check the mode."""
        self._follow_row_count()
        if not self._big:
            self.resizeRowsToContents()


class FittedTableView(LongListTableView):
    """A `LongListTableView` as tall as its rows, so the page scrolls instead of the table,
    while the list is short; past `BIG_LIST` rows, a table of its own height (about
    `BIG_ROWS_SHOWN` rows) that scrolls itself."""

    def _content_height(self) -> int:
        header = self.horizontalHeader().height() if self.horizontalHeader().isVisible() else 0
        frame = 2 * self.frameWidth() + 2
        if self._big:
            room = int(screen_room(self).height() * BIG_SCREEN_SHARE)
            rows = min(BIG_ROWS_SHOWN * one_line(self), max(room - header - frame, 0))
            return header + max(rows, BIG_ROWS_LEAST * one_line(self)) + frame
        return header + self.verticalHeader().length() + frame

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(self._content_height(), 90))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), max(self._content_height(), 90))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._big:
            return  # one line a row whatever the width; the height is its own
        if event.size().width() != event.oldSize().width():  # text wraps by width only
            self.resizeRowsToContents()
        if self.height() != max(self._content_height(), 90):
            self.updateGeometry()

    def fit(self) -> None:
        """Fit the rows to what they now say (a short list), or only check the mode, and
        the table's height to them."""
        super().fit()
        self.updateGeometry()


def one_line(view: QAbstractItemView) -> int:
    """The height of a row of one line of text, with the room a cell's padding takes."""
    return view.fontMetrics().height() + ONE_LINE_PADDING


class _FittedLooks:
    """How the owner set up the rows for a fitted list, to put back when the list is short
    again (the big mode changes these)."""

    def __init__(self, view: QTableView) -> None:
        rows = view.verticalHeader()
        self.resize_mode = (
            rows.sectionResizeMode(0) if rows.count() else QHeaderView.ResizeMode.Interactive
        )
        self.default_size = rows.defaultSectionSize()
        self.sizes = (rows.minimumSectionSize(), rows.maximumSectionSize())
        self.word_wrap = view.wordWrap()
        self.scroll_bar = view.verticalScrollBarPolicy()
        self.precision = view.horizontalHeader().resizeContentsPrecision()

    def restore(self, view: QTableView) -> None:
        rows = view.verticalHeader()
        rows.setMaximumSectionSize(self.sizes[1])
        rows.setMinimumSectionSize(self.sizes[0])
        rows.setDefaultSectionSize(self.default_size)
        rows.setSectionResizeMode(self.resize_mode)
        view.setWordWrap(self.word_wrap)
        view.setVerticalScrollBarPolicy(self.scroll_bar)
        view.horizontalHeader().setResizeContentsPrecision(self.precision)
