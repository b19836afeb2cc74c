"""Step 1's panel: the script for the current doctor, and the record of what was agreed.

No real modal ever runs: the doctor dialog is a fake handed in through `doctor_dialog=`, and
printing is patched where the panel imported it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Doctor, Role
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui.pages import tell_doctor_panel
from secondopinion_desktop.ui.pages.tell_doctor_panel import TellDoctorPanel
from tests.helpers.clock import FakeClock
from tests.helpers.fakes import FakeDoctorDialog

HOSTILE = [
    "x" * 10_000,
    "\x00\x01\x07\x1b[31mred\x7f",
    "\u202eDr. \u05e9\u05dc\u05d5\u05dd\u202c \u200f\u200e",
    "\U0001f469\u200d\u2695\ufe0f \U0001fa7a\U0001f48a",
    "12 Nov 2026\u0000",
    "\ufeff\u2028\u2029",
]


class DoctorDialogs:
    """A `doctor_dialog=` factory: hands out prepared fakes, records how each was opened."""

    def __init__(self) -> None:
        self.queue: list[FakeDoctorDialog] = []
        self.opened: list[tuple[Any, ...]] = []

    def will_answer(self, result: Doctor | None, accepted: bool = True) -> None:
        self.queue.append(FakeDoctorDialog(result, accepted))

    def __call__(self, *args: Any) -> FakeDoctorDialog:
        self.opened.append(args)
        assert self.queue, f"a doctor dialog opened that the test did not expect: {args[1:]}"
        return self.queue.pop(0)


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum's second opinion",
        patient_name="Margaret Ellis",
        organiser_name="Sarah Ellis (daughter)",
        insurance_plan="Bluebrook Health PPO",
    )


@pytest.fixture
def doctors(repo: Repository, case: Case) -> dict[str, Doctor]:
    adler = repo.doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. Ruth Adler",
            role=Role.PRIMARY_CARE,
            specialty="Family medicine",
        )
    )
    okafor = repo.doctors.add(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. Samuel Okafor",
            role=Role.TREATING,
            specialty="Breast surgeon",
        )
    )
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman"))
    return {"adler": adler, "okafor": okafor, "raman": raman}


@pytest.fixture
def dialogs() -> DoctorDialogs:
    return DoctorDialogs()


@pytest.fixture
def make_panel(qtbot: QtBot, repo: Repository, clock: FakeClock, dialogs: DoctorDialogs) -> Any:
    def make(case: Case) -> TellDoctorPanel:
        panel = TellDoctorPanel(repo, doctor_dialog=dialogs, today=lambda: clock().date())
        qtbot.addWidget(panel)
        panel.load(repo.cases.get(case.id))
        return panel

    return make


def finish(edit: Any, text: str) -> None:
    """Type into a line edit and leave it, as a person would."""
    edit.setText(text)
    edit.editingFinished.emit()


def error_shown(panel: TellDoctorPanel) -> bool:
    return not panel.error.isHidden() and bool(panel.error.text())


# --- the script -------------------------------------------------------------------------------


def test_script_names_the_patient_the_organiser_and_the_treating_doctor(
    make_panel: Any, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    # The treating doctor is chosen first, even though the primary-care doctor was added first.
    assert panel.doctor_combo.currentData() == doctors["okafor"].id
    script = panel.script.toPlainText()
    assert "Margaret Ellis" in script
    assert "Dr. Samuel Okafor" in script
    assert "Sarah Ellis" in script
    assert "(daughter)" not in script
    assert panel.script.isReadOnly()


def test_candidates_are_not_offered_as_the_doctor_being_told(
    make_panel: Any, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    offered = [panel.doctor_combo.itemData(i) for i in range(panel.doctor_combo.count())]
    assert set(offered) == {doctors["adler"].id, doctors["okafor"].id}
    labels = [panel.doctor_combo.itemText(i) for i in range(panel.doctor_combo.count())]
    assert "Dr. Samuel Okafor (Breast surgeon)" in labels


def test_switching_doctor_changes_the_script_and_saves_who_was_told(
    qtbot: QtBot, make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    adler = panel.doctor_combo.findData(doctors["adler"].id)
    with (
        qtbot.waitSignal(panel.changed),
        qtbot.waitSignal(panel.status_message) as status,
    ):
        panel.doctor_combo.setCurrentIndex(adler)
    assert status.args == ["Saved."]
    script = panel.script.toPlainText()
    assert "Dr. Ruth Adler" in script
    assert "Okafor" not in script
    assert repo.cases.get(case.id).told_doctor_id == doctors["adler"].id

    # Shown again later, the panel remembers the choice.
    again = make_panel(case)
    assert again.doctor_combo.currentData() == doctors["adler"].id
    assert "Dr. Ruth Adler" in again.script.toPlainText()


def test_loading_does_not_save_anything(
    qtbot: QtBot, make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    told = replace(repo.cases.get(case.id), told_doctor_id=doctors["okafor"].id)
    before = repo.cases.update(told)
    panel = make_panel(case)
    with qtbot.assertNotEmitted(panel.changed), qtbot.assertNotEmitted(panel.status_message):
        panel.load(repo.cases.get(case.id))
        finish(panel.told_on, "")  # leaving an empty field unchanged saves nothing
    assert repo.cases.get(case.id) == before


def test_no_doctors_yet_offers_to_add_one(make_panel: Any, repo: Repository, case: Case) -> None:
    panel = make_panel(case)
    assert panel.doctor_combo.count() == 1
    assert panel.doctor_combo.currentText() == "Add your doctor first"
    script = panel.script.toPlainText()
    assert "Margaret Ellis" in script
    assert script.startswith("Doctor, ")


# --- the record of what happened ----------------------------------------------------------


def test_told_on_date_is_saved_and_shown_in_words(
    qtbot: QtBot, make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    with qtbot.waitSignal(panel.changed):
        finish(panel.told_on, "12 Nov 2026")
    saved = repo.cases.get(case.id)
    assert saved.told_on == dt.date(2026, 11, 12)
    assert saved.told_doctor_id == doctors["okafor"].id
    assert not error_shown(panel)
    again = make_panel(case)
    assert again.told_on.text() == "12 November 2026"


def test_told_on_today_uses_the_injected_day(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    finish(panel.told_on, "today")
    assert repo.cases.get(case.id).told_on == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("32 Nov 2026", "There is no November 32"),
        ("next Tuesday-ish", "couldn't read that date"),
        ("1 December 2026", "in the future"),
        ("30 Feb", "There is no February 30"),
    ],
)
def test_a_bad_told_on_date_is_explained_and_not_saved(
    make_panel: Any,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    typed: str,
    words: str,
) -> None:
    panel = make_panel(case)
    finish(panel.told_on, "12 Nov 2026")
    finish(panel.told_on, typed)
    assert error_shown(panel)
    assert panel.error.text().startswith("Told on:")
    assert words in panel.error.text()
    assert panel.told_on.text() == typed  # what was typed stays, to be corrected
    assert repo.cases.get(case.id).told_on == dt.date(2026, 11, 12)

    finish(panel.told_on, "13 Nov 2026")
    assert not error_shown(panel)
    assert repo.cases.get(case.id).told_on == dt.date(2026, 11, 13)


def test_a_bad_date_blocks_saving_other_fields_until_fixed(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    finish(panel.told_on, "soonish")
    finish(panel.hear_back, "A letter")
    assert error_shown(panel)
    assert repo.cases.get(case.id).hear_back == ""
    finish(panel.told_on, "")
    assert not error_shown(panel)
    assert repo.cases.get(case.id).hear_back == "A letter"


def test_the_placeholder_example_is_accepted(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    example = panel.told_on.placeholderText().removeprefix("For example: ").split(", ")[-1]
    assert example == "12 November"
    finish(panel.told_on, example)
    assert not error_shown(panel)
    assert repo.cases.get(case.id).told_on == dt.date(2026, 11, 12)


def test_hear_back_and_referral_answers_are_saved(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    finish(panel.hear_back, "  A copy of the letter, by fax  ")
    panel.referral_asked.setCurrentIndex(panel.referral_asked.findData(Answer.YES.value))
    panel.referral_given.setCurrentIndex(panel.referral_given.findData(Answer.NO.value))
    finish(panel.referral_to, " Dr. Priya Raman ")
    saved = repo.cases.get(case.id)
    assert saved.hear_back == "A copy of the letter, by fax"
    assert saved.referral_asked is Answer.YES
    assert saved.referral_given is Answer.NO
    assert saved.referral_to == "Dr. Priya Raman"

    panel.referral_given.setCurrentIndex(panel.referral_given.findData(Answer.YES.value))
    assert repo.cases.get(case.id).referral_given is Answer.YES

    again = make_panel(case)
    assert again.referral_asked.currentData() == Answer.YES.value
    assert again.referral_given.currentData() == Answer.YES.value
    assert again.referral_to.text() == "Dr. Priya Raman"
    assert again.hear_back.text() == "A copy of the letter, by fax"


def test_unknown_referral_answers_read_not_yet(
    make_panel: Any, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    assert panel.referral_asked.currentText() == "Not yet"
    assert panel.referral_given.currentData() == Answer.UNKNOWN.value


def test_saving_keeps_case_details_typed_elsewhere(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    # The case is renamed in the window while the panel is showing.
    repo.cases.update(replace(repo.cases.get(case.id), diagnosis="Stage IIA"))
    finish(panel.hear_back, "Phone call")
    saved = repo.cases.get(case.id)
    assert saved.diagnosis == "Stage IIA"
    assert saved.hear_back == "Phone call"


# --- copy and print ---------------------------------------------------------------------------


def test_copy_puts_the_script_on_the_clipboard(
    qtbot: QtBot, make_panel: Any, case: Case, doctors: dict[str, Doctor]
) -> None:
    panel = make_panel(case)
    QApplication.clipboard().clear()
    with qtbot.waitSignal(panel.status_message) as status:
        panel.copy_button.click()
    assert QApplication.clipboard().text() == panel.script.toPlainText()
    assert "Dr. Samuel Okafor" in QApplication.clipboard().text()
    assert "copied" in status.args[0]


def test_print_hands_the_script_to_the_printer(
    monkeypatch: pytest.MonkeyPatch, make_panel: Any, case: Case, doctors: dict[str, Doctor]
) -> None:
    printed: list[tuple[Any, str, str]] = []

    def fake_print(parent: Any, title: str, text: str) -> bool:
        printed.append((parent, title, text))
        return True

    monkeypatch.setattr(tell_doctor_panel, "print_text", fake_print)
    panel = make_panel(case)
    panel.print_button.click()
    assert printed == [(panel, "What to say to your doctor", panel.script.toPlainText())]


# --- adding the current doctor ----------------------------------------------------------------


def test_adding_another_doctor_keeps_the_one_the_script_speaks_to(
    qtbot: QtBot,
    make_panel: Any,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    dialogs: DoctorDialogs,
) -> None:
    panel = make_panel(case)
    assert panel.doctor_combo.currentData() == doctors["okafor"].id
    dialogs.will_answer(
        Doctor(
            id=0,
            case_id=case.id,
            name="Dr. Lena Park",
            role=Role.TREATING,
            specialty="Medical oncology",
        )
    )
    said: list[str] = []
    panel.status_message.connect(said.append)
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.add_doctor_button, Qt.MouseButton.LeftButton)
    parent, case_id, existing, role = dialogs.opened[0]
    assert (parent, case_id, existing, role) == (panel, case.id, None, Role.TREATING)
    park = next(d for d in repo.doctors.list(case.id) if d.name == "Dr. Lena Park")
    assert park.role is Role.TREATING
    assert panel.doctor_combo.findData(park.id) >= 0  # offered, not chosen
    assert panel.doctor_combo.currentData() == doctors["okafor"].id
    assert panel.script.toPlainText().startswith("Dr. Samuel Okafor, ")
    assert repo.cases.get(case.id).told_doctor_id == doctors["okafor"].id  # stored
    assert said[-1].startswith("Added Dr. Lena Park. The script still speaks to Dr. Samuel")
    # a later visit to the page (or a restart) keeps the choice too
    panel.load(repo.cases.get(case.id))
    assert panel.doctor_combo.currentData() == doctors["okafor"].id
    # choosing the new doctor is the person's to do, and is kept
    panel.doctor_combo.setCurrentIndex(panel.doctor_combo.findData(park.id))
    assert repo.cases.get(case.id).told_doctor_id == park.id
    panel.load(repo.cases.get(case.id))
    assert "Dr. Lena Park" in panel.script.toPlainText()


def test_add_first_doctor_replaces_the_placeholder(
    make_panel: Any, repo: Repository, case: Case, dialogs: DoctorDialogs
) -> None:
    panel = make_panel(case)
    dialogs.will_answer(Doctor(id=0, case_id=case.id, name="Dr. Okafor", role=Role.TREATING))
    panel.add_treating_doctor()
    assert panel.doctor_combo.count() == 1
    assert panel.doctor_combo.currentText() == "Dr. Okafor"
    assert panel.script.toPlainText().startswith("Dr. Okafor, ")


@pytest.mark.parametrize("accepted", [False, True])
def test_add_treating_doctor_cancelled_adds_nothing(
    qtbot: QtBot,
    make_panel: Any,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    dialogs: DoctorDialogs,
    accepted: bool,
) -> None:
    panel = make_panel(case)
    before = repo.doctors.list(case.id)
    dialogs.will_answer(None, accepted=accepted)
    with qtbot.assertNotEmitted(panel.changed):
        panel.add_treating_doctor()
    assert repo.doctors.list(case.id) == before
    assert panel.doctor_combo.currentData() == doctors["okafor"].id


# --- hostile typing ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_typing_never_raises(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor], text: str
) -> None:
    panel = make_panel(case)
    finish(panel.told_on, text)
    assert error_shown(panel) or repo.cases.get(case.id).told_on is None
    finish(panel.told_on, "")
    finish(panel.hear_back, text)
    finish(panel.referral_to, text)
    saved = repo.cases.get(case.id)
    assert len(saved.hear_back) <= 500
    assert len(saved.referral_to) <= 300
    make_panel(case)  # shows again without trouble


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_names_still_make_a_script(
    make_panel: Any, repo: Repository, case: Case, text: str
) -> None:
    repo.cases.update(replace(repo.cases.get(case.id), patient_name=text, organiser_name=text))
    repo.doctors.add(Doctor(id=0, case_id=case.id, name=text, role=Role.TREATING))
    panel = make_panel(case)
    assert panel.script.toPlainText().strip()
