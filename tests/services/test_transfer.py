"""Moving a case to another computer: an import is all or nothing and never locks anyone out."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.reminders import About, Reminder
from secondopinion_desktop.services import transfer
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.store import archive
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers import documents
from tests.helpers.archives import (
    SCANS,
    demo_with_scans,
    members,
    tables_of,
    with_tables,
    zip_bytes,
)
from tests.helpers.clock import FakeClock


class Computer:
    """A data folder with its database open, as the app has it."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.repo = Repository(open_database(folder), FakeClock())

    def state(self) -> tuple[list[str], list[tuple[str, bytes]]]:
        """Everything in the database, and every file in the attachments folder."""
        dump = list(self.repo.db.conn.iterdump())
        scans = self.folder / "attachments"
        files = (
            sorted(
                (str(p.relative_to(scans)), p.read_bytes() if p.is_file() else b"")
                for p in scans.rglob("*")
            )
            if scans.exists()
            else []
        )
        return dump, files


@pytest.fixture
def old(tmp_path: Path) -> Iterator[Computer]:
    computer = Computer(tmp_path / "old")
    yield computer
    computer.repo.db.close()


@pytest.fixture
def new(tmp_path: Path) -> Iterator[Computer]:
    computer = Computer(tmp_path / "new")
    computer.repo.cases.create("Someone else's case")  # so new ids differ from the old ones
    yield computer
    computer.repo.db.close()


@pytest.fixture
def exported(old: Computer, tmp_path: Path) -> bytes:
    case_id = demo_with_scans(old.repo, old.folder, tmp_path / "originals")
    target = tmp_path / "Mum.secondopinion"
    written = transfer.export_case(old.repo, case_id, target)
    assert written.left_out == ()
    return target.read_bytes()


def counts(repo: Repository, case_id: int) -> dict[str, int]:
    return {table: len(rows) for table, rows in repo.archive.export_case_rows(case_id).items()}


def test_a_case_with_its_scans_moves_to_a_new_computer(
    old: Computer, new: Computer, tmp_path: Path
) -> None:
    case_id = demo_with_scans(old.repo, old.folder, tmp_path / "originals")
    target = tmp_path / "Mum.secondopinion"
    transfer.export_case(old.repo, case_id, target)
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    changes = transfer.import_case(new.repo, target)
    new_id = changes.case_id
    assert new_id is not None and changes.touches([Kind.CASE, Kind.ATTACHMENTS])
    assert counts(new.repo, new_id) == counts(old.repo, case_id)  # reminders made afresh
    before, after = old.repo.cases.get(case_id), new.repo.cases.get(new_id)
    assert after.patient_name == before.patient_name == "Margaret Ellis"
    assert after.told_doctor_id is not None and before.told_doctor_id is not None
    told = new.repo.doctors.get(after.told_doctor_id)  # a link fixed up after the doctors came
    assert told.name == old.repo.doctors.get(before.told_doctor_id).name
    assert new.repo.cases.done_steps(new_id) == old.repo.cases.done_steps(case_id)
    copies = {}
    for record in new.repo.records.list(new_id):
        for attachment in new.repo.records.list_attachments(record.id):
            path = new.folder / "attachments" / attachment.file_name
            copies[attachment.original_name] = (path.read_bytes(), path.suffix)
            if os.name == "posix":
                assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {name: content for name, (content, _s) in copies.items()} == SCANS
    assert {name: suffix for name, (_c, suffix) in copies.items()} == {
        "Biopsy report.pdf": ".pdf",
        "Chest X-ray.png": ".png",
        "CT slice": ".dcm",
        "Lab notes.txt": ".txt",
    }
    assert new.repo.db.execute("PRAGMA foreign_key_check").fetchall() == []
    leftovers = [p for p in (new.folder / "attachments").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_importing_twice_gives_a_second_name(new: Computer, exported: bytes) -> None:
    first = transfer.import_case(new.repo, exported).case_id
    second = transfer.import_case(new.repo, exported).case_id
    assert first is not None and second is not None
    assert new.repo.cases.get(first).title == "Mum's second opinion"
    assert new.repo.cases.get(second).title == "Mum's second opinion (imported)"


def refused_whole(new: Computer, data: bytes, words: str) -> None:
    """Importing `data` is refused in words and changes nothing at all."""
    before = new.state()
    with pytest.raises(archive.ArchiveError) as info:
        transfer.import_case(new.repo, data)
    assert words in info.value.message, info.value.message
    assert "Nothing was imported" in info.value.message
    assert "codec" not in info.value.message and "\\u" not in repr(info.value.message)
    assert new.state() == before


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("cases", "date_of_birth", "2026-02-30", "date that does not exist"),
        ("appointments", "starts_at", "garbage", "time that cannot be read"),
        ("questions", "asked_on", "garbage", "date that does not exist"),
        ("records", "requested_on", "garbage", "date that does not exist"),
        ("calls", "called_at", "yesterday", "time that cannot be read"),
        ("doctors", "status", "not a status", "newer version"),
        ("reminders", "due_at", "2026-11-30", "time that cannot be read"),
        ("attachments", "size", -1, "out of range"),
        # JSON can spell half a character ("\\ud800"); SQLite cannot keep it, and the person
        # was shown "'utf-8' codec can't encode character '\\ud800' in position 3".
        ("doctors", "name", "Dr \ud800 Ruiz", "its contents cannot be read"),
        ("questions", "text", "Why?\udfff", "its contents cannot be read"),
    ],
)
def test_a_bad_value_anywhere_is_refused_before_anything_is_written(
    new: Computer, exported: bytes, table: str, column: str, value: Any, words: str
) -> None:
    tables = tables_of(exported)
    tables[table][-1][column] = value
    refused_whole(new, with_tables(exported, tables), words)


