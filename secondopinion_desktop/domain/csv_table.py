"""Read a spreadsheet saved as CSV into a :class:`Table`, whatever shape the file arrives in.

People get lists from insurance websites and open them in Excel or Google Sheets, so the files
arrive with or without a byte-order mark, as UTF-16 "Unicode Text", in old Windows encodings,
with semicolons instead of commas, quoted commas, line breaks inside addresses, and sometimes
not as a CSV file at all. :func:`read_table` copes with all of them or raises
:class:`ImportFileError` with words for the person. Cell text is only ever displayed, never
evaluated.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import field
from typing import Final

from secondopinion_desktop.domain.clean_text import clean_text
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.lazy_pattern import LazyPattern
from secondopinion_desktop.domain.progress import Progress, Ticker, no_progress

__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "Table",
    "clean_text",
    "read_table",
]

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_ROWS: Final = 100_000
#: An insurer's list has tens of columns; a file with 100,000 of them froze the import window
#: for half a minute while it listed them for the person to choose from.
MAX_COLUMNS: Final = 500
_MAX_HEADER_CHARS: Final = 100
_SNIFF_CHARS: Final = 64 * 1024
_SNIFF_RECORDS: Final = 50
_DELIMITERS: Final = (",", ";", "\t", "|")

_NOT_CSV: Final = (
    "This file is not a spreadsheet saved as CSV. "
    "In your spreadsheet program, choose Save As and pick CSV."
)


class ImportFileError(ValueError):
    """The file cannot be imported at all; ``message`` is meant for the person to read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@frozen
class Table:
    """The cells of a CSV file: column titles, then the non-blank rows below them.

    ``row_numbers[i]`` is the spreadsheet row number of ``rows[i]`` (the title row is usually
    row 1), so notes about a row match what the person sees in Excel. When made by
    :func:`read_table`, every cell has been through :func:`clean_text` (so line breaks inside a
    cell are spaces) and every row has exactly ``len(headers)`` cells.
    """

    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"

    def row_number(self, index: int) -> int:
        """Spreadsheet row number of ``rows[index]``; assumes no gaps if none were recorded."""
        if 0 <= index < len(self.row_numbers):
            return self.row_numbers[index]
        return index + 2


# --------------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------------

_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (
        b"PK\x03\x04",
        "This looks like an Excel workbook (or a zipped file), not a CSV file. "
        "In your spreadsheet program, choose Save As and pick CSV, then import that file.",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "This looks like an older Excel workbook, not a CSV file. "
        "In your spreadsheet program, choose Save As and pick CSV, then import that file.",
    ),
    (
        b"%PDF",
        "This file is a PDF, not a spreadsheet. If your insurer only gave you a PDF, "
        "you can add the doctors one at a time instead.",
    ),
    (b"\x89PNG", "This file is a picture, not a spreadsheet saved as CSV."),
    (b"\xff\xd8\xff", "This file is a picture, not a spreadsheet saved as CSV."),
    (b"GIF8", "This file is a picture, not a spreadsheet saved as CSV."),
)
_WEB_PAGE: Final = (
    "This file is a web page, not a CSV file. Try opening it in your spreadsheet program, "
    "then choose Save As and pick CSV."
)
_TEXT_PREFIXES: Final[tuple[tuple[str, str], ...]] = (
    ("<!doctype html", _WEB_PAGE),
    ("<html", _WEB_PAGE),
    ("<table", _WEB_PAGE),
    ("<?xml", _NOT_CSV),
    ("{\\rtf", "This file is a word-processor document, not a CSV file."),
)


def read_table(data: bytes, progress: Progress = no_progress) -> Table:
    """Decode and split a CSV file into column titles and rows, or explain why it can't be.

    Raises :class:`ImportFileError` for files that are empty, too big, not text, or not a table.
    `progress` hears how many lines are read (domain/progress.py; it may raise Cancelled).
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            "This file is too big to be a list of doctors (more than 20 MB). "
            "Please check you picked the right file."
        )
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise ImportFileError(message)
    text, encoding = _decode(data)
    start = text.lstrip()[:20].casefold()
    for prefix, message in _TEXT_PREFIXES:
        if start.startswith(prefix):
            raise ImportFileError(message)
    if not text.strip():
        raise ImportFileError("This file is empty.")

    text, delimiter = _take_separator_hint(text)
    if delimiter is None:
        delimiter = _sniff_delimiter(text)
    headers, rows, numbers = _split_rows(text, delimiter, progress)
    return Table(headers, rows, numbers, delimiter=delimiter, encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    """Turn bytes into text, trying the encodings spreadsheet programs actually use."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, encoding = data.decode("utf-32", errors="replace"), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    elif b"\x00" in data:
        raise ImportFileError(_NOT_CSV)
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    if "\x00" in text or _looks_binary(text):
        raise ImportFileError(_NOT_CSV)
    return text, encoding


