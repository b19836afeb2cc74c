"""The PDF child process answers a real request: from source always, from the bundle if built.

Save as PDF sends the child (printing/pdf_process.py) a pickled (paint function, sheet, paper,
title). In the bundle the child is the frozen executable with `--paint-pdf-child`, and the
modules named only inside that pickle (the sheets' classes, printing/render.py) and the fonts
must have been frozen with it: PyInstaller finds modules by reading imports, not pickles. So
these tests make the requests Save as PDF makes for the demo case's cover sheet, questions
sheet and opinions sheet, pipe each to a child and read its answer as the app does.

The bundle tests are marked slow like tests/test_bundle.py and skip when no bundle is built
(CI builds none); they use dist/secondopinion-desktop, or the folder in SECONDOPINION_BUNDLE:

    bash packaging/build.sh
    .venv/bin/python -m pytest -q -m slow tests/packaging/test_pdf_child.py
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.printing import render
from secondopinion_desktop.printing.cover_sheet import COVER_SHEET_TITLE
from secondopinion_desktop.printing.pdf_process import CHILD_FLAG
from secondopinion_desktop.services import exports
from secondopinion_desktop.store.repository import Repository
from tests.pdf_text import read_pdf

ROOT = Path(__file__).resolve().parents[2]
EXE_NAME = "secondopinion-desktop.exe" if sys.platform == "win32" else "secondopinion-desktop"
BUNDLE = Path(os.environ.get("SECONDOPINION_BUNDLE", ROOT / "dist" / "secondopinion-desktop"))

#: (title, how the sheet is read, how it is painted, a line the demo case puts on it)
SHEETS: dict[str, tuple[str, Callable[[Repository, int], Any], Callable[..., int], str]] = {
    "cover": (
        COVER_SHEET_TITLE,
        exports.cover_sheet,
        render.render_cover_sheet,
        "PATIENT Margaret Ellis",
    ),
    "questions": (
        "Questions for the visit",
        exports.questions_sheet,
        render.render_questions_sheet,
        "For Margaret Ellis , with Dr. Priya Raman",
    ),
    "opinions": (
        "The opinions side by side",
        exports.opinions_sheet,
        render.render_opinions_sheet,
        "First opinion Dr. Samuel Okafor",
    ),
}


@dataclass
class Answer:
    """What a child said: its progress reports, then the page count and the PDF."""

    progress: list[list[Any]]
    pages: int
    pdf: bytes


def demo_request(repo: Repository, which: str, size_name: str = "A4") -> bytes:
    """The bytes Save as PDF sends the child for one of the demo case's sheets."""
    title, read, paint, _line = SHEETS[which]
    case = build_demo(repo, repo.today())
    return pickle.dumps((paint, read(repo, case.id), size_name, title))


def ask_child(command: list[str], request: bytes, **env: str) -> Answer:
    """Pipe one request to a child and read its answer as pdf_process._read_child does."""
    result = subprocess.run(
        command,
        input=request,
        capture_output=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    head, found, rest = result.stdout.partition(b"D ")
    assert found, f"no PDF in the answer: {result.stdout[:300]!r}"
    lines = head.splitlines()
    assert all(line.startswith(b"P ") for line in lines), lines
    sizes, _, pdf = rest.partition(b"\n")
    pages, length = (int(n) for n in sizes.split())
    assert len(pdf) == length, "the PDF came back cut short, or with bytes after it"
    return Answer([json.loads(line[2:]) for line in lines], pages, pdf)


def check_pdf(answer: Answer, which: str) -> None:
    """A whole PDF of the sheet, in the shipped font, one page, with progress on the way."""
    assert answer.pdf.startswith(b"%PDF") and answer.pdf.rstrip().endswith(b"%%EOF")
    assert answer.progress, "the child said nothing of how far along it was"
    info = read_pdf(answer.pdf)
    assert info.pages == answer.pages == 1
    assert any("AtkinsonHyperlegible" in font for font in info.fonts), info.fonts
    assert SHEETS[which][3] in info.flat


@pytest.mark.parametrize("which", sorted(SHEETS))
def test_the_child_from_source_paints_each_sheet(repo: Repository, which: str) -> None:
    command = [sys.executable, "-m", "secondopinion_desktop.printing.pdf_process"]
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    answer = ask_child(command, demo_request(repo, which), PYTHONPATH=pythonpath)
    check_pdf(answer, which)


@pytest.mark.slow
@pytest.mark.skipif(not (BUNDLE / EXE_NAME).exists(), reason=f"no bundle built in {BUNDLE}")
@pytest.mark.parametrize("which", sorted(SHEETS))
def test_the_bundles_child_paints_each_sheet(repo: Repository, which: str) -> None:
    """The frozen executable, as Save as PDF starts it in the bundle."""
    answer = ask_child([str(BUNDLE / EXE_NAME), CHILD_FLAG], demo_request(repo, which, "Letter"))
    check_pdf(answer, which)
    assert read_pdf(answer.pdf).media_boxes == [(612.0, 792.0)]