def test_a_program_in_the_archive_is_refused_and_a_disguised_pdf_is_stored_safely(
    new: Computer, exported: bytes
) -> None:
    tables = tables_of(exported)
    items = members(exported)
    pdf_row = next(r for r in tables["attachments"] if r["original_name"] == "Biopsy report.pdf")
    content = items.pop("attachments/" + pdf_row["file_name"])
    pdf_row["file_name"] = "report.exe"
    items["attachments/report.exe"] = content
    items["case.json"] = json.dumps(tables).encode()
    case_id = transfer.import_case(new.repo, zip_bytes(items)).case_id
    assert case_id is not None
    stored = [
        a
        for r in new.repo.records.list(case_id)
        for a in new.repo.records.list_attachments(r.id)
        if a.original_name == "Biopsy report.pdf"
    ]
    assert stored[0].file_name.endswith(".pdf")
    assert not list((new.folder / "attachments").glob("*.exe"))

    program = documents.windows_program()
    pdf_row["sha256"] = hashlib.sha256(program).hexdigest()
    pdf_row["size"] = len(program)
    items["attachments/report.exe"] = program
    items["case.json"] = json.dumps(tables).encode()
    refused_whole(new, zip_bytes(items), "not a document or a picture")


def test_a_wrong_checksum_refuses_the_whole_import(new: Computer, exported: bytes) -> None:
    items = members(exported)
    scan = sorted(n for n in items if n.startswith("attachments/"))[-1]
    items[scan] = items[scan][:-1] + b"!"
    refused_whole(new, zip_bytes(items), "checksum")


def test_a_failure_in_the_transaction_leaves_no_rows_and_no_files(
    new: Computer, exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a: Any, **_k: Any) -> bool:
        raise ValueError("the rules met something they cannot read")

    monkeypatch.setattr(transfer, "sync_reminders", broken)
    refused_whole(new, exported, "does not fit together")


