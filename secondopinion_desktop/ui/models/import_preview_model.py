"""The preview in the import dialog: the first rows of the file as they would be imported.

:func:`preview_rows` (plain Python) lines up each spreadsheet row with what the importer decided
for it; :class:`ImportPreviewModel` is a thin read-only table over those rows.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from enum import Enum, IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from secondopinion_desktop.domain.candidate_import import ImportResult, Table, listed_name
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.ui.models.base import (
    ACCESSIBLE,
    DISPLAY,
    FONT,
    FOREGROUND,
    TOOLTIP,
    RowListModel,
    TableColumn,
)
from secondopinion_desktop.ui.style import attention_color, muted_color

#: How many rows of the file the preview shows.
PREVIEW_ROWS = 50


class Column(IntEnum):
    OUTCOME = 0
    NAME = 1
    SPECIALTY = 2
    PRACTICE = 3
    PHONE = 4
    FAX = 5
    ADDRESS = 6


HEADERS = {
    Column.OUTCOME: "Will be\u2026",
    Column.NAME: "Name",
    Column.SPECIALTY: "Specialty",
    Column.PRACTICE: "Practice",
    Column.PHONE: "Phone",
    Column.FAX: "Fax",
    Column.ADDRESS: "Address",
}


class Outcome(Enum):
    ADDED = "added"
    SKIPPED = "skipped"
    CHECK = "check"


@frozen
class PreviewRow:
    """One spreadsheet row: what it holds and what the import will do with it."""

    row_number: int
    outcome: Outcome
    outcome_text: str
    name: str = ""
    specialty: str = ""
    practice: str = ""
    phone: str = ""
    fax: str = ""
    address: str = ""

    def value(self, column: Column) -> str:
        if column is Column.OUTCOME:
            return self.outcome_text
        return str(getattr(self, column.name.lower()))


def _raw_cell(row: Sequence[str], mapping: Mapping[str, int | None], key: str) -> str:
    column = mapping.get(key)
    if column is None or not 0 <= column < len(row):
        return ""
    return row[column]


def preview_rows(
    table: Table,
    mapping: Mapping[str, int | None],
    result: ImportResult,
    limit: int = PREVIEW_ROWS,
) -> list[PreviewRow]:
    """The first ``limit`` rows of ``table``, each with the outcome ``result`` gives it.

    Every data row is either a candidate (in order) or skipped, so the two lists are walked
    together. Added rows show the cleaned-up values the doctor will get; skipped rows show the
    cells as they are in the file.
    """
    skipped = {row.row_number: row.reason for row in result.skipped}
    warnings: dict[int, list[str]] = {}
    for warning in result.warnings:
        warnings.setdefault(warning.row_number, []).append(warning.reason)
    candidates = iter(result.candidates)
    rows: list[PreviewRow] = []
    for index, cells in enumerate(table.rows[:limit]):
        number = table.row_number(index)
        if number in skipped:
            cell = functools.partial(_raw_cell, cells, mapping)
            name = cell("name") or " ".join(
                part for part in (cell("first_name"), cell("last_name")) if part
            )
            address = ", ".join(
                part
                for part in (
                    cell("address"),
                    cell("address_line_2"),
                    cell("city"),
                    " ".join(p for p in (cell("state"), cell("zip")) if p),
                )
                if part
            )
            rows.append(
                PreviewRow(
                    number,
                    Outcome.SKIPPED,
                    f"Skipped: {skipped[number]}",
                    name=name,
                    specialty=cell("specialty"),
                    practice=cell("practice"),
                    phone=cell("phone"),
                    fax=cell("fax"),
                    address=address,
                )
            )
            continue
        candidate = next(candidates, None)
        if candidate is None:  # cannot happen for a result built from this table
            break
        notes = warnings.get(number)
        rows.append(
            PreviewRow(
                number,
                Outcome.CHECK if notes else Outcome.ADDED,
                f"Check: {' '.join(notes)}" if notes else "Added",
                name=listed_name(candidate.name),
                specialty=candidate.specialty,
                practice=candidate.practice,
                phone=candidate.phone,
                fax=candidate.fax,
                address=candidate.address,
            )
        )
    return rows


class ImportPreviewModel(RowListModel[PreviewRow]):
    """Read-only rows for the preview table; replaced as a whole with :meth:`set_rows`.

    The vertical header shows the spreadsheet row number, so "Row 7" in the notes below the
    table matches what the person sees here and in their spreadsheet program.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                TableColumn(HEADERS[column], functools.partial(PreviewRow.value, column=column))
                for column in Column
            ],
            text_roles=(Qt.ItemDataRole.ToolTipRole,),
            extra_roles=(ACCESSIBLE, FOREGROUND, FONT),
            row_id=lambda row: row.row_number,
            parent=parent,
        )

    def cell(self, row: int, column: int, role: int) -> Any:
        preview = self.row_at(row)
        if role == ACCESSIBLE:
            return f"Row {preview.row_number}, {HEADERS[Column(column)]} {self.text(row, column)}"
        if role == FOREGROUND:
            palette = QApplication.palette()
            if preview.outcome is Outcome.SKIPPED:
                return muted_color(palette)
            if preview.outcome is Outcome.CHECK and column == Column.OUTCOME:
                return attention_color(palette)
            return None
        if role == FONT and column == Column.OUTCOME:
            font = QApplication.font()
            font.setBold(preview.outcome is not Outcome.SKIPPED)
            return font
        return super().cell(row, column, role)

    def row_header(self, row: int, role: int) -> Any:
        number = self.row_at(row).row_number
        if role == DISPLAY:
            return str(number)
        if role in (TOOLTIP, ACCESSIBLE):
            return f"Row {number} of the spreadsheet"
        return None
