"""Any diagnosis: a prostate case and a spine operation see nothing from breast cancer care.

Every page is opened through the window and its words read the way a person sees them (labels,
table cells, buttons), then step 6's team buttons are checked by their screen-reader names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui.main_window import MainWindow
from tests.ui.conftest import AppSession

BREAST_WORDS = ("breast", "mammo", "plastic")


def open_page(window: MainWindow, number: int) -> QWidget:
    """Show a page as the sidebar does; its tools appear once queued events have run."""
    window.show_page(number)
    QApplication.processEvents()
    return window.stack.currentWidget()


def page_words(page: QWidget) -> str:
    """Everything a person can read on a page: labels, buttons and table cells."""
    texts = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    texts += [w.text() for w in page.findChildren(QPushButton) if w.isVisibleTo(page)]
    texts += [w.accessibleName() for w in page.findChildren(QPushButton) if w.isVisibleTo(page)]
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisibleTo(page):
            continue
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                texts.append(str(model.index(row, column).data() or ""))
    return "\n".join(texts)


W = TypeVar("W", bound=QWidget)


def named(root: QWidget, kind: type[W], name: str) -> W:
    """The one visible widget of this kind with this screen-reader name."""
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, (name, len(found))
    return found[0]


def team_buttons(page: QWidget) -> list[str]:
    return sorted(
        b.accessibleName()
        for b in page.findChildren(QPushButton)
        if b.accessibleName().startswith("Add ") and b.accessibleName().endswith(" to the list")
    )


def make_case_with_visit(session: AppSession, diagnosis: str, treatment: str) -> Case:
    repo = session.open_repo()
    case = repo.cases.create(
        "Dad's second opinion",
        patient_name="Walter Brooks",
        diagnosis=diagnosis,
        recommended_treatment=treatment,
        organiser_name="Daniel Brooks",
    )
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Alan Whitfield", role=Role.TREATING))
    new = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Grace Okonkwo"))
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=case.id,
            doctor_id=new.id,
            starts_at=session.clock() + dt.timedelta(days=12),
            place="Riverside Medical Center",
        )
    )
    return case


@pytest.mark.parametrize(
    ("diagnosis", "treatment", "specialists"),
    [
        (
            "Prostate cancer, Gleason 7, found on biopsy",
            "Radical prostatectomy",
            ("urologist", "pathologist", "radiologist", "radiation oncologist"),
        ),
        (
            "Lumbar spinal stenosis",
            "Spinal fusion surgery",
            ("neurosurgeon", "orthopedic surgeon", "physiatrist", "pain specialist"),
        ),
        ("", "", ("surgeon", "radiologist")),
    ],
)
def test_no_page_speaks_of_breast_cancer_unless_the_diagnosis_does(
    qtbot: QtBot, session: AppSession, diagnosis: str, treatment: str, specialists: tuple[str, ...]
) -> None:
    make_case_with_visit(session, diagnosis, treatment)
    window = session.open()
    for number in range(1, OUTCOME_PAGE + 1):
        words = page_words(open_page(window, number)).lower()
        for word in BREAST_WORDS:
            assert word not in words, (number, word)
    page = open_page(window, 6)
    names = team_buttons(page)
    for name in specialists:
        assert f"Add {name} to the list" in names
    team_check = named(page, QCheckBox, "Several specialists will see me on the same day")
    team_check.setFocus()
    qtbot.keyClick(team_check, Qt.Key.Key_Space)  # as someone using the keyboard would
    add = named(page, QPushButton, f"Add {specialists[0]} to the list")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    repo = session.open_repo()
    assert window.case is not None
    booked = repo.appointments.opinion_visit(window.case.id)
    assert booked is not None and booked.team_members == (specialists[0].capitalize(),)


def test_a_breast_case_keeps_mammograms_and_the_four_specialists(
    session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case_with_visit(session, "Invasive ductal carcinoma, left breast", "Lumpectomy")
    window = session.open()
    assert "Mammograms" in page_words(open_page(window, 5))
    assert team_buttons(open_page(window, 6)) == sorted(
        f"Add {n} to the list"
        for n in ("surgeon", "radiation oncologist", "medical oncologist", "plastic surgeon")
    )


DEMO_NAMES = ("Okafor", "Raman", "Adler", "Ellis", "Margaret", "Sarah", "Lakeside", "Bluebrook")


def test_no_example_in_a_real_case_uses_the_sample_cases_names(session: AppSession) -> None:
    make_case_with_visit(session, "Prostate cancer", "Radical prostatectomy")
    window = session.open()
    for number in range(1, OUTCOME_PAGE + 1):
        page = open_page(window, number)
        for edit in (*page.findChildren(QLineEdit), *page.findChildren(QPlainTextEdit)):
            for name in DEMO_NAMES:
                assert name not in edit.placeholderText(), (number, edit.accessibleName())