def test_a_failed_commit_takes_the_placed_scans_away(
    new: Computer, exported: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    real_place = archive.Staging.place

    def place_then_fail(self: archive.Staging) -> None:
        real_place(self)
        assert self.placed  # the scans are in their places...
        raise sqlite3.OperationalError("database or disk is full")  # ...and the commit fails

    monkeypatch.setattr(archive.Staging, "place", place_then_fail)
    refused_whole(new, exported, "disk is full")


def test_the_apps_own_export_of_big_blank_scans_imports(
    old: Computer, new: Computer, tmp_path: Path
) -> None:
    """A 25 MB TIFF and a 25 MB BMP of a nearly blank page compress a thousand times."""
    case = old.repo.cases.create("Scans")
    record = ensure_default_records(old.repo, case.id)[0]
    from secondopinion_desktop.domain.attachments import Attachment
    from secondopinion_desktop.store.attachment_files import copy_in

    for name, content in (
        ("page.tif", documents.tiff(25 * 1024 * 1024)),
        ("page.bmp", documents.bmp(25 * 1024 * 1024)),
    ):
        (tmp_path / name).write_bytes(content)
        stored = copy_in(old.folder, tmp_path / name)
        old.repo.records.add_attachment(
            Attachment(0, record.id, stored.file_name, name, stored.size, stored.sha256)
        )
    target = tmp_path / "scans.secondopinion"
    transfer.export_case(old.repo, case.id, target)
    assert target.stat().st_size < 1024 * 1024  # compressed far beyond any ratio limit
    new_id = transfer.import_case(new.repo, target).case_id
    assert new_id is not None
    sizes = sorted(
        a.size
        for r in new.repo.records.list(new_id)
        for a in new.repo.records.list_attachments(r.id)
    )
    assert sizes == sorted(
        [len(documents.tiff(25 * 1024 * 1024)), len(documents.bmp(25 * 1024 * 1024))]
    )


def test_own_reminders_come_along_pointing_at_the_new_rows(
    old: Computer, new: Computer, tmp_path: Path
) -> None:
    case_id = demo_with_scans(old.repo, old.folder, tmp_path / "originals")
    marsh = next(d for d in old.repo.doctors.list(case_id) if d.name == "Dr. Elena Marsh")
    old.repo.reminders.add(
        Reminder(
            id=0,
            case_id=case_id,
            title="Ask Dr. Marsh about parking",
            due_at=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC),
            about=About.DOCTOR,
            about_id=marsh.id,
        )
    )
    assert any(r.key for r in old.repo.reminders.list(case_id))  # derived ones exist too
    new.repo.doctors.add_many(Doctor(id=0, case_id=1, name=f"Dr. {i}") for i in range(7))
    target = tmp_path / "x.secondopinion"
    transfer.export_case(old.repo, case_id, target)
    new_id = transfer.import_case(new.repo, target).case_id
    imported = new.repo.reminders.list(new_id)
    own = [r for r in imported if r.key is None]
    assert len(own) == len([r for r in old.repo.reminders.list(case_id) if r.key is None])
    derived_old = [r for r in old.repo.reminders.list(case_id) if r.key]
    assert len([r for r in imported if r.key]) == len(derived_old)  # made afresh, new ids
    parking = next(r for r in imported if "parking" in r.title)
    assert parking.about_id is not None
    assert new.repo.doctors.get(parking.about_id).name == "Dr. Elena Marsh"
    assert parking.about_id != marsh.id


def test_export_leaves_out_copies_that_would_not_import_and_says_which(
    old: Computer, new: Computer, tmp_path: Path
) -> None:
    case_id = demo_with_scans(old.repo, old.folder, tmp_path / "originals")
    rows = old.repo.archive.export_case_rows(case_id)["attachments"]
    by_name = {r["original_name"]: r["file_name"] for r in rows}
    (old.folder / "attachments" / by_name["Chest X-ray.png"]).write_bytes(b"changed on disk")
    (old.folder / "attachments" / by_name["Lab notes.txt"]).unlink()
    target = tmp_path / "x.secondopinion"
    written = transfer.export_case(old.repo, case_id, target)
    assert sorted(written.left_out) == ["Chest X-ray.png", "Lab notes.txt"]
    new_id = transfer.import_case(new.repo, target).case_id  # the rest still imports
    assert new_id is not None
    kept = [
        a for r in new.repo.records.list(new_id) for a in new.repo.records.list_attachments(r.id)
    ]
    assert len(kept) == 4  # rows stay; the two left out say "missing" when opened
    on_disk = {p.name for p in (new.folder / "attachments").iterdir()}
    assert len([a for a in kept if a.file_name in on_disk]) == 2


