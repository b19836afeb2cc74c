"""Step 6: the questions (order, asked, answers, printing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.questions import Topic
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages, print_actions
from secondopinion_desktop.ui.models.questions_model import Column
from secondopinion_desktop.ui.pages.questions_panel import QuestionsPanel
from tests.helpers.clock import FakeClock
from tests.helpers.fakes import FakeDialog
from tests.pdf_text import read_pdf
from tests.ui.pages.conftest import book


@pytest.fixture
def questions(qtbot: QtBot, repo: Repository, case: Case) -> QuestionsPanel:
    panel = QuestionsPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    return panel


def texts(panel: QuestionsPanel) -> list[str]:
    return [q.text for q in panel.model.rows()]


def test_the_starter_questions_come_first_time(
    questions: QuestionsPanel, repo: Repository, case: Case
) -> None:
    assert questions.model.rowCount() == 12
    assert "Invasive ductal carcinoma" in texts(questions)[0]
    assert questions.summary.text() == "0 of 12 asked."
    assert questions.selected() == questions.model.row_at(0)
    assert not questions.up_button.isEnabled() and questions.down_button.isEnabled()


def test_add_change_move_and_remove(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    repo: Repository,
    case: Case,
) -> None:
    fake = FakeDialog(text="Can I keep working?")
    panel = QuestionsPanel(repo, question_dialog=fake)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.load(case)
    with qtbot.waitSignal(panel.changed):
        panel.add_button.click()
    assert texts(panel)[-1] == "Can I keep working?"
    mine = panel.selected()
    assert mine is not None and mine.topic is Topic.OWN
    panel.move_selected(-1)
    assert texts(panel)[-2] == "Can I keep working?"
    assert panel.selected() is not None and panel.selected().id == mine.id  # type: ignore[union-attr]
    assert [q.text for q in repo.questions.list(case.id)] == texts(panel)
    fake.results["text"] = "Can I keep working part-time?"
    panel.edit_button.click()
    assert fake.calls[-1][1] == "Can I keep working?"
    assert repo.questions.get(mine.id).text == "Can I keep working part-time?"
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(messages, "ask_yes_no", answer)
    panel.remove_button.click()
    assert "Can I keep working part-time?" in asked[0]
    assert "Can I keep working part-time?" not in texts(panel)
    assert panel.selected() is not None  # the next one is chosen


def test_keyboard_moves_the_chosen_question(qtbot: QtBot, questions: QuestionsPanel) -> None:
    questions.show()
    second = questions.model.row_at(1)
    questions.select(second.id)
    questions.table.setFocus()
    qtbot.keyClick(questions.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert texts(questions)[0] == second.text


def test_ticking_asked_and_writing_the_answer(
    qtbot: QtBot, questions: QuestionsPanel, repo: Repository, clock: FakeClock
) -> None:
    first = questions.model.row_at(0)
    index = questions.model.index(0, Column.ASKED)
    assert questions.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert repo.questions.get(first.id).asked_on == clock().date()
    assert questions.asked_check.isChecked()
    assert questions.summary.text() == "1 of 12 asked."
    second = questions.model.row_at(1)
    questions.select(second.id)
    assert questions.answer_label.text().startswith("Answer to question 2:")
    questions.answer_edit.setPlainText("They will look again.\nResults in a week.")
    with qtbot.waitSignal(questions.changed, timeout=1000):
        pass
    saved = repo.questions.get(second.id)
    assert saved.answer == "They will look again.\nResults in a week."
    assert saved.asked  # an answer means it was asked
    questions.select(first.id)  # choosing another saves and shows its answer
    questions.asked_check.setChecked(False)
    assert not repo.questions.get(first.id).asked
    questions.select(second.id)
    assert questions.answer_edit.toPlainText() == saved.answer


def test_print_preview_and_pdf_use_one_render(
    monkeypatch: pytest.MonkeyPatch,
    questions: QuestionsPanel,
    repo: Repository,
    case: Case,
    raman: Doctor,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    book(repo, case, raman, clock)
    renders: list[tuple[str, Any]] = []
    monkeypatch.setattr(
        print_actions,
        "print_with_dialog",
        lambda _p, title, render, size: renders.append(("print", render)) or True,
    )
    monkeypatch.setattr(
        print_actions,
        "preview",
        lambda _p, title, render, size: renders.append(("preview", render)),
    )
    questions.print_button.click()
    questions.preview_button.click()
    assert [kind for kind, _ in renders] == ["print", "preview"]
    target = tmp_path / "questions"
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(target))
    questions.pdf_button.click()
    info = read_pdf((tmp_path / "questions.pdf").read_bytes())
    assert info.pages == 1
    assert "Questions for the visit" in info.flat
    assert "Dr. Priya Raman" in info.flat
    assert "Who do I call if I have questions after today?" in info.flat


def test_an_answer_longer_than_kept_is_said_to_be_cut(
    qtbot: QtBot, questions: QuestionsPanel, repo: Repository
) -> None:
    """It was cut at 20,000 letters when saved, and nothing said so."""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit

    from tests.helpers.stranger import named

    questions.show()
    first = questions.model.row_at(0)
    questions.select(first.id)
    box = named(questions, QPlainTextEdit, "Answer to the chosen question")
    pasted = ("What the surgeon said, word for word. " * 600)[:20_012]
    box.setPlainText(pasted)
    questions.answer_saver.flush()
    note = named(questions, QLabel, "Answer too long")
    assert "20,012 letters" in note.text() and "first 20,000" in note.text(), note.text()
    assert box.toPlainText() == pasted
    assert repo.questions.get(first.id).answer == pasted[:20_000].strip()
    questions.select(questions.model.row_at(1).id)  # another answer: the note was not about it
    assert not note.isVisibleTo(questions)
