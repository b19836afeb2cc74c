"""Which files may be kept as scans: checked by their bytes and by their name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain import file_types
from secondopinion_desktop.domain.file_types import (
    HEAD_BYTES,
    FileTypeError,
    check_document,
    detect_kind,
    kind_of_stored_name,
    name_suffix,
)
from tests.helpers import documents


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (documents.pdf(), "pdf"),
        (b"\xef\xbb\xbf junk before the header %PDF-1.4", "pdf"),
        (documents.png(), "png"),
        (documents.jpeg(), "jpeg"),
        (documents.tiff(), "tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "tiff"),
        (documents.bmp(), "bmp"),
        (documents.gif(), "gif"),
        (documents.webp(), "webp"),
        (documents.heic(), "heic"),
        (documents.dicom(), "dicom"),
        (documents.text(), "text"),
        ("Notes in Greek: \u03b1\u03b2\u03b3".encode(), "text"),
    ],
)
def test_documents_are_known_by_their_first_bytes(content: bytes, key: str) -> None:
    kind = detect_kind(content[:HEAD_BYTES])
    assert kind is not None
    assert kind.key == key


@pytest.mark.parametrize(
    "content",
    [
        documents.windows_program(),
        documents.linux_program(),
        documents.zip_file(),
        b"",
        b"BM\x00\x01\x02\x03 not a bitmap header\x00\x00",
        b"\0\0\0\0",
        b"text with a NUL\0 inside",
        b"\xff\xfe\xfd not UTF-8",
        b"\x1b[31m terminal colours",
    ],
)
def test_programs_archives_and_junk_are_not_documents(content: bytes) -> None:
    assert detect_kind(content) is None


def test_a_script_is_only_text_and_never_kept_under_a_program_name() -> None:
    assert detect_kind(documents.script()) is file_types.TEXT
    with pytest.raises(FileTypeError) as info:
        check_document("install.sh", documents.script())
    assert info.value.code == "not_a_document_name"


def test_text_cut_inside_a_character_is_still_text() -> None:
    content = ("\u00e9" * HEAD_BYTES).encode()
    assert detect_kind(content[: HEAD_BYTES + 1]) is file_types.TEXT  # cut mid-character


@pytest.mark.parametrize(("name", "content"), sorted(documents.DOCUMENTS.items()))
def test_each_kind_is_accepted_under_its_own_name(name: str, content: bytes) -> None:
    kind = check_document(name, content)
    assert kind is detect_kind(content)
    assert name_suffix(name) in (*kind.suffixes, "")


def test_a_picture_under_another_pictures_name_gets_its_own_suffix() -> None:
    assert check_document("photo.jpg", documents.png()).suffix == ".png"
    assert check_document("Scan.TIFF", documents.tiff()).suffix == ".tif"
    assert check_document("CT.dcm", documents.dicom()).suffix == ".dcm"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("Biopsy report.exe", documents.pdf(), "not_a_document_name"),
        ("report.pdf.exe", documents.pdf(), "not_a_document_name"),
        ("report.docx", documents.zip_file(), "not_a_document_name"),
        ("report.odt", documents.zip_file(), "not_a_document_name"),
        ("report.rtf", b"{\\rtf1 hello}", "not_a_document_name"),
        ("Biopsy report.pdf", documents.windows_program(), "not_a_document"),
        ("photo.jpg", documents.linux_program(), "not_a_document"),
        ("report.pdf", documents.text(), "text_in_disguise"),
        ("README", documents.text(), "no_suffix"),
        ("report", documents.pdf(), "no_suffix"),
        ("empty.pdf", b"", "not_a_document"),
    ],
)
def test_programs_and_disguised_files_are_refused_in_words(
    name: str, content: bytes, code: str
) -> None:
    with pytest.raises(FileTypeError) as info:
        check_document(name, content)
    assert info.value.code == code
    assert name in info.value.message
    assert info.value.message.endswith(".")


def test_suffixes_are_read_from_the_last_part_of_the_name() -> None:
    assert name_suffix("Report.PDF") == ".pdf"
    assert name_suffix("a/b.c/report") == ""
    assert name_suffix(".pdf") == ""  # a hidden file called ".pdf" has no suffix
    assert name_suffix("archive.tar.gz") == ".gz"
    assert name_suffix("C:\\scans\\x.jpg") == ".jpg"
    assert name_suffix("trailing.") == ""


def test_a_stored_copy_opens_only_when_its_suffix_matches_its_bytes() -> None:
    assert kind_of_stored_name("abc.pdf", documents.pdf()) is file_types.PDF
    assert kind_of_stored_name("abc.jpeg", documents.jpeg()) is file_types.JPEG  # older copies
    assert kind_of_stored_name("abc.exe", documents.pdf()) is None
    assert kind_of_stored_name("abc.pdf", documents.windows_program()) is None
    assert kind_of_stored_name("abc.txt", documents.pdf()) is None


@settings(deadline=None)  # timing under a loaded machine is no failure
@given(st.binary(max_size=HEAD_BYTES + 16), st.text(max_size=40))
def test_any_bytes_and_name_give_a_kind_or_words(head: bytes, name: str) -> None:
    try:
        kind = check_document(name, head)
    except FileTypeError as exc:
        assert exc.message
    else:
        assert kind is detect_kind(head)
        assert name_suffix(name) in (*kind.suffixes, "") or kind is not file_types.TEXT
        assert name_suffix(name) in file_types.NAME_SUFFIXES or kind is file_types.DICOM


@settings(deadline=None)  # timing under a loaded machine is no failure
@given(st.sampled_from(sorted(documents.DOCUMENTS.items())), st.binary(max_size=200))
def test_trailing_bytes_never_change_a_documents_kind(item: tuple[str, bytes], tail: bytes) -> None:
    _name, content = item
    kind = detect_kind(content)
    assert kind is not None
    if kind is not file_types.TEXT:
        assert detect_kind((content + tail)[:HEAD_BYTES]) is kind


def test_every_kind_has_one_stored_suffix_no_other_kind_claims() -> None:
    seen: dict[str, str] = {}
    for kind in file_types.KINDS:
        for suffix in kind.suffixes:
            assert suffix not in seen, (suffix, seen.get(suffix))
            seen[suffix] = kind.key
            assert suffix == suffix.lower() and suffix.startswith(".")
