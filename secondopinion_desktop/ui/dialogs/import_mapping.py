"""The left side of the import window: which column of the file holds which detail.

A form of drop-downs, one per detail, pre-set from the importer's guess; changing one emits
:attr:`MappingForm.changed` so the dialog can rebuild its preview. Also the small text helpers
the import window shares (headings, paragraphs, words about files that cannot be opened).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.candidate_import import FIELD_LABELS, ColumnMapping, Table
from secondopinion_desktop.domain.doctors import Source
from secondopinion_desktop.ui.forms import clearable, screen_room
from secondopinion_desktop.ui.models.import_preview_model import PREVIEW_ROWS
from secondopinion_desktop.ui.models.import_preview_model import Column as PreviewColumn
from secondopinion_desktop.ui.style import attention_color, muted_color

NOT_IN_FILE = "Not in this file"

# The mapping form in two groups: who the doctor is, and where the office is.
WHO_FIELDS = ("name", "first_name", "last_name", "specialty", "practice", "phone", "fax", "email")
WHERE_FIELDS = ("address", "address_line_2", "city", "state", "zip", "notes")
LIST_FIELDS = ("accepting", "network")
_GROUPS = {WHERE_FIELDS[0]: "Where the office is", LIST_FIELDS[0]: "What the list says"}


def describe_os_error(error: OSError) -> str:
    """Words for the person about a file that could not be opened at all."""
    if isinstance(error, FileNotFoundError):
        return (
            "We couldn't find this file. It may have been moved, renamed or deleted. "
            "Please choose it again."
        )
    if isinstance(error, IsADirectoryError):
        return "This is a folder, not a file. Please open the folder and choose the CSV file."
    if isinstance(error, PermissionError):
        return (
            "This computer won't let the app open this file. It may be open in another "
            "program, or belong to another user. Close it there, or copy it to your "
            "Documents folder, and try again."
        )
    reason = f" ({error.strerror})" if error.strerror else ""
    return f"We couldn't open this file{reason}. Please check it and try again."


def source_row(max_detail: int) -> tuple[QHBoxLayout, QComboBox, QLineEdit]:
    """The row under the preview: where the names came from, and details (the file's name)."""
    row = QHBoxLayout()
    row.setSpacing(12)
    combo = QComboBox()
    combo.setAccessibleName("Where these names came from")
    for source in Source:
        combo.addItem(source.label, source.value)
    combo.setCurrentIndex(combo.findData(Source.INSURANCE_LIST.value))
    detail = QLineEdit()
    detail.setAccessibleName("Details about where the names came from")
    detail.setPlaceholderText("For example: Bluebrook Health list, May")
    detail.setMaxLength(max_detail)
    clearable(detail)  # its clear button named for screen readers
    came_from = QLabel("These names came &from:")
    came_from.setStyleSheet("font-weight: 600;")
    came_from.setBuddy(combo)
    details = QLabel("&Details:")
    details.setBuddy(detail)
    row.addWidget(came_from)
    row.addWidget(combo)
    row.addSpacing(12)
    row.addWidget(details)
    row.addWidget(detail, 1)
    return row, combo, detail


def grow_to_fit(dialog: QWidget) -> None:
    """Make the import window big enough for its preview once a file is read."""
    screen = screen_room(dialog)
    width = min(1240, int(screen.width() * 0.94))
    height = min(820, int(screen.height() * 0.92))
    dialog.resize(max(dialog.width(), width), max(dialog.height(), height))


def preview_table(model: QAbstractItemModel) -> QTableView:
    """The import window's preview: read-only rows, one line each, columns sized for text."""
    preview = QTableView()
    preview.setModel(model)
    preview.setAccessibleName("Preview of the rows in the file")
    preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    preview.setAlternatingRowColors(True)
    preview.setWordWrap(False)
    preview.setTabKeyNavigation(False)
    preview.setTextElideMode(Qt.TextElideMode.ElideRight)
    preview.horizontalHeader().setStretchLastSection(True)
    preview.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    char = preview.fontMetrics().averageCharWidth()
    for column, chars in (
        (PreviewColumn.OUTCOME, 30),
        (PreviewColumn.NAME, 24),
        (PreviewColumn.SPECIALTY, 20),
        (PreviewColumn.PRACTICE, 24),
        (PreviewColumn.PHONE, 17),
        (PreviewColumn.FAX, 17),
    ):
        preview.setColumnWidth(column, chars * char)
    preview.setMinimumHeight(220)
    preview.setMinimumWidth(440)
    return preview


def column_letter(index: int) -> str:
    """Spreadsheet column letters: 0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _example(table: Table, column: int) -> str:
    for row in table.rows[:PREVIEW_ROWS]:
        if column < len(row) and row[column]:
            return row[column]
    return ""


def heading(text: str) -> QLabel:
    """A section title a little larger than the text, whatever size the person chose."""
    label = QLabel(text)
    label.setAccessibleName(text)
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * 1.12)
    font.setBold(True)
    label.setFont(font)
    return label


def paragraph(text: str = "", muted: bool = False) -> QLabel:
    """Wrapped, non-selectable explanatory text (greyed when ``muted``)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if muted:
        label.setStyleSheet(f"color: {muted_color(label.palette()).name()};")
    return label


class MappingForm(QScrollArea):
    """One drop-down per detail; :meth:`mapping` reads the person's choices back."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 12, 0)
        column.setSpacing(10)

        column.addWidget(heading("Which column is which"))
        column.addWidget(
            paragraph(
                "We guessed from the column titles. If one looks wrong, choose another "
                "column; the list on the right changes straight away.",
                muted=True,
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        self.combos: dict[str, QComboBox] = {}
        for row, key in enumerate((*WHO_FIELDS, *WHERE_FIELDS, *LIST_FIELDS)):
            if key in _GROUPS:
                spacer = QLabel(_GROUPS[key])
                spacer.setStyleSheet("font-weight: 600;")
                spacer.setContentsMargins(0, 8, 0, 0)
                grid.addWidget(spacer, row * 2, 0, 1, 2)
            label = QLabel(f"{FIELD_LABELS[key]}:")
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {FIELD_LABELS[key]}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            combo.addItem(NOT_IN_FILE, -1)
            combo.currentIndexChanged.connect(self.changed)
            label.setBuddy(combo)
            grid.addWidget(label, row * 2 + 1, 0)
            grid.addWidget(combo, row * 2 + 1, 1)
            self.combos[key] = combo
        column.addLayout(grid)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem with the columns chosen")
        self.problem_label.setStyleSheet(
            f"color: {attention_color(self.palette()).name()}; font-weight: 600;"
        )
        self.problem_label.hide()
        column.addWidget(self.problem_label)

        column.addStretch(1)

        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(panel.sizeHint().width() + 24)
        self.setMaximumWidth(panel.sizeHint().width() + 40)
        self.setAccessibleName("Columns and where the names came from")

    def fill(self, table: Table, mapping: ColumnMapping) -> None:
        """Offer the table's columns in every drop-down and select the proposed ones."""
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, -1)
            for index, header in enumerate(table.headers):
                combo.addItem(f"{column_letter(index)}: {header}", index)
                example = _example(table, index)
                if example:
                    combo.setItemData(
                        combo.count() - 1, f"For example: {example}", Qt.ItemDataRole.ToolTipRole
                    )
            chosen = mapping.get(key)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.blockSignals(False)

    def mapping(self) -> ColumnMapping:
        """The columns chosen in the form (None for "Not in this file")."""
        mapping: ColumnMapping = {}
        for key, combo in self.combos.items():
            data = combo.currentData()
            mapping[key] = data if isinstance(data, int) and data >= 0 else None
        return mapping

    def show_problems(self, problems: list[str]) -> None:
        """Say under the form what stops the import with these columns (hidden when none)."""
        self.problem_label.setText(" ".join(problems))
        self.problem_label.setVisible(bool(problems))
