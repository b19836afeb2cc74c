"""The printed cover sheet: one page, every enclosed item, the shipped font, the right paper."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QPageSize, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.printing.fonts import PRINT_FONT_FAMILY, register_fonts
from secondopinion_desktop.printing.questions_sheet import questions_sheet_for
from secondopinion_desktop.printing.render import (
    PAGE_SIZE_KEY,
    chosen_page_size,
    locale_page_size,
    render_cover_sheet,
    render_questions_sheet,
    set_page,
    write_cover_sheet_pdf,
)
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.store.repository import Repository
from tests.helpers.sheets import sheet
from tests.pdf_text import read_pdf

LETTER = (612.0, 792.0)
A4 = (595.0, 842.0)


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


# --- the questions sheet ------------------------------------------------------------------


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy",
    )


def test_a_long_list_still_fits_one_page_with_less_room(
    qapp: Any, repo: Repository, case: Case, tmp_path: Path
) -> None:
    for n in range(14):
        repo.questions.add(Question(id=0, case_id=case.id, text=f"My own question number {n}?"))
    all_questions = ensure_starter_questions(repo, case.id)
    assert len(all_questions) == 26
    questions = questions_sheet_for(case, all_questions, None, None, repo.today())
    writer = QPdfWriter(str(tmp_path / "long.pdf"))
    set_page(writer, "Letter")
    pages = render_questions_sheet(questions, writer)
    del writer
    assert pages == 1
    assert "My own question number 13?" in read_pdf((tmp_path / "long.pdf").read_bytes()).flat


def test_both_sheets_say_by_when_the_decision_is_needed(
    qapp: Any, repo: Repository, case: Case, tmp_path: Path
) -> None:
    """The decision clock on paper: the cover sheet and the questions sheet, read from the PDF."""
    from dataclasses import replace

    from secondopinion_desktop.printing.cover_sheet import cover_sheet_for

    deciding = replace(case, decide_by=dt.date(2027, 1, 15), decide_said_by="Dr. Okafor")
    cover = cover_sheet_for(deciding, None, None, [], {}, repo.today())
    assert write_cover_sheet_pdf(cover, tmp_path / "cover.pdf", "Letter") == 1
    cover_text = read_pdf((tmp_path / "cover.pdf").read_bytes()).flat
    assert "Decision needed by Friday 15 January 2027." in cover_text
    questions = questions_sheet_for(deciding, [], None, None, repo.today())
    writer = QPdfWriter(str(tmp_path / "questions.pdf"))
    set_page(writer, "Letter")
    assert render_questions_sheet(questions, writer) == 1
    del writer
    sheet_text = read_pdf((tmp_path / "questions.pdf").read_bytes()).flat
    assert "Decision needed by Friday 15 January 2027." in sheet_text
    # no answer yet: the sheets say nothing about time at all
    assert write_cover_sheet_pdf(sheet(), tmp_path / "plain.pdf", "Letter") == 1
    assert "Decision" not in read_pdf((tmp_path / "plain.pdf").read_bytes()).flat


def test_a_long_pdf_says_how_far_along_it_is_and_a_cancel_leaves_no_file(
    qapp: Any, tmp_path: Path
) -> None:
    """Saved in the background, the PDF reports each step in words; Cancel (the hook raising)
    at any step leaves nothing on the disk, not even a temp file."""
    from secondopinion_desktop.domain.progress import Cancelled

    said: list[tuple[int, int, str]] = []
    target = tmp_path / "long cover.pdf"
    pages = write_cover_sheet_pdf(sheet(90), target, "A4", lambda *step: said.append(step))
    assert pages > 1 and read_pdf(target.read_bytes()).pages == pages
    words = [what for _done, _total, what in said]
    assert words[0] == "Laying out the pages\u2026"
    assert f"Writing page {pages} of {pages}\u2026" in words
    assert said[-1] == (pages, pages, "Saving the PDF\u2026")
    target.unlink()
    for stop_at in ("Laying out the pages\u2026", "Writing page 2", "Saving the PDF"):

        def stop(_done: int, _total: int, what: str, at: str = stop_at) -> None:
            if what.startswith(at):
                raise Cancelled

        with pytest.raises(Cancelled):
            write_cover_sheet_pdf(sheet(90), target, "A4", stop)
        assert list(tmp_path.iterdir()) == []


def test_a_list_too_long_for_one_page_is_laid_out_twice_not_once_per_size(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The smallest type is tried second: when even it runs on, the sizes in between are
    skipped (each layout of a list of thousands takes seconds). A list that fits at some size
    still gets the largest type that fits."""
    from secondopinion_desktop.printing import render

    laid: list[str] = []
    real = render.layout_for

    def counting(html: str, device: Any) -> Any:
        laid.append(html)
        return real(html, device)

    monkeypatch.setattr(render, "layout_for", counting)
    pages = write_cover_sheet_pdf(sheet(120), tmp_path / "long.pdf", "A4")
    assert pages > 1 and len(laid) == 2
    laid.clear()
    assert write_cover_sheet_pdf(sheet(3), tmp_path / "short.pdf", "A4") == 1
    assert len(laid) == 1  # the largest type fits at once
    laid.clear()
    assert write_cover_sheet_pdf(sheet(24), tmp_path / "shrunk.pdf", "A4") == 1
    assert 3 <= len(laid) < 2 + len(render.cover_sheet.FIT_SCALES)
    assert laid[-1] != laid[1]  # not the smallest: a larger size in between fits
