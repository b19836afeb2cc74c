"""Tests for importing candidate doctors from an insurer's list saved as CSV."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.candidate_import import (
    FIELDS,
    MAPPING_FIELDS,
    MAX_CELL_CHARS,
    ImportedCandidate,
    ImportFileError,
    ImportResult,
    SkippedRow,
    Table,
    build_candidates,
    clean_text,
    empty_mapping,
    guess_mapping,
    mapping_problems,
    name_key,
    read_table,
)
from secondopinion_desktop.domain.doctor_names import name_problem

FAST = settings(max_examples=200, deadline=None)


def _import(data: bytes, existing: list[tuple[str, str]] | None = None) -> ImportResult:
    table = read_table(data)
    return build_candidates(table, guess_mapping(table.headers), existing or [])


# --- real-world files -----------------------------------------------------------------------


def test_excel_utf8_with_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + (
        b"Provider Name,Specialty,Group Name,Address,City,State,ZIP,Phone,Fax\r\n"
        b"Dr. Ana Ruiz,Cardiology,Heart Partners,12 Main St,Springfield,IL,62701,"
        b"555.123.4567,555-123-9999\r\n"
        b"Ben Okafor MD,Cardiology,,,Boston,MA,2134,(617) 555-0100,\r\n"
    )
    table = read_table(data)
    assert table.headers[0] == "Provider Name"  # no stray BOM character on the first title
    assert table.delimiter == ","
    assert table.row_numbers == [2, 3]

    result = build_candidates(table, guess_mapping(table.headers), [])
    assert result.skipped == []
    assert result.warnings == []
    assert result.candidates == [
        ImportedCandidate(
            name="Dr. Ana Ruiz",
            specialty="Cardiology",
            practice="Heart Partners",
            address="12 Main St, Springfield, IL 62701",
            phone="(555) 123-4567",
            fax="(555) 123-9999",
        ),
        ImportedCandidate(
            name="Ben Okafor MD",
            specialty="Cardiology",
            address="Boston, MA 02134",  # Excel had dropped the ZIP code's leading zero.
            phone="(617) 555-0100",
        ),
    ]
    assert result.summary() == "2 doctors ready to add."


def test_semicolon_export_with_decimal_commas() -> None:
    data = (
        b"Name;Specialty;Phone;Notes\n"
        b"Dr. Claire Martin;Oncology;+33 1 42 68 53 00;Rating 4,5 / 5\n"
        b"Dr. Hans Vogel;Oncology;+49 30 1234567;Rating 3,9 / 5\n"
    )
    table = read_table(data)
    assert table.delimiter == ";"
    assert table.headers == ["Name", "Specialty", "Phone", "Notes"]
    result = build_candidates(table, guess_mapping(table.headers), [])
    assert [c.notes for c in result.candidates] == ["Rating 4,5 / 5", "Rating 3,9 / 5"]
    assert [c.phone for c in result.candidates] == ["+33 1 42 68 53 00", "+49 30 1234567"]


def test_quoted_commas_and_a_line_break_inside_an_address() -> None:
    data = (
        b"Physician,Address,Phone\r\n"
        b'"Smith, John","100 Oak Ave\r\nSuite 200",555-222-3333\r\n'
        b'"Lee, Grace, M.D.","1 Elm St, Floor 2",555-444-5555\r\n'
    )
    table = read_table(data)
    assert table.rows[0][0] == "Smith, John"
    assert table.rows[0][1] == "100 Oak Ave Suite 200"
    # The break inside the quoted cell does not add a spreadsheet row.
    assert table.row_numbers == [2, 3]
    result = build_candidates(table, guess_mapping(table.headers), [])
    assert [c.name for c in result.candidates] == ["Smith, John", "Lee, Grace, M.D."]
    assert result.candidates[1].address == "1 Elm St, Floor 2"


def test_old_windows_encoding_with_accents() -> None:
    data = "Doctor,Speciality,City\r\nJos\u00e9 Pe\u00f1a,Neurolog\u00eda,Bogot\u00e1\r\n".encode(
        "cp1252"
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the file really is not UTF-8
    table = read_table(data)
    assert table.encoding == "cp1252"
    result = build_candidates(table, guess_mapping(table.headers), [])
    assert result.candidates[0].name == "Jos\u00e9 Pe\u00f1a"
    assert result.candidates[0].specialty == "Neurolog\u00eda"


def test_excel_unicode_text_is_utf16_with_tabs() -> None:
    text = (
        "Last Name\tFirst Name\tSpecialty\tTelephone\tCity\r\n"
        "M\u00fcller\tZo\u00eb\tRheumatology\t555 987 6543\t\r\n"
        "\u674e\t\u534e\tDermatology\t\tSpringfield\r\n"
    )
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    table = read_table(data)
    assert table.delimiter == "\t"
    assert table.encoding == "utf-16"
    mapping = guess_mapping(table.headers)
    assert mapping["name"] is None
    assert (mapping["first_name"], mapping["last_name"]) == (1, 0)
    result = build_candidates(table, mapping, [])
    assert [c.name for c in result.candidates] == ["Zo\u00eb M\u00fcller", "\u534e \u674e"]
    assert result.candidates[0].phone == "(555) 987-6543"


def test_pipe_delimited_file_and_sep_hint() -> None:
    assert read_table(b"Name|Phone\nAna Ruiz|555-123-4567\n").delimiter == "|"
    table = read_table(b"sep=;\r\nName;Notes\r\nAna Ruiz;likes, commas\r\n")
    assert table.delimiter == ";"
    assert table.headers == ["Name", "Notes"]
    assert table.rows == [["Ana Ruiz", "likes, commas"]]


def test_blank_rows_are_dropped_but_row_numbers_match_the_spreadsheet() -> None:
    data = b"Name,Phone\n,\nAna Ruiz,555-123-4567\n\n  ,  \nBen Okafor,\n"
    table = read_table(data)
    assert table.rows == [["Ana Ruiz", "555-123-4567"], ["Ben Okafor", ""]]
    assert table.row_numbers == [3, 6]


def test_ragged_rows_are_padded_and_trailing_empty_columns_trimmed() -> None:
    data = b"Name,Phone,,,\nAna Ruiz\nBen Okafor,555-123-4567,,,\nCy Diaz,555-000-1111,extra\n"
    table = read_table(data)
    assert table.headers == ["Name", "Phone", "Column 3"]
    assert all(len(row) == 3 for row in table.rows)
    assert table.rows[0] == ["Ana Ruiz", "", ""]


# --- files that are not usable --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "This file is empty."),
        (b"\r\n\r\n  \n", "This file is empty."),
        (codecs.BOM_UTF8, "This file is empty."),
        (b",,,\n,,,\n", "This file is empty."),
        (b"Name,Phone\r\n", "column titles but no doctors"),
        (b"Name,Phone\r\n,\r\n\r\n", "column titles but no doctors"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "picture"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "older Excel"),
        (b"<!DOCTYPE html><html><table><tr><td>Dr</td></tr></table>", "web page"),
        (b"Name,Phone\x00\x00\x00\x01\x02", "not a spreadsheet saved as CSV"),
        (bytes(range(256)) * 8, "not a spreadsheet saved as CSV"),
        (bytes(range(1, 32)) * 40, "not a spreadsheet saved as CSV"),
    ],
)
def test_unusable_files_get_a_clear_message(data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError, match=words) as caught:
        read_table(data)
    assert caught.value.message.endswith(".")


def test_too_big_and_too_many_rows_are_refused() -> None:
    with pytest.raises(ImportFileError, match="too big"):
        read_table(b"Name\n" + b"a" * (20 * 1024 * 1024))
    rows = b"Name\n" + b"Dr A\n" * 100_001
    with pytest.raises(ImportFileError, match="more than 100,000 rows"):
        read_table(rows)
    assert len(read_table(b"Name\n" + b"Dr A\n" * 100_000).rows) == 100_000


def test_a_file_of_thousands_of_columns_is_refused_in_words() -> None:
    """100,000 columns froze the import window for half a minute building its column lists."""
    wide = b",".join(b"Title %d" % i for i in range(100_000)) + b"\nDr A,555-0100\n"
    with pytest.raises(ImportFileError, match="more than 500 columns"):
        read_table(wide)
    ragged = b"Name,Phone\nDr A,555-0100" + b",x" * 600 + b"\n"
    with pytest.raises(ImportFileError, match="more than 500 columns"):
        read_table(ragged)
    at_limit = b",".join(b"T%d" % i for i in range(500)) + b"\nDr A\n"
    assert len(read_table(at_limit).headers) == 500


def test_a_cell_of_megabytes_without_quotes_is_called_too_long() -> None:
    data = b"Name,Phone\n" + b"A" * 10_000_000 + b",555-0100\n"
    with pytest.raises(ImportFileError, match="far too long") as caught:
        read_table(data)
    assert "quotation" not in caught.value.message


def test_unclosed_quote_swallowing_the_file_is_explained() -> None:
    data = b'Name,Notes\nAna Ruiz,"oops\n' + b"x" * 200_000 + b"\n"
    with pytest.raises(ImportFileError, match="quotation mark"):
        read_table(data)


@FAST
@given(st.binary(max_size=2000))
def test_read_table_only_ever_raises_import_file_error(data: bytes) -> None:
    try:
        table = read_table(data)
    except ImportFileError as error:
        assert error.message
        return
    assert table.rows
    assert all(len(row) == len(table.headers) for row in table.rows)
    assert len(table.row_numbers) == len(table.rows)


@FAST
@given(
    st.text(alphabet=st.sampled_from(list('ab ,;\t|"\r\n=\u00e9\u674e\x00\x07')), max_size=300),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]),
)
def test_read_table_survives_csv_like_text_in_any_encoding(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    try:
        table = read_table(data)
    except ImportFileError as error:
        assert error.message.endswith(".")
        return
    assert table.delimiter in {",", ";", "\t", "|"}
    assert all(len(row) == len(table.headers) for row in table.rows)
    assert all(any(cell for cell in row) for row in table.rows)
    assert table.row_numbers == sorted(set(table.row_numbers))


_CELL = st.text(
    alphabet=st.characters(
        min_codepoint=10,
        max_codepoint=0x2FF,
        exclude_characters=";\t|",
        exclude_categories=["Cc"],
        include_characters="\n",
    ),
    max_size=12,
)


@FAST
@given(
    st.lists(
        st.from_regex(r"\A[A-Za-z][A-Za-z ]{0,10}[A-Za-z]\Z"), min_size=2, max_size=5, unique=True
    ),
    st.lists(st.lists(_CELL, min_size=5, max_size=5), min_size=1, max_size=8),
    st.sampled_from(["\r\n", "\n"]),
)
def test_what_a_spreadsheet_writes_reads_back(
    headers: list[str], body: list[list[str]], newline: str
) -> None:
    width = len(headers)
    rows = [row[:width] for row in body]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(headers)
    writer.writerows(rows)
    data = codecs.BOM_UTF8 + buffer.getvalue().encode()

    expected = [[clean_text(cell) for cell in row] for row in rows]
    kept = [row for row in expected if any(row)]
    if not kept:
        with pytest.raises(ImportFileError):
            read_table(data)
        return
    table = read_table(data)
    assert table.headers == [clean_text(header) for header in headers]
    assert table.rows == kept
    assert table.row_numbers == [n + 2 for n, row in enumerate(expected) if any(row)]


# --- guessing columns ------------------------------------------------------------------------


def test_guess_mapping_understands_common_insurer_titles() -> None:
    headers = [
        "NPI",
        "Provider Name",
        "Provider Type",
        "Primary Specialty",
        "Practice Name",
        "Street Address",
        "Address Line 2",
        "City",
        "State",
        "Zip Code",
        "Office Phone",
        "Fax Number",
        "Comments",
        "Accepting New Patients",
    ]
    mapping = guess_mapping(headers)
    assert set(mapping) == set(MAPPING_FIELDS)
    assert {key: headers[i] for key, i in mapping.items() if i is not None} == {
        "name": "Provider Name",
        "specialty": "Primary Specialty",
        "practice": "Practice Name",
        "address": "Street Address",
        "address_line_2": "Address Line 2",
        "city": "City",
        "state": "State",
        "zip": "Zip Code",
        "phone": "Office Phone",
        "fax": "Fax Number",
        "notes": "Comments",
        "accepting": "Accepting New Patients",  # what the list says is mapped too (issue 13)
    }


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Doctor", "name"),
        ("PHYSICIAN", "name"),
        ("full_name", "name"),
        ("ProviderName", "name"),
        ("Speciality", "specialty"),
        ("Taxonomy", "specialty"),
        ("Clinic", "practice"),
        ("Facility", "practice"),
        ("Group", "practice"),
        ("Office", "practice"),
        ("Tel.", "phone"),
        ("Phone #", "phone"),
        ("Telephone", "phone"),
        ("Fax", "fax"),
        ("Notes", "notes"),
        ("Street", "address"),
        ("Postal Code", "zip"),
    ],
)
def test_guess_mapping_synonyms(header: str, key: str) -> None:
    mapping = guess_mapping(["Something Else", header])
    assert mapping[key] == 1
    assert sum(index is not None for index in mapping.values()) == 1


def test_guess_mapping_leaves_unknown_columns_alone() -> None:
    mapping = guess_mapping(["Provider ID", "Specialty Code", "Rating", "Ethnicity"])
    assert all(index is None for index in mapping.values())
    assert mapping_problems(["Provider ID"], mapping) == [
        "Please choose which column has the doctors' names."
    ]


def test_mapping_problems_and_a_person_changing_the_mapping() -> None:
    table = read_table(b"Who,Where,Digits\nAna Ruiz,Springfield,555-123-4567\n")
    mapping = guess_mapping(table.headers)
    assert mapping_problems(table.headers, mapping)
    mapping = empty_mapping()
    mapping.update(name=0, city=1, phone=2)
    assert mapping_problems(table.headers, mapping) == []
    result = build_candidates(table, mapping, [])
    assert result.candidates == [
        ImportedCandidate(name="Ana Ruiz", address="Springfield", phone="(555) 123-4567")
    ]
    assert mapping_problems(table.headers, {"name": 7}) == [
        "The column chosen for Doctor's name is not in this file."
    ]
    with pytest.raises(ValueError):
        build_candidates(table, {"name": 7}, [])
    with pytest.raises(ValueError):
        build_candidates(table, {"nmae": 0}, [])


# --- building candidates ---------------------------------------------------------------------


def test_first_and_last_name_columns_are_joined_and_used_as_fallback() -> None:
    table = Table(
        headers=["Name", "First Name", "Last Name", "City"],
        rows=[
            ["Dr. Ana Ruiz", "", "", "Springfield"],
            ["", "Ben", "Okafor", "Springfield"],
            ["", "", "Diaz", "Springfield"],
            ["", "", "", "Springfield"],
        ],
    )
    mapping = guess_mapping(table.headers)
    assert (mapping["name"], mapping["first_name"], mapping["last_name"]) == (0, 1, 2)
    result = build_candidates(table, mapping, [])
    assert [c.name for c in result.candidates] == ["Dr. Ana Ruiz", "Ben Okafor", "Diaz"]
    assert result.skipped == [SkippedRow(5, "No name in this row.")]


def test_duplicates_within_the_file_and_against_the_case() -> None:
    data = (
        b"Name,Phone\n"
        b"Dr. Ana Ruiz,555-123-4567\n"  # row 2: already in the case
        b"Ben Okafor,555-000-1111\n"  # row 3
        b'"BEN OKAFOR, MD",(555) 000-1111\n'  # row 4: same as row 3
        b"Ben Okafor,555-999-2222\n"  # row 5: same name, other phone: a different office
        b"Dr Ben Okafor,\n"  # row 6: no phone, same name as row 3
        b"Cy Diaz,555-777-8888\n"  # row 7: the case has Cy Diaz without a phone
        b"Ana Ruiz,555-321-0000\n"  # row 8: different phone from the case's Ana Ruiz
    )
    existing = [("Dr. Ana Ruiz", "(555) 123-4567"), ("Cy Diaz, M.D.", "")]
    result = _import(data, existing)
    assert [c.name for c in result.candidates] == ["Ben Okafor", "Ben Okafor", "Ana Ruiz"]
    assert [c.phone for c in result.candidates] == [
        "(555) 000-1111",
        "(555) 999-2222",
        "(555) 321-0000",
    ]
    assert result.skipped == [
        SkippedRow(2, "Already in your list: Dr. Ana Ruiz (same name and phone)."),
        SkippedRow(4, "Appears twice in this file (same as row 3)."),
        SkippedRow(6, "Appears twice in this file (same as row 3)."),
        SkippedRow(7, "Already in your list: Dr. Cy Diaz (same name)."),
    ]
    assert result.summary() == "3 doctors ready to add. 4 rows skipped."


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Dr. Ana Ruiz", "ana ruiz"),
        ("Ana Ruiz, MD", "Ana  Ruiz"),
        ("Ana Ruiz M.D.", "Dr Ana Ruiz"),
        ("RUIZ, ANA, MD", "Ana Ruiz"),
        ("Ruiz, Ana", "Dr. Ana Ruiz, M.D., FACC"),
        ("Ana Ruiz DO", "Ana Ruiz, D.O."),
        ("Jos\u00e9 Pe\u00f1a", "Jose Pena"),
        ("Ana\u202e Ruiz", "Ana Ruiz"),
    ],
)
def test_name_key_treats_these_as_the_same_doctor(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Anh Do", "Anh"),  # "Do" is a surname here, not a degree.
        ("Ana Ruiz", "Ana Ruiz Jr."),
        ("Ana Ruiz", "Ana M. Ruiz"),
        ("Ana Ruiz", "Ben Ruiz"),
    ],
)
def test_name_key_keeps_these_apart(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_bad_phone_keeps_the_row_with_a_warning() -> None:
    data = (
        b"Name,Phone,Fax\n"
        b"Ana Ruiz,12,555-123-4567\n"
        b"Ben Okafor,555-000-1111,1-800-MATTRESS\n"
        b"Cy Diaz,555-222-3333,\n"
    )
    result = _import(data)
    assert [(c.name, c.phone, c.fax) for c in result.candidates] == [
        ("Ana Ruiz", "", "(555) 123-4567"),
        ("Ben Okafor", "(555) 000-1111", ""),
        ("Cy Diaz", "(555) 222-3333", ""),
    ]
    assert result.skipped == []
    assert result.warnings == [
        SkippedRow(2, "The phone number '12' looks too short, so it was left blank."),
        SkippedRow(
            3,
            "The fax number '1-800-MATTRESS' has letters that do not make a number to dial, "
            "so it was left blank.",
        ),
    ]
    assert result.summary() == "3 doctors ready to add. 2 rows need a quick check."


def test_hostile_text_is_cleaned_shortened_and_never_evaluated() -> None:
    long_note = "Lorem ipsum " * 1000
    formula = '=HYPERLINK("http://evil.example","Dr. Click")'
    rows = [
        ["Dr. Click", "+1 555 123 4567", f"@SUM(A1) {formula}", ""],
        ["Dr.\u202e Eve\u200b Null\x00\x07", "-2+3", long_note, "Springfield"],
        ["Ana\tRuiz\r\nMD", '="5551234567"', "-cmd|' /C calc'!A0", ""],
        [formula, "+1 555 123 4567", "", ""],
    ]
    table = Table(headers=["Name", "Phone", "Notes", "City"], rows=rows)
    result = build_candidates(table, guess_mapping(table.headers), [])
    assert [c.name for c in result.candidates] == ["Dr. Click", "Dr. Eve Null", "Ana Ruiz MD"]
    # A formula is kept as the text it is, and is not a person's name.
    assert result.skipped == [
        SkippedRow(
            5,
            """'=HYPERLINK("http://evil.example","Dr. C\u2026' doesn't look like """
            "a person's name.",
        )
    ]
    first, second, third = result.candidates
    assert first.phone == "+1 555 123 4567"
    assert first.notes == f"@SUM(A1) {formula}"
    assert second.phone == ""
    assert len(second.notes) <= MAX_CELL_CHARS
    assert second.notes.startswith("Lorem ipsum Lorem")
    assert third.phone == "(555) 123-4567"  # Excel's ="..." text wrapper is unwrapped
    assert third.notes == "-cmd|' /C calc'!A0"
    for candidate in result.candidates:
        for value in (candidate.name, candidate.notes):
            assert all(ch.isprintable() for ch in value)
    reasons = [w.reason for w in result.warnings if w.row_number == 3]
    assert (
        "The text in the notes column was very long, so only the first 500 characters were kept."
    ) in reasons
    assert any(reason.startswith("The phone number '-2+3'") for reason in reasons)


