"""Printing plain text (the scripts) with the system print dialog; patched in tests."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QWidget


def print_text(parent: QWidget | None, title: str, text: str) -> bool:
    """Show the print dialog and print `text` under a heading; False if cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded when first printing

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print: {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-size: 14pt; } h1 { font-size: 20pt; }")
    body = "".join(f"<p>{line}</p>" if line else "<br>" for line in _escape(text).split("\n"))
    document.setHtml(f"<h1>{_escape(title)}</h1>{body}")
    document.print_(printer)
    return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
