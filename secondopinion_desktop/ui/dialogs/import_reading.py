"""Reading and checking an imported list, on the window's thread or off it.

The import window (import_dialog.py) shows what these return. With the window's runner of
long jobs (ui/background.py) a big file is read and checked on a worker thread with progress
and Cancel; these functions touch no widget, so they can run there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from secondopinion_desktop.domain.candidate_import import (
    ColumnMapping,
    ImportFileError,
    ImportResult,
    Table,
    build_candidates,
    read_table,
)
from secondopinion_desktop.services.progress import Progress, no_progress
from secondopinion_desktop.ui.dialogs.import_mapping import describe_os_error
from secondopinion_desktop.ui.models.import_preview_model import (
    PREVIEW_ROWS,
    PreviewRow,
    preview_rows,
)

__all__ = ["file_size", "first_rows", "notes_of", "plural", "read_list"]


def first_rows(
    table: Table, mapping: ColumnMapping, existing: Iterable[tuple[str, str]]
) -> list[PreviewRow]:
    """The preview's rows, checked alone (cheap): what Add will do with them already, since a
    row's fate hangs only on the rows above it and the list (shown while the rest is checked)."""
    first = Table(
        table.headers,
        table.rows[:PREVIEW_ROWS],
        table.row_numbers[:PREVIEW_ROWS],
        table.delimiter,
        table.encoding,
    )
    return preview_rows(first, mapping, build_candidates(first, mapping, existing))


def plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def file_size(path: str) -> int:
    """The file's size in bytes (0 when it cannot be looked at: reading it will say why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def read_list(
    path: str, read_bytes: Callable[[str], bytes], progress: Progress = no_progress
) -> Table | str:
    """The file's table, or words for the person saying why it cannot be imported."""
    try:
        return read_table(read_bytes(path), progress)
    except ImportFileError as error:
        return error.message
    except OSError as error:
        return describe_os_error(error)


def notes_of(result: ImportResult, limit: int) -> tuple[str, list[tuple[bool, str]]]:
    """The heading and lines (to check?, text) of the skipped and to-check rows, in row order;
    at most `limit` lines and one saying how many more."""
    notes = sorted(
        [(row.row_number, 0, f"Row {row.row_number}: {row.reason}") for row in result.skipped]
        + [
            (row.row_number, 1, f"Row {row.row_number} (added; please check): {row.reason}")
            for row in result.warnings
        ]
    )
    skipped, checks = len(result.skipped), len(result.warnings)
    if skipped and checks:
        heading = "Rows skipped, and rows to check after adding:"
    elif skipped:
        heading = f"Why {plural(skipped, 'row is', 'rows are')} skipped:"
    else:
        heading = "Please check these after adding:"
    lines = [(kind == 1, text) for _number, kind, text in notes[:limit]]
    if len(notes) > limit:
        more = len(notes) - limit
        lines.append((False, f"\u2026 and {plural(more, 'more row', 'more rows')}."))
    return heading, lines
