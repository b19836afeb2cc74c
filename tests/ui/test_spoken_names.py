"""Names as a person says them, in the window: an insurer's "OKONKWO, GRACE MD" reads
"Dr. Grace Okonkwo" in the import preview (with the list's spelling beside it), in the tables,
in step 1's script and on the outcome page; the doctor dialog says where the insurance answer
came from ("Yes, per the insurer's list")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.steps import OUTCOME_PAGE
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.main_window import MainWindow
from tests.helpers.stranger import answer_next_dialog, button, named
from tests.ui.conftest import AppSession

INSURER_LIST = (
    b"Provider Name,Specialty,Phone,Network Status\n"
    b'"OKONKWO, GRACE MD",Urology,555-201-4000,In Network\n'
)


@pytest.fixture
def case(make_case: Callable[..., Case]) -> Case:
    return make_case("Dad's second opinion", patient_name="Walter Brooks")


def _column(table: QTableView) -> list[str]:
    model = table.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_an_imported_doctor_reads_as_spoken_and_the_dialog_says_per_the_insurers_list(
    qtbot: QtBot,
    session: AppSession,
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv = tmp_path / "bluebrook.csv"
    csv.write_bytes(INSURER_LIST)
    monkeypatch.setattr(messages, "choose_open_path", lambda *args: str(csv))
    window = session.open()
    window.show_page(2)
    previewed: list[list[str]] = []

    def fill(dialog: QWidget) -> None:
        button(dialog, "Choose the CSV file to import").click()
        preview = named(dialog, QTableView, "Preview of the rows in the file")
        model = preview.model()
        previewed.append([str(model.index(0, c).data()) for c in range(model.columnCount())])
        button(dialog, "Add the doctors to your list").click()

    opened = answer_next_dialog(fill)
    button(window, "Import doctors from a spreadsheet saved as CSV").click()
    assert opened
    assert "Dr. Grace Okonkwo (on the list as \u201cOKONKWO, GRACE MD\u201d)" in previewed[0]

    table = named(window, QTableView, "Candidate doctors")
    assert _column(table) == ["Dr. Grace Okonkwo"]
    table.setCurrentIndex(table.model().index(0, 0))
    insurance: list[str] = []

    def look(dialog: QWidget) -> None:
        insurance.append(named(dialog, QComboBox, "Accepts your insurance").currentText())
        button(dialog, "Cancel").click()

    opened = answer_next_dialog(look)
    button(window, "Edit the chosen doctor").click()
    assert opened
    assert insurance == ["Yes, per the insurer's list"]


@pytest.fixture
def listed(session: AppSession, case: Case) -> MainWindow:
    repo = session.open_repo()
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="CHEN, DAVID MD", role=Role.TREATING))
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="OKONKWO, GRACE MD"))
    return session.open()


def test_names_typed_in_list_form_read_as_spoken_on_every_page(listed: MainWindow) -> None:
    listed.show_page(1)
    script = named(listed, QPlainTextEdit, "Script to say or read to your doctor")
    assert "Dr. David Chen" in script.toPlainText()
    assert "CHEN" not in script.toPlainText()
    for page in (2, 3, 4, 5, 6, OUTCOME_PAGE):
        listed.show_page(page)
        named(listed, QWidget, "Step page")
        shown = " ".join(
            str(table.model().index(row, column).data())
            for table in listed.findChildren(QTableView)
            if table.isVisibleTo(listed)
            for row in range(table.model().rowCount())
            for column in range(table.model().columnCount())
        )
        assert "OKONKWO" not in shown and "CHEN, DAVID" not in shown, page
    listed.show_page(3)
    assert "Dr. Grace Okonkwo" in _column(named(listed, QTableView, "Doctor comparison table"))
