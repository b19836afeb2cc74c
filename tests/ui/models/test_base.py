"""RowListModel: the one table model under every list a page shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor
from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.domain.records import RecordItem
from secondopinion_desktop.domain.reminders import Reminder
from secondopinion_desktop.ui.models.base import RowListModel, TableColumn
from secondopinion_desktop.ui.models.calls_model import CallsModel
from secondopinion_desktop.ui.models.cases_model import CasesModel
from secondopinion_desktop.ui.models.doctors_model import DoctorsTableModel
from secondopinion_desktop.ui.models.import_preview_model import (
    ImportPreviewModel,
    Outcome,
    PreviewRow,
)
from secondopinion_desktop.ui.models.questions_model import QuestionsModel
from secondopinion_desktop.ui.models.records_model import AttachmentsModel, RecordsModel
from secondopinion_desktop.ui.models.reminders_model import RemindersModel

Role = Qt.ItemDataRole
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Fruit:
    id: int
    name: str
    count: int


class Counting:
    """A text function that counts its calls, to see the cache at work."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, fruit: Fruit) -> str:
        self.calls += 1
        return fruit.name


def fruit_model(name: Callable[[Fruit], str] = lambda f: f.name) -> RowListModel[Fruit]:
    return RowListModel(
        (
            TableColumn("Fruit", name, tip="What it is"),
            TableColumn(
                "How many",
                lambda f: str(f.count),
                roles={Role.ForegroundRole: lambda f: "red" if f.count == 0 else None},
                alignment=Qt.AlignmentFlag.AlignRight,
            ),
        ),
        row_roles={Role.UserRole: lambda f: f.id},
    )


FRUIT = [Fruit(1, "Apple", 3), Fruit(2, "Pear", 0), Fruit(7, "Plum", 12)]


def test_the_base_passes_the_model_tester_through_resets_and_replacements(
    qtmodeltester: ModelTester,
) -> None:
    model = fruit_model()
    qtmodeltester.check(model)
    model.set_rows(FRUIT)
    qtmodeltester.check(model)
    model.replace_row(replace(FRUIT[1], count=4))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_columns_declare_text_roles_alignment_and_headers() -> None:
    model = fruit_model()
    model.set_rows(FRUIT)
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    assert model.index(1, 0).data() == "Pear"
    assert model.index(1, 1).data() == "0"
    assert model.index(1, 1).data(Role.ForegroundRole) == "red"
    assert model.index(0, 1).data(Role.ForegroundRole) is None
    assert model.index(2, 0).data(Role.UserRole) == 7
    assert model.index(0, 1).data(Role.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight)
    assert model.index(0, 0).data(Role.TextAlignmentRole) is None
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(0, horizontal) == "Fruit"
    assert model.headerData(0, horizontal, Role.ToolTipRole) == "What it is"
    assert model.headerData(1, horizontal, Role.ToolTipRole) is None
    assert model.headerData(1, horizontal, Role.AccessibleTextRole) == "How many"
    assert model.headerData(5, horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_roles_nobody_declared_are_refused() -> None:
    model = fruit_model()
    model.set_rows(FRUIT)
    for role in (Role.EditRole, Role.DecorationRole, Role.ToolTipRole, Role.FontRole):
        assert model.index(0, 0).data(role) is None
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag(0)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_rows_are_found_by_id_and_the_model_keeps_its_own_copy() -> None:
    model = fruit_model()
    rows = list(FRUIT)
    model.set_rows(rows)
    rows.clear()
    assert model.row_of(7) == 2
    assert model.row_of(99) == -1
    assert model.row_at(2) == FRUIT[2]
    model.rows().clear()
    assert model.rows() == FRUIT


def test_a_cell_text_is_made_once_per_reset_and_again_after_a_change(qtbot: QtBot) -> None:
    name = Counting()
    model = fruit_model(name)
    model.set_rows(FRUIT)
    for _ in range(3):
        assert model.index(0, 0).data() == "Apple"
    assert name.calls == 1
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as changed:
        model.replace_row(replace(FRUIT[0], name="Green apple"))
    assert [changed.args[0].row(), changed.args[1].column()] == [0, 1]
    assert model.index(0, 0).data() == "Green apple"
    model.replace_row(Fruit(99, "Nowhere", 1))  # not shown: nothing happens
    assert model.rowCount() == 3
    model.set_rows(FRUIT)
    assert model.index(0, 0).data() == "Apple"
    assert name.calls == 3


DOCTOR = Doctor(id=1, case_id=1, name="Dr. Ruiz", accepting_new_patients=Answer.YES)
RECORD = RecordItem(id=1, case_id=1, title="Medical records", pages=12)


def _filled(kind: str) -> Any:
    """Each list model of the app, with a couple of rows in it."""
    if kind == "calls":
        calls = CallsModel()
        calls.set_rows([Call(1, 1, "2026-11-19T10:00:00", "Ana", "Wait 3 weeks", "2026-11-24")])
        return calls
    if kind == "cases":
        cases = CasesModel()
        cases.set_rows([Case(id=1, title="Knee"), Case(id=2, title="", patient_name="Jo")])
        return cases
    if kind == "doctors":
        doctors = DoctorsTableModel(save=lambda d: d)
        doctors.set_rows([DOCTOR, replace(DOCTOR, id=2, name="Dr. Ito", wait_days=9)])
        return doctors
    if kind == "preview":
        preview = ImportPreviewModel()
        preview.set_rows(
            [
                PreviewRow(2, Outcome.ADDED, "Added", name="Dr. Ruiz"),
                PreviewRow(3, Outcome.SKIPPED, "Skipped: no name"),
                PreviewRow(4, Outcome.CHECK, "Check: phone", phone="12"),
            ]
        )
        return preview
    if kind == "questions":
        questions = QuestionsModel(save=lambda q: q)
        questions.set_rows(
            [Question(1, 1, "How sure?"), Question(2, 1, "What next?", answer="Scan\nsoon")]
        )
        return questions
    if kind == "records":
        records = RecordsModel()
        records.set_items([RECORD], {}, None, dt.date(2026, 11, 30), dt.date(2026, 11, 20))
        return records
    if kind == "attachments":
        scans = AttachmentsModel()
        scans.set_rows([Attachment(1, 1, "a.pdf", "Scan.pdf", 2048, "ab")])
        return scans
    reminders = RemindersModel()
    reminders.set_reminders([Reminder(1, 1, "Call the lab", NOW), Reminder(2, 1, "Fax", NOW)], NOW)
    return reminders


KINDS = ("calls", "cases", "doctors", "preview", "questions", "records", "attachments", "reminders")


@pytest.mark.parametrize("kind", KINDS)
def test_every_list_model_passes_the_model_tester(qtmodeltester: ModelTester, kind: str) -> None:
    model = _filled(kind)
    qtmodeltester.check(model)
    model.replace_row(model.row_at(0))
    qtmodeltester.check(model)
    assert model.row_of(-5) == -1
    model.set_rows([])
    qtmodeltester.check(model)
