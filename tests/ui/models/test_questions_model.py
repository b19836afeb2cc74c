"""The questions table model."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.store.repository import Repository, WritesPaused
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


def test_a_tick_while_a_job_writes_is_refused_in_words(
    qtbot: QtBot, repo: Repository, case: Case
) -> None:
    def paused(_question: Question) -> Question:
        raise WritesPaused("Second Opinion is still restoring the backup. Please wait.")

    model = QuestionsModel(paused, repo.today)
    model.set_rows(ensure_starter_questions(repo, case.id))
    asked = model.index(0, Column.ASKED)
    with qtbot.waitSignal(model.edit_rejected) as blocker:
        assert not model.setData(asked, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == ["Second Opinion is still restoring the backup. Please wait."]
    assert asked.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
