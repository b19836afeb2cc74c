"""The modal parts of printing and opening files, kept apart so tests can patch them.

A real print dialog, print preview or system viewer never opens in a test: tests replace
`preview`, `print_with_dialog` and `open_with_system_viewer` with stubs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from secondopinion_desktop.printing.cover_sheet import CoverSheet
from secondopinion_desktop.printing.render import render_cover_sheet, set_page


def _printer(size_name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Medical records cover sheet")
    set_page(printer, size_name)
    return printer


def preview(parent: QWidget | None, sheet: CoverSheet, size_name: str) -> None:
    """Show the print preview (it has its own Print button); the page size can be changed."""
    printer = _printer(size_name)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Cover sheet: print preview")
    dialog.paintRequested.connect(lambda device: render_cover_sheet(sheet, device))
    dialog.resize(900, 1000)
    dialog.exec()


def print_with_dialog(parent: QWidget | None, sheet: CoverSheet, size_name: str) -> bool:
    """Ask which printer, then print; False if the person cancelled."""
    printer = _printer(size_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the cover sheet")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render_cover_sheet(sheet, printer)
    return True


def open_with_system_viewer(path: Path) -> bool:
    """Open a file in the program the computer uses for it; False if that failed."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