def _looks_binary(text: str) -> bool:
    """True when more than 2% of the characters are control codes or undecodable bytes."""
    sample = text[:_SNIFF_CHARS]
    suspicious = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r\x0b\x0c")
    )
    return suspicious > 0 and suspicious * 50 > len(sample)


_SEPARATOR_HINT_RE: Final = LazyPattern(r"\s*sep=(.)\s*?(?:\r\n|\r|\n|$)", re.IGNORECASE)


def _take_separator_hint(text: str) -> tuple[str, str | None]:
    """Honor Excel's optional first line "sep=;" and drop it, as Excel does."""
    match = _SEPARATOR_HINT_RE.match(text)
    if match and match[1] in _DELIMITERS:
        return text[match.end() :], match[1]
    return text, None


def _sample_records(text: str, delimiter: str) -> list[list[str]]:
    """Parse the start of the file with one delimiter, keeping non-blank records."""
    sample = text[:_SNIFF_CHARS]
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
    records: list[list[str]] = []
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append(record)
                if len(records) >= _SNIFF_RECORDS:
                    break
    except csv.Error:
        pass
    return records


def _delimiter_score(records: list[list[str]]) -> tuple[int, float, int]:
    """Rank a delimiter: the title row splits, most rows have as many cells, more columns."""
    if not records or len(records[0]) < 2:
        return (0, 0.0, 0)
    width = len(records[0])
    same = sum(1 for record in records if len(record) == width)
    return (1, same / len(records), width)


def _sniff_delimiter(text: str) -> str:
    """Choose among comma, semicolon, tab and pipe.

    Each is scored by how evenly it splits the first rows; :class:`csv.Sniffer` breaks ties,
    and comma wins when nothing splits (a one-column file).
    """
    scores = {d: _delimiter_score(_sample_records(text, d)) for d in _DELIMITERS}
    best = max(scores.values())
    if best[0] == 0:
        return ","
    sniffed: str | None
    try:
        sniffed = csv.Sniffer().sniff(text[:16384], delimiters="".join(_DELIMITERS)).delimiter
    except Exception:
        # The sniffer is only a tie-breaker; whatever goes wrong inside it means "no opinion".
        sniffed = None
    if sniffed in scores and scores[sniffed] == best:
        return sniffed
    return next(d for d in _DELIMITERS if scores[d] == best)


def _reading_words(done: int, total: int) -> str:
    return f"Reading the list: {done:,} of {total:,} lines."


def _split_rows(
    text: str, delimiter: str, progress: Progress = no_progress
) -> tuple[list[str], list[list[str]], list[int]]:
    """Parse every record; the first non-blank one is the title row, blank rows are dropped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    # lines, not records (an address may hold a line break): a bar that ends a little early
    ticker = Ticker(progress, text.count("\n") + 1, _reading_words, every=2_000)
    ticker.start()
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    try:
        for number, record in enumerate(reader, start=1):
            ticker.advance()
            cells = [clean_text(cell) for cell in record]
            if not any(cells):
                continue
            if header is None:
                header = cells
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(
                    f"This file has more than {MAX_ROWS:,} rows, which is far more than a list "
                    "of doctors should have. Please check you picked the right file."
                )
            rows.append(cells)
            numbers.append(number)
    except csv.Error:
        if '"' not in text:  # only a cell longer than the csv module's limit gets here
            raise ImportFileError(
                "One cell of this file is far too long to be part of a list of doctors. "
                "Please check you picked the right file."
            ) from None
        raise ImportFileError(
            "We couldn't read this file as a table. It may have a quotation mark that is never "
            "closed. Try opening it in your spreadsheet program and saving it as CSV again."
        ) from None
    ticker.finish()
    if header is None:
        raise ImportFileError("This file is empty.")
    if not rows:
        raise ImportFileError("This file has column titles but no doctors in it.")

    width = len(header)
    while width > 0 and not header[width - 1]:
        width -= 1
    for row in rows:
        filled = len(row)
        while filled > width and not row[filled - 1]:
            filled -= 1
        width = max(width, filled)
    if width > MAX_COLUMNS:
        raise ImportFileError(
            f"This file has more than {MAX_COLUMNS:,} columns, which is far more than a list of "
            "doctors should have. Please check you picked the right file."
        )
    headers = [
        (title[:_MAX_HEADER_CHARS] if title else f"Column {index + 1}")
        for index, title in enumerate([*header, *[""] * (width - len(header))][:width])
    ]
    rows = [[*row[:width], *[""] * (width - len(row))] for row in rows]
    return headers, rows, numbers
