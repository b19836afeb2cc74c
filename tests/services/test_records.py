"""Records: items saved with undo, scans copied in once, files removed only after the rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.progress import Cancelled
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services import records
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store import attachment_files
from secondopinion_desktop.store.repository import Repository


def copies(folder: Path) -> list[str]:
    where = attachment_files.attachments_dir(folder)
    return sorted(p.name for p in where.iterdir()) if where.exists() else []


def nothing_kept(repo: Repository, folder: Path, item: RecordItem) -> None:
    """An attach that did not finish left no row and no copy."""
    assert repo.records.list_attachments(item.id) == []
    assert copies(folder) == []


@pytest.fixture
def folder(file_repo: Repository) -> Path:
    found = file_repo.data_folder()
    assert found is not None
    return found


@pytest.fixture
def item(file_repo: Repository) -> RecordItem:
    case = file_repo.cases.create("Mum")
    return file_repo.records.add(RecordItem(id=0, case_id=case.id, title="Pathology report"))


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 a scan\n")
    return path


def test_save_item_adds_changes_restores_and_removes(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    added, changes = records.save_item(
        repo, None, RecordItem(id=0, case_id=case.id, title="Blood counts")
    )
    assert added is not None and added.id
    assert changes.case_id == case.id and changes.kinds == {Kind.RECORDS}
    changed, _ = records.save_item(repo, added, replace(added, pages=3))
    assert changed is not None and changed.pages == 3
    gone, _ = records.save_item(repo, changed, None)
    assert gone is None and repo.records.list(case.id) == []
    back, _ = records.save_item(repo, None, changed)  # undo of the removal: same id
    assert back == repo.records.get(changed.id)


def test_undo_of_an_item_changed_elsewhere_writes_nothing(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    added, _ = records.save_item(repo, None, RecordItem(id=0, case_id=case.id, title="X"))
    assert added is not None
    repo.records.delete(added.id)
    result, _ = records.save_item(repo, added, added)
    assert result is None and repo.records.list(case.id) == []


def test_a_scan_is_copied_in_once(
    file_repo: Repository, folder: Path, item: RecordItem, scan: Path
) -> None:
    first = records.attach_scan(file_repo, folder, item, scan)
    assert (first.original_name, first.duplicate) == ("report.pdf", False)
    assert first.changes.kinds == {Kind.ATTACHMENTS}
    again = records.attach_scan(file_repo, folder, item, scan)
    assert again.duplicate and not again.changes
    (stored,) = file_repo.records.list_attachments(item.id)
    assert copies(folder) == [stored.file_name]
    assert scan.read_bytes() == b"%PDF-1.4 a scan\n"


def test_a_scan_whose_row_cannot_be_written_leaves_no_copy(
    file_repo: Repository,
    folder: Path,
    item: RecordItem,
    scan: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        file_repo.records, "add_attachment", lambda _a: (_ for _ in ()).throw(OSError())
    )
    with pytest.raises(OSError):
        records.attach_scan(file_repo, folder, item, scan)
    nothing_kept(file_repo, folder, item)
    assert scan.exists()


def test_a_file_that_is_not_a_scan_is_refused_in_words(
    file_repo: Repository, folder: Path, item: RecordItem, tmp_path: Path
) -> None:
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ")
    with pytest.raises(KnownError):
        records.attach_scan(file_repo, folder, item, program)
    assert copies(folder) == []


def test_removing_an_item_removes_its_scans_after_the_rows(
    file_repo: Repository, folder: Path, item: RecordItem, scan: Path
) -> None:
    records.attach_scan(file_repo, folder, item, scan)
    changes = records.remove_item(file_repo, folder, item)
    assert changes.kinds == {Kind.RECORDS, Kind.ATTACHMENTS}
    assert file_repo.records.list(item.case_id) == []
    assert copies(folder) == []


def test_a_removal_that_fails_leaves_rows_and_files_as_they_were(
    file_repo: Repository,
    folder: Path,
    item: RecordItem,
    scan: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records.attach_scan(file_repo, folder, item, scan)
    (stored,) = file_repo.records.list_attachments(item.id)
    real_delete = file_repo.records.delete

    def delete_then_fail(record_id: int) -> object:
        real_delete(record_id)  # the row is gone inside the transaction...
        raise OSError("disk I/O error")  # ...which then fails

    monkeypatch.setattr(file_repo.records, "delete", delete_then_fail)
    with pytest.raises(OSError):
        records.remove_item(file_repo, folder, item)
    assert file_repo.records.list_attachments(item.id) == [stored]
    assert copies(folder) == [stored.file_name]

    monkeypatch.setattr(
        file_repo.records, "delete_attachment", lambda _i: (_ for _ in ()).throw(OSError())
    )
    with pytest.raises(OSError):
        records.remove_scan(file_repo, folder, item.case_id, stored)
    assert copies(folder) == [stored.file_name]


def test_removing_one_scan(
    file_repo: Repository, folder: Path, item: RecordItem, scan: Path
) -> None:
    records.attach_scan(file_repo, folder, item, scan)
    (stored,) = file_repo.records.list_attachments(item.id)
    changes = records.remove_scan(file_repo, folder, item.case_id, stored)
    assert changes.kinds == {Kind.ATTACHMENTS}
    nothing_kept(file_repo, folder, item)


def test_a_scan_opens_only_while_it_is_the_file_attached(
    file_repo: Repository, folder: Path, item: RecordItem, scan: Path
) -> None:
    records.attach_scan(file_repo, folder, item, scan)
    (stored,) = file_repo.records.list_attachments(item.id)
    path = records.openable_scan(file_repo, stored)
    assert path.parent == attachment_files.attachments_dir(folder)
    path.chmod(0o600)
    path.write_bytes(b"%PDF-1.4 something else\n")
    with pytest.raises(KnownError):
        records.openable_scan(file_repo, stored)


def test_a_database_in_memory_has_no_scans_to_open(repo: Repository) -> None:
    case = repo.cases.create("Mum")
    item = repo.records.add(RecordItem(id=0, case_id=case.id, title="X"))
    attachment = Attachment(
        id=1, record_id=item.id, file_name="a.pdf", original_name="a.pdf", size=1, sha256="0"
    )
    with pytest.raises(KnownError):
        records.openable_scan(repo, attachment)


def test_an_item_taken_out_is_put_back_whole_with_its_history_and_scans(
    file_repo: Repository, folder: Path, item: RecordItem, scan: Path
) -> None:
    from secondopinion_desktop.domain.rounds import RecordDelivery

    records.attach_scan(file_repo, folder, item, scan)
    file_repo.deliveries.add_many(
        [RecordDelivery(id=0, record_id=item.id, round=2, doctor_name="Dr. Chen", sent_on=None)]
    )
    before = (
        file_repo.records.get(item.id),
        file_repo.deliveries.for_record(item.id),
        file_repo.records.list_attachments(item.id),
    )
    name = before[2][0].file_name
    removed, changes = records.take_out_item(file_repo, folder, item)
    assert changes.kinds == {Kind.RECORDS, Kind.ATTACHMENTS}
    assert file_repo.records.list(item.case_id) == []
    assert copies(folder) == [], "the copy left the scans' folder"
    assert (folder / "removed-scans" / name).is_file(), "undo still needs the copy"
    restored, _changes = records.put_back_item(file_repo, folder, removed)
    assert copies(folder) == [name]
    assert restored == before[0]
    assert (
        file_repo.deliveries.for_record(item.id),
        file_repo.records.list_attachments(item.id),
    ) == before[1:]


def test_a_set_aside_copy_goes_at_the_next_start_unless_a_row_names_it(
    file_repo: Repository, folder: Path, item: RecordItem, scan: Path
) -> None:
    from secondopinion_desktop.store.leftovers import remove_unreferenced_attachments

    records.attach_scan(file_repo, folder, item, scan)
    records.take_out_item(file_repo, folder, item)
    remove_unreferenced_attachments(file_repo.db, folder)
    assert copies(folder) == []
    assert list((folder / "removed-scans").iterdir()) == []


def test_a_big_scan_reports_its_copy_and_cancel_leaves_nothing(
    file_repo: Repository, folder: Path, item: RecordItem, tmp_path: Path
) -> None:
    big = tmp_path / "CT scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    said: list[tuple[int, int, str]] = []

    def cancel_after_the_first(done: int, total: int, what: str) -> None:
        said.append((done, total, what))
        raise Cancelled

    with pytest.raises(Cancelled):
        records.attach_scan(file_repo, folder, item, big, cancel_after_the_first)
    assert said == [(8192, big.stat().st_size, "Copying the scan: 0.0 of 3.1 MB.")]
    nothing_kept(file_repo, folder, item)
    heard: list[int] = []
    attached = records.attach_scan(file_repo, folder, item, big, lambda d, t, w: heard.append(d))
    assert heard[-1] == big.stat().st_size and not attached.duplicate


def test_a_full_disk_while_copying_a_scan_is_said_in_words_and_leaves_nothing(
    file_repo: Repository,
    folder: Path,
    item: RecordItem,
    scan: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk cannot be made without administrator rights: the copy's last write fails
    with ENOSPC, as it would."""
    import errno
    import os

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "fsync", full)
        with pytest.raises(KnownError) as refused:
            records.attach_scan(file_repo, folder, item, scan)
    assert "free space" in refused.value.message and "report.pdf" in refused.value.message
    assert "Errno" not in refused.value.message
    nothing_kept(file_repo, folder, item)
    assert records.attach_scan(file_repo, folder, item, scan).original_name == "report.pdf"


@pytest.mark.parametrize(
    ("years", "papers"), [(9, "Your child's insurance card"), (40, "Photo ID")]
)
def test_a_new_checklist_suggests_papers_for_the_patients_age_today(
    repo: Repository, years: int, papers: str
) -> None:
    today = repo.today()
    born = today.replace(year=today.year - years, day=1)
    case = repo.cases.create("Case", date_of_birth=born)
    titles = [i.title for i in records.ensure_default_records(repo, case.id)]
    assert papers in titles
    assert ("Photo ID" in titles) is (years >= 18)
