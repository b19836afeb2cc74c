"""The long use cases report how far they are, and Cancel or a failure at any point of them
leaves the data row for row as before and no file behind (no QApplication here).

Each test first runs the job once to count its reports, then again for every report (or a
seeded sample of them), stopping it there with `Cancelled` or a failure.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from secondopinion_desktop.domain.candidate_import import (
    ImportedCandidate,
    build_candidates,
    guess_mapping,
    read_table,
)
from secondopinion_desktop.domain.doctors import Source
from secondopinion_desktop.services import backups, transfer
from secondopinion_desktop.services.doctors import import_doctors
from secondopinion_desktop.services.progress import Cancelled, Ticker, uncancellable
from secondopinion_desktop.store import backups as stored_backups
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers import documents
from tests.helpers.archives import demo_with_scans
from tests.helpers.clock import FakeClock

Report = tuple[int, int, str]


class Boom(RuntimeError):
    """A failure half-way (a bug, a disk gone): it must unwind like Cancel."""


class StopAt:
    """A progress hook that records each report and raises at report number `at` (0-based)."""

    def __init__(self, at: int | None = None, error: type[BaseException] = Cancelled) -> None:
        self.at = at
        self.error = error
        self.reports: list[Report] = []

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.at is not None and len(self.reports) == self.at:
            raise self.error()
        self.reports.append((done, total, what))


class Folder:
    """A data folder with its database open, as the app has it."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.repo = Repository(open_database(folder), FakeClock())

    def state(self) -> tuple[list[str], list[tuple[str, bytes]]]:
        """Every row, and every file in the folder but SQLite's own (-wal, -shm, the db)."""
        dump = list(self.repo.db.conn.iterdump())
        files = sorted(
            (str(p.relative_to(self.folder)), p.read_bytes() if p.is_file() else b"")
            for p in self.folder.rglob("*")
            if not p.name.startswith("secondopinion.db")
        )
        return dump, files


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Folder]:
    folder = Folder(tmp_path / "data")
    yield folder
    folder.repo.db.close()


def stop_points(count: int, seed: int, sample: int = 6) -> list[int]:
    """Every report index when there are few, else a seeded sample with the first and last."""
    if count <= sample:
        return list(range(count))
    rng = random.Random(seed)
    return sorted({0, count - 1, *rng.sample(range(count), sample - 2)})


