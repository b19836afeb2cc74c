"""The sidebar's steps model: Qt's model checks and its roles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.steps import OUTCOME_PAGE, OUTCOME_SHORT_TITLE, STEPS
from secondopinion_desktop.ui.models.steps_model import (
    DoneRole,
    NumberRole,
    StatusTextRole,
    StepsModel,
)

Access = Qt.ItemDataRole.AccessibleTextRole


def statuses(model: StepsModel) -> list[str]:
    return [model.index(row, 0).data(StatusTextRole) for row in range(model.rowCount())]


# --- StepsModel ----------------------------------------------------------------------------


def test_steps_model_passes_model_checks_before_and_after_set_done(
    qtmodeltester: ModelTester,
) -> None:
    model = StepsModel()
    qtmodeltester.check(model)
    model.set_done({1, 3})
    qtmodeltester.check(model)
    model.set_done(set(range(1, OUTCOME_PAGE)))
    qtmodeltester.check(model)


def test_steps_model_has_six_steps_and_the_outcome() -> None:
    model = StepsModel()
    assert model.rowCount() == OUTCOME_PAGE == len(STEPS) + 1
    assert model.rowCount(model.index(0, 0)) == 0
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert titles == [s.title for s in STEPS] + [OUTCOME_SHORT_TITLE]
    numbers = [model.index(row, 0).data(NumberRole) for row in range(model.rowCount())]
    assert numbers == list(range(1, OUTCOME_PAGE + 1))
    assert model.data(QModelIndex()) is None


def test_nothing_done_means_step_one_is_next() -> None:
    model = StepsModel()
    assert [model.index(r, 0).data(DoneRole) for r in range(model.rowCount())] == [False] * 7
    assert statuses(model) == ["Next"] + ["Not done yet"] * 5 + ["After the visit"]


def test_set_done_changes_done_status_and_words() -> None:
    model = StepsModel()
    model.set_done({1, 2})
    assert model.index(0, 0).data(DoneRole) is True
    assert model.index(1, 0).data(DoneRole) is True
    assert model.index(2, 0).data(DoneRole) is False
    assert statuses(model) == ["Done", "Done", "Next", *["Not done yet"] * 3, "After the visit"]
    assert model.done_steps() == {1, 2}


def test_next_is_the_first_open_step_even_after_later_ones_are_done() -> None:
    model = StepsModel()
    model.set_done({1, 3, 4})
    assert statuses(model)[:6] == ["Done", "Next", "Done", "Done", "Not done yet", "Not done yet"]


def test_accessible_text_says_number_title_and_state() -> None:
    model = StepsModel()
    model.set_done({1})
    first = STEPS[0].title
    second = STEPS[1].title
    assert model.index(0, 0).data(Access) == f"Step 1: {first}. Done."
    assert model.index(1, 0).data(Access) == f"Step 2: {second}. Next."
    assert model.index(2, 0).data(Access) == f"Step 3: {STEPS[2].title}. Not done yet."
    assert model.index(6, 0).data(Access) == f"{OUTCOME_SHORT_TITLE}. After the visit."


def test_tooltips_give_each_step_summary() -> None:
    model = StepsModel()
    for row, step in enumerate(STEPS):
        assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == step.summary
    assert model.index(6, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_set_done_tells_views_every_row_changed(qtbot: QtBot) -> None:
    model = StepsModel()
    with qtbot.waitSignal(model.dataChanged, timeout=1000) as blocker:
        model.set_done({2})
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), bottom.row()) == (0, OUTCOME_PAGE - 1)


def test_set_done_keeps_its_own_copy() -> None:
    model = StepsModel()
    done = {1}
    model.set_done(done)
    done.add(2)
    assert model.done_steps() == {1}
    model.done_steps().add(5)
    assert model.done_steps() == {1}


def test_steps_are_selectable_but_not_editable() -> None:
    model = StepsModel()
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable
    assert flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


@settings(max_examples=60, deadline=None)
@given(st.sets(st.integers(min_value=1, max_value=6)))
def test_exactly_one_step_is_next_until_all_are_done(qapp: QApplication, done: set[int]) -> None:
    model = StepsModel()
    model.set_done(done)
    words = statuses(model)
    assert words.count("Done") == len(done)
    assert words.count("Next") == (0 if len(done) == 6 else 1)
    if len(done) < 6:
        assert words.index("Next") + 1 == min(set(range(1, 7)) - done)
    assert words[-1] == "After the visit"
