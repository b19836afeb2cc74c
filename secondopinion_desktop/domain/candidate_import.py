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

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from typing import Final, TypeVar

from secondopinion_desktop.domain.column_mapping import (
    ADDRESS_PARTS,
    FIELD_LABELS,
    FIELDS,
    MAPPING_FIELDS,
    NAME_PARTS,
    ColumnMapping,
    empty_mapping,
    guess_mapping,
    mapping_problems,
)
from secondopinion_desktop.domain.csv_table import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    ImportFileError,
    Table,
    clean_text,
    read_table,
)
from secondopinion_desktop.domain.doctor_names import name_key, name_problem
from secondopinion_desktop.domain.doctors import (
    ACCEPTING_NO,
    ACCEPTING_YES,
    NETWORK_NO,
    NETWORK_YES,
    REPEAT_KINDS,
    Answer,
    Doctor,
    Source,
    answer_from_list,
    display_name,
    duplicate_kind,
    insurance_from_list,
)
from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.progress import Progress, Ticker, no_progress
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
    "doctor_from_import",
    "empty_mapping",
    "guess_mapping",
    "listed_name",
    "mapping_problems",
    "name_key",
    "read_table",
]


MAX_CELL_CHARS: Final = 500


@frozen
class ImportedCandidate:
    """One doctor read from the file, cleaned up and ready to add to the case."""

    name: str
    specialty: str = ""
    practice: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    notes: str = ""
    #: What the list says about new patients and the network; UNKNOWN when it says nothing.
    accepting: Answer = Answer.UNKNOWN
    network: Answer = Answer.UNKNOWN


@frozen
class SkippedRow:
    """A note about one spreadsheet row (1-based, the title row being row 1)."""

    row_number: int
    reason: str


@frozen
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
# Building candidates
# --------------------------------------------------------------------------------------------

_EXCEL_TEXT_RE: Final = re.compile(r'=\s*"(.*)"', re.DOTALL)
_PHONE_PROBLEMS: Final[dict[str, str]] = {
    "too_short": "looks too short",
    "too_long": "has too many digits",
    "letters": "has letters that do not make a number to dial",
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
    progress: Progress = no_progress,
) -> ImportResult:
    """Turn table rows into candidates, skipping rows that are not doctors and repeats.

    A row is skipped, with the reason, when its name is missing or does not look like a
    person's ("Total providers: 5"), when it gives no way to reach the doctor (no phone, fax,
    e-mail or address), or when the doctor is already listed.

    ``existing`` holds (name, phone) pairs of doctors already in the case. A row is a repeat
    when its name matches (ignoring "Dr.", "MD" and the like, case and punctuation) and the
    phone numbers match too, or either phone is missing. A bad phone or fax number does not
    skip the row: it is left blank and noted in ``warnings``.

    Raises ValueError (a programming error) for unknown keys or columns outside the table.
    `progress` hears how many rows are checked (domain/progress.py; it may raise Cancelled).
    """
    _check_mapping(table, mapping)
    ticker = Ticker(progress, len(table.rows), _checking_words)
    ticker.start()
    # Looked up by name first (a repeat always has the same name), then by duplicate_kind.
    known: dict[str, list[tuple[str, str, str]]] = {}
    for existing_name, existing_phone in existing:
        label = _shorten(display_name(clean_text(existing_name)), 80)
        known.setdefault(name_key(existing_name), []).append((existing_name, existing_phone, label))
    seen: dict[str, list[tuple[str, str, int]]] = {}
    header_cells = [clean_text(header) for header in table.headers]

    candidates: list[ImportedCandidate] = []
    skipped: list[SkippedRow] = []
    warnings: list[SkippedRow] = []
    for index, row in enumerate(table.rows):
        ticker.advance()
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
        problem = name_problem(name)
        if problem:
            skipped.append(SkippedRow(number, problem))
            continue

        phone = _checked_phone(cell("phone"), "phone number", row_warnings)
        fax = _checked_phone(cell("fax"), "fax number", row_warnings)
        address = _join_address(
            cell("address"), cell("address_line_2"), cell("city"), cell("state"), cell("zip")
        )
        email = cell("email")
        key = name_key(name)

        repeat = _repeat_of(name, phone, known.get(key, []))
        if repeat is not None:
            label, how = repeat
            skipped.append(SkippedRow(number, f"Already in your list: {label} ({how})."))
            continue
        earlier = _repeat_of(name, phone, seen.get(key, []))
        if earlier is not None:
            skipped.append(
                SkippedRow(number, f"Appears twice in this file (same as row {earlier[0]}).")
            )
            continue

        if not (phone or fax or address or email):
            skipped.append(SkippedRow(number, _no_way_to_reach(name, row_warnings)))
            continue

        seen.setdefault(key, []).append((name, phone, number))
        candidates.append(
            ImportedCandidate(
                name=name,
                specialty=cell("specialty"),
                practice=cell("practice"),
                address=address,
                phone=phone,
                fax=fax,
                notes=_with_email(cell("notes"), email),
                accepting=answer_from_list(cell("accepting"), yes=ACCEPTING_YES, no=ACCEPTING_NO),
                network=answer_from_list(cell("network"), yes=NETWORK_YES, no=NETWORK_NO),
            )
        )
        warnings.extend(SkippedRow(number, note) for note in row_warnings)
    return ImportResult(candidates, skipped, warnings)


