"""The questions sheet rendered to PDF: a long list still fits one page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPdfWriter

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.printing.questions_sheet import questions_sheet_for
from secondopinion_desktop.printing.render import set_page
from secondopinion_desktop.printing.sheet_render import render_questions_sheet
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.store.repository import Repository
from tests.pdf_text import read_pdf


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy",
    )


def test_a_long_list_still_fits_one_page_with_less_room(
    qapp: Any, repo: Repository, case: Case, tmp_path: Path
) -> None:
    for n in range(14):
        repo.questions.add(Question(id=0, case_id=case.id, text=f"My own question number {n}?"))
    all_questions = ensure_starter_questions(repo, case.id)
    assert len(all_questions) == 26
    sheet = questions_sheet_for(case, all_questions, None, None, repo.today())
    writer = QPdfWriter(str(tmp_path / "long.pdf"))
    set_page(writer, "Letter")
    pages = render_questions_sheet(sheet, writer)
    del writer
    assert pages == 1
    assert "My own question number 13?" in read_pdf((tmp_path / "long.pdf").read_bytes()).flat
