"""A big scan (a CT study saved as one PDF, hundreds of megabytes) is copied in the
background with progress and Cancel: the window never stands still for the copy, and Cancel
leaves no copy and no row. Through the window, with a real file on disk; restarted after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QTableView, QWidget

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.progress import Progress
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.store import attachment_files
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.pages.records_scans import ATTACH_IN_BACKGROUND_FROM
from tests.helpers.gate import Gate
from tests.helpers.stranger import named
from tests.ui.conftest import AppSession

TITLE = "CT scan of the chest"


def big_scan(folder: Path) -> Path:
    path = folder / "CT chest.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"0" * (ATTACH_IN_BACKGROUND_FROM + 4 * 1024 * 1024))
    return path


def stored_copies(session: AppSession) -> list[str]:
    folder = attachment_files.attachments_dir(session.folder)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def held_after_the_first_megabyte(monkeypatch: pytest.MonkeyPatch, gate: Gate) -> None:
    """The copy waits at `gate` after its first report (the test acts while it runs)."""
    real = attachment_files.copy_in

    def held(data_folder: Path, source: Path, progress: Progress) -> object:
        def report(done: int, total: int, what: str) -> None:
            progress(done, total, what)
            if not gate.started.is_set():
                gate.wait_here()

        return real(data_folder, source, report)

    monkeypatch.setattr(attachment_files, "copy_in", held)


def choose_the_item(session: AppSession, make_case: Callable[..., Case]) -> QWidget:
    case = make_case("Dad", diagnosis="Lung nodule")
    repo = session.open_repo()
    repo.records.add(RecordItem(id=0, case_id=case.id, title=TITLE))
    window = session.open()
    window.open_case(case.id)
    window.show_page(4)
    QApplication.processEvents()
    table = named(window, QTableView, "Your records checklist")
    model = table.model()
    [row] = [r for r in range(model.rowCount()) if model.index(r, 0).data() == TITLE]
    table.selectRow(row)
    return window


def test_a_big_scan_is_copied_in_the_background_and_cancel_leaves_nothing(
    session: AppSession,
    make_case: Callable[..., Case],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    scan = big_scan(tmp_path)
    window = choose_the_item(session, make_case)
    window.jobs.show_after_ms = 0  # its progress dialog at once
    gate = Gate()
    held_after_the_first_megabyte(monkeypatch, gate)
    monkeypatch.setattr(messages, "choose_open_path", lambda *_a: str(scan))
    named(window, QPushButton, "Attach a scan to the selected item").click()
    assert gate.started.wait(10)  # the copy runs off the window's thread: the click returned
    QApplication.processEvents()
    dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    [progress] = [w for w in dialogs if w.accessibleName() == "Attaching the scan"]
    named(progress, QPushButton, "Cancel, and change nothing").click()
    gate.release.set()
    assert window.jobs.wait()
    repo = session.open_repo()
    [item] = [i for i in repo.records.list(window.case.id) if i.title == TITLE]
    assert repo.records.list_attachments(item.id) == []
    assert stored_copies(session) == []
    assert window.statusBar().currentMessage() == "The scan was not attached."

    monkeypatch.undo()
    monkeypatch.setattr(messages, "choose_open_path", lambda *_a: str(scan))
    named(window, QPushButton, "Attach a scan to the selected item").click()
    assert window.jobs.wait()
    [attached] = repo.records.list_attachments(item.id)
    assert stored_copies(session) == [attached.file_name]
    assert window.statusBar().currentMessage() == "Attached \u201cCT chest.pdf\u201d."

    session.restart()  # what a restart finds: the one copy, listed
    repo = session.open_repo()
    assert [a.original_name for a in repo.records.list_attachments(item.id)] == ["CT chest.pdf"]
    assert stored_copies(session) == [attached.file_name]
    assert scan.stat().st_size > ATTACH_IN_BACKGROUND_FROM  # the original is untouched
