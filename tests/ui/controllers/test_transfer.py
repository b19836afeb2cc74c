"""File > Export Case and File > Import Case through the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.store.files import write_atomically
from secondopinion_desktop.ui import messages
from tests.ui.conftest import AppSession


def test_export_then_import_adds_a_copy(
    session: AppSession,
    make_case: Callable[..., Case],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_case("Mum's case", patient_name="Margaret Ellis")
    window = session.open()
    target = tmp_path / "out" / "mum.secondopinion"
    target.parent.mkdir()
    monkeypatch.setattr(messages, "choose_save_path", lambda *a: str(target))
    window.export_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert target.stat().st_size > 0
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(target))
    window.import_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    titles = sorted(c.title for c in window.repo.cases.list())
    assert titles == ["Mum's case", "Mum's case (imported)"]
    assert window.case is not None and window.case.title == "Mum's case (imported)"


def test_importing_a_bad_file_explains_and_adds_nothing(
    session: AppSession,
    make_case: Callable[..., Case],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_case()
    window = session.open()
    bad = tmp_path / "photo.secondopinion"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    shown: list[str] = []
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(bad))
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: shown.append(text))
    window.import_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert shown and "Nothing was imported" in shown[0]
    assert len(window.repo.cases.list()) == 1
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(tmp_path / "missing"))
    window.import_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert "could not be found" in shown[-1]


def test_cancelled_export_writes_nothing(
    session: AppSession,
    make_case: Callable[..., Case],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_case()
    window = session.open()
    monkeypatch.setattr(messages, "choose_save_path", lambda *a: "")
    window.export_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert list(tmp_path.glob("*.secondopinion")) == []


def test_write_atomically_keeps_the_old_file_when_it_cannot_write(
    qtbot: Any, tmp_path: Path
) -> None:
    target = tmp_path / "kept.txt"
    write_atomically(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(KnownError):
        write_atomically(tmp_path / "no such folder" / "x.txt", b"second")
    assert target.read_bytes() == b"first"


def test_export_names_the_scans_it_had_to_leave_out(
    session: AppSession,
    make_case: Callable[..., Case],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from secondopinion_desktop.domain.attachments import Attachment
    from secondopinion_desktop.domain.records import RecordItem

    case = make_case("Mum's case")
    window = session.open()
    record = window.repo.records.add(RecordItem(id=0, case_id=case.id, title="Biopsy"))
    window.repo.records.add_attachment(  # its copy is gone from the folder
        Attachment(0, record.id, "0123abcd-1.pdf", "Biopsy report.pdf", 3, "0" * 64)
    )
    target = tmp_path / "mum.secondopinion"
    infos: list[str] = []
    monkeypatch.setattr(messages, "choose_save_path", lambda *a: str(target))
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: infos.append(text))
    window.export_action.trigger()
    assert window.jobs.wait()  # the work runs off the window's thread
    assert target.exists()
    assert "Biopsy report.pdf" in infos[0] and "left out" in infos[0]
