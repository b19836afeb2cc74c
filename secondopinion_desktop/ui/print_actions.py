"""Print, print preview and save-as-PDF for every printable, and opening a file in its viewer.

A printable is a title and a `Renderer` (printing/render.py paints it on whatever device it is
given), so the cover sheet, the questions sheet, the opinions side by side and the scripts of
what to say all go through these few functions. The modal parts (the preview, the print dialog,
the system viewer) are here and nowhere else, so tests replace them with stubs; saving asks
through `messages.choose_save_path`, which tests patch too.

Printing support (QtPrintSupport) and the renderer load when first used, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices, QPagedPaintDevice
from PySide6.QtWidgets import QDialog, QWidget

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.paper import chosen_page_size
from secondopinion_desktop.ui import messages

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from secondopinion_desktop.ui.pages.panel import StepPanel

#: Paints a printable on a device (preview, printer or PDF) and returns the page count.
Renderer = Callable[[QPagedPaintDevice], int]
LAST_FOLDER_KEY = "printing/last_folder"


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


def save_pdf(
    parent: QWidget | None,
    title: str,
    suggested: str,
    render: Renderer,
    size_name: str,
    settings: QSettings | None = None,
) -> Path | None:
    """Ask where (starting in the folder used last time), then write the PDF whole; None if
    cancelled or it failed (the person was told)."""
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
    try:
        from secondopinion_desktop.printing.render import write_pdf

        write_pdf(render, target, size_name, title)
    except KnownError as exc:
        messages.show_error(parent, "Could not save the PDF", exc.message)
        return None
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(target.parent))
    return target


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

    Mixed into a StepPanel: the panel sets `sheet_title`, `sheet_file_name` and
    `sheet_printed_message`, and builds the sheet in `_sheet_renderer()` (None when there is
    nothing to print yet); its settings give the paper and the folder used last.
    """

    sheet_title = ""
    sheet_file_name = "sheet.pdf"
    sheet_printed_message = "The sheet went to the printer."

    def _sheet_renderer(self) -> Renderer | None:
        raise NotImplementedError

    def _panel(self) -> StepPanel:
        """The panel this is mixed into: the dialogs' parent, its settings and status line."""
        from secondopinion_desktop.ui.pages.panel import StepPanel

        assert isinstance(self, StepPanel), "SheetActions is mixed into a StepPanel"
        return self

    def print_sheet(self) -> None:
        panel = self._panel()
        render = self._sheet_renderer()
        size = page_size(panel.settings)
        if render is not None and print_with_dialog(panel, self.sheet_title, render, size):
            panel.status_message.emit(self.sheet_printed_message)

    def preview_sheet(self) -> None:
        panel = self._panel()
        render = self._sheet_renderer()
        if render is not None:
            preview(panel, self.sheet_title, render, page_size(panel.settings))

    def save_pdf(self) -> None:
        panel = self._panel()
        render = self._sheet_renderer()
        if render is None:
            return
        size = page_size(panel.settings)
        target = save_pdf(
            panel, self.sheet_title, self.sheet_file_name, render, size, panel.settings
        )
        if target is not None:
            panel.status_message.emit(f"Saved {target.name}.")
