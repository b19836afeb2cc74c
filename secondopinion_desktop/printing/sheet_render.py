"""Painting the questions sheet and the opinions side by side on a preview, printer or PDF.

Built on `printing/render.py`: the same page set-up (size from the settings or the locale,
set explicitly), the same painting of a laid-out document, the same errors. As there, the
document is laid out for the device it is painted on, not for the screen, and one function per
printable serves the preview, the printer and the PDF alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QFont, QPagedPaintDevice, QTextDocument

from secondopinion_desktop.printing.cover_sheet import FONT_FAMILY
from secondopinion_desktop.printing.fonts import register_fonts
from secondopinion_desktop.printing.opinions_sheet import (
    FIT_SCALES,
    OpinionsSheet,
    opinions_sheet_html,
)
from secondopinion_desktop.printing.questions_sheet import (
    FIT_STEPS,
    QuestionsSheet,
    questions_sheet_html,
)
from secondopinion_desktop.printing.render import (
    paint_document,
    write_pdf_file,
)

Renderer = Callable[[QPagedPaintDevice], int]


def layout_for(html: str, device: QPagedPaintDevice) -> QTextDocument:
    """The HTML laid out on the device's page (its own resolution, its own page size)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(QFont(FONT_FAMILY, 12))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    rect = device.pageLayout().paintRectPixels(int(device.logicalDpiY()))
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    return doc


def fit_to_one_page(versions: Iterable[str], device: QPagedPaintDevice) -> QTextDocument:
    """The first version that fits on one page, else the last (then it runs on)."""
    doc: QTextDocument | None = None
    for html in versions:
        doc = layout_for(html, device)
        if doc.pageCount() <= 1:
            break
    assert doc is not None
    return doc


def render_questions_sheet(sheet: QuestionsSheet, device: QPagedPaintDevice) -> int:
    """Paint the questions sheet; less writing space, then smaller type, until it fits a page."""
    register_fonts()
    versions = (questions_sheet_html(sheet, *step) for step in FIT_STEPS)
    return paint_document(fit_to_one_page(versions, device), device)


def render_opinions_sheet(sheet: OpinionsSheet, device: QPagedPaintDevice) -> int:
    register_fonts()
    versions = (opinions_sheet_html(sheet, scale) for scale in FIT_SCALES)
    return paint_document(fit_to_one_page(versions, device), device)


def write_pdf(render: Renderer, target: Path, size_name: str, title: str) -> int:
    """Write a printable as PDF, whole or not at all and private; returns the page count."""
    return write_pdf_file(render, target, size_name, title)