def test_rows_without_a_real_name_or_repeating_titles_are_skipped() -> None:
    data = (
        b"Provider Name,Phone\n"
        b"Ana Ruiz,555-123-4567\n"
        b"Provider Name,Phone\n"  # page header repeated in the export
        b"12345,555-000-1111\n"
        b",555-222-3333\n"
    )
    result = _import(data)
    assert [c.name for c in result.candidates] == ["Ana Ruiz"]
    assert result.skipped == [
        SkippedRow(3, "This row repeats the column titles."),
        SkippedRow(4, "The name '12345' doesn't look like a name."),
        SkippedRow(5, "No name in this row."),
    ]
    assert result.summary() == "1 doctor ready to add. 3 rows skipped."


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (ImportResult([], []), "No new doctors to add."),
        (ImportResult([ImportedCandidate("A")], []), "1 doctor ready to add."),
        (
            ImportResult([ImportedCandidate("A")] * 12, [SkippedRow(2, "x")] * 3),
            "12 doctors ready to add. 3 rows skipped.",
        ),
        (ImportResult([], [SkippedRow(2, "x")]), "No new doctors to add. 1 row skipped."),
        (
            ImportResult([ImportedCandidate("A")], [], [SkippedRow(2, "a"), SkippedRow(2, "b")]),
            "1 doctor ready to add. 1 row needs a quick check.",
        ),
    ],
)
def test_summary_wording(result: ImportResult, expected: str) -> None:
    assert result.summary() == expected


