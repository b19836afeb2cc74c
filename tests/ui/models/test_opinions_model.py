"""The opinions side-by-side model."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.opinions import Opinion, Outcome
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.models.opinions_model import OpinionsModel


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy, then radiation",
        hear_back="A copy of the letter, by fax",
    )


def test_opinions_model(qtmodeltester: Any, repo: Repository, case: Case) -> None:
    model = OpinionsModel()
    qtmodeltester.check(model)  # empty
    model.set_opinions(
        [
            Opinion(id=2, case_id=case.id, round=2, diagnosis="B", outcome=Outcome.AGREES),
            Opinion(id=1, case_id=case.id, round=1, doctor_name="Dr. Okafor", diagnosis="A"),
        ],
        {},
    )
    qtmodeltester.check(model)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "First opinion\nDr. Okafor"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Second opinion\nThe second doctor"
    row = model.row_labels().index("Diagnosis")
    assert [model.index(row, c).data() for c in range(2)] == ["A", "B"]
