"""Print, preview and save-as-PDF: every printable goes through the one renderer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6 import QtPrintSupport
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.render import render_cover_sheet
from secondopinion_desktop.ui import messages, print_actions
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


def test_a_script_prints_as_a_page_with_its_heading(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "script.pdf"

    def into_pdf(_parent: Any, title: str, render: Any, size: str) -> bool:
        return print_actions.save_pdf(None, title, "script.pdf", render, size) is not None

    monkeypatch.setattr(print_actions, "print_with_dialog", into_pdf)
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(target))
    text = "Hello, this is Sarah Ellis.\n\nI am calling for my mother, Margaret <Ellis>."
    assert print_actions.print_text(None, "What to say on the phone", text)
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    assert "What to say on the phone" in info.flat
    assert "calling for my mother, Margaret <Ellis>." in info.flat


def test_save_pdf_starts_in_the_folder_used_last_time(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    asked: list[str] = []
    chosen = tmp_path / "letters" / "for the office"
    chosen.parent.mkdir()

    def choose(_parent: Any, _title: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return str(chosen)

    monkeypatch.setattr(messages, "choose_save_path", choose)
    cover = sheet()
    render = lambda device: render_cover_sheet(cover, device)  # noqa: E731
    saved = print_actions.save_pdf(None, "Cover", "cover.pdf", render, "A4", settings)
    assert saved == chosen.with_name("for the office.pdf")
    assert read_pdf(saved.read_bytes()).pages == 1
    assert asked[0] == str(Path.home() / "cover.pdf")
    print_actions.save_pdf(None, "Cover", "cover.pdf", render, "A4", settings)
    assert asked[1] == str(chosen.parent / "cover.pdf")


def test_a_cancelled_save_writes_nothing(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: "")
    assert print_actions.save_pdf(None, "Cover", "cover.pdf", lambda _d: 1, "A4") is None
    assert list(tmp_path.iterdir()) == []
