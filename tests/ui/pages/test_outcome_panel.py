"""The outcome page: each opinion written down and side by side, the three outcomes, the
options for a different treatment, the doctors asked to talk, and a third-opinion round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.opinions import CHOOSING_QUESTIONS, Opinion, Outcome
from secondopinion_desktop.services.rounds import start_new_round
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.pages.outcome_panel import OutcomePanel
from tests.helpers.clock import FakeClock
from tests.pdf_text import read_pdf
from tests.ui.conftest import AppSession


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum",
        patient_name="Margaret Ellis",
        diagnosis="Invasive ductal carcinoma",
        recommended_treatment="Lumpectomy, then radiation",
        hear_back="A copy of the letter, by fax",
    )


@pytest.fixture
def doctors(repo: Repository, case: Case) -> dict[str, Doctor]:
    okafor = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Samuel Okafor", role=Role.TREATING)
    )
    raman = repo.doctors.add(
        Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", status=Status.BOOKED)
    )
    return {"okafor": okafor, "raman": raman}


class FakeOpinionDialog:
    """Stands in for OpinionDialog: records what it was given and returns `answer(opinion)`."""

    def __init__(self, answer: Callable[[Opinion], Opinion | None]) -> None:
        self.answer = answer
        self.given: list[Opinion] = []
        self._result: Opinion | None = None

    def __call__(self, _parent: Any, opinion: Opinion, *_rest: Any) -> FakeOpinionDialog:
        self.given.append(opinion)
        self._result = self.answer(opinion)
        return self

    def exec(self) -> QDialog.DialogCode:
        if self._result is None:
            return QDialog.DialogCode.Rejected
        return QDialog.DialogCode.Accepted

    def opinion(self) -> Opinion | None:
        return self._result


def panel_with(
    qtbot: QtBot, repo: Repository, case: Case, answer: Callable[[Opinion], Opinion | None]
) -> tuple[OutcomePanel, FakeOpinionDialog]:
    fake = FakeOpinionDialog(answer)
    panel = OutcomePanel(repo, opinion_dialog=fake)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.load(case)
    return panel, fake


def second(outcome: Outcome, treatment: str = "Mastectomy") -> Callable[[Opinion], Opinion]:
    def answer(opinion: Opinion) -> Opinion:
        return replace(opinion, diagnosis="IDC", treatment=treatment, outcome=outcome)

    return answer


def test_with_nothing_written_the_page_says_what_to_do(
    qtbot: QtBot, repo: Repository, case: Case
) -> None:
    panel, _fake = panel_with(qtbot, repo, case, lambda o: None)
    assert list(panel.round_buttons) == [1, 2]
    assert panel.round_buttons[1].text() == "First opinion: write it down\u2026"
    assert panel.round_buttons[1].objectName() == "primary"
    assert panel.empty.isVisibleTo(panel) and not panel.table.isVisibleTo(panel)
    assert "When you have seen the second doctor" in panel.outcome_label.text()
    assert not panel.third_button.isVisibleTo(panel)
    assert not panel.print_button.isEnabled()


def test_the_first_opinion_starts_from_the_case(
    qtbot: QtBot, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel, fake = panel_with(qtbot, repo, case, lambda o: o)
    with qtbot.waitSignal(panel.changed):
        panel.round_buttons[1].click()
    given = fake.given[0]
    assert (given.round, given.doctor_id) == (1, doctors["okafor"].id)
    assert (given.diagnosis, given.treatment) == (
        "Invasive ductal carcinoma",
        "Lumpectomy, then radiation",
    )
    assert [o.round for o in repo.opinions.list(case.id)] == [1]
    assert panel.round_buttons[1].text() == "First opinion: change\u2026"
    assert panel.model.columnCount() == 1


def test_the_second_opinion_starts_from_the_booked_visit(
    qtbot: QtBot, repo: Repository, case: Case, doctors: dict[str, Doctor], clock: FakeClock
) -> None:
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=case.id,
            doctor_id=doctors["raman"].id,
            starts_at=clock() - dt.timedelta(days=1),
        )
    )
    panel, fake = panel_with(qtbot, repo, case, second(Outcome.AGREES))
    panel.round_buttons[2].click()
    given = fake.given[0]
    assert (given.doctor_id, given.given_on) == (
        doctors["raman"].id,
        clock().date() - dt.timedelta(days=1),
    )
    assert panel.outcome_label.text() == (
        "Second opinion, Dr. Priya Raman: Agrees with the diagnosis and the treatment."
    )
    shown = [
        w.text() for w in panel.findChildren(type(panel.outcome_label)) if w.isVisibleTo(panel)
    ]
    assert any("A copy of the letter, by fax" in t for t in shown)
    assert not panel.options.isVisibleTo(panel)
    assert not panel.talk.isVisibleTo(panel)


def test_a_different_treatment_lays_the_options_side_by_side(
    qtbot: QtBot, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    repo.opinions.save(
        Opinion(id=0, case_id=case.id, round=1, diagnosis="IDC", treatment="Lumpectomy")
    )
    panel, _fake = panel_with(qtbot, repo, case, second(Outcome.DIFFERENT_TREATMENT))
    panel.round_buttons[2].click()
    assert panel.options.isVisibleTo(panel)
    assert sorted(panel.thought_edits()) == [1, 2]
    likes, worries = panel.thought_edits()[2]
    likes.setPlainText("One operation")
    worries.setPlainText("Longer recovery")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        pass  # saved after a pause in typing
    saved = repo.opinions.get(case.id, 2)
    assert saved is not None and (saved.likes, saved.worries) == (
        "One operation",
        "Longer recovery",
    )
    assert "What I like about it" in panel.model.row_labels()
    assert panel.talk.isVisibleTo(panel)
    assert not panel.third_button.isVisibleTo(panel)
    panel.add_choosing_button.click()
    texts = [q.text for q in repo.questions.list(case.id)]
    assert all(q in texts for q in CHOOSING_QUESTIONS)
    panel.add_choosing_button.click()  # not twice
    assert len(repo.questions.list(case.id)) == len(texts)


def test_a_different_diagnosis_offers_talking_and_a_third_round(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    clock: FakeClock,
) -> None:
    panel, _fake = panel_with(qtbot, repo, case, second(Outcome.DISAGREES))
    panel.round_buttons[2].click()
    assert panel.third_button.isVisibleTo(panel)
    panel.talk_check.setChecked(True)
    panel.talk_note.setText("Dr. Okafor will call Dr. Raman")
    panel.talk_note.editingFinished.emit()
    info = repo.rounds.info(case.id, 2)
    assert info.doctors_talk_on == clock().date()
    assert info.doctors_talk_note == "Dr. Okafor will call Dr. Raman"
    asked: list[str] = []
    answers = [False, True]

    def ask(_parent: Any, title: str, text: str, **_kw: Any) -> bool:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    panel.third_button.click()  # "Not now"
    assert repo.rounds.current(case.id) == 2
    with qtbot.waitSignal(panel.open_page) as blocker:
        panel.third_button.click()
    assert asked == ["Start a third opinion?", "Start a third opinion?"]
    assert blocker.args == [3]
    assert repo.rounds.current(case.id) == 3
    panel.load(repo.cases.get(case.id))
    assert list(panel.round_buttons) == [1, 2, 3]
    assert panel.round_label.text() == "You are now getting a third opinion (round 3)."
    assert not panel.third_button.isVisibleTo(panel)  # this round has no outcome yet


def test_the_opinions_print_and_save_as_pdf(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    tmp_path: Path,
) -> None:
    repo.opinions.save(
        Opinion(id=0, case_id=case.id, round=1, doctor_id=doctors["okafor"].id, diagnosis="IDC")
    )
    repo.opinions.save(
        Opinion(
            id=0,
            case_id=case.id,
            round=2,
            doctor_id=doctors["raman"].id,
            diagnosis="Lobular, not ductal",
            outcome=Outcome.DISAGREES,
        )
    )
    panel, _fake = panel_with(qtbot, repo, case, lambda o: None)
    target = tmp_path / "opinions.pdf"
    monkeypatch.setattr(messages, "choose_save_path", lambda *_a: str(target))
    panel.pdf_button.click()
    info = read_pdf(target.read_bytes())
    assert info.pages == 1
    for text in (
        "Dr. Samuel Okafor",
        "Dr. Priya Raman",
        "Lobular, not ductal",
        "Sees the diagnosis differently",
    ):
        assert text in info.flat


# --- in the window ---------------------------------------------------------------------------


def test_the_demo_outcome_page_shows_the_first_opinion(session: AppSession) -> None:
    from secondopinion_desktop.demo import build_demo

    demo = build_demo(session.open_repo(), session.clock().date())
    window = session.open()
    window.open_case(demo.id)
    window.show_page(7)
    [panel] = window.panels[7]
    assert isinstance(panel, OutcomePanel)
    assert panel.model.columnCount() == 1
    assert (
        panel.model.headerData(0, Qt.Orientation.Horizontal) == "First opinion\nDr. Samuel Okafor"
    )
    window.show_page(6)
    assert window.panels[6][1].model.rowCount() == 14  # type: ignore[attr-defined]


def test_in_a_third_round_step_three_books_the_third_visit(
    qtbot: QtBot, repo: Repository, case: Case, doctors: dict[str, Doctor], clock: FakeClock
) -> None:
    from secondopinion_desktop.ui.pages.compare_panel import ComparePanel
    from secondopinion_desktop.ui.pages.visit_panel import VisitPanel

    start_new_round(repo, case.id)
    whitfield = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Thomas Whitfield"))
    rounds: list[int] = []

    class Booking:
        def __init__(self, _parent: Any, doctor: Doctor, _existing: Any, round_: int = 2) -> None:
            rounds.append(round_)
            self.doctor, self.round = doctor, round_

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

        def appointment(self) -> Appointment:
            return Appointment(
                id=0,
                case_id=case.id,
                doctor_id=self.doctor.id,
                round=self.round,
                starts_at=clock() + dt.timedelta(days=10),
            )

    compare = ComparePanel(repo, booking_dialog=Booking)  # type: ignore[arg-type]
    qtbot.addWidget(compare)
    compare.load(case)
    compare.select_doctor(whitfield.id)
    compare.choose_selected()
    assert rounds == [3]
    visit = repo.appointments.opinion_visit(case.id)
    assert visit is not None and (visit.doctor_id, visit.round) == (whitfield.id, 3)
    assert repo.doctors.booked(case.id) == repo.doctors.get(whitfield.id)
    step6 = VisitPanel(repo)
    qtbot.addWidget(step6)
    step6.load(repo.cases.get(case.id))
    assert "with Dr. Thomas Whitfield" in step6.summary.text()


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_control_is_named_in_every_outcome(
    qtbot: QtBot, repo: Repository, case: Case, doctors: dict[str, Doctor], outcome: Outcome
) -> None:
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QPushButton

    repo.opinions.save(Opinion(id=0, case_id=case.id, round=1, treatment="Lumpectomy"))
    repo.opinions.save(
        Opinion(id=0, case_id=case.id, round=2, treatment="Mastectomy", outcome=outcome)
    )
    panel, _fake = panel_with(qtbot, repo, case, lambda o: None)
    panel.show()
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for kind in (QPushButton, QCheckBox, QLineEdit, QPlainTextEdit, QComboBox)
        for w in panel.findChildren(kind)
        if w.isVisible() and not w.accessibleName().strip()
    ]
    assert unnamed == []
