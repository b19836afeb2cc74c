"""The cases list model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.ui.models.cases_model import CaseIdRole, CasesModel

Access = Qt.ItemDataRole.AccessibleTextRole


def cases() -> list[Case]:
    return [
        Case(id=4, title="Dad's knee", patient_name="Robert Ellis"),
        Case(id=9, title="Mum's second opinion", patient_name="Margaret Ellis"),
        Case(id=12, title="", patient_name="Jo Ellis"),
    ]


def test_cases_model_passes_model_checks_empty_and_with_cases(
    qtmodeltester: ModelTester,
) -> None:
    model = CasesModel()
    qtmodeltester.check(model)
    model.set_rows(cases())
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_cases_model_roles() -> None:
    model = CasesModel()
    model.set_rows(cases())
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert first.data() == "Dad's knee"
    assert first.data(Access) == "Dad's knee"
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "Robert Ellis"
    assert first.data(CaseIdRole) == 4
    # A case without a title is shown by the patient's name.
    assert model.index(2, 0).data() == "Jo Ellis"
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None


def test_cases_model_finds_rows_by_id() -> None:
    model = CasesModel()
    model.set_rows(cases())
    assert model.row_of(9) == 1
    assert model.row_at(1).id == 9
    assert model.row_of(999) == -1


def test_cases_model_reset_signals(qtbot: QtBot) -> None:
    model = CasesModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(cases())
    assert model.rowCount() == 3


def test_cases_model_keeps_its_own_copy() -> None:
    model = CasesModel()
    rows = cases()
    model.set_rows(rows)
    rows.clear()
    assert model.rowCount() == 3
