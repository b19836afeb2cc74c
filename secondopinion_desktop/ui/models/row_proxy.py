"""Sorting and filtering a long table without freezing the window.

Qt's QSortFilterProxyModel asks the model for two values at each of the n log n comparisons of
a sort, and for every row at each filter keystroke; with a model written in Python each ask
crosses into Python, and 5,000 doctors took a second or more per header click. This proxy
asks its source once per reset for a list of sort keys per column (`sort_keys`), sorts row
numbers with Python's own sort, and filters with one pass over the rows
(`SortedRowsProxy.accepted`). A click or a keystroke then costs a few milliseconds. A source
that keeps its orders (`sorted_rows`) is not even sorted again.

Rows that stay in view keep their selection and current cell (persistent indexes are moved,
as Qt's own proxy does). A source whose rows change in place (`dataChanged`) is sorted and
filtered again when a sort or filter is on, so an edited row moves to its new place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, cast, runtime_checkable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
_ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
# the overload with the hint (the horizontal header then keeps its columns as they are)
_WITH_HINT = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


@runtime_checkable
class SortableRows(Protocol):
    """What the source model offers: one sortable key per row for a column, made once."""

    def sort_keys(self, column: int) -> Sequence[Any]: ...


@runtime_checkable
class KeptOrders(Protocol):
    """A source that keeps each order it was sorted in (rows kept for a case shown again
    come with their orders: showing them sorted costs no sort)."""

    def sorted_rows(self, column: int, descending: bool) -> Sequence[int]: ...


@runtime_checkable
class CellValues(Protocol):
    """A source that answers `data` by row and column (a view asks a dozen roles per cell it
    draws; making a source index for each would double the cost)."""

    def value(self, row: int, column: int, role: int) -> Any: ...


class SortedRowsProxy(QAbstractProxyModel):
    """A flat table's rows, sorted by a prepared key and filtered by `accepted`.

    Subclasses filter by overriding `accepted(rows)` and calling `refilter()` when what it
    depends on changes. Sorting is Qt's `sort(column, order)`; column -1 is the source's order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._ordered: list[int] | None = None  # every source row, in sort order
        self._rows: list[int] = []  # proxy row -> source row
        self._proxy_row: dict[int, int] = {}  # source row -> proxy row (rows in view)
        self._connections: list[Any] = []
        self._values: CellValues | None = None

    # --- the source ------------------------------------------------------------------------

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        self.beginResetModel()
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._connections:
                signal.disconnect(slot)
        self._connections = []
        super().setSourceModel(source)
        self._values = source if isinstance(source, CellValues) else None
        if source is not None:
            reset_starts = (
                source.modelAboutToBeReset,
                source.rowsAboutToBeInserted,
                source.rowsAboutToBeRemoved,
                source.rowsAboutToBeMoved,
                source.columnsAboutToBeInserted,
                source.columnsAboutToBeRemoved,
                source.columnsAboutToBeMoved,
            )
            reset_ends = (
                source.modelReset,
                source.rowsInserted,
                source.rowsRemoved,
                source.rowsMoved,
                source.columnsInserted,
                source.columnsRemoved,
                source.columnsMoved,
            )
            wiring: list[tuple[Any, Any]] = [(s, self._source_reset_starts) for s in reset_starts]
            wiring += [(s, self._source_reset_ends) for s in reset_ends]
            wiring += [
                (source.dataChanged, self._source_data_changed),
                (source.headerDataChanged, self.headerDataChanged),
                (source.layoutAboutToBeChanged, self._source_reset_starts),
                (source.layoutChanged, self._source_reset_ends),
            ]
            for signal, slot in wiring:
                signal.connect(slot)
            self._connections = wiring
        self._ordered = None
        self._map()
        self.endResetModel()

    def _source_reset_starts(self, *_args: object) -> None:
        self.beginResetModel()

    def _source_reset_ends(self, *_args: object) -> None:
        self._ordered = None
        self._map()
        self.endResetModel()

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        if self._column >= 0 or self.filtering():
            self._ordered = None  # the changed rows may sort or filter differently now
            self._relayout()
            return
        shown = (self._proxy_row.get(r, -1) for r in range(top.row(), bottom.row() + 1))
        rows = [r for r in shown if r >= 0]
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), top.column()), self.index(max(rows), bottom.column()), roles
            )

    # --- what subclasses decide --------------------------------------------------------------

    def accepted(self, rows: list[int]) -> list[int]:
        """The source rows (of `rows`, in their order) to show; all of them unless filtered."""
        return rows

    def filtering(self) -> bool:
        """Whether `accepted` can leave rows out now."""
        return False

    def refilter(self, narrower: bool = False) -> None:
        """Show the rows `accepted` gives now (after what the filter depends on changed).

        `narrower`: the new filter shows no row the old one hid (a letter typed at the end of
        a word), so only the rows in view are tried again.
        """
        self._relayout(self._rows if narrower else None)

    # --- sorting -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is None or column >= source.columnCount():
            return
        column = max(column, -1)
        if (column, order) == (self._column, self._order) and self._ordered is not None:
            return
        self._column, self._order = column, order
        self._ordered = None
        self._relayout()

    def sortColumn(self) -> int:
        return self._column

    def sortOrder(self) -> Qt.SortOrder:
        return self._order

    def _sorted_rows(self) -> list[int]:
        if self._ordered is None:
            source = self.sourceModel()
            count = source.rowCount() if source is not None else 0
            rows = list(range(count))
            descending = self._order == Qt.SortOrder.DescendingOrder
            if self._column >= 0 and isinstance(source, KeptOrders):
                rows = list(source.sorted_rows(self._column, descending))
            elif self._column >= 0 and isinstance(source, SortableRows):
                keys = source.sort_keys(self._column)
                rows.sort(key=keys.__getitem__, reverse=descending)  # stable either way
            self._ordered = rows
        return self._ordered

    # --- the mapping -----------------------------------------------------------------------

    def _map(self, candidates: list[int] | None = None) -> None:
        self._rows = self.accepted(self._sorted_rows() if candidates is None else candidates)
        self._proxy_row = {source: proxy for proxy, source in enumerate(self._rows)}

    def _relayout(self, candidates: list[int] | None = None) -> None:
        """New order or filter: tell the views, moving what they hold to the rows' new places.
        `candidates`: the rows that may be shown, in order (all rows when None)."""
        cast(Any, self.layoutAboutToBeChanged)[_WITH_HINT].emit([], _ROWS_ONLY)
        held = self.persistentIndexList()
        places = [(self._rows[i.row()], i.column()) if i.isValid() else None for i in held]
        self._map(candidates)
        moved = [
            self._index_of(place[0], place[1]) if place is not None else QModelIndex()
            for place in places
        ]
        self.changePersistentIndexList(held, moved)
        cast(Any, self.layoutChanged)[_WITH_HINT].emit([], _ROWS_ONLY)

    def _index_of(self, source_row: int, column: int) -> QModelIndex:
        row = self._proxy_row.get(source_row)
        return QModelIndex() if row is None else self.createIndex(row, column)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid():
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._rows):
            return QModelIndex()
        return source.index(self._rows[row], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self._index_of(source_index.row(), source_index.column())

    def source_row(self, row: int) -> int:
        """The source row shown in this row."""
        return self._rows[row]

    # --- Qt's model API ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (0 <= row < len(self._rows)):
            return QModelIndex()
        if not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent(): the same name in Python
            return QObject.parent(self)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows) and self.columnCount() > 0

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        if self._values is not None:
            return self._values.value(self._rows[row], index.column(), role)
        source = self.sourceModel()
        return source.data(source.index(self._rows[row], index.column()), role)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        source = self.sourceModel()
        if source is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            section = self._rows[section]
        return cast(Any, source.headerData(section, orientation, role))
