"""A hostile-archive fuzz: the app's own export of a real case, mutated every way an attacker or
a damaged disk would, imported through the service.

After every refused import the database and the attachments folder are exactly as before; after
every accepted one the database is whole and every part of the app that reads a case can read it.
Then the app itself is started on the folder (`--export-calendar` and `--screenshot`, as fresh
processes) and must exit 0. The default run tries the catalogue below plus a few hundred random
value changes in about 30 s. A refused import is checked to leave the database equal row for
row, so the restart at the end covers every refused one; `-m slow` restarts after each.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondopinion_desktop.calendar_cli import case_calendar
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services import transfer
from secondopinion_desktop.services.reminders import sync_all_reminders
from secondopinion_desktop.store import archive
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers import documents
from tests.helpers.archives import demo_with_scans, members, zip_bytes
from tests.helpers.clock import FakeClock

ROOT = Path(__file__).resolve().parents[2]
Items = dict[str, bytes]
Tables = dict[str, list[dict[str, Any]]]
Mutation = Callable[[Tables, Items], Any]


@dataclass
class Tally:
    refused: int = 0
    accepted: int = 0
    restarts: int = 0
    names: list[str] = field(default_factory=list)


TALLY = Tally()


class Target:
    """The receiving computer: a data folder that already holds a case of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        self.repo = Repository(open_database(folder), FakeClock())
        self.repo.cases.create("Dad's knee", patient_name="Tom")

    def state(self) -> tuple[list[str], list[tuple[str, bytes]]]:
        dump = list(self.repo.db.conn.iterdump())
        scans = self.folder / "attachments"
        files = sorted(
            (str(p.relative_to(scans)), p.read_bytes() if p.is_file() else b"<dir>")
            for p in (scans.rglob("*") if scans.exists() else [])
        )
        return dump, files

    def reads_everything(self) -> None:
        """What a start, the pages and --export-calendar read, for every case."""
        repo = self.repo
        assert repo.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert repo.db.execute("PRAGMA foreign_key_check").fetchall() == []
        sync_all_reminders(repo)
        repo.reminders.open()
        for case in repo.cases.list():
            repo.doctors.list(case.id)
            repo.appointments.list(case.id)
            repo.questions.list(case.id)
            repo.opinions.list(case.id)
            repo.rounds.info(case.id)
            repo.todos.list(case.id)
            for record in repo.records.list(case.id):
                repo.records.list_attachments(record.id)
            case_calendar(repo, case.id)

    def restart_app(self, tmp: Path) -> None:
        """Start the app on the folder as a fresh process; it must exit 0 both ways."""
        self.repo.db.close()
        try:
            env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
            for extra in (
                ["--export-calendar", str(tmp / "out.ics")],
                ["--screenshot", str(tmp / "shot.png")],
            ):
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "secondopinion_desktop",
                        "--data-dir",
                        str(self.folder),
                        *extra,
                    ],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=120,
                    check=False,
                )
                assert done.returncode == 0, (extra, done.stderr[-2000:])
                assert "Traceback" not in done.stderr
            TALLY.restarts += 1
        finally:
            self.repo = Repository(open_database(self.folder), FakeClock())


@dataclass
class World:
    export: bytes
    tables: Tables
    items: Items
    target: Target
    tmp: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("fuzz")
    source_folder = tmp / "source"
    source_folder.mkdir()
    source = Repository(open_database(source_folder), FakeClock())
    case_id = demo_with_scans(source, source_folder, tmp / "originals")
    out = tmp / "Mum.secondopinion"
    transfer.export_case(source, case_id, out)
    source.db.close()
    data = out.read_bytes()
    items = members(data)
    target = Target(tmp / "target")
    yield World(data, json.loads(items["case.json"]), items, target, tmp)
    target.repo.db.close()
    print(
        f"\nhostile archives: {TALLY.refused} refused, {TALLY.accepted} accepted, "
        f"{TALLY.restarts} app restarts"
    )


