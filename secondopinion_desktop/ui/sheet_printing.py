"""Print preview, printing and saving as PDF for the questions sheet and the opinions.

`preview` and `print_with_dialog` open modal Qt dialogs, so tests replace them with stubs;
saving goes through `messages.choose_save_path`, which tests patch too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.render import chosen_page_size, set_page
from secondopinion_desktop.printing.sheet_render import Renderer, write_pdf
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.pages.panel import StepPanel


def _printer(title: str, size_name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    set_page(printer, size_name)
    return printer


def page_size(settings: QSettings | None = None) -> str:
    return chosen_page_size(settings)


def preview(parent: QWidget | None, title: str, render: Renderer, size_name: str) -> None:
    """The print preview (with its own Print button; the page size can be changed there)."""
    dialog = QPrintPreviewDialog(_printer(title, size_name), parent)
    dialog.setWindowTitle(f"{title}: print preview")
    dialog.paintRequested.connect(render)
    dialog.resize(900, 1000)
    dialog.exec()


def print_with_dialog(parent: QWidget | None, title: str, render: Renderer, size_name: str) -> bool:
    """Ask which printer, then print; False if the person cancelled."""
    printer = _printer(title, size_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print: {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render(printer)
    return True


def save_pdf(
    parent: QWidget | None, title: str, suggested: str, render: Renderer, size_name: str
) -> Path | None:
    """Ask where, then write the PDF; None if cancelled or it failed (the person was told)."""
    path = messages.choose_save_path(parent, f"Save {title} as PDF", suggested, "PDF (*.pdf)")
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    try:
        write_pdf(render, target, size_name, title)
    except KnownError as exc:
        messages.show_error(parent, "Could not save the PDF", exc.message)
        return None
    return target


class SheetActions:
    """Print, preview and save-as-PDF for a panel that has one printable sheet.

    The panel sets `sheet_title`, `sheet_file_name` and `sheet_printed_message`, keeps its
    settings in `_settings`, and builds the sheet in `_sheet_renderer()` (None when there is
    nothing to print yet).
    """

    sheet_title = ""
    sheet_file_name = "sheet.pdf"
    sheet_printed_message = "The sheet went to the printer."
    _settings: QSettings | None

    def _sheet_renderer(self) -> Renderer | None:
        raise NotImplementedError

    def _size(self) -> str:
        return page_size(self._settings)

    def _panel(self) -> StepPanel:
        """The panel this is mixed into: the dialogs' parent, and its status_message signal."""
        assert isinstance(self, StepPanel), "SheetActions is mixed into a StepPanel"
        return self

    def print_sheet(self) -> None:
        render = self._sheet_renderer()
        if render is not None and print_with_dialog(
            self._panel(),
            self.sheet_title,
            render,
            self._size(),
        ):
            self._panel().status_message.emit(self.sheet_printed_message)

    def preview_sheet(self) -> None:
        render = self._sheet_renderer()
        if render is not None:
            preview(self._panel(), self.sheet_title, render, self._size())

    def save_pdf(self) -> None:
        render = self._sheet_renderer()
        if render is None:
            return
        target = save_pdf(
            self._panel(),
            self.sheet_title,
            self.sheet_file_name,
            render,
            self._size(),
        )
        if target is not None:
            self._panel().status_message.emit(f"Saved {target.name}.")
