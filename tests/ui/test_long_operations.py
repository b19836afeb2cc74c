"""Long work runs off the window's thread, with a progress dialog and a Cancel that changes
nothing; a second writer meanwhile is refused in words; a failure is told in words.

The job's service is held at its start (a threading.Event) so the test can look at the
dialog and press Cancel while it is certainly still running, on any machine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.services import doctors as doctor_service
from secondopinion_desktop.services.progress import Progress
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.accessibility import unnamed_controls
from tests.ui.conftest import AppSession

W = TypeVar("W", bound=QWidget)

IMPORT_BUTTON = "Import doctors from a spreadsheet saved as CSV"
ADD_BUTTON = "Add the doctors to your list"
CANCEL_BUTTON = "Cancel, and change nothing"


def named(root: QWidget, kind: type[W], name: str) -> W:
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} controls named {name!r}"
    return found[0]


def write_list(path: Path, rows: int) -> Path:
    given = ["Amara", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro"]
    family = ["Diallo", "Okafor", "Raman", "Chen", "Marsh", "Novak", "Silva", "Tanaka"]
    lines = ["Provider Name,Specialty,Phone"]
    for i in range(rows):
        name = f"Dr. {given[i % 8]} {family[(i // 8) % 8]}{'s' * (i // 64)}"
        lines.append(f"{name},Medical oncology,(555) {200 + i % 700:03d}-{i % 10000:04d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Held:
    """Wraps a service so it waits, once started, until the test lets it go on."""

    def __init__(self, real: Callable[..., Any], fail: bool = False) -> None:
        self.real = real
        self.fail = fail
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, repo: Any, *args: Any) -> Any:
        progress: Progress = args[-1]
        progress(0, 1, "Adding the doctors to your list.")
        self.started.set()
        assert self.release.wait(20), "the test never let the job go on"
        if self.fail:
            raise RuntimeError("a bug, not the person's problem")
        return self.real(repo, *args)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    wrapper = Held(doctor_service.import_doctors)
    monkeypatch.setattr(doctor_service, "import_doctors", wrapper)
    yield wrapper
    wrapper.release.set()


def start_import(qtbot: QtBot, window: MainWindow, csv: Path) -> None:
    """Step 2, Import a list…, choose the file in the real import dialog, Add."""
    window.jobs.show_after_ms = 0
    window.show_page(2)

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.accessibleName() == "Import doctors from a list"
        assert dialog.load_file(str(csv))  # type: ignore[attr-defined]  # read off-thread
        add_when_read(dialog, 500)

    def add_when_read(dialog: QWidget, tries: int) -> None:
        add = named(dialog, QPushButton, ADD_BUTTON)
        if add.isEnabled() or tries == 0:
            add.click() if add.isEnabled() else dialog.reject()
            return
        QTimer.singleShot(20, lambda: add_when_read(dialog, tries - 1))

    QTimer.singleShot(0, in_the_dialog)
    named(window, QPushButton, IMPORT_BUTTON).click()


def reads_then(csv: Path, seen: dict[str, Any], then: Callable[[], None]) -> Callable[[], None]:
    """What runs once the import window is up: it reads `csv` (seen["dialog"]), then `then`."""

    def in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        seen["dialog"] = dialog
        dialog.load_file(str(csv))  # type: ignore[attr-defined]
        QTimer.singleShot(10, then)

    return in_the_dialog


def progress_dialog(qtbot: QtBot, window: MainWindow) -> QWidget:
    qtbot.waitUntil(lambda: window.jobs.dialog is not None and window.jobs.dialog.isVisible())
    dialog = window.jobs.dialog
    assert dialog is not None
    return dialog


def doctors_of(window: MainWindow, case: Case) -> list[str]:
    return [d.name for d in window.repo.doctors.list(case.id)]


def strays(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.name.startswith(".") or p.name.endswith(".partial")
    )


def test_cancelling_an_import_of_a_csv_file_adds_no_one_even_after_a_restart(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    tmp_path: Path,
    held: Held,
) -> None:
    case = make_case("Mum")
    window = session.open()
    csv = write_list(tmp_path / "Bluebrook in-network.csv", 3_000)  # 140 KB: read at once
    before = doctors_of(window, case)
    start_import(qtbot, window, csv)
    dialog = progress_dialog(qtbot, window)
    assert dialog.windowTitle() == "Adding the doctors"
    assert unnamed_controls(dialog) == []
    assert held.started.wait(10)
    qtbot.waitUntil(lambda: "Adding the doctors to your list" in dialog.labelText())  # type: ignore[attr-defined]
    named(dialog, QPushButton, CANCEL_BUTTON).click()
    assert "Stopping" in dialog.labelText()  # type: ignore[attr-defined]
    assert window.jobs.busy  # the dialog stays until the job has really stopped
    held.release.set()
    assert window.jobs.wait()
    assert window.jobs.dialog is None  # closed (and deleted) once the job stopped
    assert doctors_of(window, case) == before
    assert window.statusBar().currentMessage() == (
        "Nothing was added from Bluebrook in-network.csv."
    )
    assert strays(session.folder) == []
    window = session.restart()
    assert doctors_of(window, case) == before
    assert window.case is not None and window.case.id == case.id


def test_an_import_that_finishes_adds_everyone_and_says_so(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    tmp_path: Path,
    held: Held,
) -> None:
    case = make_case("Mum")
    window = session.open()
    start_import(qtbot, window, write_list(tmp_path / "list.csv", 1_500))
    progress_dialog(qtbot, window)
    held.release.set()
    assert window.jobs.wait()
    assert len(doctors_of(window, case)) == 1_500
    assert window.statusBar().currentMessage() == "Added 1,500 doctors from list.csv."


def test_a_second_writer_is_refused_in_words_while_a_job_runs(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    tmp_path: Path,
    held: Held,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_case("Mum")
    window = session.open()
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, title, text: told.append((title, text)))
    start_import(qtbot, window, write_list(tmp_path / "list.csv", 600))
    progress_dialog(qtbot, window)
    for action in (window.backup_action, window.import_action, window.export_action):
        action.trigger()
    words = (
        "Second Opinion is still adding the doctors from the list. Please wait until it finishes."
    )
    assert told == [("Please wait", words)] * 3
    held.release.set()
    assert window.jobs.wait()
    assert not list((session.folder / "backups").glob("*by-hand*"))


def test_a_job_that_fails_says_so_in_words_and_changes_nothing(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    tmp_path: Path,
    held: Held,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = make_case("Mum")
    window = session.open()
    held.fail = True
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: shown.append((title, text)))
    start_import(qtbot, window, write_list(tmp_path / "list.csv", 600))
    progress_dialog(qtbot, window)
    held.release.set()
    assert window.jobs.wait()
    assert shown and shown[0][0] == "Doctors not added"
    assert shown[0][1].startswith("Something went wrong while adding the doctors from the list")
    assert "Traceback" not in shown[0][1] and "RuntimeError" not in shown[0][1]
    assert doctors_of(window, case) == []


def test_cancelling_the_reading_of_a_list_says_so_in_the_import_window(
    session: AppSession,
    make_case: Callable[..., Case],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from secondopinion_desktop.ui.dialogs import import_dialog

    case = make_case("Mum")
    window = session.open()
    window.jobs.show_after_ms = 0
    reading = Held(import_dialog.read_list)
    monkeypatch.setattr(import_dialog, "read_list", reading)
    monkeypatch.setattr(import_dialog, "BUSY_BYTES", 100)  # a small file counts as big here
    csv = write_list(tmp_path / "list.csv", 200)
    seen: dict[str, Any] = {}

    def press_cancel() -> None:
        progress = window.jobs.dialog
        if progress is None or not progress.isVisible() or not reading.started.is_set():
            QTimer.singleShot(10, press_cancel)
            return
        seen["title"] = progress.windowTitle()
        named(progress, QPushButton, CANCEL_BUTTON).click()
        reading.release.set()
        QTimer.singleShot(10, when_stopped)

    def when_stopped() -> None:
        if window.jobs.busy:
            QTimer.singleShot(10, when_stopped)
            return
        dialog = seen["dialog"]
        seen["problem"] = dialog.error_label.text()
        seen["add"] = named(dialog, QPushButton, ADD_BUTTON).isEnabled()
        dialog.reject()

    window.show_page(2)
    QTimer.singleShot(0, reads_then(csv, seen, press_cancel))
    named(window, QPushButton, IMPORT_BUTTON).click()
    assert seen["title"] == "Reading the list"
    assert seen["problem"].startswith("You stopped reading this file.")
    assert "Nothing was imported" in seen["problem"]
    assert seen["add"] is False
    assert doctors_of(window, case) == []


def test_the_first_rows_show_while_the_rest_of_a_long_list_is_checked(
    monkeypatch: pytest.MonkeyPatch, session: AppSession, make_case: Callable[..., Case]
) -> None:
    from secondopinion_desktop.ui.dialogs import import_dialog

    tmp_path = session.folder.parent
    make_case("Mum")
    window = session.open()
    window.jobs.show_after_ms = 0
    checking = Held(import_dialog.build_candidates)
    monkeypatch.setattr(import_dialog, "build_candidates", checking)
    monkeypatch.setattr(import_dialog, "BUSY_ROWS", 10)  # 200 rows count as many here
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_a, **_k: True)
    csv = write_list(tmp_path / "list.csv", 200)
    seen: dict[str, Any] = {}

    def while_checking() -> None:
        if not checking.started.is_set():
            QTimer.singleShot(10, while_checking)
            return
        dialog = seen["dialog"]
        seen["rows"] = dialog.preview_model.rowCount()
        seen["first"] = dialog.preview_model.index(0, 1).data()
        seen["summary"] = dialog.summary_label.text()
        seen["add while checking"] = named(dialog, QPushButton, ADD_BUTTON).isEnabled()
        checking.release.set()
        QTimer.singleShot(10, when_checked)

    def when_checked() -> None:
        dialog = seen["dialog"]
        if window.jobs.busy:
            QTimer.singleShot(10, when_checked)
            return
        seen["add"] = named(dialog, QPushButton, ADD_BUTTON).text()
        dialog.reject()

    window.show_page(2)
    QTimer.singleShot(0, reads_then(csv, seen, while_checking))
    named(window, QPushButton, IMPORT_BUTTON).click()
    assert seen["rows"] == 50
    assert seen["first"] == "Dr. Amara Diallo"
    assert seen["summary"] == "Checking all 200 rows\u2026 The first ones are shown below."
    assert seen["add while checking"] is False
    assert seen["add"] == "Add 200 doctors"
