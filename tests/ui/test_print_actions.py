"""Print, preview and save-as-PDF: every printable goes through the one renderer."""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6 import QtPrintSupport
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.records import Delivery, RecordItem, Timing
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.render import render_cover_sheet
from secondopinion_desktop.services import exports
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages, print_actions
from secondopinion_desktop.ui.background import Jobs
from secondopinion_desktop.ui.pages.records_panel import RecordsPanel
from tests.helpers.clock import FIXED_NOW
from tests.helpers.sheets import sheet
from tests.pdf_text import read_pdf


class FakePrintDialog:
    """Stands in for the preview and the print dialog: paints into a PDF on the printer."""

    accept = True
    painted: ClassVar[list[int]] = []

    def __init__(self, printer: QPrinter, _parent: Any) -> None:
        self.printer = printer
        self.handlers: list[Any] = []
        self.paintRequested = self

    def connect(self, handler: Any) -> None:
        self.handlers.append(handler)

    def setWindowTitle(self, _title: str) -> None: ...

    def resize(self, *_size: int) -> None: ...

    def exec(self) -> int:
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(os.devnull)
        FakePrintDialog.painted.extend(handler(self.printer) for handler in self.handlers)
        return 1 if FakePrintDialog.accept else 0


@pytest.fixture
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> type[FakePrintDialog]:
    FakePrintDialog.painted = []
    FakePrintDialog.accept = True
    monkeypatch.setattr(QtPrintSupport, "QPrintPreviewDialog", FakePrintDialog)
    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", FakePrintDialog)
    return FakePrintDialog


def test_preview_paints_through_the_render_function(
    qapp: Any, fake_dialogs: type[FakePrintDialog]
) -> None:
    cover = sheet()
    print_actions.preview(None, "Cover", lambda device: render_cover_sheet(cover, device), "A4")
    assert fake_dialogs.painted == [1]


def test_printing_renders_once_accepted_and_not_when_cancelled(
    qapp: Any, fake_dialogs: type[FakePrintDialog]
) -> None:
    printed: list[QPrinter] = []

    def render(device: Any) -> int:
        printed.append(device)
        return 1

    assert print_actions.print_with_dialog(None, "Questions", render, "Letter")
    assert len(printed) == 1 and printed[0].docName() == "Questions"
    fake_dialogs.accept = False
    assert not print_actions.print_with_dialog(None, "Questions", render, "Letter")
    assert len(printed) == 1


def test_a_printing_failure_is_told_in_words(
    qapp: Any, fake_dialogs: type[FakePrintDialog], monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, title, text: told.append(title))

    def broken(_device: Any) -> int:
        raise KnownError("The printer is not there.", "test")

    assert not print_actions.print_with_dialog(None, "Questions", broken, "A4")
    assert told == ["Could not print"]


def fixed(title: str, file_name: str, printable: Any) -> print_actions.PdfSheet[Any]:
    """A sheet to save as a PDF whose contents are already known (no reading)."""
    return print_actions.PdfSheet(
        title, file_name, lambda _repo: printable, lambda value, device, progress: value(device)
    )


def cover_pdf() -> print_actions.PdfSheet[Any]:
    cover = sheet()
    return print_actions.PdfSheet(
        "Cover", "cover.pdf", lambda _repo: cover, render_cover_sheet, "Reading the records."
    )


def test_a_script_prints_as_a_page_with_its_heading(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo: Repository
) -> None:
    target = tmp_path / "script.pdf"
    jobs = Jobs(None, repo)  # a database in memory: the job runs at once

    def into_pdf(_parent: Any, title: str, render: Any, size: str) -> bool:
        return print_actions.save_pdf(None, jobs, fixed(title, "script.pdf", render), size)

    monkeypatch.setattr(print_actions, "print_with_dialog", into_pdf)
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(target))
    text = "Hello, this is Sarah Ellis.\n\nI am calling for my mother, Margaret <Ellis>."
    assert print_actions.print_text(None, "What to say on the phone", text)
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    assert "What to say on the phone" in info.flat
    assert "calling for my mother, Margaret <Ellis>." in info.flat


