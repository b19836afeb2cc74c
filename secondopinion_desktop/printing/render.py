"""The one renderer: every printable is painted by the same path on a preview, printer or PDF.

Each printable's HTML comes from its own pure module (cover_sheet, questions_sheet,
opinions_sheet, plain_sheet) in one or more versions, smaller type first to last; the first
version that fits one page is painted. The document is laid out for the device it is painted on
(not for the screen), with the page size set explicitly: Letter in the US and Canada, A4
elsewhere, unless the person chose another in the settings. Laying out for the device avoids
QTextDocument's known high-DPI pitfall of text scaled wrongly on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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

from secondopinion_desktop.domain.progress import Progress, no_progress
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing import cover_sheet, opinions_sheet, questions_sheet
from secondopinion_desktop.printing.cover_sheet import (
    COVER_SHEET_TITLE,
    FONT_FAMILY,
    CoverSheet,
    cover_sheet_html,
)
from secondopinion_desktop.printing.fonts import register_fonts
from secondopinion_desktop.printing.opinions_sheet import OpinionsSheet, opinions_sheet_html

# Re-exported: the printing API in one place.
from secondopinion_desktop.printing.paper import PAGE_SIZE_KEY as PAGE_SIZE_KEY
from secondopinion_desktop.printing.paper import chosen_page_size as chosen_page_size
from secondopinion_desktop.printing.paper import locale_page_size as locale_page_size
from secondopinion_desktop.printing.plain_sheet import plain_sheet_html
from secondopinion_desktop.printing.questions_sheet import QuestionsSheet, questions_sheet_html

#: Paints a printable on a device (preview, printer or PDF) and returns the page count.
Renderer = Callable[[QPagedPaintDevice], int]

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "Letter": QPageSize.PageSizeId.Letter,
    "A4": QPageSize.PageSizeId.A4,
}
MARGINS_MM = QMarginsF(18, 15, 18, 15)
PDF_RESOLUTION = 600
LAYING_OUT = "Laying out the pages\u2026"
SAVING = "Saving the PDF\u2026"


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


def fit_to_one_page(
    versions: Iterable[str], device: QPagedPaintDevice, progress: Progress = no_progress
) -> QTextDocument:
    """The first version that fits on one page, else the last (then it runs on).

    The versions get smaller from first to last, so when the first does not fit the last is
    tried next: if even it runs on, none in between can fit, and a list of thousands is laid
    out twice instead of once per version (each layout of a long list takes seconds).
    """
    texts = list(versions)

    def laid_out(html: str) -> QTextDocument:
        progress(0, 0, LAYING_OUT)
        return layout_for(html, device)

    doc = laid_out(texts[0])
    if doc.pageCount() <= 1 or len(texts) == 1:
        return doc
    smallest = laid_out(texts[-1])
    if smallest.pageCount() > 1:
        return smallest
    for html in texts[1:-1]:
        doc = laid_out(html)
        if doc.pageCount() <= 1:
            return doc
    return smallest


def paint_document(
    doc: QTextDocument, device: QPagedPaintDevice, progress: Progress = no_progress
) -> int:
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
            progress(number, pages, f"Writing page {number + 1} of {pages}\u2026")
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


def render_versions(
    versions: Iterable[str], device: QPagedPaintDevice, progress: Progress = no_progress
) -> int:
    """Paint the first version that fits one page (fonts registered first); the page count.

    The page size must already be set on the device. `progress` says how far along it is and
    raises `Cancelled` when the person stopped a PDF being saved in the background.
    """
    register_fonts()
    return paint_document(fit_to_one_page(versions, device, progress), device, progress)


def render_cover_sheet(
    sheet: CoverSheet, device: QPagedPaintDevice, progress: Progress = no_progress
) -> int:
    """The cover sheet, its type shrunk (if needed) so it stays on one page."""
    scales = cover_sheet.FIT_SCALES
    return render_versions((cover_sheet_html(sheet, s) for s in scales), device, progress)


def render_questions_sheet(
    sheet: QuestionsSheet, device: QPagedPaintDevice, progress: Progress = no_progress
) -> int:
    """The questions sheet; less writing space, then smaller type, until it fits a page."""
    steps = questions_sheet.FIT_STEPS
    return render_versions((questions_sheet_html(sheet, *step) for step in steps), device, progress)


def render_opinions_sheet(
    sheet: OpinionsSheet, device: QPagedPaintDevice, progress: Progress = no_progress
) -> int:
    """The opinions side by side, the type shrunk (if needed) to fit a page."""
    scales = opinions_sheet.FIT_SCALES
    return render_versions((opinions_sheet_html(sheet, s) for s in scales), device, progress)


def render_plain_text(title: str, text: str, device: QPagedPaintDevice) -> int:
    """A script of what to say, under its heading (it runs on if it is long)."""
    return render_versions([plain_sheet_html(title, text)], device)


def pdf_bytes(render: Renderer, size_name: str, title: str) -> tuple[int, bytes]:
    """Paint a printable into a PDF in memory: (page count, the file's bytes).

    Needs no window: QPdfWriter, QPainter and QTextDocument work off the GUI thread (and in
    the child process of printing/pdf_process.py); no widget or pixmap is involved.
    """
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
    return pages, data


def save_pdf_file(data: bytes, target: Path) -> None:
    """Write a PDF whole and private (0600) through store/files.py: temp, fsync, rename."""
    from secondopinion_desktop.store.files import write_atomically

    try:
        write_atomically(target, data)
    except KnownError as exc:
        raise PrintError(
            f"Second Opinion could not write the PDF:\n{target}\n\n"
            "Please choose another folder, or check that the disk is not full.",
            exc.detail,
        ) from exc


def write_pdf(
    render: Renderer, target: Path, size_name: str, title: str, progress: Progress = no_progress
) -> int:
    """Paint a printable into a PDF in memory, then write it whole and private (0600).

    Nothing touches the disk before the last page is painted, so a PDF stopped half-way
    (`progress` raising `Cancelled`) leaves no file at all. Returns the page count.
    """
    pages, data = pdf_bytes(render, size_name, title)
    progress(pages, pages, SAVING)  # the last chance to stop: nothing is written yet
    save_pdf_file(data, target)
    return pages


def write_cover_sheet_pdf(
    sheet: CoverSheet, target: Path, size_name: str, progress: Progress = no_progress
) -> int:
    """The cover sheet as a PDF (the command line's --export-cover-sheet and the panel)."""
    return write_pdf(
        lambda device: render_cover_sheet(sheet, device, progress),
        target,
        size_name,
        COVER_SHEET_TITLE,
        progress,
    )