def test_fields_constant_matches_the_candidate() -> None:
    assert FIELDS == (
        "name",
        "specialty",
        "practice",
        "address",
        "phone",
        "fax",
        "notes",
        "accepting",
        "network",
    )
    assert tuple(ImportedCandidate.__dataclass_fields__) == FIELDS
    assert set(FIELDS) <= set(MAPPING_FIELDS)


def _is_hidden(ch: str) -> bool:
    """Control, formatting or unusual whitespace characters that cleaning must remove."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") or (
        ch.isspace() and ch != " "
    )


_ANY_CELL = st.text(max_size=30) | st.sampled_from(
    ["", "Dr. Ana Ruiz", "ana ruiz, md", "555-123-4567", "12", "=1+1", "\u202e", "x" * 600]
)


@FAST
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda width: st.tuples(
            st.lists(st.text(max_size=10), min_size=width, max_size=width),
            st.lists(st.lists(_ANY_CELL, min_size=width, max_size=width), min_size=0, max_size=15),
            st.fixed_dictionaries(
                {key: st.none() | st.integers(0, width - 1) for key in MAPPING_FIELDS}
            ),
        )
    ),
    st.lists(st.tuples(_ANY_CELL, _ANY_CELL), max_size=5),
)
def test_build_candidates_accounts_for_every_row(
    shape: tuple[list[str], list[list[str]], dict[str, int | None]],
    existing: list[tuple[str, str]],
) -> None:
    headers, rows, mapping = shape
    table = Table(headers=headers, rows=rows)
    result = build_candidates(table, mapping, existing)
    assert len(result.candidates) + len(result.skipped) == len(rows)
    skipped_rows = [s.row_number for s in result.skipped]
    assert len(set(skipped_rows)) == len(skipped_rows)
    assert all(2 <= s.row_number <= len(rows) + 1 and s.reason for s in result.skipped)
    assert not set(skipped_rows) & {w.row_number for w in result.warnings}
    for candidate in result.candidates:
        assert candidate.name
        for value in (candidate.name, candidate.phone, candidate.fax, candidate.notes):
            assert not any(_is_hidden(ch) for ch in value)
        assert len(candidate.name) <= MAX_CELL_CHARS * 2 + 1
    keys = [(name_key(c.name), c.phone) for c in result.candidates]
    assert len(set(keys)) == len(keys)
    assert result.summary()


# --- rows that are not doctors (issue 13, item 3) ----------------------------------------------

INSURER_LIST = (
    b"Provider Name,Specialty,Phone,City\n"
    b'"Chen, David MD",Urology,555-201-3000,Springfield\n'
    b'"Okonkwo, Grace MD",Urology,,Shelbyville\n'
    b"Dr. Sam Ito,Urology,,\n"
    b"Information subject to change,,,\n"
    b"Total providers: 5,,,\n"
)


def test_an_insurers_footer_and_a_doctor_with_no_way_to_reach_them_are_skipped_with_reasons() -> (
    None
):
    result = _import(INSURER_LIST)
    assert [c.name for c in result.candidates] == ["Chen, David MD", "Okonkwo, Grace MD"]
    assert result.skipped == [
        SkippedRow(
            4,
            "No phone, fax, email or address for 'Dr. Sam Ito', so there would be no way to "
            "reach them.",
        ),
        SkippedRow(5, "'Information subject to change' doesn't look like a person's name."),
        SkippedRow(6, "'Total providers: 5' doesn't look like a person's name."),
    ]


def test_an_email_address_is_a_way_to_reach_them_and_lands_in_the_notes() -> None:
    result = _import(b"Name,E-mail,Notes\nDr. Sam Ito,office@ito.example,Urology\n")
    (only,) = result.candidates
    assert only.notes == "Urology Email: office@ito.example"


def test_a_bad_phone_alone_is_no_way_to_reach_them() -> None:
    result = _import(b"Name,Phone\nDr. Sam Ito,12\n")
    assert result.candidates == []
    (skipped,) = result.skipped
    assert skipped.reason.startswith("No phone, fax, email or address for 'Dr. Sam Ito'")
    assert "The phone number '12' looks too short." in skipped.reason


@pytest.mark.parametrize(
    "footer",
    [
        "Total providers: 5",
        "Page 1 of 3",
        "Showing 1-25 of 140 results",
        "Generated 11/20/2026",
        "Copyright Bluebrook Health",
        "www.bluebrook.example",
        "help@bluebrook.example",
        "This list was printed for members of the Bluebrook Health plan only",
    ],
)
def test_lines_insurers_print_around_their_lists_are_not_names(footer: str) -> None:
    assert name_problem(footer)


NAME_WORD = st.from_regex(r"[A-Z][a-z]{1,11}(-[A-Z][a-z]{1,8})?", fullmatch=True).filter(
    lambda word: (
        word.casefold() not in {"total", "providers", "results", "showing", "found"}
        and word.casefold() not in {"generated", "printed", "copyright", "disclaimer", "rows"}
        and word.casefold() not in {"information", "subject", "listing", "directory", "records"}
        and word.casefold() not in {"totals", "updated"}
    )
)


@given(
    st.lists(NAME_WORD, min_size=1, max_size=4),
    st.sampled_from(["", "Dr. ", "Dr "]),
    st.sampled_from(["", " MD", ", MD", " DO", ", M.D.", " PhD", ", NP", " PA-C"]),
    st.booleans(),
    st.booleans(),
)
def test_peoples_names_in_every_list_form_are_names(
    words: list[str], title: str, degree: str, last_first: bool, capitals: bool
) -> None:
    name = (
        f"{words[-1]}, {' '.join(words[:-1])}" if last_first and len(words) > 1 else " ".join(words)
    )
    name = f"{title}{name}{degree}"
    if capitals:
        name = name.upper()
    assert name_problem(name) == ""


@given(st.text(max_size=120))
def test_name_problem_never_raises_and_answers_in_words(text: str) -> None:
    problem = name_problem(text)
    assert problem == "" or problem.endswith(".")


SPELLINGS = ["Dr. Grace Okonkwo", "OKONKWO, GRACE MD", "Grace Okonkwo M.D.", "Dr. Sam Ito"]
PHONES = ["", "(555) 010-2000", "555.010.2000 ext 4", "555-010-3000"]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(SPELLINGS),
    st.sampled_from(PHONES),
    st.sampled_from(SPELLINGS),
    st.sampled_from(PHONES),
)
def test_the_import_skips_by_the_rule_the_doctor_dialog_warns_with(
    listed_name: str, listed_phone: str, row_name: str, row_phone: str
) -> None:
    """One rule (domain.doctors.duplicate_kind): the import skips a listed doctor exactly when
    the dialog would call it the same name (and phone), and names the same kind."""
    from secondopinion_desktop.domain.doctors import REPEAT_KINDS, duplicate_kind

    table = Table(headers=["Name", "Phone", "City"], rows=[[row_name, row_phone, "Springfield"]])
    mapping = guess_mapping(table.headers)
    result = build_candidates(table, mapping, [(listed_name, listed_phone)])
    kind = duplicate_kind(row_name, row_phone, listed_name, listed_phone)
    if kind in REPEAT_KINDS:
        (skipped,) = result.skipped
        assert skipped.reason.endswith(f"({kind}).")
        assert not result.candidates
    else:
        assert len(result.candidates) == 1 and not result.skipped


def test_a_number_written_in_words_comes_in_with_its_words() -> None:
    """A list's "1-800-FLOWERS" was left blank: the letters and the number were lost."""
    result = _import(b"Name,Phone\nAna Ruiz,1-800-FLOWERS\nBen Okafor,(555) CALL-NOW\n")
    assert [(c.name, c.phone) for c in result.candidates] == [
        ("Ana Ruiz", "(800) 356-9377 (1-800-FLOWERS)"),
        ("Ben Okafor", "(555) 225-5669 ((555) CALL-NOW)"),
    ]
    assert result.warnings == [] and result.skipped == []
