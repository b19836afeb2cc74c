"""Cover-sheet preview paints through the one render function."""

from __future__ import annotations

import os
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter

from secondopinion_desktop.ui import cover_sheet_actions
from tests.helpers.sheets import sheet


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
