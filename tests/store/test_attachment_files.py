"""Attached scans are documents, never programs, and odd files are refused at once, in words."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from secondopinion_desktop.store import attachment_files
from secondopinion_desktop.store.attachment_files import AttachmentError
from tests.helpers import documents


@pytest.fixture
def never_hangs() -> Iterator[None]:
    """Fail instead of hanging if anything blocks (opening a FIFO used to freeze the window)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError("blocked on a special file")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def attach(data_dir: Path, path: Path) -> str:
    with pytest.raises(AttachmentError) as info:
        attachment_files.copy_in(data_dir, path)
    return info.value.message


@pytest.mark.needs_posix  # FIFOs and /dev are POSIX things
def test_pipes_devices_and_links_to_them_are_refused_at_once(
    tmp_path: Path, data_dir: Path, never_hangs: None
) -> None:
    pipe = tmp_path / "scan.pdf"
    os.mkfifo(pipe)
    assert "not an ordinary file" in attach(data_dir, pipe)
    if Path("/dev/zero").exists():
        zero = tmp_path / "zero.pdf"
        zero.symlink_to("/dev/zero")
        assert "not an ordinary file" in attach(data_dir, zero)
        assert "not an ordinary file" in attach(data_dir, Path("/dev/zero"))
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert "is a folder" in attach(data_dir, folder)
    assert (
        not list((data_dir / "attachments").glob("*"))
        if (data_dir / "attachments").exists()
        else True
    )


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("Biopsy report.exe", documents.pdf(), "not a document or a picture"),
        ("setup.pdf.exe", documents.windows_program(), "not a document or a picture"),
        ("Biopsy report.pdf", documents.windows_program(), "does not hold a document"),
        ("photo.jpg", documents.linux_program(), "does not hold a document"),
        ("letter.docx", documents.zip_file(), "saved as PDF"),
        ("report.pdf", documents.text(), "not hold what its name says"),
        ("empty.pdf", b"", "does not hold a document"),
    ],
)
def test_programs_and_disguised_files_are_not_kept(
    tmp_path: Path, data_dir: Path, name: str, content: bytes, words: str
) -> None:
    original = tmp_path / name
    original.write_bytes(content)
    assert words in attach(data_dir, original)
    folder = data_dir / "attachments"
    assert not folder.exists() or list(folder.iterdir()) == []


@pytest.mark.parametrize(("name", "content"), sorted(documents.DOCUMENTS.items()))
def test_each_kind_of_document_is_kept_under_the_suffix_of_what_it_is(
    tmp_path: Path, data_dir: Path, name: str, content: bytes
) -> None:
    original = tmp_path / name
    original.write_bytes(content)
    stored = attachment_files.copy_in(data_dir, original)
    assert stored.original_name == name
    suffix = Path(stored.file_name).suffix
    assert suffix in (
        ".pdf",
        ".png",
        ".jpg",
        ".tif",
        ".bmp",
        ".gif",
        ".webp",
        ".heic",
        ".dcm",
        ".txt",
    )
    assert (data_dir / "attachments" / stored.file_name).read_bytes() == content
    path = attachment_files.check_openable(data_dir, stored.file_name, stored.sha256, name)
    assert path.name == stored.file_name


def test_a_png_called_jpg_is_stored_as_png(tmp_path: Path, data_dir: Path) -> None:
    original = tmp_path / "photo.jpg"
    original.write_bytes(documents.png())
    assert attachment_files.copy_in(data_dir, original).file_name.endswith(".png")


def test_a_copy_that_is_not_a_document_is_never_handed_to_the_system(data_dir: Path) -> None:
    """Copies an older version stored under their archive's suffix (".exe") stay unopened."""
    import hashlib

    folder = data_dir / "attachments"
    folder.mkdir()
    for name, content in (
        ("imported-1.exe", documents.pdf()),  # a PDF, but the system would run an .exe
        ("imported-2.pdf", documents.windows_program()),  # a program under a PDF's name
        ("imported-3.txt", documents.pdf()),  # not what its suffix says
    ):
        (folder / name).write_bytes(content)
        digest = hashlib.sha256(content).hexdigest()
        with pytest.raises(AttachmentError, match="will not open"):
            attachment_files.check_openable(data_dir, name, digest, "Biopsy report.pdf")


@pytest.mark.needs_posix  # FIFOs and /dev are POSIX things
def test_a_copy_replaced_by_a_pipe_is_refused_at_once(data_dir: Path, never_hangs: None) -> None:
    folder = data_dir / "attachments"
    folder.mkdir()
    os.mkfifo(folder / "abc.pdf")
    with pytest.raises(AttachmentError, match="could not be read"):
        attachment_files.check_openable(data_dir, "abc.pdf", "0" * 64, "Scan")


def test_the_size_limit_fits_a_dicom_series(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert attachment_files.MAX_ATTACHMENT_BYTES >= 1024 * 1024 * 1024
    monkeypatch.setattr(attachment_files, "MAX_ATTACHMENT_BYTES", 1000)
    original = tmp_path / "series.dcm"
    original.write_bytes(documents.dicom(2000))
    assert "very large" in attach(data_dir, original)
