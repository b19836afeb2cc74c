"""A long PDF is painted by a child process: progress comes back, then the bytes; a problem
comes back in words; Cancel ends the child."""

from __future__ import annotations

import io
import pickle
from typing import Any

import pytest

from secondopinion_desktop.domain.progress import Cancelled
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.printing.pdf_process import PaintError, child_main, paint_in_child
from secondopinion_desktop.printing.render import render_cover_sheet
from tests.helpers.sheets import sheet
from tests.pdf_text import read_pdf


def out_of_paper(_sheet: Any, _device: Any, _progress: Any) -> int:
    """A painter that meets a problem the person can act on (run in the child)."""
    raise KnownError("The page could not be prepared.", "test")


def test_the_child_reports_progress_then_sends_the_pdf(qapp: Any) -> None:
    request = io.BytesIO(pickle.dumps((render_cover_sheet, sheet(3), "A4", "Cover")))
    answer = io.BytesIO()
    assert child_main(request, answer) == 0
    head, _, rest = answer.getvalue().partition(b"\nD ")
    assert all(line.startswith(b"P ") for line in head.split(b"\n"))
    sizes, _, data = rest.partition(b"\n")
    pages, length = (int(n) for n in sizes.split())
    assert pages == 1 and len(data) == length
    assert "Enclosed item number 3" in read_pdf(data).flat


def test_a_pdf_painted_by_a_child_process_is_whole_and_says_how_far_along(qapp: Any) -> None:
    said: list[str] = []
    pages, data = paint_in_child(
        render_cover_sheet, sheet(35), "A4", "Cover", lambda _d, _t, what: said.append(what)
    )
    info = read_pdf(data)
    assert pages > 1 and info.pages == pages
    assert "Enclosed item number 35" in info.flat
    assert f"Writing page {pages} of {pages}\u2026" in said


def test_a_problem_in_the_child_comes_back_in_words(qapp: Any) -> None:
    with pytest.raises(PaintError) as caught:
        paint_in_child(out_of_paper, sheet(3), "A4", "Cover", lambda *_a: None)
    assert caught.value.message == "The page could not be prepared."


def test_cancel_ends_the_child_at_once(qapp: Any) -> None:
    def stop(_done: int, _total: int, _what: str) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        paint_in_child(render_cover_sheet, sheet(200), "A4", "Cover", stop)
