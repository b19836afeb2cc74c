"""Step 2's panel: the list of candidate doctors, adding, editing, removing and importing.

The doctor and import dialogs are fakes handed in through `doctor_dialog=` / `import_dialog=`;
questions go through a patched `messages.ask_yes_no`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.candidate_import import ImportedCandidate
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Call, Doctor, Role, Source, Status
from secondopinion_desktop.domain.scripts import BOARD_CERTIFICATION_HELP
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.models.doctors_model import Column
from secondopinion_desktop.ui.pages.candidates_panel import CandidatesPanel
from tests.helpers.fakes import Asked, Factory, FakeDoctorDialog


class FakeImportDialog:
    """Stands in for the CSV import dialog once the person pressed Import (or Cancel)."""

    def __init__(
        self,
        candidates: list[ImportedCandidate],
        source: Source | None = Source.INSURANCE_LIST,
        detail: str = "",
        accepted: bool = True,
    ) -> None:
        self._candidates = candidates
        self._source = source
        self._detail = detail
        self._accepted = accepted

    def exec(self) -> int:
        # A real QDialog.exec() returns a plain int in PySide6.
        return 1 if self._accepted else 0

    def candidates(self) -> list[ImportedCandidate]:
        return self._candidates

    def source(self) -> Source | None:
        return self._source

    def source_detail(self) -> str:
        return self._detail


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create("Mum's second opinion", patient_name="Margaret Ellis")


@pytest.fixture
def doctor_dialogs() -> Factory:
    return Factory()


@pytest.fixture
def import_dialogs() -> Factory:
    return Factory()


@pytest.fixture
def panel(
    qtbot: QtBot,
    repo: Repository,
    case: Case,
    doctor_dialogs: Factory,
    import_dialogs: Factory,
) -> CandidatesPanel:
    widget = CandidatesPanel(repo, doctor_dialog=doctor_dialogs, import_dialog=import_dialogs)
    qtbot.addWidget(widget)
    widget.load(case)
    return widget


def candidate(case: Case, name: str, **values: Any) -> Doctor:
    return Doctor(id=0, case_id=case.id, name=name, **values)


def add(repo: Repository, case: Case, name: str, **values: Any) -> Doctor:
    return repo.doctors.add(candidate(case, name, **values))


def names(panel: CandidatesPanel) -> list[str]:
    return [panel.proxy.index(r, Column.NAME).data() for r in range(panel.proxy.rowCount())]


def select(panel: CandidatesPanel, doctor: Doctor) -> None:
    row = panel.model.row_of(doctor.id)
    panel.table.setCurrentIndex(panel.proxy.mapFromSource(panel.model.index(row, Column.NAME)))


def ask(monkeypatch: pytest.MonkeyPatch, answer: bool) -> Asked:
    asked = Asked(answer)
    monkeypatch.setattr(messages, "ask_yes_no", asked)
    return asked


# --- empty state and loading ------------------------------------------------------------------


def test_empty_list_says_what_to_do(panel: CandidatesPanel) -> None:
    assert panel.model.rowCount() == 0
    assert panel.empty_label.isVisibleTo(panel)
    assert "No doctors on your list yet" in panel.empty_label.text()
    assert not panel.edit_button.isEnabled()
    assert not panel.remove_button.isEnabled()
    assert panel.add_button.isEnabled()
    assert panel.selected_doctor() is None


def test_only_candidates_are_listed(panel: CandidatesPanel, repo: Repository, case: Case) -> None:
    add(repo, case, "Dr. Samuel Okafor", role=Role.TREATING)
    add(repo, case, "Dr. Ruth Adler", role=Role.PRIMARY_CARE)
    add(repo, case, "Dr. Priya Raman")
    panel.load(case)
    assert names(panel) == ["Dr. Priya Raman"]
    assert not panel.empty_label.isVisibleTo(panel)


def test_the_table_shows_step_two_columns(
    panel: CandidatesPanel, repo: Repository, case: Case
) -> None:
    add(
        repo,
        case,
        "Dr. Priya Raman",
        specialty="Surgical oncology",
        phone="(555) 622-4100",
        source=Source.REFERRAL,
    )
    panel.load(case)
    shown = [c for c in Column if not panel.table.isColumnHidden(c)]
    assert shown == [Column.NAME, Column.SPECIALTY, Column.BOARD, Column.SOURCE, Column.PHONE]
    row = [panel.proxy.index(0, c).data() for c in shown]
    assert row == [
        "Dr. Priya Raman",
        "Surgical oncology",
        "not checked",
        "Current doctor's referral",
        "(555) 622-4100",
    ]


def test_the_table_model_passes_qt_checks(
    qtmodeltester: ModelTester, panel: CandidatesPanel, repo: Repository, case: Case
) -> None:
    for name in ("Dr. B", "Dr. A", "Dr. C"):
        add(repo, case, name, source=Source.OTHER)
    panel.load(case)
    qtmodeltester.check(panel.proxy)
    panel.table.sortByColumn(Column.NAME, panel.table.horizontalHeader().sortIndicatorOrder())
    qtmodeltester.check(panel.proxy)


# --- adding -----------------------------------------------------------------------------------


def test_add_saves_the_doctor_and_selects_the_new_row(
    qtbot: QtBot,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
    doctor_dialogs: Factory,
) -> None:
    add(repo, case, "Dr. Elena Marsh")
    panel.load(case)
    doctor_dialogs.will_return(
        FakeDoctorDialog(
            candidate(case, "Dr. Priya Raman", specialty="Breast surgeon", source=Source.REFERRAL)
        )
    )
    with qtbot.waitSignal(panel.status_message) as status, qtbot.waitSignal(panel.changed):
        panel.add_button.click()
    assert doctor_dialogs.opened == [(panel, case.id, None, Role.CANDIDATE)]
    assert status.args == ["Added Dr. Priya Raman to your list."]
    saved = [d.name for d in repo.doctors.list(case.id, Role.CANDIDATE)]
    assert saved == ["Dr. Elena Marsh", "Dr. Priya Raman"]
    assert panel.model.rowCount() == 2
    chosen = panel.selected_doctor()
    assert chosen is not None and chosen.name == "Dr. Priya Raman"
    assert panel.edit_button.isEnabled() and panel.remove_button.isEnabled()
    assert not panel.empty_label.isVisibleTo(panel)


def test_add_the_first_doctor_hides_the_empty_message(
    panel: CandidatesPanel, case: Case, doctor_dialogs: Factory
) -> None:
    doctor_dialogs.will_return(FakeDoctorDialog(candidate(case, "Dr. Priya Raman")))
    panel.add_doctor()
    assert names(panel) == ["Dr. Priya Raman"]
    assert not panel.empty_label.isVisibleTo(panel)


@pytest.mark.parametrize("accepted", [False, True])
def test_add_cancelled_changes_nothing(
    qtbot: QtBot,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
    doctor_dialogs: Factory,
    accepted: bool,
) -> None:
    doctor_dialogs.will_return(FakeDoctorDialog(None, accepted=accepted))
    with qtbot.assertNotEmitted(panel.changed):
        panel.add_doctor()
    assert repo.doctors.list(case.id) == []
    assert panel.empty_label.isVisibleTo(panel)


# --- editing ----------------------------------------------------------------------------------


def test_edit_saves_changes_and_keeps_the_row_selected(
    qtbot: QtBot,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
    doctor_dialogs: Factory,
) -> None:
    add(repo, case, "Dr. Elena Marsh")
    raman = add(repo, case, "Dr. Priya Raman")
    panel.load(case)
    select(panel, raman)
    changed = replace(raman, specialty="Surgical oncology (breast)", phone="(555) 622-4100")
    doctor_dialogs.will_return(FakeDoctorDialog(changed))
    with qtbot.waitSignal(panel.status_message) as status:
        panel.edit_button.click()
    assert doctor_dialogs.opened == [(panel, case.id, raman)]
    assert status.args == ["Saved Dr. Priya Raman."]
    assert repo.doctors.get(raman.id).specialty == "Surgical oncology (breast)"
    chosen = panel.selected_doctor()
    assert chosen is not None and chosen.id == raman.id
    assert chosen.phone == "(555) 622-4100"


def test_double_click_edits(
    panel: CandidatesPanel, repo: Repository, case: Case, doctor_dialogs: Factory
) -> None:
    raman = add(repo, case, "Dr. Priya Raman")
    panel.load(case)
    select(panel, raman)
    doctor_dialogs.will_return(FakeDoctorDialog(replace(raman, notes="Tuesdays")))
    panel.table.doubleClicked.emit(panel.proxy.index(0, Column.SPECIALTY))
    assert repo.doctors.get(raman.id).notes == "Tuesdays"


def test_edit_cancelled_changes_nothing(
    panel: CandidatesPanel, repo: Repository, case: Case, doctor_dialogs: Factory
) -> None:
    raman = add(repo, case, "Dr. Priya Raman")
    panel.load(case)
    select(panel, raman)
    doctor_dialogs.will_return(FakeDoctorDialog(None, accepted=False))
    panel.edit_selected()
    assert repo.doctors.get(raman.id) == raman


def test_edit_with_nothing_selected_opens_nothing(
    panel: CandidatesPanel, repo: Repository, case: Case
) -> None:
    add(repo, case, "Dr. Priya Raman")
    panel.load(case)
    assert panel.selected_doctor() is None
    panel.edit_selected()  # the factory would fail the test if a dialog opened
    panel.remove_selected()  # and so would an unexpected question


# --- removing ---------------------------------------------------------------------------------


def test_remove_asks_and_keep_keeps_the_doctor(
    monkeypatch: pytest.MonkeyPatch, panel: CandidatesPanel, repo: Repository, case: Case
) -> None:
    raman = add(repo, case, "Dr. Priya Raman")
    panel.load(case)
    select(panel, raman)
    asked = ask(monkeypatch, False)
    panel.remove_button.click()
    assert len(asked.questions) == 1
    title, text, yes, no = asked.questions[0]
    assert title == "Remove this doctor?"
    assert "Dr. Priya Raman" in text and "cannot be undone" in text
    assert (yes, no) == ("Remove", "Keep")
    assert repo.doctors.get(raman.id) == raman
    assert names(panel) == ["Dr. Priya Raman"]


def test_remove_confirmed_deletes_the_doctor_and_their_calls(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
) -> None:
    marsh = add(repo, case, "Dr. Elena Marsh")
    raman = add(repo, case, "Dr. Priya Raman")
    for minute in (10, 40):
        repo.doctors.add_call(
            Call(id=0, doctor_id=raman.id, called_at=f"2026-11-18T09:{minute}-05:00")
        )
    repo.doctors.add_call(Call(id=0, doctor_id=marsh.id, called_at="2026-11-18T11:00-05:00"))
    panel.load(case)
    select(panel, raman)
    asked = ask(monkeypatch, True)
    with qtbot.waitSignal(panel.status_message) as status, qtbot.waitSignal(panel.changed):
        panel.remove_selected()
    assert "and the 2 calls you logged" in asked.questions[0][1]
    assert status.args == ["Removed Dr. Priya Raman."]
    assert [d.name for d in repo.doctors.list(case.id)] == ["Dr. Elena Marsh"]
    assert repo.doctors.list_calls(raman.id) == []
    remaining = repo.db.execute("SELECT count(*) FROM calls").fetchone()[0]
    assert remaining == 1
    assert names(panel) == ["Dr. Elena Marsh"]
    assert panel.selected_doctor() is None
    assert not panel.remove_button.isEnabled()


def test_remove_the_last_doctor_shows_the_empty_message(
    monkeypatch: pytest.MonkeyPatch, panel: CandidatesPanel, repo: Repository, case: Case
) -> None:
    raman = add(repo, case, "Dr. Priya Raman")
    repo.doctors.add_call(Call(id=0, doctor_id=raman.id, called_at="2026-11-18T09:10-05:00"))
    panel.load(case)
    select(panel, raman)
    asked = ask(monkeypatch, True)
    panel.remove_selected()
    assert "and the 1 call you logged" in asked.questions[0][1]
    assert panel.model.rowCount() == 0
    assert panel.empty_label.isVisibleTo(panel)


# --- importing --------------------------------------------------------------------------------


def test_import_adds_the_doctors_with_the_chosen_source(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
    import_dialogs: Factory,
) -> None:
    add(repo, case, "Dr. Samuel Okafor", role=Role.TREATING, phone="(555) 480-1000")
    add(repo, case, "Dr. Priya Raman", phone="(555) 622-4100")
    panel.load(case)
    batches: list[list[Doctor]] = []
    real_add_doctors = repo.doctors.add_many

    def spy(doctors: Any) -> int:
        batch = list(doctors)
        batches.append(batch)
        return real_add_doctors(batch)

    monkeypatch.setattr(repo.doctors, "add_many", spy)
    detail = "/home/sarah/Downloads/Bluebrook in-network.csv"
    import_dialogs.will_return(
        FakeImportDialog(
            [
                ImportedCandidate(
                    name="Dr. James Chen",
                    specialty="Surgical oncology",
                    practice="Bluebrook Network Oncology",
                    address="17 Commerce Way, Springfield",
                    phone="(555) 290-8800",
                    fax="(555) 290-8801",
                    notes="Row 4 of the list",
                ),
                ImportedCandidate(name="Dr. Amara Diallo", specialty="Breast surgeon"),
            ],
            Source.INSURANCE_LIST,
            detail,
        )
    )
    with qtbot.waitSignal(panel.status_message) as status, qtbot.waitSignal(panel.changed):
        panel.import_button.click()
    assert status.args == ["Added 2 doctors from Bluebrook in-network.csv."]
    # The dialog is told who is already there, so it can point out duplicates.
    parent, existing = import_dialogs.opened[0]
    assert parent is panel
    assert sorted(existing) == [
        ("Dr. Priya Raman", "(555) 622-4100"),
        ("Dr. Samuel Okafor", "(555) 480-1000"),
    ]
    assert len(batches) == 1 and len(batches[0]) == 2  # one transaction for the whole list
    by_name = {d.name: d for d in repo.doctors.list(case.id, Role.CANDIDATE)}
    assert set(by_name) == {"Dr. Priya Raman", "Dr. James Chen", "Dr. Amara Diallo"}
    chen = by_name["Dr. James Chen"]
    assert (chen.specialty, chen.practice, chen.address) == (
        "Surgical oncology",
        "Bluebrook Network Oncology",
        "17 Commerce Way, Springfield",
    )
    assert (chen.phone, chen.fax, chen.notes) == (
        "(555) 290-8800",
        "(555) 290-8801",
        "Row 4 of the list",
    )
    for name in ("Dr. James Chen", "Dr. Amara Diallo"):
        assert by_name[name].source is Source.INSURANCE_LIST
        assert by_name[name].source_detail == detail
        assert by_name[name].status is Status.CANDIDATE
        assert by_name[name].role is Role.CANDIDATE
    assert panel.model.rowCount() == 3
    assert not panel.empty_label.isVisibleTo(panel)


def test_import_one_doctor_with_no_file_name_says_so_simply(
    qtbot: QtBot, panel: CandidatesPanel, repo: Repository, case: Case, import_dialogs: Factory
) -> None:
    import_dialogs.will_return(
        FakeImportDialog([ImportedCandidate(name="Dr. Amara Diallo")], Source.OTHER, "")
    )
    with qtbot.waitSignal(panel.status_message) as status:
        panel.import_list()
    assert status.args == ["Added 1 doctor from the file."]
    (diallo,) = repo.doctors.list(case.id)
    assert diallo.source is Source.OTHER and diallo.source_detail == ""


@pytest.mark.parametrize(
    "dialog",
    [
        FakeImportDialog([ImportedCandidate(name="Dr. Amara Diallo")], accepted=False),
        FakeImportDialog([], detail="/tmp/empty.csv"),
    ],
    ids=["cancelled", "nothing to add"],
)
def test_import_that_adds_nothing_says_nothing(
    qtbot: QtBot,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
    import_dialogs: Factory,
    dialog: FakeImportDialog,
) -> None:
    import_dialogs.will_return(dialog)
    with qtbot.assertNotEmitted(panel.status_message), qtbot.assertNotEmitted(panel.changed):
        panel.import_list()
    assert repo.doctors.list(case.id) == []
    assert panel.empty_label.isVisibleTo(panel)


# --- board certification help -----------------------------------------------------------------


def test_copy_board_certification_help(qtbot: QtBot, panel: CandidatesPanel) -> None:
    QApplication.clipboard().clear()
    with qtbot.waitSignal(panel.status_message):
        panel.copy_help.click()
    assert QApplication.clipboard().text() == BOARD_CERTIFICATION_HELP
    assert "certificationmatters.org" in QApplication.clipboard().text()


# --- hostile text -----------------------------------------------------------------------------


HOSTILE = [
    "x" * 10_000,
    "\x00\x01\x07\x1b[31m\x7f",
    "\u202eDr. \u05e9\u05dc\u05d5\u05dd\u202c\u200f",
    "\U0001f469\u200d\u2695\ufe0f Dr. \U0001fa7a",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_names_are_listed_edited_and_removed(
    monkeypatch: pytest.MonkeyPatch,
    panel: CandidatesPanel,
    repo: Repository,
    case: Case,
    doctor_dialogs: Factory,
    import_dialogs: Factory,
    text: str,
) -> None:
    doctor_dialogs.will_return(FakeDoctorDialog(candidate(case, text, notes=text)))
    panel.add_doctor()
    doctor = panel.selected_doctor()
    assert doctor is not None and doctor.name == text
    doctor_dialogs.will_return(FakeDoctorDialog(replace(doctor, specialty=text)))
    panel.edit_selected()
    import_dialogs.will_return(
        FakeImportDialog([ImportedCandidate(name=text, phone=text)], Source.OTHER, text)
    )
    panel.import_list()
    assert panel.model.rowCount() == 2
    for row in range(panel.proxy.rowCount()):
        for column in Column:
            panel.proxy.index(row, column).data()
    select(panel, doctor)
    ask(monkeypatch, True)
    panel.remove_selected()
    assert panel.model.rowCount() == 1
