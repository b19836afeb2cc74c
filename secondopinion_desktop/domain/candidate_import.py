"""Bring candidate doctors in from an insurer's in-network list saved as a CSV file.

People get these lists from insurance websites and open them in Excel or Google Sheets, so the
files arrive in every shape: with or without a byte-order mark, UTF-16 "Unicode Text", old
Windows encodings, semicolons instead of commas, quoted commas, line breaks inside addresses,
and sometimes not a CSV file at all. The importer works in three steps so the dialog can show a
preview between them:

1. :func:`read_table` turns the file's bytes into a :class:`Table` (or raises
   :class:`ImportFileError` with a message for the person).
2. :func:`guess_mapping` proposes which column holds which detail (a :data:`ColumnMapping`);
   the person may change it in the dialog.
3. :func:`build_candidates` turns the rows into :class:`ImportedCandidate` values, skipping
   rows without a name and doctors already listed, and says why for each one.

Cell text is only ever displayed, never evaluated, so spreadsheet formulas such as
``=HYPERLINK(...)`` are kept as plain text. (Anything that later *writes* a CSV file must
escape them.)
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, TypeAlias, TypeVar

from secondopinion_desktop.domain.validation import ValidationError, normalize_phone

__all__ = [
    "ADDRESS_PARTS",
    "FIELDS",
    "FIELD_LABELS",
    "MAPPING_FIELDS",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "NAME_PARTS",
    "ColumnMapping",
    "ImportFileError",
    "ImportResult",
    "ImportedCandidate",
    "SkippedRow",
    "Table",
    "build_candidates",
    "clean_text",
    "empty_mapping",
    "guess_mapping",
    "mapping_problems",
    "name_key",
    "read_table",
]

#: The details a candidate doctor can have; "name" is the only one that must be present.
FIELDS: Final[tuple[str, ...]] = (
    "name",
    "specialty",
    "practice",
    "address",
    "phone",
    "fax",
    "notes",
)
#: Extra keys for files that split the name: used only when "name" is unmapped or empty.
NAME_PARTS: Final[tuple[str, ...]] = ("first_name", "last_name")
#: Extra keys appended to the street address, in this order: "Suite 4, Springfield, IL 62701".
ADDRESS_PARTS: Final[tuple[str, ...]] = ("address_line_2", "city", "state", "zip")
#: Every key a :data:`ColumnMapping` has, in the order a mapping dialog should list them.
MAPPING_FIELDS: Final[tuple[str, ...]] = (
    "name",
    *NAME_PARTS,
    "specialty",
    "practice",
    "address",
    *ADDRESS_PARTS,
    "phone",
    "fax",
    "notes",
)
#: Plain-English labels for the mapping dialog.
FIELD_LABELS: Final[Mapping[str, str]] = {
    "name": "Doctor's name",
    "first_name": "First name",
    "last_name": "Last name",
    "specialty": "Specialty",
    "practice": "Practice or clinic",
    "address": "Street address",
    "address_line_2": "Suite or second address line",
    "city": "City",
    "state": "State",
    "zip": "ZIP code",
    "phone": "Phone",
    "fax": "Fax",
    "notes": "Notes",
}

#: Which column (0-based index into ``Table.headers``) holds each detail, or None for "none".
#:
#: Every key of :data:`MAPPING_FIELDS` is present in a mapping made by :func:`guess_mapping` or
#: :func:`empty_mapping`, so a dialog can show one row per key with a drop-down of the table's
#: column titles (plus "Not in this file") and write the chosen index back. A column may be
#: chosen for more than one detail. "first_name"/"last_name" are joined when "name" is None (or
#: empty in a row); the address parts are appended to "address".
ColumnMapping: TypeAlias = dict[str, int | None]

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_ROWS: Final = 100_000
MAX_CELL_CHARS: Final = 500
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class ImportedCandidate:
    """One doctor read from the file, cleaned up and ready to add to the case."""

    name: str
    specialty: str = ""
    practice: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SkippedRow:
    """A note about one spreadsheet row (1-based, the title row being row 1)."""

    row_number: int
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """What an import would do: the doctors to add, and plain notes about every other row.

    Every data row ends up either in ``candidates`` or in ``skipped``. ``warnings`` are about
    rows that were kept but changed (a phone number left blank, a very long cell shortened).
    """

    candidates: list[ImportedCandidate]
    skipped: list[SkippedRow]
    warnings: list[SkippedRow] = field(default_factory=list)

    def summary(self) -> str:
        """One or two short sentences for the top of the preview."""
        count = len(self.candidates)
        if count == 0:
            parts = ["No new doctors to add."]
        else:
            parts = [f"{count:,} {_plural(count, 'doctor', 'doctors')} ready to add."]
        if self.skipped:
            skipped = len(self.skipped)
            parts.append(f"{skipped:,} {_plural(skipped, 'row', 'rows')} skipped.")
        warned = len({warning.row_number for warning in self.warnings})
        if warned:
            parts.append(f"{warned:,} {_plural(warned, 'row needs', 'rows need')} a quick check.")
        return " ".join(parts)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


# --------------------------------------------------------------------------------------------
# Text clean-up
# --------------------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """Make a cell safe and tidy to show: no control or invisible characters, single spaces.

    Right-to-left overrides and zero-width characters are dropped because they can make
    text display differently from what it says; line breaks inside a cell become spaces.
    """
    if value.isprintable():
        cleaned = " ".join(value.split())
    else:
        kept: list[str] = []
        for ch in value:
            if ch.isspace():
                kept.append(" ")
            elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
                kept.append(ch)
        cleaned = " ".join("".join(kept).split())
    if not unicodedata.is_normalized("NFC", cleaned):
        cleaned = unicodedata.normalize("NFC", cleaned)
    return cleaned


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


def read_table(data: bytes) -> Table:
    """Decode and split a CSV file into column titles and rows, or explain why it can't be.

    Raises :class:`ImportFileError` for files that are empty, too big, not text, or not a table.
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
    headers, rows, numbers = _split_rows(text, delimiter)
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


