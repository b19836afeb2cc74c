"""The printed cover sheet: one page, every enclosed item, the shipped font, the right paper."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.records import Delivery, RecordItem, Timing
from secondopinion_desktop.paths import settings_path
from secondopinion_desktop.printing.cover_sheet import CoverSheet, EnclosedItem
from secondopinion_desktop.printing.fonts import PRINT_FONT_FAMILY, register_fonts
from secondopinion_desktop.printing.render import (
    PAGE_SIZE_KEY,
    chosen_page_size,
    locale_page_size,
    render_cover_sheet,
    set_page,
    write_cover_sheet_pdf,
)
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import cover_sheet_actions, messages
from secondopinion_desktop.ui.pages.records_panel import RecordsPanel
from tests.pdf_text import read_pdf

LETTER = (612.0, 792.0)
A4 = (595.0, 842.0)


def sheet(count: int = 3, **changes: Any) -> CoverSheet:
    values: dict[str, Any] = {
        "to_name": "Dr. Priya Raman",
        "to_office": "Lakeside Cancer Center",
        "to_fax": "(555) 622-4190",
        "to_phone": "(555) 622-4100",
        "from_name": "Sarah Ellis",
        "from_phone": "(555) 201-7745",
        "patient_name": "Margaret Ellis",
        "patient_dob": dt.date(1956, 4, 12),
        "visit": dt.datetime(2026, 12, 1, 9, 30),
        "items": tuple(
            EnclosedItem(f"Enclosed item number {n}", "Dr. Ruth Adler", n * 2)
            for n in range(1, count + 1)
        ),
        "prepared_on": dt.date(2026, 11, 20),
    }
    values.update(changes)
    return CoverSheet(**values)


def close(box: tuple[float, float], expected: tuple[float, float]) -> bool:
    return abs(box[0] - expected[0]) < 2 and abs(box[1] - expected[1]) < 2


def test_the_font_is_shipped_and_registered(qapp: Any) -> None:
    assert PRINT_FONT_FAMILY in register_fonts()


def test_pdf_is_one_page_listing_every_item_in_the_shipped_font(qapp: Any, tmp_path: Path) -> None:
    target = tmp_path / "cover.pdf"
    assert write_cover_sheet_pdf(sheet(), target, "Letter") == 1
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    assert close(info.media_boxes[0], LETTER)
    assert any(name.startswith("AtkinsonHyperlegible") for name in info.fonts)
    text = info.flat
    for expected in (
        "Dr. Priya Raman",
        "Fax: (555) 622-4190",
        "Margaret Ellis",
        "12 April 1956",
        "Tuesday 1 December 2026 at 9:30 am",
        "Enclosed item number 1",
        "Enclosed item number 2",
        "Enclosed item number 3",
        "Total pages enclosed 12",
        "Please phone to confirm these records arrived.",
        "(555) 201-7745",
    ):
        assert expected in text, expected
    if shutil.which("pdftotext"):
        # cross-check the small reader against poppler's, when it is installed
        result = subprocess.run(
            ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
        )
        assert "Enclosed item number 3" in result.stdout


def test_a_long_list_still_fits_on_one_page(qapp: Any, tmp_path: Path) -> None:
    target = tmp_path / "long.pdf"
    assert write_cover_sheet_pdf(sheet(24), target, "A4") == 1
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    assert close(info.media_boxes[0], A4)
    for n in range(1, 25):
        assert f"Enclosed item number {n}" in info.flat


def test_pdf_is_written_atomically_and_errors_are_explained(qapp: Any, tmp_path: Path) -> None:
    from secondopinion_desktop.printing.render import PrintError

    target = tmp_path / "cover.pdf"
    target.write_bytes(b"old")
    write_cover_sheet_pdf(sheet(), target, "A4")
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["cover.pdf"]
    with pytest.raises(PrintError, match="could not write the PDF"):
        write_cover_sheet_pdf(sheet(), tmp_path / "missing" / "cover.pdf", "A4")


def test_the_same_render_function_paints_on_a_printer(qapp: Any, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    set_page(printer, "Letter")
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    assert render_cover_sheet(sheet(), printer) == 1
    info = read_pdf((tmp_path / "printed.pdf").read_bytes())
    assert info.pages == 1 and "Enclosed item number 2" in info.flat


def test_paper_size_from_locale_unless_chosen(qapp: Any, tmp_path: Path) -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    canada = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert locale_page_size(us) == "Letter"
    assert locale_page_size(canada) == "Letter"
    assert locale_page_size(uk) == "A4"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert chosen_page_size(settings, uk) == "A4"
    settings.setValue(PAGE_SIZE_KEY, "Letter")
    assert chosen_page_size(settings, uk) == "Letter"
    settings.setValue(PAGE_SIZE_KEY, "Tabloid")
    assert chosen_page_size(settings, us) == "Letter"


# --- from the panel -----------------------------------------------------------------------------


@pytest.fixture
def ready_panel(qtbot: QtBot, file_repo: Repository) -> RecordsPanel:
    repo = file_repo
    case = repo.create_case("Mum", patient_name="Margaret Ellis", organiser_name="Sarah Ellis")
    raman = repo.add_doctor(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", fax="1"))
    repo.add_appointment(
        Appointment(
            id=0, case_id=case.id, doctor_id=raman.id, starts_at=dt.datetime(2026, 12, 1, 9, 30)
        )
    )
    repo.ensure_default_records(case.id)
    repo.add_record(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Oncology clinic notes",
            delivery=Delivery.FAX,
            timing=Timing.SEND_AHEAD,
            pages=17,
            received_on=dt.date(2026, 11, 18),
        )
    )
    repo.add_record(
        RecordItem(id=0, case_id=case.id, title="Blood counts", pages=3, sent_on=dt.date.today())
    )
    panel = RecordsPanel(repo, None, step=4)
    qtbot.addWidget(panel)
    panel.load(case)
    return panel


def test_panel_saves_the_cover_sheet_as_pdf(
    ready_panel: RecordsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ready_panel.cover_label.text() == (
        "To Dr. Priya Raman: 2 items, 20 pages, plus the cover sheet."
    )
    assert ready_panel.pdf_button.isEnabled()
    asked: list[str] = []

    def choose(_parent: Any, _title: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "for the office")

    monkeypatch.setattr(messages, "choose_save_path", choose)
    ready_panel.pdf_button.click()
    assert asked[0].endswith("Cover sheet for Dr. Priya Raman 2026-11-20.pdf")
    info = read_pdf((tmp_path / "for the office.pdf").read_bytes())
    assert info.pages == 1
    assert "Oncology clinic notes" in info.flat and "Blood counts" in info.flat
    assert "Total pages enclosed 20" in info.flat


def test_panel_preview_and_print_use_the_wrappers(
    ready_panel: RecordsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, CoverSheet, str]] = []
    monkeypatch.setattr(
        cover_sheet_actions, "preview", lambda _p, s, size: calls.append(("preview", s, size))
    )
    monkeypatch.setattr(
        cover_sheet_actions,
        "print_with_dialog",
        lambda _p, s, size: calls.append(("print", s, size)) or True,
    )
    other = "Letter" if ready_panel.paper_combo.currentData() == "A4" else "A4"
    ready_panel.paper_combo.setCurrentIndex(ready_panel.paper_combo.findData(other))
    ready_panel.preview_button.click()
    ready_panel.print_button.click()
    assert [c[0] for c in calls] == ["preview", "print"]
    assert {c[2] for c in calls} == {other}
    assert [i.title for i in calls[0][1].items] == ["Oncology clinic notes", "Blood counts"]
    folder = ready_panel.repo.data_folder()
    assert folder is not None
    stored = QSettings(str(settings_path(folder)), QSettings.Format.IniFormat)
    assert stored.value(PAGE_SIZE_KEY) == other


def test_preview_paints_through_the_render_function(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted: list[int] = []

    class FakePreview:
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
            painted.extend(handler(self.printer) for handler in self.handlers)
            return 0

    monkeypatch.setattr(cover_sheet_actions, "QPrintPreviewDialog", FakePreview)
    cover_sheet_actions.preview(None, sheet(), "Letter")
    assert painted == [1]


# --- the command line ---------------------------------------------------------------------------


def run_app(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "secondopinion_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_export_cover_sheet_for_the_demo(tmp_path: Path) -> None:
    target = tmp_path / "cover.pdf"
    result = run_app(
        "--demo", "--data-dir", str(tmp_path / "d"), "--export-cover-sheet", str(target)
    )
    assert result.returncode == 0, result.stderr
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    assert "Dr. Priya Raman" in info.flat and "Margaret Ellis" in info.flat
    db = open_database(tmp_path / "d")
    repo = Repository(db)
    case = repo.list_cases()[0]
    doctor = repo.booked_doctor(case.id)
    assert doctor is not None
    from secondopinion_desktop.domain.records import cover_sheet_items

    enclosed = cover_sheet_items(repo.list_records(case.id), doctor.id)
    db.close()
    assert enclosed
    for item in enclosed:
        assert item.title in info.flat


def test_export_without_a_booked_doctor_exits_2_without_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    db = open_database(folder)
    Repository(db).create_case("Mum", patient_name="Margaret Ellis")
    db.close()
    target = tmp_path / "cover.pdf"
    result = run_app("--data-dir", str(folder), "--export-cover-sheet", str(target))
    assert result.returncode == 2
    assert "No doctor is booked" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()