def build(world: World, mutate: Mutation) -> bytes:
    tables = copy.deepcopy(world.tables)
    items = dict(world.items)
    result = mutate(tables, items)
    if isinstance(result, bytes):
        return result
    items["case.json"] = json.dumps(tables).encode()
    return zip_bytes(items)


def try_import(world: World, data: bytes, name: str) -> bool:
    """Import `data`; True if accepted. Either way the data folder is checked."""
    target = world.target
    before = target.state()
    try:
        transfer.import_case(target.repo, data)
    except KnownError as exc:
        assert exc.message.strip() and "Traceback" not in exc.message, name
        assert target.state() == before, f"{name}: a refused import changed something"
        TALLY.refused += 1
        return False
    TALLY.accepted += 1
    target.reads_everything()
    return True


# --- the catalogue ---------------------------------------------------------------------------


def set_value(table: str, column: str, value: Any, row: int = -1) -> Mutation:
    def mutate(tables: Tables, _items: Items) -> None:
        tables[table][row][column] = value

    return mutate


def first_scan(tables: Tables) -> dict[str, Any]:
    return tables["attachments"][0]


def rename_member(
    new_name: str, content: bytes | None = None, fix_checksum: bool = True
) -> Mutation:
    def mutate(tables: Tables, items: Items) -> None:
        row = first_scan(tables)
        old = items.pop("attachments/" + row["file_name"])
        body = old if content is None else content
        row["file_name"] = new_name
        items["attachments/" + new_name] = body
        if fix_checksum:
            row["sha256"] = hashlib.sha256(body).hexdigest()
            row["size"] = len(body)

    return mutate


def raw(fn: Callable[[Items], bytes]) -> Mutation:
    def mutate(_tables: Tables, items: Items) -> bytes:
        return fn(items)

    return mutate


def scan_member(items: Items) -> str:
    return sorted(n for n in items if n.startswith("attachments/"))[0]


def duplicate_member(items: Items) -> bytes:
    name = scan_member(items)
    return zip_bytes([*items.items(), (name, b"%PDF- another")])


def symlink_member(items: Items) -> bytes:
    name = scan_member(items)
    return zip_bytes(items, modes={name: 0o120777})


