"""Print, print preview and save-as-PDF for every printable, and opening a file in its viewer.

A printable is a title and a `Renderer` (printing/render.py paints it on whatever device it is
given), so the cover sheet, the questions sheet, the opinions side by side and the scripts of
what to say all go through these few functions. The modal parts (the preview, the print dialog,
the system viewer) are here and nowhere else, so tests replace them with stubs; saving asks
through `messages.choose_save_path`, which tests patch too.

Saving a sheet as a PDF runs in the background (ui/background.py): a cover sheet of 2,000
records takes seconds to lay out. The window's thread only prepares plain data (a `PdfSheet`:
the case's id, the day, which sheet, the paper, the file); the worker reads the sheet on its
own connection, lays it out and paints it (QTextDocument, QPdfWriter and QPainter work off the
GUI thread; widgets and pixmaps do not, and none is used), with progress and Cancel, and the
file is written whole at the very end, so a cancelled PDF leaves no file. Print preview stays
on the window's thread: Qt's preview dialog paints its own pages.

Printing support (QtPrintSupport) and the renderer load when first used, not at start-up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QPagedPaintDevice
from PySide6.QtWidgets import QDialog, QWidget

from secondopinion_desktop.domain.frozen import frozen
from secondopinion_desktop.domain.progress import Progress, no_progress
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.paper import chosen_page_size
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.background import Job, Jobs

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from secondopinion_desktop.ui.pages.panel import StepPanel

#: Paints a printable on a device (preview, printer or PDF) and returns the page count.
Renderer = Callable[[QPagedPaintDevice], int]
LAST_FOLDER_KEY = "printing/last_folder"
S = TypeVar("S")
#: How a panel's sheet is read (services/exports.py) and painted (printing/render.py).
SheetParts = tuple[
    Callable[[Repository, int], Any], Callable[[Any, QPagedPaintDevice, Progress], int]
]


@frozen
class PdfSheet(Generic[S]):
    """A printable described by plain data, so a worker thread can make it.

    `gather(repo)` reads what the sheet says through the repository it is given (on a worker,
    the worker's own connection) and `paint(sheet, device, progress)` paints it
    (printing/render.py). Both run on the worker's thread: they hold ids and dates, never a
    widget. `title` names the PDF; `file_name` is the name suggested for it.
    """

    title: str
    file_name: str
    gather: Callable[[Repository], S]
    paint: Callable[[S, QPagedPaintDevice, Progress], int]
    reading: str = "Reading what goes on the sheet\u2026"

    def renderer(self, repo: Repository) -> Renderer:
        """For print and preview on the window's thread: read now, paint when asked."""
        sheet = self.gather(repo)
        return lambda device: self.paint(sheet, device, no_progress)

    def write(self, repo: Repository, target: Path, size_name: str, progress: Progress) -> int:
        """Read, lay out, paint, then write the PDF whole (the job's work); the page count.

        On a worker thread the painting is done by a child process (printing/pdf_process.py):
        one long layout inside Qt would otherwise hold Python's lock, and the window, for
        seconds. On the window's thread (a database in memory, tests) it is painted here.
        """
        from secondopinion_desktop.printing.render import SAVING, pdf_bytes, save_pdf_file

        progress(0, 0, self.reading)
        sheet = self.gather(repo)
        if threading.current_thread() is threading.main_thread():
            pages, data = pdf_bytes(
                lambda device: self.paint(sheet, device, progress), size_name, self.title
            )
        else:
            from secondopinion_desktop.printing.pdf_process import paint_in_child

            pages, data = paint_in_child(self.paint, sheet, size_name, self.title, progress)
        progress(pages, pages, SAVING)  # the last chance to stop: nothing is written yet
        save_pdf_file(data, target)
        return pages


def page_size(settings: QSettings | None = None) -> str:
    """The paper the person chose, else Letter or A4 by country."""
    return chosen_page_size(settings)


def _printer(title: str, size_name: str) -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter

    from secondopinion_desktop.printing.render import set_page

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    set_page(printer, size_name)
    return printer


def preview(parent: QWidget | None, title: str, render: Renderer, size_name: str) -> None:
    """The print preview (with its own Print button; the page size can be changed there)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    dialog = QPrintPreviewDialog(_printer(title, size_name), parent)
    dialog.setWindowTitle(f"{title}: print preview")
    dialog.paintRequested.connect(render)
    dialog.resize(900, 1000)
    dialog.exec()


def print_with_dialog(parent: QWidget | None, title: str, render: Renderer, size_name: str) -> bool:
    """Ask which printer, then print; False if the person cancelled or it failed (then the
    person was told why)."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = _printer(title, size_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print: {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        render(printer)
    except KnownError as exc:
        messages.show_error(parent, "Could not print", exc.message)
        return False
    return True


def ask_pdf_path(
    parent: QWidget | None, title: str, suggested: str, settings: QSettings | None = None
) -> Path | None:
    """Ask where to save a PDF, starting in the folder used last time; None if cancelled."""
    folder = settings.value(LAST_FOLDER_KEY) if settings is not None else None
    start = Path(folder) if isinstance(folder, str) and folder else Path.home()
    path = messages.choose_save_path(
        parent, f"Save as PDF: {title}", str(start / suggested), "PDF files (*.pdf)"
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    return target


def save_pdf(
    parent: QWidget | None,
    jobs: Jobs,
    sheet: PdfSheet[Any],
    size_name: str,
    settings: QSettings | None = None,
    saved: Callable[[Path], object] | None = None,
) -> bool:
    """Ask where, then make the PDF in the background (progress, Cancel) and write it whole.

    `saved(path)` runs on the window's thread once the file is there. False when the person
    cancelled the choice of file or another job is still running (then they were told).
    A failure is said in words by the job runner; a cancelled PDF leaves no file.
    """
    if jobs.refuse_if_busy(parent):
        return False
    target = ask_pdf_path(parent, sheet.title, sheet.file_name, settings)
    if target is None:
        return False
    from secondopinion_desktop.printing.fonts import register_fonts

    register_fonts()  # Qt's font database is filled here, on the window's thread

    def done(_pages: int) -> None:
        if settings is not None:
            settings.setValue(LAST_FOLDER_KEY, str(target.parent))
        if saved is not None:
            saved(target)

    return jobs.start(
        Job(
            f"Saving the PDF: {sheet.title}",
            "saving the PDF",
            "Could not save the PDF",
            lambda repo, progress: sheet.write(repo, target, size_name, progress),
            writes=False,
        ),
        parent,
        done,
    )


def print_text(parent: QWidget | None, title: str, text: str) -> bool:
    """Print a script of what to say under its heading; False if cancelled."""
    from secondopinion_desktop.printing.render import render_plain_text

    return print_with_dialog(
        parent, title, lambda device: render_plain_text(title, text, device), page_size()
    )


def open_with_system_viewer(path: Path) -> bool:
    """Open a file in the program the computer uses for it; False if that failed."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SheetActions:
    """Print, preview and save-as-PDF buttons' slots for a panel with one printable sheet.

    Mixed into a StepPanel: the panel sets `sheet_title`, `sheet_file_name`, `sheet_reading`
    and `sheet_printed_message`, and says in `_sheet_parts()` how its sheet is read and
    painted; its settings give the paper and the folder used last, its job runner makes the
    PDF in the background.
    """

    sheet_title = ""
    sheet_file_name = "sheet.pdf"
    sheet_reading = "Reading what goes on the sheet\u2026"
    sheet_printed_message = "The sheet went to the printer."

    def _sheet_parts(self) -> SheetParts:
        raise NotImplementedError

    def _pdf_sheet(self) -> PdfSheet[Any] | None:
        """The open case's sheet as plain data (None with no case open)."""
        panel = self._panel()
        if panel.case is None:
            return None
        panel.flush()  # what was typed a moment ago is on the sheet
        read, paint = self._sheet_parts()
        case_id = panel.case.id
        return PdfSheet(
            self.sheet_title,
            self.sheet_file_name,
            lambda repo: read(repo, case_id),
            paint,
            self.sheet_reading,
        )

    def _panel(self) -> StepPanel:
        """The panel this is mixed into: the dialogs' parent, its settings and status line."""
        from secondopinion_desktop.ui.pages.panel import StepPanel

        assert isinstance(self, StepPanel), "SheetActions is mixed into a StepPanel"
        return self

    def _sheet_renderer(self) -> tuple[str, Renderer] | None:
        sheet = self._pdf_sheet()
        return None if sheet is None else (sheet.title, sheet.renderer(self._panel().repo))

    def print_sheet(self) -> None:
        panel = self._panel()
        printable = self._sheet_renderer()
        size = page_size(panel.settings)
        if printable is not None and print_with_dialog(panel, *printable, size):
            panel.status_message.emit(self.sheet_printed_message)

    def preview_sheet(self) -> None:
        panel = self._panel()
        printable = self._sheet_renderer()
        if printable is not None:
            preview(panel, *printable, page_size(panel.settings))

    def save_pdf(self) -> None:
        panel = self._panel()
        sheet = self._pdf_sheet()
        if sheet is None:
            return
        save_pdf(
            panel,
            panel.jobs,
            sheet,
            page_size(panel.settings),
            panel.settings,
            lambda target: panel.status_message.emit(f"Saved {target.name}."),
        )