def test_export_refuses_a_case_an_archive_could_not_carry_back(
    old: Computer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = demo_with_scans(old.repo, old.folder, tmp_path / "originals")
    monkeypatch.setattr(archive, "MAX_MEMBERS", 4)
    target = tmp_path / "x.secondopinion"
    with pytest.raises(archive.ArchiveError, match="more than one case file can carry"):
        transfer.export_case(old.repo, case_id, target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")] == []


def test_to_dos_and_derived_reminders_follow_their_rows_to_the_new_ids(
    old: Computer, new: Computer, tmp_path: Path
) -> None:
    from secondopinion_desktop.domain.appointments import Appointment
    from secondopinion_desktop.domain.doctors import Answer
    from secondopinion_desktop.services import booking, reminders

    case = old.repo.cases.create("Dad", patient_name="Walter Brooks")
    grace = old.repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo", referral_required=Answer.YES)
    )
    visit = Appointment(
        id=0,
        case_id=case.id,
        starts_at=old.repo.now() + dt.timedelta(days=20),
        doctor_id=grace.id,
    )
    booking.book(old.repo, grace, visit, None)
    reminders.sync_reminders(old.repo, case.id)
    (todo,) = old.repo.todos.list(case.id)
    assert todo.key == f"referral:{grace.id}"
    target = tmp_path / "Dad.secondopinion"
    transfer.export_case(old.repo, case.id, target)

    other = new.repo.cases.list()[0]
    for name in ("Dr. A", "Dr. B", "Dr. C"):  # so the doctor gets another id here
        new.repo.doctors.add(Doctor(id=0, case_id=other.id, name=name))
    new_id = transfer.import_case(new.repo, target).case_id
    (doctor,) = new.repo.doctors.list(new_id)
    (visit_here,) = new.repo.appointments.list(new_id)
    assert doctor.id != grace.id
    (imported,) = new.repo.todos.list(new_id)
    assert imported.key == f"referral:{doctor.id}"
    keys = sorted(r.key or "" for r in new.repo.reminders.list(new_id))
    assert f"referral:{doctor.id}" in keys
    assert f"visit:{visit_here.id}" in keys
    before = (keys, len(new.repo.todos.list(new_id)))
    reminders.sync_reminders(new.repo, new_id)
    after = sorted(r.key or "" for r in new.repo.reminders.list(new_id))
    assert (after, len(new.repo.todos.list(new_id))) == before, "the rules added them again"


def test_hidden_characters_in_a_case_file_never_reach_the_screen(
    new: Computer, exported: bytes
) -> None:
    """A case file's text is checked for its length, not its letters: NUL, escape and bell
    characters showed as boxes in the window, and a right-to-left override printed a doctor's
    name backwards on the cover sheet. Line breaks and tabs in notes are kept."""
    tables = tables_of(exported)
    tables["cases"][0]["patient_name"] = "Margaret\x00 \u202eEllis\u202c\x1b[2J\x07"
    tables["doctors"][0]["notes"] = "Line one\r\nLine two\rLine three\tend\x0b\x85"
    changes = transfer.import_case(new.repo, with_tables(exported, tables))
    assert changes.case_id is not None
    case = new.repo.cases.get(changes.case_id)
    assert case.patient_name == "Margaret Ellis[2J"
    doctors = new.repo.archive.export_case_rows(changes.case_id)["doctors"]
    assert "Line one\nLine two\nLine three\tend" in [d["notes"] for d in doctors]
