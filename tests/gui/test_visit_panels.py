"""Step 6: the appointment and its team, the questions (order, asked, answers, printing),
and the tests ordered after the visit."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment, AppointmentKind
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.questions import Question, Topic
from secondopinion_desktop.domain.records import Delivery, RecordItem, Timing
from secondopinion_desktop.printing.questions_sheet import questions_sheet_for
from secondopinion_desktop.printing.render import set_page
from secondopinion_desktop.printing.sheet_render import render_questions_sheet
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages, sheet_printing
from secondopinion_desktop.ui.dialogs.question_dialog import QuestionDialog
from secondopinion_desktop.ui.models.questions_model import Column, QuestionsModel
from secondopinion_desktop.ui.pages.questions_panel import QuestionsPanel
from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel, VisitPanel, team_from_text
from tests.conftest import FakeClock
from tests.pdf_text import read_pdf


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.create_case(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy",
    )


@pytest.fixture
def raman(repo: Repository, case: Case) -> Doctor:
    return repo.add_doctor(
        Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", phone="(555) 622-4100")
    )


def book(
    repo: Repository, case: Case, doctor: Doctor, clock: FakeClock, **values: Any
) -> Appointment:
    return repo.add_appointment(
        Appointment(
            id=0,
            case_id=case.id,
            doctor_id=doctor.id,
            starts_at=clock() + dt.timedelta(days=12),
            place="Lakeside Cancer Center",
            **values,
        )
    )


class FakeDialog:
    """Answers exec() at once; hands back what the test set."""

    def __init__(self, **results: Any) -> None:
        self.results = results
        self.calls: list[tuple[Any, ...]] = []
        self.accept = True

    def __call__(self, *args: Any) -> FakeDialog:
        self.calls.append(args)
        return self

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected

    def __getattr__(self, name: str) -> Any:
        results = self.__dict__.get("results", {})
        if name in results:
            return lambda: results[name]
        raise AttributeError(name)


# --- the appointment ------------------------------------------------------------------------


def test_without_a_visit_the_panel_points_to_step_three(
    qtbot: QtBot, repo: Repository, case: Case
) -> None:
    panel = VisitPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    assert "No visit booked yet for the second opinion" in panel.summary.text()
    assert panel.book_button.isVisibleTo(panel)
    assert not panel.team_check.isVisibleTo(panel)
    with qtbot.waitSignal(panel.open_page) as blocker:
        panel.book_button.click()
    assert blocker.args == [3]


def test_the_visit_its_team_and_what_to_bring(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    book(repo, case, raman, clock)
    repo.add_record(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Insurance card",
            delivery=Delivery.BRING,
            timing=Timing.BRING_ALONG,
        )
    )
    panel = VisitPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    assert panel.summary.text() == "Wednesday 2 December 2026 at 9:30 am, with Dr. Priya Raman."
    assert "Phone: (555) 622-4100" in panel.details.text()
    assert "Records should be there by 25 November" in panel.details.text()
    assert panel.bring.text() == "Bring: insurance card, your list of questions (below)."
    assert not panel.team_check.isChecked()
    with qtbot.waitSignal(panel.changed):
        panel.team_check.setChecked(True)
    assert repo.opinion_appointment(case.id).kind is AppointmentKind.MULTIDISCIPLINARY  # type: ignore[union-attr]
    panel.add_specialist("Surgeon")
    panel.add_specialist("Radiation oncologist")
    panel.add_specialist("surgeon")  # already there
    assert panel.team_edit.text() == "Surgeon, Radiation oncologist"
    panel.team_edit.setText("Surgeon; plastic surgeon, Surgeon")
    panel.save_team()
    visit = repo.opinion_appointment(case.id)
    assert visit is not None and visit.team_members == ("Surgeon", "plastic surgeon")
    panel.team_check.setChecked(False)
    assert repo.opinion_appointment(case.id).kind is AppointmentKind.SECOND_OPINION  # type: ignore[union-attr]


def test_team_from_text() -> None:
    assert team_from_text(" surgeon ,, Radiation  oncologist;\nSURGEON") == (
        "surgeon",
        "Radiation oncologist",
    )


def test_changing_the_visit_uses_the_booking_dialog(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    visit = book(repo, case, raman, clock)
    moved = replace(visit, starts_at=visit.starts_at + dt.timedelta(days=1), place="Annex")
    fake = FakeDialog(appointment=moved)
    panel = VisitPanel(repo, booking_dialog=fake)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.load(case)
    with qtbot.waitSignal(panel.changed):
        panel.change_button.click()
    assert fake.calls[0][1:] == (raman, visit)
    assert repo.get_appointment(visit.id).place == "Annex"
    assert panel.summary.text().startswith("Thursday 3 December 2026")


def test_tests_ordered_are_saved_with_this_rounds_opinion(
    qtbot: QtBot, repo: Repository, case: Case, raman: Doctor, clock: FakeClock
) -> None:
    book(repo, case, raman, clock)
    panel = AfterVisitPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    panel.tests_edit.setPlainText("Breast MRI at Lakeside")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        pass  # saved after a short pause in typing
    opinion = repo.get_opinion(case.id, 2)
    assert opinion is not None and opinion.tests_ordered == "Breast MRI at Lakeside"
    assert opinion.doctor_id == raman.id
    panel.tests_edit.setPlainText("Breast MRI at Lakeside, results in a week")
    panel.flush()  # leaving the page saves at once
    assert repo.get_opinion(case.id, 2).tests_ordered.endswith("in a week")  # type: ignore[union-attr]


# --- the questions --------------------------------------------------------------------------


@pytest.fixture
def questions(qtbot: QtBot, repo: Repository, case: Case) -> QuestionsPanel:
    panel = QuestionsPanel(repo)
    qtbot.addWidget(panel)
    panel.load(case)
    return panel


def texts(panel: QuestionsPanel) -> list[str]:
    return [q.text for q in panel.model.questions()]


def test_the_starter_questions_come_first_time(
    questions: QuestionsPanel, repo: Repository, case: Case
) -> None:
    assert questions.model.rowCount() == 12
    assert "Invasive ductal carcinoma" in texts(questions)[0]
    assert questions.summary.text() == "0 of 12 asked."
    assert questions.selected() == questions.model.question_at(0)
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
    assert [q.text for q in repo.list_questions(case.id)] == texts(panel)
    fake.results["text"] = "Can I keep working part-time?"
    panel.edit_button.click()
    assert fake.calls[-1][1] == "Can I keep working?"
    assert repo.get_question(mine.id).text == "Can I keep working part-time?"
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
    second = questions.model.question_at(1)
    questions.select(second.id)
    questions.table.setFocus()
    qtbot.keyClick(questions.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert texts(questions)[0] == second.text


def test_ticking_asked_and_writing_the_answer(
    qtbot: QtBot, questions: QuestionsPanel, repo: Repository, clock: FakeClock
) -> None:
    first = questions.model.question_at(0)
    index = questions.model.index(0, Column.ASKED)
    assert questions.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert repo.get_question(first.id).asked_on == clock().date()
    assert questions.asked_check.isChecked()
    assert questions.summary.text() == "1 of 12 asked."
    second = questions.model.question_at(1)
    questions.select(second.id)
    assert questions.answer_label.text().startswith("Answer to question 2:")
    questions.answer_edit.setPlainText("They will look again.\nResults in a week.")
    with qtbot.waitSignal(questions.changed, timeout=1000):
        pass
    saved = repo.get_question(second.id)
    assert saved.answer == "They will look again.\nResults in a week."
    assert saved.asked  # an answer means it was asked
    questions.select(first.id)  # choosing another saves and shows its answer
    questions.asked_check.setChecked(False)
    assert not repo.get_question(first.id).asked
    questions.select(second.id)
    assert questions.answer_edit.toPlainText() == saved.answer


def test_questions_model(qtmodeltester: Any, repo: Repository, case: Case) -> None:
    model = QuestionsModel(repo.update_question, repo.today)
    model.set_questions(repo.ensure_starter_questions(case.id))
    qtmodeltester.check(model)
    assert model.index(0, Column.NUMBER).data() == "1"
    assert model.index(0, Column.ASKED).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    assert model.flags(model.index(0, Column.ASKED)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(model.index(0, Column.QUESTION), "x")


def test_question_dialog_checks_the_text(qtbot: QtBot) -> None:
    dialog = QuestionDialog(None)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Please write the question" in dialog.error.text()
    dialog.edit.setPlainText("  How long   is recovery? ")
    dialog.accept()
    assert dialog.text() == "How long is recovery?"


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
        sheet_printing,
        "print_with_dialog",
        lambda _p, title, render, size: renders.append(("print", render)) or True,
    )
    monkeypatch.setattr(
        sheet_printing,
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


def test_a_long_list_still_fits_one_page_with_less_room(
    qapp: Any, repo: Repository, case: Case, tmp_path: Path
) -> None:
    for n in range(14):
        repo.add_question(Question(id=0, case_id=case.id, text=f"My own question number {n}?"))
    all_questions = repo.ensure_starter_questions(case.id)
    assert len(all_questions) == 26
    sheet = questions_sheet_for(case, all_questions, None, None, repo.today())
    writer = QPdfWriter(str(tmp_path / "long.pdf"))
    set_page(writer, "Letter")
    pages = render_questions_sheet(sheet, writer)
    del writer
    assert pages == 1
    assert "My own question number 13?" in read_pdf((tmp_path / "long.pdf").read_bytes()).flat
