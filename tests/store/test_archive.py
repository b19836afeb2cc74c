"""Moving a case to a new computer: export, import, and refusing damaged or hostile archives."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.store import archive
from secondopinion_desktop.store.attachment_files import copy_in
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock


def demo_with_scan(repo: Repository, folder: Path, tmp_path: Path) -> int:
    case = build_demo(repo, dt.date(2026, 11, 20))
    scan = tmp_path / "biopsy report.pdf"
    scan.write_bytes(b"%PDF-1.4 pretend scan " * 100)
    stored = copy_in(folder, scan)
    record = repo.list_records(case.id)[0]
    repo.add_attachment(
        Attachment(
            id=0,
            record_id=record.id,
            file_name=stored.file_name,
            original_name=stored.original_name,
            size=stored.size,
            sha256=stored.sha256,
        )
    )
    return case.id


def counts(repo: Repository, case_id: int) -> dict[str, int]:
    return {table: len(rows) for table, rows in repo.export_case_rows(case_id).items()}


def test_round_trip_to_a_new_computer(tmp_path: Path) -> None:
    old_folder, new_folder = tmp_path / "old", tmp_path / "new"
    old_folder.mkdir()
    new_folder.mkdir()
    old = Repository(open_database(old_folder), FakeClock())
    case_id = demo_with_scan(old, old_folder, tmp_path)
    data = archive.build_archive(old, case_id, old_folder)

    new = Repository(open_database(new_folder), FakeClock())
    checked = archive.read_archive(data)
    new_id = archive.import_archive(new, checked, new_folder)
    assert counts(new, new_id) == counts(old, case_id)  # derived reminders made afresh
    before, after = old.get_case(case_id), new.get_case(new_id)
    assert after.patient_name == before.patient_name == "Margaret Ellis"
    told = new.get_doctor(after.told_doctor_id)  # a link fixed up after the doctors came in
    assert told.name == old.get_doctor(before.told_doctor_id).name
    assert new.done_steps(new_id) == old.done_steps(case_id)
    attachment = new.list_attachments(new.list_records(new_id)[0].id)[0]
    copied = new_folder / "attachments" / attachment.file_name
    assert copied.read_bytes() == b"%PDF-1.4 pretend scan " * 100
    assert new.db.execute("PRAGMA foreign_key_check").fetchall() == []
    old.db.close()
    new.db.close()


def test_importing_twice_gives_a_second_name(tmp_path: Path, repo: Repository) -> None:
    case = repo.create_case("Mum")
    data = archive.build_archive(repo, case.id, None)
    first = archive.import_archive(repo, archive.read_archive(data), None)
    second = archive.import_archive(repo, archive.read_archive(data), None)
    assert repo.get_case(first).title == "Mum (imported)"
    assert repo.get_case(second).title == "Mum (imported 3)"


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def valid_members(repo: Repository) -> dict[str, bytes | str]:
    case = repo.create_case("Valid")
    with zipfile.ZipFile(io.BytesIO(archive.build_archive(repo, case.id, None))) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda m: {**m, "../../evil.sh": b"rm -rf"}, "does not belong"),
        (lambda m: {**m, "/etc/passwd": b"x"}, "does not belong"),
        (lambda m: {**m, "attachments/../x": b"x"}, "does not belong"),
        (lambda m: {k: v for k, v in m.items() if k != "case.json"}, "not a Second Opinion"),
        (lambda m: {**m, "case.json": b"{not json"}, "cannot be read"),
        (lambda m: {**m, "case.json": b"[1, 2, 3]"}, "wrong shape"),
        (
            lambda m: {**m, "case.json": json.dumps({"cases": [{"id": 1, "title": {"x": 1}}]})},
            "wrong shape",
        ),
        (lambda m: {**m, "manifest.json": json.dumps({"format": "zip"})}, "not a Second"),
        (
            lambda m: {
                **m,
                "manifest.json": json.dumps(
                    {"format": "secondopinion-case", "format_version": 99, "migrations": []}
                ),
            },
            "newer",
        ),
        (
            lambda m: {
                **m,
                "manifest.json": json.dumps(
                    {
                        "format": "secondopinion-case",
                        "format_version": 1,
                        "migrations": ["9999_future"],
                    }
                ),
            },
            "newer",
        ),
    ],
)
def test_hostile_or_damaged_archives_are_refused(repo: Repository, change: Any, words: str) -> None:
    members = change(valid_members(repo))
    with pytest.raises(archive.ArchiveError) as info:
        archive.read_archive(zip_bytes(members))
    assert words in info.value.message
    assert "Nothing was imported" in info.value.message


def test_zip_bomb_is_refused(repo: Repository) -> None:
    members = valid_members(repo)
    members["attachments/bomb.pdf"] = b"\0" * (60 * 1024 * 1024)
    with pytest.raises(archive.ArchiveError, match="too large"):
        archive.read_archive(zip_bytes(members))


def test_not_a_zip_at_all() -> None:
    for data in (b"", b"hello", b"%PDF-1.4", bytes(range(256)) * 10):
        with pytest.raises(archive.ArchiveError):
            archive.read_archive(data)


def test_rows_that_do_not_fit_leave_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    repo = Repository(open_database(folder), FakeClock())
    old_folder = tmp_path / "old"
    old_folder.mkdir()
    source = Repository(open_database(old_folder), FakeClock())
    case_id = demo_with_scan(source, old_folder, tmp_path)
    checked = archive.read_archive(archive.build_archive(source, case_id, old_folder))
    checked.tables["doctors"][0]["status"] = "not a status"  # breaks a CHECK constraint
    with pytest.raises(archive.ArchiveError, match="does not fit"):
        archive.import_archive(repo, checked, folder)
    assert repo.list_cases() == []
    assert list((folder / "attachments").iterdir()) == []
    repo.db.close()
    source.db.close()


def test_unknown_table_or_column_is_refused(repo: Repository) -> None:
    case = repo.create_case("X")
    checked = archive.read_archive(archive.build_archive(repo, case.id, None))
    checked.tables["cases"][0]["from_the_future"] = 1
    with pytest.raises(archive.ArchiveError, match="newer version"):
        archive.import_archive(repo, checked, None)
    checked.tables["cases"][0].pop("from_the_future")
    checked.tables["spaceships"] = [{"id": 1}]
    with pytest.raises(archive.ArchiveError):
        archive.import_archive(repo, checked, None)
    assert [c.title for c in repo.list_cases()] == ["X"]


def test_checksum_mismatch_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    repo = Repository(open_database(folder), FakeClock())
    case_id = demo_with_scan(repo, folder, tmp_path)
    with zipfile.ZipFile(io.BytesIO(archive.build_archive(repo, case_id, folder))) as zf:
        members: dict[str, bytes | str] = {n: zf.read(n) for n in zf.namelist()}
    scan = next(n for n in members if n.startswith("attachments/"))
    members[scan] = b"tampered"
    with pytest.raises(archive.ArchiveError, match="checksum"):
        archive.read_archive(zip_bytes(members))
    repo.db.close()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    with pytest.raises(archive.ArchiveError):
        archive.read_archive(data)


@settings(max_examples=60, deadline=None)
@given(
    tables=st.dictionaries(
        st.sampled_from(["cases", "doctors", "calls", "x"]),
        st.lists(
            st.dictionaries(
                st.sampled_from(["id", "title", "case_id", "name", "q"]),
                st.none() | st.integers(-5, 5) | st.text(max_size=20),
                max_size=5,
            ),
            max_size=3,
        ),
        max_size=4,
    )
)
def test_hostile_table_contents_are_refused_or_imported_whole(
    tables: dict[str, list[dict[str, Any]]],
) -> None:
    from secondopinion_desktop.store.database import memory_database

    repo = Repository(memory_database(), FakeClock())
    members = {
        "manifest.json": json.dumps(
            {"format": "secondopinion-case", "format_version": 1, "migrations": []}
        ),
        "case.json": json.dumps(tables),
    }
    try:
        checked = archive.read_archive(zip_bytes(members))
        archive.import_archive(repo, checked, None)
    except archive.ArchiveError:
        assert repo.list_cases() == []
    else:
        assert len(repo.list_cases()) == 1
    repo.db.close()


def test_own_reminders_come_along_pointing_at_the_new_rows(tmp_path: Path) -> None:
    from secondopinion_desktop.domain.reminders import About, Reminder

    old_folder, new_folder = tmp_path / "old", tmp_path / "new"
    old_folder.mkdir()
    new_folder.mkdir()
    old = Repository(open_database(old_folder), FakeClock())
    case_id = demo_with_scan(old, old_folder, tmp_path)
    marsh = next(d for d in old.list_doctors(case_id) if d.name == "Dr. Elena Marsh")
    old.add_reminder(
        Reminder(
            id=0,
            case_id=case_id,
            title="Ask Dr. Marsh about parking",
            due_at=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC),
            about=About.DOCTOR,
            about_id=marsh.id,
        )
    )
    assert any(r.key for r in old.list_reminders(case_id))  # derived ones exist too
    new = Repository(open_database(new_folder), FakeClock())
    new.create_case("Someone else")  # so the new ids differ from the old ones
    new.add_doctors(Doctor(id=0, case_id=1, name=f"Dr. {i}") for i in range(7))
    new_id = archive.import_archive(
        new, archive.read_archive(archive.build_archive(old, case_id, old_folder)), new_folder
    )
    imported = new.list_reminders(new_id)
    own = [r for r in imported if r.key is None]
    assert len(own) == len([r for r in old.list_reminders(case_id) if r.key is None])
    derived_old = [r for r in old.list_reminders(case_id) if r.key]
    derived_new = [r for r in imported if r.key]
    assert len(derived_new) == len(derived_old)  # made afresh by the rules, with new ids
    parking = next(r for r in imported if "parking" in r.title)
    assert new.get_doctor(parking.about_id).name == "Dr. Elena Marsh"  # type: ignore[arg-type]
    assert parking.about_id != marsh.id
    old.db.close()
    new.db.close()