def truncated(items: Items) -> bytes:
    data = zip_bytes(items)
    return data[: len(data) // 2]


def with_member(name: str, content: bytes) -> Callable[[Items], bytes]:
    return lambda items: zip_bytes({**items, name: content})


def without(name: str) -> Callable[[Items], bytes]:
    return lambda items: zip_bytes({k: v for k, v in items.items() if k != name})


def deep(items: Items) -> bytes:
    return zip_bytes({**items, "case.json": b"[" * 200_000 + b"]" * 200_000})


def deep_value(tables: Tables, _items: Items) -> None:
    nested: Any = "x"
    for _ in range(50):
        nested = [nested]
    tables["cases"][0]["notes"] = nested


def two_cases(tables: Tables, _items: Items) -> None:
    tables["cases"].append({**tables["cases"][0], "id": 999})


def duplicate_ids(tables: Tables, _items: Items) -> None:
    tables["doctors"].append(dict(tables["doctors"][0]))


def call_to_nowhere(tables: Tables, _items: Items) -> None:
    tables["calls"][0]["doctor_id"] = 424242


def scan_to_other_table(tables: Tables, _items: Items) -> None:
    first_scan(tables)["record_id"] = tables["doctors"][-1]["id"] + 1000


def link_to_a_question(tables: Tables, _items: Items) -> None:
    tables["records"][0]["holder_doctor_id"] = tables["questions"][-1]["id"] + 5000


def reminder_about_nothing(tables: Tables, _items: Items) -> None:
    tables["reminders"][0]["about"] = "doctor"
    tables["reminders"][0]["about_id"] = 987654


def wrong_checksum(tables: Tables, _items: Items) -> None:
    first_scan(tables)["sha256"] = "0" * 64


def wrong_size(tables: Tables, _items: Items) -> None:
    first_scan(tables)["size"] += 1


def missing_scan(tables: Tables, items: Items) -> None:
    items.pop("attachments/" + first_scan(tables)["file_name"])


def unknown_table(tables: Tables, _items: Items) -> None:
    tables["spaceships"] = [{"id": 1}]


def unknown_column(tables: Tables, _items: Items) -> None:
    tables["doctors"][0]["favourite_colour"] = "blue"


def manifest(**changes: Any) -> Callable[[Items], bytes]:
    def build_it(items: Items) -> bytes:
        data = {**json.loads(items["manifest.json"]), **changes}
        return zip_bytes({**items, "manifest.json": json.dumps(data).encode()})

    return build_it


CATALOGUE: dict[str, Mutation] = {
    # the four the attack found
    "date of birth 30 February": set_value("cases", "date_of_birth", "2026-02-30", 0),
    "visit time garbage": set_value("appointments", "starts_at", "garbage"),
    "question asked on garbage": set_value("questions", "asked_on", "garbage"),
    "record requested on garbage": set_value("records", "requested_on", "garbage"),
    # dates and times
    "told on a time": set_value("cases", "told_on", "2026-11-08T10:00:00+00:00", 0),
    "visit without offset": set_value("appointments", "starts_at", "2026-11-26T09:30:00"),
    "visit in year 9999": set_value("appointments", "starts_at", "9999-12-31T23:59:59+14:00"),
    "call at a number": set_value("calls", "called_at", 1700000000),
    "reminder due empty": set_value("reminders", "due_at", ""),
    "reminder snoozed garbage": set_value("reminders", "snoozed_until", "soon"),
    "step done garbage": set_value("step_progress", "done_at", "yes"),
    "opinion given 13th month": set_value("opinions", "given_on", "2026-13-01"),
    "talk on 31 April": set_value("rounds", "doctors_talk_on", "2026-04-31"),
    "board checked garbage": set_value("doctors", "board_checked_on", "last week"),
    "created at garbage": set_value("doctors", "created_at", "x"),
    # choices
    "unknown status": set_value("doctors", "status", "not a status"),
    "unknown role": set_value("doctors", "role", "surgeon"),
    "answer true": set_value("doctors", "board_certified", True),
    "unknown record kind": set_value("records", "kind", "Pathology"),
    "unknown topic": set_value("questions", "topic", None),
    "unknown reminder about": set_value("reminders", "about", "weather"),
    "unknown outcome": set_value("opinions", "outcome", "maybe"),
    # numbers
    "negative wait": set_value("doctors", "wait_days", -1),
    "huge wait": set_value("doctors", "wait_days", 10**40),
    "wait as text": set_value("doctors", "wait_days", "nine"),
    "pages as float": set_value("records", "pages", 2.5),
    "step 9": set_value("step_progress", "step", 9),
    "page 0": set_value("reminders", "page", 0),
    "round 0": set_value("questions", "round", 0),
    "current round NaN": set_value("cases", "current_round", float("nan"), 0),
    "position huge": set_value("questions", "position", 2**70),
    # text
    "title a number": set_value("cases", "title", 42, 0),
    "notes a megabyte and more": set_value("cases", "notes", "x" * 1_000_001, 0),
    "title of 100,000 letters": set_value("cases", "title", "T" * 100_000, 0),
    "doctor's name of 5 MB": set_value("doctors", "name", "N" * 5_000_000),
    "notes a letter longer than the notes box": set_value("records", "notes", "n" * 20_001),
    "notes as long as the notes box (accepted)": set_value("records", "notes", "n" * 20_000),
    "name empty list": set_value("doctors", "name", []),
    "name null": set_value("doctors", "name", None),
    "nested value": deep_value,
    # ids and links
    "two cases": two_cases,
    "duplicate doctor ids": duplicate_ids,
    "id zero": set_value("doctors", "id", 0),
    "id as text": set_value("records", "id", "7"),
    "call to a doctor not in the archive": call_to_nowhere,
    "scan of a record not in the archive": scan_to_other_table,
    "holder link to nothing (accepted, set empty)": link_to_a_question,
    "reminder about nothing (accepted, set empty)": reminder_about_nothing,
    "record of another case": set_value("records", "case_id", 77),
    "unknown table": unknown_table,
    "unknown column": unknown_column,
    # scans: suffixes, content, sizes, checksums
    "pdf stored as .exe (accepted, stored as .pdf)": rename_member("report.exe"),
    "program as .pdf": rename_member("report.pdf", documents.windows_program()),
    "program as .exe": rename_member("report.exe", documents.windows_program()),
    "script as .txt (accepted, plain text)": rename_member("notes.txt", documents.script()),
    "zip as .docx": rename_member("letter.docx", documents.zip_file()),
    "empty scan": rename_member("empty.pdf", b""),
    "hidden file name": rename_member(".bashrc"),
    "wrong checksum": wrong_checksum,
    "wrong size": wrong_size,
    "scan missing (accepted, row kept)": missing_scan,
    # the zip itself
    "duplicate member": raw(duplicate_member),
    "symlink member": raw(symlink_member),
    "path traversal member": raw(with_member("attachments/../../evil.sh", b"#!/bin/sh")),
    "absolute path member": raw(with_member("/tmp/evil.pdf", b"%PDF-")),
    "backslash member": raw(with_member("attachments\\..\\evil.pdf", b"%PDF-")),
    "folder member": raw(with_member("attachments/", b"")),
    "no case.json": raw(without("case.json")),
    "no manifest": raw(without("manifest.json")),
    "deeply nested json": raw(deep),
    "case.json not json": raw(with_member("case.json", b"\x00\x01garbage")),
    "newer format": raw(manifest(format_version=2)),
    "unknown migration": raw(manifest(migrations=["9999_from_the_future"])),
    "not our format": raw(manifest(format="zip")),
    "truncated zip": raw(truncated),
    "not a zip": raw(lambda _items: documents.pdf()),
}


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_each_hostile_archive_is_refused_whole_or_imported_whole(world: World, name: str) -> None:
    accepted = try_import(world, build(world, CATALOGUE[name]), name)
    assert accepted == ("accepted" in name), name
    if name == "date of birth 30 February":  # one of the four that once locked people out
        world.target.restart_app(world.tmp)


HOSTILE = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["2026-02-30", "2026-11-30", "2026-11-30T09:30:00+00:00", "", "unknown"])
    | st.lists(st.integers(), max_size=2)
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_any_changed_value_is_refused_whole_or_imported_whole(
    world: World, data: st.DataObject
) -> None:
    tables = [t for t, rows in world.tables.items() if rows]
    table = data.draw(st.sampled_from(sorted(tables)), label="table")
    row = data.draw(st.integers(0, len(world.tables[table]) - 1), label="row")
    column = data.draw(st.sampled_from(sorted(world.tables[table][row])), label="column")
    value = data.draw(HOSTILE, label="value")
    try_import(world, build(world, set_value(table, column, value, row)), f"{table}.{column}")


def test_the_app_starts_on_the_folder_after_all_of_it(world: World) -> None:
    world.target.restart_app(world.tmp)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CATALOGUE))
def test_the_app_starts_after_each_hostile_archive(world: World, name: str) -> None:
    try_import(world, build(world, CATALOGUE[name]), name)
    world.target.restart_app(world.tmp)


def test_the_catalogue_starts_from_an_export_that_imports(world: World) -> None:
    assert try_import(world, world.export, "the export itself")
    with zipfile.ZipFile(io.BytesIO(world.export)) as zf:
        assert len([n for n in zf.namelist() if n.startswith("attachments/")]) == 4
    assert archive.ARCHIVE_SUFFIX == ".secondopinion"