def csv_bytes(rows: int) -> bytes:
    lines = ["Provider Name,Specialty,Phone"]
    given = ["Amara", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro"]
    family = ["Diallo", "Okafor", "Raman", "Chen", "Marsh", "Novak", "Silva", "Tanaka"]
    for i in range(rows):
        name = f"Dr. {given[i % 8]} {family[(i // 8) % 8]}{'x' * (i // 64)}"
        lines.append(f"{name},Medical oncology,(555) {200 + i % 700:03d}-{i % 10000:04d}")
    return ("\n".join(lines) + "\n").encode()


# --- the hook itself ---------------------------------------------------------------------------


def test_the_ticker_reports_start_every_nth_and_the_end() -> None:
    hook = StopAt()
    ticker = Ticker(hook, 10, lambda done, total: f"{done} of {total}", every=4)
    ticker.start()
    for _ in range(10):
        ticker.advance()
    assert [r[0] for r in hook.reports] == [0, 4, 8, 10]
    assert hook.reports[-1] == (10, 10, "10 of 10")


def test_an_uncancellable_step_still_reports_but_ignores_cancel() -> None:
    hook = StopAt(at=0)
    uncancellable(hook)(1, 2, "Almost done.")  # no Cancelled comes out
    assert hook.reports == []


# --- the CSV import ----------------------------------------------------------------------------


def test_reading_and_checking_a_list_report_in_words_and_can_be_stopped() -> None:
    data = csv_bytes(5_000)
    reading = StopAt()
    table = read_table(data, reading)
    assert reading.reports[0] == (0, 5_002, "Reading the list: 0 of 5,002 lines.")
    assert reading.reports[-1] == (5_002, 5_002, "Reading the list: 5,002 of 5,002 lines.")
    checking = StopAt()
    result = build_candidates(table, guess_mapping(table.headers), [], checking)
    assert checking.reports[-1] == (5_000, 5_000, "Checking the list: 5,000 of 5,000 rows.")
    assert len(result.candidates) == 5_000
    with pytest.raises(Cancelled):
        read_table(data, StopAt(at=1))
    with pytest.raises(Cancelled):
        build_candidates(table, guess_mapping(table.headers), [], StopAt(at=3))


def _candidates(count: int) -> list[ImportedCandidate]:
    table = read_table(csv_bytes(count))
    return build_candidates(table, guess_mapping(table.headers), []).candidates


@pytest.mark.parametrize("error", [Cancelled, Boom])
def test_adding_a_list_stopped_anywhere_adds_no_one(
    home: Folder, tmp_path: Path, error: type[Exception]
) -> None:
    candidates = _candidates(2_500)
    counted = Folder(tmp_path / "counted")
    full = StopAt()
    count, _changes = import_doctors(
        counted.repo, counted.repo.cases.create("Mum").id, candidates, Source.OTHER, "", full
    )
    counted.repo.close()
    assert count == 2_500
    assert full.reports[-1] == (2_500, 2_500, "Adding the doctors to your list: 2,500 of 2,500.")
    case = home.repo.cases.create("Mum")
    before = home.state()
    for at in stop_points(len(full.reports), seed=16):
        with pytest.raises(error):
            import_doctors(
                home.repo, case.id, candidates, Source.INSURANCE_LIST, "x.csv", StopAt(at, error)
            )
        assert home.state() == before, f"stopped at report {at}"
    assert home.repo.doctors.list(case.id) == []


# --- moving a case -----------------------------------------------------------------------------


@pytest.fixture
def case_with_scans(home: Folder, tmp_path: Path) -> int:
    case_id = demo_with_scans(home.repo, home.folder, tmp_path / "originals")
    from secondopinion_desktop.domain.attachments import Attachment
    from secondopinion_desktop.store.attachment_files import copy_in

    big = tmp_path / "originals" / "MRI series.pdf"
    big.write_bytes(documents.pdf(b"scan " * 2_500_000))  # about 12 MB: several reports
    stored = copy_in(home.folder, big)
    record = home.repo.records.list(case_id)[0]
    home.repo.records.add_attachment(
        Attachment(0, record.id, stored.file_name, stored.original_name, stored.size, stored.sha256)
    )
    return case_id


def test_export_stopped_anywhere_leaves_no_file(
    home: Folder, case_with_scans: int, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    counting = StopAt()
    transfer.export_case(home.repo, case_with_scans, out / "whole.secondopinion", counting)
    words = [r[2] for r in counting.reports]
    assert any(w.startswith("Checking the scans:") for w in words)
    assert any(w.startswith("Writing the case file:") for w in words)
    assert words[-1] == "Saving the case file."
    (out / "whole.secondopinion").unlink()
    before = home.state()
    for error in (Cancelled, Boom):
        for at in stop_points(len(counting.reports), seed=7):
            with pytest.raises(error):
                transfer.export_case(
                    home.repo, case_with_scans, out / "x.secondopinion", StopAt(at, error)
                )
            assert list(out.iterdir()) == [], f"stopped at report {at}"
            assert home.state() == before


def test_import_stopped_anywhere_adds_nothing(
    home: Folder, case_with_scans: int, tmp_path: Path
) -> None:
    archive_path = tmp_path / "mum.secondopinion"
    transfer.export_case(home.repo, case_with_scans, archive_path)
    other = Folder(tmp_path / "other")
    try:
        other.repo.cases.create("Someone else's case")
        before = other.state()
        counting = StopAt()
        transfer.import_case(other.repo, archive_path, counting)
        words = [r[2] for r in counting.reports]
        assert any(w.startswith("Copying the scans:") for w in words)
        assert words[-1] == "Adding the case to your data."
        for error in (Cancelled, Boom):
            for at in stop_points(len(counting.reports), seed=11):
                fresh = Folder(tmp_path / f"fresh-{error.__name__}-{at}")
                fresh.repo.cases.create("Someone else's case")
                start = fresh.state()
                with pytest.raises((error, transfer.ArchiveError)):
                    transfer.import_case(fresh.repo, archive_path, StopAt(at, error))
                assert fresh.state() == start, f"stopped at report {at}"
                fresh.repo.db.close()
        assert before != other.state()  # the whole run did import
    finally:
        other.repo.db.close()


# --- backups -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups report every 64 pages, so a small database gives many chances to stop."""
    monkeypatch.setattr(stored_backups, "PAGES_PER_STEP", 64)


def _fill(repo: Repository, count: int = 300) -> None:
    case = repo.cases.create("Mum", notes="n" * 2_000)
    with repo.db.atomic():
        for i in range(count):
            repo.db.execute(
                "INSERT INTO doctors (case_id, name, notes, created_at, updated_at) "
                "VALUES (?, ?, ?, '2026-11-30', '2026-11-30')",
                [case.id, f"Dr. Number {i}", "x" * 1_500],
            )


def test_a_backup_stopped_anywhere_leaves_no_backup_and_no_temp(home: Folder) -> None:
    _fill(home.repo)
    first = backups.back_up_now(home.repo)
    assert first is not None
    before = home.state()
    counting = StopAt()
    home.repo.clock.advance(minutes=1)  # type: ignore[attr-defined]
    made = backups.back_up_now(home.repo, counting)
    assert made is not None and len(counting.reports) >= 3
    assert counting.reports[-1][2].startswith("Making a backup of your data:")
    made.path.unlink()
    for error in (Cancelled, Boom):
        for at in stop_points(len(counting.reports), seed=3):
            home.repo.clock.advance(minutes=1)  # type: ignore[attr-defined]
            with pytest.raises(error):
                backups.back_up_now(home.repo, StopAt(at, error))
            assert home.state() == before, f"stopped at report {at}"


def _restorable(folder: Folder) -> stored_backups.Backup:
    """Data, a backup of it, then one more case: restoring goes back to one case."""
    _fill(folder.repo)
    backup = backups.back_up_now(folder.repo)
    assert backup is not None
    folder.repo.cases.create("Made after the backup")
    folder.repo.clock.advance(minutes=1)  # type: ignore[attr-defined]
    return backup


def test_a_restore_stopped_before_its_last_step_changes_nothing(
    home: Folder, tmp_path: Path
) -> None:
    counted = Folder(tmp_path / "counted")
    counting = StopAt()
    backups.restore_backup(counted.repo, _restorable(counted), counting)
    assert [c.title for c in counted.repo.cases.list()] == ["Mum"]
    counted.repo.close()
    words = [r[2] for r in counting.reports]
    assert words[0] == "Checking the backup."
    last_step = words.index("Putting the backup in place.")
    backup = _restorable(home)
    before = home.state()
    for error in (Cancelled, Boom):
        for at in stop_points(last_step, seed=5):
            with pytest.raises(error):
                backups.restore_backup(home.repo, backup, StopAt(at, error))
            assert home.state() == before, f"stopped at report {at}"


def test_cancel_during_the_restores_last_step_is_too_late_and_it_finishes(home: Folder) -> None:
    _fill(home.repo, 200)
    kept = backups.back_up_now(home.repo)
    assert kept is not None
    home.repo.cases.create("Made after the backup")
    home.repo.clock.advance(minutes=1)  # type: ignore[attr-defined]
    counting = StopAt()
    backups.restore_backup(home.repo, kept, counting)
    last_step = [r[2] for r in counting.reports].index("Putting the backup in place.")
    home.repo.cases.create("Made after the backup")
    home.repo.clock.advance(minutes=1)  # type: ignore[attr-defined]
    backups.restore_backup(home.repo, kept, StopAt(last_step))
    assert [c.title for c in home.repo.cases.list()] == ["Mum"]
