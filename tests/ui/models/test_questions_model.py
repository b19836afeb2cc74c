"""The questions table model."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.models.questions_model import Column, QuestionsModel


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy",
    )


def test_questions_model(qtmodeltester: Any, repo: Repository, case: Case) -> None:
    model = QuestionsModel(repo.questions.update, repo.today)
    model.set_rows(ensure_starter_questions(repo, case.id))
    qtmodeltester.check(model)
    assert model.index(0, Column.NUMBER).data() == "1"
    assert model.index(0, Column.ASKED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert model.flags(model.index(0, Column.ASKED)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(model.index(0, Column.QUESTION), "x")