_T = TypeVar("_T")


def _checking_words(done: int, total: int) -> str:
    return f"Checking the list: {done:,} of {total:,} rows."


def _repeat_of(
    name: str, phone: str, entries: Sequence[tuple[str, str, _T]]
) -> tuple[_T, str] | None:
    """The first entry (name, phone, tag) that is this doctor again, by the rule the doctor
    dialog warns with (domain.doctors.duplicate_kind), and how: (tag, "same name")."""
    for other_name, other_phone, tag in entries:
        kind = duplicate_kind(name, phone, other_name, other_phone)
        if kind in REPEAT_KINDS:
            return tag, kind
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


def _no_way_to_reach(name: str, notes: list[str]) -> str:
    """Why a row with a name but no phone, fax, e-mail or address is skipped."""
    reason = (
        f"No phone, fax, email or address for '{_shorten(name)}', so there would be no way "
        "to reach them."
    )
    if notes:  # a number was there but could not be read: say so in the same line
        reason += " " + " ".join(note.replace(", so it was left blank", "") for note in notes)
    return reason


def _with_email(notes: str, email: str) -> str:
    """The notes, with the e-mail address from the file on a line of its own."""
    if not email:
        return notes
    return f"{notes} Email: {email}" if notes else f"Email: {email}"


def _join_address(street: str, line_2: str, city: str, state: str, zip_code: str) -> str:
    """Join whichever parts are present: "12 Main St, Suite 4, Springfield, IL 62701"."""
    if re.fullmatch(r"[0-9]{4}(-[0-9]{4})?", zip_code):
        zip_code = "0" + zip_code  # Excel drops the leading zero of New England ZIP codes.
    parts = [part for part in (street, line_2, city) if part]
    state_zip = " ".join(part for part in (state, zip_code) if part)
    if state_zip:
        parts.append(state_zip)
    return ", ".join(parts)


def listed_name(name: str) -> str:
    """How the preview shows a name: as the doctor will be called, and as the list wrote it
    when that differs ('Dr. Grace Okonkwo (on the list as "OKONKWO, GRACE MD")')."""
    spoken = display_name(name)
    return spoken if spoken == name else f"{spoken} (on the list as \u201c{name}\u201d)"


def doctor_from_import(
    candidate: ImportedCandidate, case_id: int, source: Source, source_detail: str
) -> Doctor:
    """The doctor to add for one imported row.

    The name is written as a person says it ("Okonkwo, Grace MD" becomes "Dr. Grace
    Okonkwo", so reminders read "Call Dr. Grace Okonkwo's office back"); the list's own
    spelling stays in the notes. A list from the insurer answers the insurance question as
    "yes, per the insurer's list", unless its network column says otherwise.
    """
    name = display_name(candidate.name)
    notes = candidate.notes
    if name != candidate.name:
        listed = f"On the list as: {candidate.name}"
        notes = f"{listed}\n{notes}" if notes else listed
    insurance, basis = insurance_from_list(candidate.network, source is Source.INSURANCE_LIST)
    return Doctor(
        id=0,
        case_id=case_id,
        name=name,
        specialty=candidate.specialty,
        practice=candidate.practice,
        address=candidate.address,
        phone=candidate.phone,
        fax=candidate.fax,
        notes=notes,
        source=source,
        source_detail=source_detail,
        accepting_new_patients=candidate.accepting,
        accepts_insurance=insurance,
        insurance_basis=basis,
    )
