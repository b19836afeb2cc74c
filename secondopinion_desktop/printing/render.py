"""Rendering printables: one function paints a page for the preview, the printer and PDF.

The document is laid out for the device it is painted on (not for the screen), with the page
size set explicitly: Letter in the US and Canada, A4 elsewhere, unless the person chose another
in the settings. Laying out for the device avoids QTextDocument's known high-DPI pitfall of text
scaled wrongly on paper.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.cover_sheet import FONT_FAMILY, CoverSheet, cover_sheet_html
from secondopinion_desktop.printing.fonts import register_fonts

# Re-exported: the printing API in one place.
from secondopinion_desktop.printing.paper import PAGE_SIZE_KEY as PAGE_SIZE_KEY
from secondopinion_desktop.printing.paper import chosen_page_size as chosen_page_size
from secondopinion_desktop.printing.paper import locale_page_size as locale_page_size

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "Letter": QPageSize.PageSizeId.Letter,
    "A4": QPageSize.PageSizeId.A4,
}
MARGINS_MM = QMarginsF(18, 15, 18, 15)
PDF_RESOLUTION = 600
# shrink the type step by step until a long list fits on the one page
FIT_SCALES = (1.0, 0.9, 0.84, 0.76, 0.68, 0.6, 0.52, 0.45)


class PrintError(KnownError):
    """A printable could not be written; the message is for the person."""


def page_layout(size_name: str) -> QPageLayout:
    size = QPageSize(PAGE_SIZES.get(size_name, QPageSize.PageSizeId.A4))
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


def set_page(device: QPagedPaintDevice, size_name: str) -> None:
    """Set the page size and margins on a printer or PDF writer, explicitly."""
    device.setPageLayout(page_layout(size_name))


def _document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    doc = QTextDocument()
    layout = doc.documentLayout()
    layout.setPaintDevice(device)
    doc.setDefaultFont(QFont(FONT_FAMILY, 12))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    rect = device.pageLayout().paintRectPixels(_resolution(device))
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    return doc


def _resolution(device: QPagedPaintDevice) -> int:
    return int(device.logicalDpiY())


def render_cover_sheet(sheet: CoverSheet, device: QPagedPaintDevice) -> int:
    """Paint the cover sheet on the device (preview, printer or PDF); returns the page count.

    The page size must already be set on the device. The type is shrunk, if needed, so the
    sheet stays on one page.
    """
    register_fonts()
    doc = _document(cover_sheet_html(sheet), device)
    for scale in FIT_SCALES[1:]:
        if doc.pageCount() <= 1:
            break
        doc = _document(cover_sheet_html(sheet, scale), device)
    return paint_document(doc, device)


def paint_document(doc: QTextDocument, device: QPagedPaintDevice) -> int:
    """Paint a laid-out document page by page; returns the number of pages painted."""
    page = doc.pageSize()
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError(
            "The page could not be prepared for printing.\n\n"
            "Please check the printer, or save it as a PDF instead.",
            "QPainter.begin failed",
        )
    pages = max(1, doc.pageCount())
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, -number * page.height())
            doc.drawContents(
                painter, QRectF(0, number * page.height(), page.width(), page.height())
            )
            painter.restore()
    finally:
        painter.end()
    return pages


def write_pdf_file(
    render: Callable[[QPagedPaintDevice], int], target: Path, size_name: str, title: str
) -> int:
    """Paint a printable into a PDF in memory, then write it whole and private (0600).

    The file goes through store/files.py like every file the app writes: a temp beside it,
    fsync, rename. Returns the page count.
    """
    from secondopinion_desktop.store.files import write_atomically

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Second Opinion")
    set_page(writer, size_name)
    pages = render(writer)
    del writer  # finishes the PDF into the buffer
    data = bytes(buffer.data().data())
    buffer.close()
    try:
        write_atomically(target, data)
    except KnownError as exc:
        raise PrintError(
            f"Second Opinion could not write the PDF:\n{target}\n\n"
            "Please choose another folder, or check that the disk is not full.",
            exc.detail,
        ) from exc
    return pages


def write_cover_sheet_pdf(sheet: CoverSheet, target: Path, size_name: str) -> int:
    """Write the cover sheet as a PDF, whole or not at all; returns the page count."""
    return write_pdf_file(
        lambda device: render_cover_sheet(sheet, device),
        target,
        size_name,
        "Medical records cover sheet",
    )