_SEPARATOR_HINT_RE: Final = re.compile(r"\s*sep=(.)\s*?(?:\r\n|\r|\n|$)", re.IGNORECASE)


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


def _split_rows(text: str, delimiter: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Parse every record; the first non-blank one is the title row, blank rows are dropped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    try:
        for number, record in enumerate(reader, start=1):
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
        raise ImportFileError(
            "We couldn't read this file as a table. It may have a quotation mark that is never "
            "closed. Try opening it in your spreadsheet program and saving it as CSV again."
        ) from None
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
    headers = [
        (title[:_MAX_HEADER_CHARS] if title else f"Column {index + 1}")
        for index, title in enumerate([*header, *[""] * (width - len(header))][:width])
    ]
    rows = [[*row[:width], *[""] * (width - len(row))] for row in rows]
    return headers, rows, numbers


# --------------------------------------------------------------------------------------------
# Guessing which column is which
# --------------------------------------------------------------------------------------------

_EXACT_HEADERS: Final[dict[str, frozenset[str]]] = {
    "name": frozenset(
        {
            "name",
            "fullname",
            "providername",
            "doctor",
            "doctorname",
            "doctorsname",
            "physician",
            "physicianname",
            "provider",
            "practitioner",
            "practitionername",
            "clinician",
            "clinicianname",
        }
    ),
    "first_name": frozenset({"firstname", "first", "givenname", "forename", "fname"}),
    "last_name": frozenset({"lastname", "last", "surname", "familyname", "lname"}),
    "specialty": frozenset(
        {"specialty", "speciality", "specialties", "specialities", "taxonomy", "primaryspecialty"}
    ),
    "practice": frozenset(
        {
            "practice",
            "practicename",
            "group",
            "groupname",
            "medicalgroup",
            "clinic",
            "clinicname",
            "facility",
            "facilityname",
            "office",
            "officename",
            "organization",
            "organisation",
            "hospital",
        }
    ),
    "address": frozenset(
        {
            "address",
            "streetaddress",
            "street",
            "address1",
            "addressline1",
            "streetaddress1",
            "officeaddress",
            "practiceaddress",
        }
    ),
    "address_line_2": frozenset(
        {"address2", "addressline2", "streetaddress2", "street2", "suite", "ste", "unit"}
    ),
    "city": frozenset({"city", "town"}),
    "state": frozenset({"state", "st", "province"}),
    "zip": frozenset({"zip", "zipcode", "postalcode", "postcode", "zip4", "postal"}),
    "phone": frozenset(
        {"phone", "telephone", "tel", "phonenumber", "telephonenumber", "phoneno", "officephone"}
    ),
    "fax": frozenset({"fax", "faxnumber", "faxno", "facsimile"}),
    "notes": frozenset({"notes", "note", "comments", "comment", "remarks"}),
}

# Keyword matches, tried in this order so "Practice Phone" is a phone and "Group Name" a
# practice, never a doctor's name.
_KEYWORD_ORDER: Final[tuple[str, ...]] = (
    "fax",
    "phone",
    "zip",
    "state",
    "city",
    "address_line_2",
    "address",
    "specialty",
    "practice",
    "notes",
    "first_name",
    "last_name",
    "name",
)
_KEYWORDS: Final[dict[str, frozenset[str]]] = {
    "fax": frozenset({"fax", "facsimile"}),
    "phone": frozenset({"phone", "telephone", "tel", "phones"}),
    "zip": frozenset({"zip", "zipcode", "postal", "postcode"}),
    "state": frozenset({"state", "province"}),
    "city": frozenset({"city", "town"}),
    "address_line_2": frozenset({"address2", "addressline2", "suite", "street2"}),
    "address": frozenset({"address", "addr", "street", "address1"}),
    "specialty": frozenset(
        {"specialty", "speciality", "specialties", "specialities", "taxonomy", "specialization"}
    ),
    "practice": frozenset(
        {
            "practice",
            "group",
            "clinic",
            "facility",
            "office",
            "organization",
            "organisation",
            "hospital",
            "location",
        }
    ),
    "notes": frozenset({"notes", "note", "comments", "comment", "remarks"}),
    "first_name": frozenset({"first", "given", "forename", "firstname"}),
    "last_name": frozenset({"last", "surname", "family", "lastname"}),
    "name": frozenset({"name", "doctor", "physician", "provider", "practitioner", "clinician"}),
}
# Columns whose titles mention these are codes or counts, not the detail itself.
_EXCLUDED_WORDS: Final[frozenset[str]] = frozenset(
    {"id", "npi", "code", "type", "number", "no", "count", "middle", "tin", "license"}
)
_EXCLUDES_APPLY_TO: Final = frozenset({"name", "specialty", "practice", "first_name", "last_name"})
_CAMEL_RE: Final = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_RE: Final = re.compile(r"[^\W_]+")


def _header_words(header: str) -> tuple[str, list[str]]:
    """Squash a title for matching: ("phonenumber", ["phone", "number"]) for "Phone Number"."""
    text = unicodedata.normalize("NFKD", clean_text(header))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = [word.casefold() for word in _WORD_RE.findall(_CAMEL_RE.sub(" ", text))]
    return "".join(words), words


def empty_mapping() -> ColumnMapping:
    """A mapping with every key present and no column chosen."""
    return dict.fromkeys(MAPPING_FIELDS, None)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Propose which column holds each detail, from the column titles.

    Titles are compared ignoring case, spaces and punctuation. An exact synonym ("Provider
    Name", "Speciality", "ZIP Code") wins over a title that merely mentions a keyword ("Office
    Phone"); each column is used for at most one detail, the leftmost suitable column first.
    When the name is split into "First Name" and "Last Name", "name" stays None.
    """
    mapping = empty_mapping()
    squashed = [_header_words(header) for header in headers]
    used: set[int] = set()

    for key in _KEYWORD_ORDER:
        for index, (joined, _words) in enumerate(squashed):
            if index not in used and joined in _EXACT_HEADERS[key]:
                mapping[key] = index
                used.add(index)
                break

    for key in _KEYWORD_ORDER:
        if mapping[key] is not None:
            continue
        for index, (joined, words) in enumerate(squashed):
            if index in used:
                continue
            if key in _EXCLUDES_APPLY_TO and _EXCLUDED_WORDS.intersection(words):
                continue
            if _KEYWORDS[key].intersection(words) or joined in _KEYWORDS[key]:
                mapping[key] = index
                used.add(index)
                break
    return mapping


def mapping_problems(headers: Sequence[str], mapping: Mapping[str, int | None]) -> list[str]:
    """Plain-English problems that stop an import with this mapping (empty list: all fine)."""
    problems: list[str] = []
    for key, index in mapping.items():
        if key not in FIELD_LABELS:
            problems.append(f"Unknown detail {key!r}.")
        elif index is not None and not 0 <= index < len(headers):
            problems.append(f"The column chosen for {FIELD_LABELS[key]} is not in this file.")
    if all(mapping.get(key) is None for key in ("name", *NAME_PARTS)):
        problems.append("Please choose which column has the doctors' names.")
    return problems


# --------------------------------------------------------------------------------------------
# Recognizing the same doctor twice
# --------------------------------------------------------------------------------------------

_TITLES: Final = frozenset({"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx"})
# Letters after a name that are never part of a name.
_STRONG_CREDENTIALS: Final = frozenset(
    {
        "md",
        "mbbs",
        "mbchb",
        "phd",
        "dds",
        "dmd",
        "dpm",
        "facs",
        "facp",
        "facc",
        "faap",
        "facog",
        "facg",
        "facep",
        "frcs",
        "frcp",
        "frcpc",
        "mph",
        "dnp",
        "aprn",
        "fnp",
        "fnpbc",
        "fnpc",
        "crnp",
        "pharmd",
        "psyd",
        "lcsw",
    }
)
# Letters that could also be a name ("Anh Do", "Yo-Yo Ma"): only dropped after a comma, or
# when written with dots ("D.O.") or in capitals within a mixed-case name ("Ana Ruiz DO").
_WEAK_CREDENTIALS: Final = frozenset(
    {"do", "pa", "pac", "np", "rn", "od", "dc", "ma", "ms", "msn", "bc", "anp", "cnm", "lpc"}
)
_GENERATIONS: Final = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _fold(word: str) -> str:
    """Lower-case letters and digits only, accents removed: "M.D." -> "md", "José" -> "jose"."""
    text = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch)).casefold()


def _is_credential_part(part: str) -> bool:
    words = [_fold(word) for word in part.split()]
    words = [word for word in words if word]
    return bool(words) and all(
        word in _STRONG_CREDENTIALS or word in _WEAK_CREDENTIALS for word in words
    )


def name_key(name: str) -> str:
    """A comparison key so "Dr. Ana Ruiz", "RUIZ, ANA, MD" and "Ana Ruiz M.D." match."""
    text = clean_text(name)
    all_capitals = text == text.upper()
    parts = [part.strip() for part in text.split(",") if part.strip()]
    while len(parts) > 1 and _is_credential_part(parts[-1]):
        parts.pop()
    if len(parts) == 2 and _fold(parts[1]) in _GENERATIONS:
        parts = [f"{parts[0]} {parts[1]}"]
    if len(parts) == 2:
        parts = [parts[1], parts[0]]  # "Ruiz, Ana" -> "Ana Ruiz"

    words = " ".join(parts).split()
    kept: list[str] = []
    for position, word in enumerate(words):
        folded = _fold(word)
        if not folded:
            continue
        if position > 0 and folded in _STRONG_CREDENTIALS:
            continue
        if (
            position > 0
            and folded in _WEAK_CREDENTIALS
            and ("." in word or (word.isupper() and not all_capitals))
        ):
            continue
        kept.append(folded)
    while len(kept) > 1 and kept[0] in _TITLES:
        kept.pop(0)
    return " ".join(kept) or _fold(text)


def _phone_digits(phone: str) -> str:
    """The digits that identify a phone line (no extension, no leading US "1")."""
    with contextlib.suppress(ValidationError):
        phone = normalize_phone(phone)
    return _line_digits(phone)


def _line_digits(phone: str) -> str:
    """Digits of an already tidied phone number, without extension or leading US "1"."""
    main = re.split(r"(?i)ext|x|#", phone, maxsplit=1)[0]
    digits = "".join(ch for ch in main if "0" <= ch <= "9")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


# --------------------------------------------------------------------------------------------
# Building candidates
# --------------------------------------------------------------------------------------------

_EXCEL_TEXT_RE: Final = re.compile(r'=\s*"(.*)"', re.DOTALL)
_PHONE_PROBLEMS: Final[dict[str, str]] = {
    "too_short": "looks too short",
    "too_long": "has too many digits",
    "letters": "has letters in it",
    "extension_only": "has only an extension",
}


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _unwrap_excel_text(value: str) -> str:
    """Excel writes ="02134" to keep leading zeros; that is plain text, not a formula."""
    match = _EXCEL_TEXT_RE.fullmatch(value.strip())
    if match and '"' not in match[1].replace('""', ""):
        return match[1].replace('""', '"')
    return value


def _check_mapping(table: Table, mapping: Mapping[str, int | None]) -> None:
    for key, index in mapping.items():
        if key not in FIELD_LABELS:
            raise ValueError(f"unknown mapping key {key!r}")
        if index is not None and not 0 <= index < max(len(table.headers), 1):
            raise ValueError(f"column {index} for {key!r} is outside the table")


def build_candidates(
    table: Table,
    mapping: Mapping[str, int | None],
    existing: Iterable[tuple[str, str]],
) -> ImportResult:
    """Turn table rows into candidates, skipping rows without a name and repeated doctors.

    ``existing`` holds (name, phone) pairs of doctors already in the case. A row is a repeat
    when its name matches (ignoring "Dr.", "MD" and the like, case and punctuation) and the
    phone numbers match too, or either phone is missing. A bad phone or fax number does not
    skip the row: it is left blank and noted in ``warnings``.

    Raises ValueError (a programming error) for unknown keys or columns outside the table.
    """
    _check_mapping(table, mapping)
    known: dict[str, list[tuple[str, str]]] = {}
    for existing_name, existing_phone in existing:
        label = _shorten(clean_text(existing_name), 80)
        known.setdefault(name_key(existing_name), []).append((_phone_digits(existing_phone), label))
    seen: dict[str, list[tuple[str, int]]] = {}
    header_cells = [clean_text(header) for header in table.headers]

    candidates: list[ImportedCandidate] = []
    skipped: list[SkippedRow] = []
    warnings: list[SkippedRow] = []
    for index, row in enumerate(table.rows):
        number = table.row_number(index)
        row_warnings: list[str] = []

        cell = functools.partial(_read_cell, row, mapping, notes=row_warnings)
        if [clean_text(value) for value in row] == header_cells:
            skipped.append(SkippedRow(number, "This row repeats the column titles."))
            continue
        name = cell("name")
        if not name:
            name = " ".join(part for part in (cell("first_name"), cell("last_name")) if part)
        if not name:
            skipped.append(SkippedRow(number, "No name in this row."))
            continue
        if not any(ch.isalpha() for ch in name):
            skipped.append(
                SkippedRow(number, f"The name '{_shorten(name)}' doesn't look like a name.")
            )
            continue

        phone = _checked_phone(cell("phone"), "phone number", row_warnings)
        fax = _checked_phone(cell("fax"), "fax number", row_warnings)
        key = name_key(name)
        digits = _line_digits(phone)

        repeat = _find_repeat(known.get(key, []), digits)
        if repeat is not None:
            existing_phone, label = repeat
            how = "same name and phone" if digits and existing_phone else "same name"
            skipped.append(SkippedRow(number, f"Already in your list: {label} ({how})."))
            continue
        earlier = _find_repeat(seen.get(key, []), digits)
        if earlier is not None:
            skipped.append(
                SkippedRow(number, f"Appears twice in this file (same as row {earlier[1]}).")
            )
            continue

        seen.setdefault(key, []).append((digits, number))
        candidates.append(
            ImportedCandidate(
                name=name,
                specialty=cell("specialty"),
                practice=cell("practice"),
                address=_join_address(
                    cell("address"),
                    cell("address_line_2"),
                    cell("city"),
                    cell("state"),
                    cell("zip"),
                ),
                phone=phone,
                fax=fax,
                notes=cell("notes"),
            )
        )
        warnings.extend(SkippedRow(number, note) for note in row_warnings)
    return ImportResult(candidates, skipped, warnings)


_T = TypeVar("_T")


def _find_repeat(entries: Sequence[tuple[str, _T]], digits: str) -> tuple[str, _T] | None:
    """First entry with no phone, or this phone, or any entry when this row has no phone."""
    for entry in entries:
        if not digits or not entry[0] or entry[0] == digits:
            return entry
    return None


def _read_cell(
    row: Sequence[str], mapping: Mapping[str, int | None], key: str, *, notes: list[str]
) -> str:
    """One mapped cell, cleaned and shortened to MAX_CELL_CHARS (with a note if it was)."""
    column = mapping.get(key)
    if column is None or column >= len(row):
        return ""
    value = clean_text(_unwrap_excel_text(row[column]))
    if len(value) > MAX_CELL_CHARS:
        notes.append(
            f"The text in the {FIELD_LABELS[key].lower()} column was very long, "
            f"so only the first {MAX_CELL_CHARS} characters were kept."
        )
        value = value[:MAX_CELL_CHARS].rstrip()
    return value


def _checked_phone(raw: str, what: str, notes: list[str]) -> str:
    """A tidy phone number, or "" with a note saying why the cell's text was not used."""
    if not raw:
        return ""
    try:
        return normalize_phone(raw)
    except ValidationError as error:
        problem = _PHONE_PROBLEMS.get(error.code, "couldn't be read")
        notes.append(f"The {what} '{_shorten(raw)}' {problem}, so it was left blank.")
        return ""


def _join_address(street: str, line_2: str, city: str, state: str, zip_code: str) -> str:
    """Join whichever parts are present: "12 Main St, Suite 4, Springfield, IL 62701"."""
    if re.fullmatch(r"[0-9]{4}(-[0-9]{4})?", zip_code):
        zip_code = "0" + zip_code  # Excel drops the leading zero of New England ZIP codes.
    parts = [part for part in (street, line_2, city) if part]
    state_zip = " ".join(part for part in (state, zip_code) if part)
    if state_zip:
        parts.append(state_zip)
    return ", ".join(parts)
