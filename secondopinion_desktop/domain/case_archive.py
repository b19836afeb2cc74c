"""What a case archive may hold: every value of every row, checked before anything is written.

A `.secondopinion` file can come from anywhere, so nothing in it is trusted. Each table the
archive may carry is described column by column in domain/archive_tables.py (dates, times with
their offset, choices, numbers and their ranges, text length, links between rows), and
`check_case_tables` here refuses an archive with one clear sentence the moment any value would
not read back. This is what keeps a damaged archive from being half imported, and from leaving
a value in the database that stops the app from starting.

The rules are as generous as the app itself: whatever the app writes, it accepts back (tests
export real cases and check them here). A link to a row that is not in the archive is refused
when the row belongs to it (a call without its doctor); an optional link to nothing, which the
app itself can leave behind (a reminder about a doctor since deleted), is set empty by the
importer, as deleting that row would have done.

Pure functions: the store inserts only what passed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from secondopinion_desktop.domain.archive_tables import (
    DATE_RE,
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    NEWER,
    SAFE_FILE_NAME,
    SHA256_RE,
    TABLES,
    TIME_RE,
    UNIQUE,
    WHAT,
    Column,
)

__all__ = ["ArchiveContentError", "check_case_tables", "read_date", "read_time"]


class ArchiveContentError(ValueError):
    """A value the archive may not hold; `message` is for the person, `detail` for the log."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


def _damaged(what: str, detail: str) -> ArchiveContentError:
    return ArchiveContentError(f"This archive is damaged: {what}", detail)


def read_date(value: object) -> dt.date | None:
    """A date as the app writes it (2026-11-30), or None when it is not one."""
    if not isinstance(value, str) or not DATE_RE.match(value):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def read_time(value: object) -> dt.datetime | None:
    """A moment as the app writes it (ISO 8601 with its UTC offset), or None."""
    if not isinstance(value, str) or not TIME_RE.match(value):
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if when.tzinfo is None or not MIN_YEAR <= when.year <= MAX_YEAR:
        return None
    return when


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_value(table: str, name: str, column: Column, value: object, row_no: int) -> None:
    where = f"{table}[{row_no}].{name}={str(value)[:80]!r}"
    what = WHAT.get(table, "a row")
    if value is None:
        if column.nullable:
            return
        raise _damaged(f"a detail of {what} is empty where it may not be.", where)
    kind = column.kind
    if kind == "text":
        if not isinstance(value, str):
            raise _damaged(f"a detail of {what} is not text.", where)
        if len(value) > column.high:
            field = name.replace("_", " ")
            raise ArchiveContentError(
                f"The text of {what}'s {field} in this case file is {len(value):,} letters "
                f"long; Second Opinion keeps at most {column.high:,} letters there.",
                f"{table}[{row_no}].{name} {len(value)} > {column.high}",
            )
    elif kind == "date":
        if read_date(value) is None:
            raise _damaged(f"{what} has a date that does not exist or cannot be read.", where)
    elif kind == "time":
        if read_time(value) is None:
            raise _damaged(f"{what} has a time that cannot be read.", where)
    elif kind == "choice":
        if value not in column.choices:
            raise ArchiveContentError(NEWER, where)
    elif kind in ("id", "int", "link"):
        low, high = (1, MAX_ID) if kind == "link" else (column.low, column.high)
        if not _is_int(value):
            raise _damaged(f"a number of {what} is not a whole number.", where)
        assert isinstance(value, int)
        if not low <= value <= high:
            raise _damaged(f"a number of {what} is out of range.", where)
    elif kind == "file_name":
        if not isinstance(value, str) or not SAFE_FILE_NAME.match(value):
            raise _damaged("it names a scan in a way that is not allowed.", where)
    elif kind == "sha256":
        if not isinstance(value, str) or not SHA256_RE.match(value):
            raise _damaged("a scan's checksum cannot be read.", where)
    else:  # pragma: no cover - a column described wrongly above
        raise AssertionError(f"unknown column kind {kind}")


def _rows(tables: Mapping[str, Any], table: str) -> list[Mapping[str, Any]]:
    rows = tables.get(table, [])
    return rows if isinstance(rows, list) else []


def check_case_tables(tables: Mapping[str, Any]) -> None:
    """Refuse, in words, an archive whose rows would not all go in and read back.

    Checks: the tables and columns are known; exactly one case; every value has the kind,
    range and length its column allows; ids do not repeat; keys that must be unique are; rows
    that belong to another row (a call to its doctor, a scan to its record) point at a row in
    the archive. Raises ArchiveContentError; returns None when everything is fine.
    """
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise ArchiveContentError(NEWER, f"tables {sorted(map(str, unknown))[:5]}")
    for table, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise _damaged("its data has the wrong shape.", table)
    cases = _rows(tables, "cases")
    if len(cases) != 1:
        raise ArchiveContentError(
            "This archive does not hold exactly one case, so it cannot be imported.",
            f"{len(cases)} cases",
        )
    ids: dict[str, set[int]] = {}
    for table, columns in TABLES.items():
        seen: set[int] = set()
        for row_no, row in enumerate(_rows(tables, table)):
            extra = [k for k in row if k not in columns]
            if extra:
                raise ArchiveContentError(NEWER, f"{table} columns {sorted(map(str, extra))[:5]}")
            for name, column in columns.items():
                if name not in row:
                    if column.required:
                        raise _damaged(
                            f"a detail of {WHAT[table]} is missing.", f"{table}[{row_no}].{name}"
                        )
                    continue
                _check_value(table, name, column, row[name], row_no)
            if "id" in columns:
                if row["id"] in seen:
                    raise _damaged(
                        f"two rows of {WHAT[table]} have the same number.",
                        f"{table} id {row['id']}",
                    )
                seen.add(row["id"])
        ids[table] = seen
    for table, columns in TABLES.items():
        for row_no, row in enumerate(_rows(tables, table)):
            for name, column in columns.items():
                value = row.get(name)
                if column.owner and value not in ids.get(column.table, set()):
                    raise _damaged(
                        f"{WHAT[table]} belongs to something that is not in the archive.",
                        f"{table}[{row_no}].{name}={value!r}",
                    )
        for key in UNIQUE.get(table, ()):
            values = [
                tuple(row.get(c) for c in key)
                for row in _rows(tables, table)
                if all(row.get(c) is not None for c in key)
            ]
            if len(values) != len(set(values)):
                raise _damaged(f"{WHAT[table]} is there twice.", f"{table} {key}")
