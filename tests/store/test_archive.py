"""Reading a case archive trusts nothing in it: names, sizes, JSON shape and depth, values."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondopinion_desktop.store import archive
from secondopinion_desktop.store.repository import Repository
from tests.helpers.archives import members, zip_bytes


def valid_members(repo: Repository, tmp_path: Path) -> dict[str, bytes]:
    case = repo.cases.create("Valid")
    target = tmp_path / "valid.secondopinion"
    archive.write_archive(target, repo.archive.export_case_rows(case.id), [], None)
    return members(target.read_bytes())


def refused(data: bytes | Path) -> str:
    with pytest.raises(archive.ArchiveError) as info, archive.open_archive(data):
        pass
    assert "Nothing was imported" in info.value.message
    return info.value.message


MANIFEST = {"format": "secondopinion-case", "format_version": 1, "migrations": []}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda m: {**m, "../../evil.sh": b"rm -rf"}, "does not belong"),
        (lambda m: {**m, "/etc/passwd": b"x"}, "does not belong"),
        (lambda m: {**m, "attachments/../x": b"x"}, "does not belong"),
        (lambda m: {**m, "attachments/": b""}, "does not belong"),
        (lambda m: {**m, "attachments/sub/x.pdf": b"x"}, "does not belong"),
        (lambda m: {**m, "C:\\\\Windows\\\\x.pdf": b"x"}, "does not belong"),
        (lambda m: {k: v for k, v in m.items() if k != "case.json"}, "not a Second Opinion"),
        (lambda m: {**m, "case.json": b"{not json"}, "cannot be read"),
        (lambda m: {**m, "case.json": b"\xff\xfe\x00"}, "cannot be read"),
        (lambda m: {**m, "case.json": b"[1, 2, 3]"}, "wrong shape"),
        (
            lambda m: {**m, "case.json": json.dumps({"cases": [{"id": 1, "title": {"x": 1}}]})},
            "not text",
        ),
        (lambda m: {**m, "case.json": b"[" * 100_000 + b"]" * 100_000}, "nested far deeper"),
        (lambda m: {**m, "case.json": b'{"cases": ' + b"[" * 5000 + b"]" * 5000 + b"}"}, ""),
        (lambda m: {**m, "case.json": b"1" * 5000}, "cannot be read"),  # int too long
        (lambda m: {**m, "manifest.json": json.dumps({"format": "zip"})}, "not a Second"),
        (lambda m: {**m, "manifest.json": json.dumps({**MANIFEST, "format_version": 99})}, "newer"),
        (lambda m: {**m, "manifest.json": json.dumps({**MANIFEST, "format_version": True})}, ""),
        (
            lambda m: {**m, "manifest.json": json.dumps({**MANIFEST, "migrations": ["9999_x"]})},
            "newer",
        ),
    ],
)
def test_hostile_or_damaged_archives_are_refused(
    repo: Repository, tmp_path: Path, change: Any, words: str
) -> None:
    items = {
        k: v.encode() if isinstance(v, str) else v
        for k, v in change(valid_members(repo, tmp_path)).items()
    }
    assert words in refused(zip_bytes(items))


def test_a_name_twice_links_and_special_members_are_refused(
    repo: Repository, tmp_path: Path
) -> None:
    items = valid_members(repo, tmp_path)
    twice = [*items.items(), ("case.json", items["case.json"])]
    assert "names a file twice" in refused(zip_bytes(twice))
    for mode in (stat.S_IFLNK | 0o777, stat.S_IFIFO | 0o600, stat.S_IFCHR | 0o600):
        linked = {**items, "attachments/scan.pdf": b"/etc/passwd"}
        message = refused(zip_bytes(linked, modes={"attachments/scan.pdf": mode}))
        assert "link or a special file" in message


def test_limits_on_count_and_size_are_absolute(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = valid_members(repo, tmp_path)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    many = {**items, **{f"attachments/{n}.pdf": b"%PDF-" for n in range(4)}}
    assert "more than 5 files" in refused(zip_bytes(many))
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 2 * 1024**3)
    monkeypatch.setattr(archive, "MAX_JSON_BYTES", 100)
    assert "far too large" in refused(zip_bytes({**items, "case.json": b" " * 101 + b"{}"}))


def test_a_zip_that_lies_about_its_sizes_reads_no_more_than_it_holds(
    repo: Repository, tmp_path: Path
) -> None:
    items = valid_members(repo, tmp_path)
    for claimed in (4, len(items["case.json"]) + 4096):
        data = bytearray(zip_bytes(items, compression=zipfile.ZIP_STORED))
        entry = data.find(b"PK\x01\x02")  # central directory: case.json comes second
        entry = data.find(b"PK\x01\x02", entry + 4)
        assert data[entry + 46 : entry + 55] == b"case.json"
        data[entry + 24 : entry + 28] = claimed.to_bytes(4, "little")  # its unpacked size
        if claimed == 4:
            assert "cannot be read" in refused(bytes(data))  # cut short
        else:
            with archive.open_archive(bytes(data)) as opened:  # only what is really there
                assert opened.tables["cases"][0]["title"] == "Valid"


def test_not_a_zip_at_all(tmp_path: Path) -> None:
    for data in (b"", b"hello", b"%PDF-1.4", bytes(range(256)) * 10):
        refused(data)
    folder = tmp_path / "folder.secondopinion"
    folder.mkdir()
    assert "is a folder" in refused(folder)
    assert "could not be found" in refused(tmp_path / "gone.secondopinion")


@pytest.mark.needs_posix  # named pipes are a POSIX thing
def test_a_named_pipe_or_device_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "case.secondopinion"
    os.mkfifo(pipe)
    assert "not an ordinary file" in refused(pipe)  # would block forever if it were opened
    if Path("/dev/zero").exists():
        assert "not an ordinary file" in refused(Path("/dev/zero"))
        link = tmp_path / "zero.secondopinion"
        link.symlink_to("/dev/zero")
        assert "not an ordinary file" in refused(link)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    refused(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_flipped_bytes_in_a_real_archive_never_crash(data: st.DataObject) -> None:
    """A damaged disk or download: any byte of a real export changed, at most a few."""
    original = bytearray(REAL_EXPORT)
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(original) - 1))
        original[where] = data.draw(st.integers(0, 255))
    try:
        with archive.open_archive(bytes(original)) as opened:
            archive.stage_attachments(opened, None)
    except archive.ArchiveError as exc:
        assert "Nothing was imported" in exc.message


def _real_export() -> bytes:
    """The export of the demo case with its four scans."""
    import tempfile

    from secondopinion_desktop.store.database import open_database
    from tests.helpers.archives import demo_with_scans
    from tests.helpers.clock import FakeClock

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        repo = Repository(open_database(folder), FakeClock())
        case_id = demo_with_scans(repo, folder, folder / "originals")
        target = folder / "x.secondopinion"
        archive.write_archive(target, repo.archive.export_case_rows(case_id), [], folder)
        repo.db.close()
        return target.read_bytes()


REAL_EXPORT = _real_export()


def test_json_too_big_for_memory_is_refused_in_words(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = valid_members(repo, tmp_path)

    def out_of_memory(_data: bytes) -> object:
        raise MemoryError

    monkeypatch.setattr(archive.json, "loads", out_of_memory)
    assert "too large to read on this computer" in refused(zip_bytes(items))
