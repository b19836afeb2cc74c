"""Remove an item on the records checklist, then Undo: all of it comes back, through the window.

Undo used to put back the item alone: where it went in the earlier round and its attached scans
were lost. Now the item, its history and its scans (rows and the copies on disk) return.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from secondopinion_desktop.services import records
from secondopinion_desktop.ui import messages
from tests.helpers.rounds import walked_to_a_third_round
from tests.helpers.stranger import button, named
from tests.ui.conftest import AppSession


def test_remove_then_undo_brings_back_the_history_and_the_scans(
    qtbot: QtBot, session: AppSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = session.open_repo()
    case_id, _chen, item = walked_to_a_third_round(repo)
    folder = repo.data_folder()
    assert folder is not None
    scan = tmp_path / "records.pdf"
    scan.write_bytes(b"%PDF-1.4 pretend records")
    records.attach_scan(repo, folder, item, scan)
    before = (
        repo.records.get(item.id),
        repo.deliveries.for_record(item.id),
        repo.records.list_attachments(item.id),
    )
    assert before[1] and before[2], "the item needs a history and a scan for this test"
    (attached,) = before[2]
    copy = folder / "attachments" / attached.file_name

    window = session.open()
    window.show_page(4)
    table = named(window, QTableView, "Your records checklist")
    model = table.model()
    (row,) = [r for r in range(model.rowCount()) if item.title in str(model.index(r, 0).data())]
    table.selectRow(row)
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "ask_yes_no", lambda _p, _t, text, **_k: asked.append(text) or True
    )
    button(window, "Remove the selected item").click()
    assert "you can undo this" in asked[0]
    assert not copy.exists(), "the copy is set aside while the item is removed"
    assert item.id not in [i.id for i in repo.records.list(case_id)]
    assert repo.deliveries.for_record(item.id) == []

    button(window, "Undo removing the item").click()
    after = (
        repo.records.get(item.id),
        repo.deliveries.for_record(item.id),
        repo.records.list_attachments(item.id),
    )
    assert after == before
    assert copy.read_bytes() == b"%PDF-1.4 pretend records"
    window.undo_stack.redo()
    assert item.id not in [i.id for i in repo.records.list(case_id)]
    window.undo_stack.undo()
    assert repo.records.list_attachments(item.id) == before[2]
