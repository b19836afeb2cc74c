"""One table model for every list of rows a page shows: columns declared once, rows cached.

Calls, cases, questions, reminders, record items, scans, doctors and the rows of an import
preview are each a list of plain values shown one per row. Each is a `RowListModel[T]` given a
tuple of `TableColumn`s (a header, the cell's text, and any other role the column answers); the
base holds the rows, answers Qt's questions about counts, headers and flags, finds a row by id,
and keeps each cell's text once per reset. Roles nobody declared are refused before any work:
Qt asks a dozen of them for every cell it draws or measures.

A model with a rule that a declaration cannot say (the doctor table's in-place edits, the
questions' tick box) overrides `cell`, `cell_flags` or `setData`, and says why there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from secondopinion_desktop.domain.frozen import frozen

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole

DISPLAY = int(Role.DisplayRole)
TOOLTIP = int(Role.ToolTipRole)
ACCESSIBLE = int(Role.AccessibleTextRole)
ALIGNMENT = int(Role.TextAlignmentRole)
FOREGROUND = int(Role.ForegroundRole)
FONT = int(Role.FontRole)

#: What every cell of a read-only list is: it can be selected, and has no children.
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
READ_ONLY |= Qt.ItemFlag.ItemNeverHasChildren


def read_only_flags(index: Index) -> Qt.ItemFlag:
    """The flags of a cell nobody edits (also for the models that are not lists of rows)."""
    return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags


@frozen
class TableColumn(Generic[T]):
    """One column: its header, each cell's text, and what else its cells answer.

    `tip` is the header's tooltip and screen-reader text (the header itself when empty);
    `alignment` applies to the header and to every cell; `roles` maps a role to a function of
    the row, for this column only.
    """

    header: str
    text: Callable[[T], str]
    roles: Mapping[int, Callable[[T], Any]] = field(default_factory=dict)
    tip: str = ""
    alignment: Qt.AlignmentFlag | None = None


def _row_id(row: Any) -> int:
    return int(row.id)


def user_roles(count: int, first: int = 1) -> tuple[int, ...]:
    """`count` item-data roles of a model's own, numbered on from `UserRole + first`."""
    return tuple(Qt.ItemDataRole.UserRole + first + number for number in range(count))


class RowListModel(QAbstractTableModel, Generic[T]):
    """A read-only (unless a subclass says otherwise) table over a list of rows of type T.

    `text_roles`: roles answered with the cell's text (display always is).
    `row_roles`: roles answered the same for every column of a row (its id, its tooltip).
    `extra_roles`: roles a subclass's `cell` answers beyond the declared ones.
    `row_id`: how to find a row by id (`row_of`, `replace_row`); the rows' `id` by default.
    """

    def __init__(
        self,
        columns: Sequence[TableColumn[T]],
        *,
        text_roles: Iterable[int] = (),
        row_roles: Mapping[int, Callable[[T], Any]] | None = None,
        extra_roles: Iterable[int] = (),
        row_id: Callable[[T], int] = _row_id,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._text_roles = frozenset({DISPLAY, *(int(r) for r in text_roles)})
        self._row_roles = {int(role): get for role, get in (row_roles or {}).items()}
        self._row_id = row_id
        answered = set(self._text_roles) | set(self._row_roles)
        answered |= {int(r) for r in extra_roles}
        for column in self._columns:
            answered |= {int(role) for role in column.roles}
            if column.alignment is not None:
                answered.add(ALIGNMENT)
        self._answered = frozenset(answered)
        self._rows: list[T] = []
        self._cells: dict[tuple[int, int], str] = {}  # each cell's text, made once per reset

    # --- the rows ------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[T]) -> None:
        """Show a new list (the model keeps its own copy)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = {}
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, row_id: int) -> int:
        """The row showing the value with this id, or -1."""
        key = self._row_id
        return next((i for i, value in enumerate(self._rows) if key(value) == row_id), -1)

    def replace_row(self, value: T) -> None:
        """Show a changed value in place, without a reset (selection and scroll stay)."""
        row = self.row_of(self._row_id(value))
        if row < 0:
            return
        self._rows[row] = value
        for column in range(len(self._columns)):
            self._cells.pop((row, column), None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def text(self, row: int, column: int) -> str:
        """A cell's text (cached until the rows change)."""
        text = self._cells.get((row, column))
        if text is None:
            text = self._cells[(row, column)] = self._columns[column].text(self._rows[row])
        return text

    # --- Qt's model API ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self.row_header(section, int(role)) if 0 <= section < len(self._rows) else None
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == DISPLAY:
            return column.header
        if role == ACCESSIBLE:
            return column.tip or column.header
        if role == TOOLTIP:
            return column.tip or None
        if role == ALIGNMENT and column.alignment is not None:
            return int(column.alignment)
        return None

    def row_header(self, row: int, role: int) -> Any:
        """What the numbers down the side say (nothing unless a subclass shows them)."""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY | self.cell_flags(index.column())

    def cell_flags(self, column: int) -> Qt.ItemFlag:
        """Flags beyond read-only for a column's cells (editable, checkable)."""
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        return self.value(index.row(), index.column(), role) if index.isValid() else None

    def value(self, row: int, column: int, role: int = DISPLAY) -> Any:
        """`data` by row and column: what a proxy that maps rows itself asks (no index made)."""
        role = int(role)
        if role not in self._answered:
            return None
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        return self.cell(row, column, role)

    def cell(self, row: int, column: int, role: int) -> Any:
        """One cell's value for one role, as declared; a subclass adds what it cannot say."""
        if role in self._text_roles:
            return self.text(row, column)
        spec = self._columns[column]
        get = spec.roles.get(role) or self._row_roles.get(role)
        if get is not None:
            return get(self._rows[row])
        if role == ALIGNMENT and spec.alignment is not None:
            return int(spec.alignment)
        return None