def test_save_pdf_starts_in_the_folder_used_last_time(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo: Repository
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    asked: list[str] = []
    chosen = tmp_path / "letters" / "for the office"
    chosen.parent.mkdir()

    def choose(_parent: Any, _title: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return str(chosen)

    monkeypatch.setattr(messages, "choose_save_path", choose)
    jobs = Jobs(None, repo)
    saved: list[Path] = []
    assert print_actions.save_pdf(None, jobs, cover_pdf(), "A4", settings, saved.append)
    assert saved == [chosen.with_name("for the office.pdf")]
    assert read_pdf(saved[0].read_bytes()).pages == 1
    assert asked[0] == str(Path.home() / "cover.pdf")
    print_actions.save_pdf(None, jobs, cover_pdf(), "A4", settings)
    assert asked[1] == str(chosen.parent / "cover.pdf")


def test_a_cancelled_save_writes_nothing(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo: Repository
) -> None:
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: "")
    assert not print_actions.save_pdf(None, Jobs(None, repo), cover_pdf(), "A4")
    assert list(tmp_path.iterdir()) == []


def many_records(repo: Repository, count: int) -> RecordsPanel:
    """The records page of a case whose cover sheet lists `count` items (a file database)."""
    case = repo.cases.create("Mum", patient_name="Margaret Ellis", organiser_name="Sarah Ellis")
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", fax="1"))
    when = dt.datetime(2026, 12, 1, 9, 30, tzinfo=FIXED_NOW.tzinfo)
    repo.appointments.add(Appointment(id=0, case_id=case.id, doctor_id=raman.id, starts_at=when))
    faxed = replace(RecordItem(id=0, case_id=case.id, title=""), delivery=Delivery.FAX)
    letter = replace(faxed, timing=Timing.SEND_AHEAD, received_on=dt.date(2026, 11, 18))
    for n in range(count):
        repo.records.add(replace(letter, title=f"Clinic letter {n + 1}", pages=2))
    panel = RecordsPanel(repo, None, step=4)
    panel.load(case)
    panel.jobs.show_after_ms = 0
    return panel


def test_a_long_pdf_is_made_in_the_background_and_cancel_leaves_no_file(
    qtbot: QtBot, file_repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records cover sheet of 60 items: Save as PDF returns at once, a progress dialog
    says what is happening, Cancel leaves no file (nor a temp one); saved again, it is whole."""
    panel = many_records(file_repo, 60)
    qtbot.addWidget(panel)
    said: list[str] = []
    panel.status_message.connect(said.append)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(out / "cover"))
    started, release = threading.Event(), threading.Event()
    real = exports.cover_sheet

    def held(repo: Repository, case_id: int) -> Any:
        started.set()
        assert release.wait(20), "the test never let the job go on"
        return real(repo, case_id)

    monkeypatch.setattr(exports, "cover_sheet", held)
    panel.pdf_button.click()
    assert started.wait(10)  # the worker is reading; the window's thread is free
    qtbot.waitUntil(lambda: panel.jobs.dialog is not None and panel.jobs.dialog.isVisible())
    dialog = panel.jobs.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Saving the PDF: Medical records cover sheet"
    qtbot.waitUntil(lambda: dialog.labelText() == "Reading the records\u2026")
    cancel = next(
        b for b in dialog.findChildren(QPushButton) if b.accessibleName().startswith("Cancel")
    )
    cancel.click()
    release.set()
    assert panel.jobs.wait()
    assert list(out.iterdir()) == []
    assert said == []
    panel.pdf_button.click()
    assert panel.jobs.wait()
    info = read_pdf((out / "cover.pdf").read_bytes())
    assert info.pages > 1
    assert "Clinic letter 1" in info.flat and "Clinic letter 60" in info.flat
    assert list(out.iterdir()) == [out / "cover.pdf"]
    assert said == ["Saved the cover sheet as cover.pdf."]
