"""Step 3's panel: the comparison table, in-place edits, the call log, choosing and booking.

Call, booking and doctor dialogs are fakes handed in through the panel's factories (one test
drives a real CallDialog whose exec() is replaced); every question or message is patched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Role, Source, Status
from secondopinion_desktop.domain.scripts import CALLING_QUESTIONS
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs import script_dialog
from secondopinion_desktop.ui.dialogs.call_dialog import CallDialog
from secondopinion_desktop.ui.models.doctors_model import Column
from secondopinion_desktop.ui.pages.compare_panel import ComparePanel, referral_todo_key
from tests.helpers.clock import FakeClock
from tests.helpers.fakes import Factory, FakeDoctorDialog

# The offscreen platform cannot size or raise windows, and says so when the script window shows.
# (A test's own qt_log_ignore mark replaces the one tests/conftest.py adds, hence both.)
OFFSCREEN_SHOW = (
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
)
TZ = dt.timezone(dt.timedelta(hours=-5))
VISIT = dt.datetime(2026, 12, 3, 9, 30, tzinfo=TZ)


# --- fakes ------------------------------------------------------------------------------------


class FakeCallDialog:
    def __init__(self, call: Call | None, updated: Doctor | None, accepted: bool = True) -> None:
        self._call, self._updated, self._accepted = call, updated, accepted

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self._accepted else QDialog.DialogCode.Rejected

    def call(self) -> Call | None:
        return self._call if self._accepted else None

    def updated_doctor(self) -> Doctor | None:
        return self._updated if self._accepted else None


class FakeBookingDialog:
    def __init__(self, visit: Appointment | None, accepted: bool = True) -> None:
        self._visit, self._accepted = visit, accepted

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self._accepted else QDialog.DialogCode.Rejected

    def appointment(self) -> Appointment | None:
        return self._visit if self._accepted else None


class Recorder:
    """A stand-in for a `messages` function: records each call, answers `answer`."""

    def __init__(self, answer: Any = None) -> None:
        self.answer = answer
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, parent: Any, title: str, text: str, *rest: Any, **named: Any) -> Any:
        self.calls.append((title, text, *rest, *named.values()))
        return self.answer


def patch_message(monkeypatch: pytest.MonkeyPatch, name: str, answer: Any = None) -> Recorder:
    recorder = Recorder(answer)
    monkeypatch.setattr(messages, name, recorder)
    return recorder


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def case(repo: Repository) -> Case:
    return repo.cases.create(
        "Mum's second opinion",
        patient_name="Margaret Ellis",
        organiser_name="Sarah Ellis",
        insurance_plan="Bluebrook Health PPO",
        insurance_member_id="BBH-4471",
    )


@pytest.fixture
def doctors(repo: Repository, case: Case) -> dict[str, Doctor]:
    def add(name: str, **values: Any) -> Doctor:
        return repo.doctors.add(Doctor(id=0, case_id=case.id, name=name, **values))

    add("Dr. Samuel Okafor", role=Role.TREATING)
    return {
        "raman": add(
            "Dr. Priya Raman",
            specialty="Surgical oncology (breast)",
            practice="Lakeside Cancer Center",
            phone="(555) 622-4100",
            source=Source.REFERRAL,
            accepting_new_patients=Answer.YES,
            wait_days=9,
            accepts_insurance=Answer.YES,
            referral_required=Answer.NO,
            board_certified=Answer.YES,
            status=Status.CONTACTED,
        ),
        "cole": add(
            "Dr. Henry Cole",
            specialty="Medical oncology",
            phone="(555) 730-5500",
            source=Source.INSURANCE_LIST,
        ),
        "ortiz": add(
            "Dr. Alma Ortiz",
            specialty="Breast surgeon",
            accepts_insurance=Answer.NO,
            status=Status.RULED_OUT,
        ),
        "weiss": add(
            "Dr. Jonah Weiss",
            specialty="Surgical oncology",
            practice="University Medical Center",
            accepting_new_patients=Answer.YES,
            wait_days=20,
            accepts_insurance=Answer.YES,
            referral_required=Answer.YES,
            status=Status.CONTACTED,
        ),
    }


@pytest.fixture
def calls() -> Factory:
    return Factory()


@pytest.fixture
def bookings() -> Factory:
    return Factory()


@pytest.fixture
def doctor_dialogs() -> Factory:
    return Factory()


@pytest.fixture
def make_panel(
    qtbot: QtBot,
    repo: Repository,
    calls: Factory,
    bookings: Factory,
    doctor_dialogs: Factory,
) -> Any:
    def make(case: Case) -> ComparePanel:
        panel = ComparePanel(
            repo, call_dialog=calls, booking_dialog=bookings, doctor_dialog=doctor_dialogs
        )
        qtbot.addWidget(panel)
        panel.load(repo.cases.get(case.id))
        return panel

    return make


@pytest.fixture
def panel(make_panel: Any, case: Case, doctors: dict[str, Doctor]) -> ComparePanel:
    return make_panel(case)


# --- helpers ----------------------------------------------------------------------------------


def cell(panel: ComparePanel, doctor: Doctor, column: Column) -> QModelIndex:
    row = panel.model.row_of(doctor.id)
    return panel.proxy.mapFromSource(panel.model.index(row, column))


def select(panel: ComparePanel, doctor: Doctor) -> None:
    panel.table.setCurrentIndex(cell(panel, doctor, Column.NAME))


def visible_names(panel: ComparePanel) -> set[str]:
    return {panel.proxy.index(r, Column.NAME).data() for r in range(panel.proxy.rowCount())}


def visit_for(doctor: Doctor, **changes: Any) -> Appointment:
    values: dict[str, Any] = {
        "id": 0,
        "case_id": doctor.case_id,
        "starts_at": VISIT,
        "doctor_id": doctor.id,
        "place": "Lakeside Cancer Center",
    }
    values.update(changes)
    return Appointment(**values)


def shown(widget: Any, panel: ComparePanel) -> bool:
    return bool(widget.isVisibleTo(panel))


# --- the table --------------------------------------------------------------------------------


def test_showing_another_case_chooses_its_first_row(
    make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    other = repo.cases.create("Dad's second opinion", patient_name="Robert Ellis")
    lee = repo.doctors.add(Doctor(id=0, case_id=other.id, name="Dr. Grace Lee"))
    panel = make_panel(case)
    assert panel.selected_doctor() is not None
    panel.load(other)
    assert visible_names(panel) == {"Dr. Grace Lee"}
    chosen = panel.selected_doctor()
    assert chosen is not None and chosen.id == lee.id
    assert panel.calls_title.text().startswith("No calls to Dr. Grace Lee yet.")


def test_unknown_answers_read_not_asked_yet(
    panel: ComparePanel, doctors: dict[str, Doctor]
) -> None:
    cole = doctors["cole"]
    for column in (Column.ACCEPTING, Column.WAIT, Column.INSURANCE, Column.REFERRAL):
        assert cell(panel, cole, column).data() == "not asked yet"
    assert cell(panel, cole, Column.BOARD).data() == "not checked"
    assert cell(panel, cole, Column.STATUS).data() == "Candidate"
    raman = doctors["raman"]
    assert cell(panel, raman, Column.ACCEPTING).data() == "Yes"
    assert cell(panel, raman, Column.WAIT).data() == "9 days"
    assert cell(panel, raman, Column.REFERRAL).data() == "No"
    assert cell(panel, raman, Column.STATUS).data() == "Contacted"


def test_only_candidates_are_compared_and_the_first_row_is_chosen(
    panel: ComparePanel, doctors: dict[str, Doctor]
) -> None:
    assert visible_names(panel) == {d.name for d in doctors.values()}
    chosen = panel.selected_doctor()
    assert chosen is not None and chosen.id == doctors["raman"].id
    assert panel.call_button.isEnabled() and panel.choose_button.isEnabled()
    shown_columns = [c for c in Column if not panel.table.isColumnHidden(c)]
    assert shown_columns == [
        Column.NAME,
        Column.ACCEPTING,
        Column.WAIT,
        Column.INSURANCE,
        Column.REFERRAL,
        Column.STATUS,
    ]


def test_the_table_model_passes_qt_checks(qtmodeltester: ModelTester, panel: ComparePanel) -> None:
    qtmodeltester.check(panel.proxy)
    panel.table.sortByColumn(Column.WAIT, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(panel.proxy)


def test_sorting_by_wait_puts_unknown_waits_last(
    panel: ComparePanel, doctors: dict[str, Doctor]
) -> None:
    panel.table.sortByColumn(Column.WAIT, Qt.SortOrder.AscendingOrder)
    waits = [panel.proxy.index(r, Column.WAIT).data() for r in range(panel.proxy.rowCount())]
    assert waits == ["9 days", "20 days", "not asked yet", "not asked yet"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("raman", {"Dr. Priya Raman"}),
        ("  RAMAN  ", {"Dr. Priya Raman"}),
        ("surgical oncology", {"Dr. Priya Raman", "Dr. Jonah Weiss"}),
        ("oncology priya", {"Dr. Priya Raman"}),
        ("730-5500", {"Dr. Henry Cole"}),
        ("insurance list", {"Dr. Henry Cole"}),
        ("nobody at all", set()),
    ],
)
def test_typing_in_the_filter_narrows_the_rows(
    panel: ComparePanel, typed: str, expected: set[str]
) -> None:
    panel.filter_edit.setText(typed)
    assert visible_names(panel) == expected
    panel.filter_edit.clear()
    assert panel.proxy.rowCount() == 4


def test_status_filter_shows_only_that_status(
    panel: ComparePanel, doctors: dict[str, Doctor]
) -> None:
    combo = panel.status_filter
    combo.setCurrentIndex(combo.findData(Status.CONTACTED.value))
    assert visible_names(panel) == {"Dr. Priya Raman", "Dr. Jonah Weiss"}
    combo.setCurrentIndex(combo.findData(Status.RULED_OUT.value))
    assert visible_names(panel) == {"Dr. Alma Ortiz"}
    panel.filter_edit.setText("raman")
    assert visible_names(panel) == set()
    combo.setCurrentIndex(combo.findData(""))
    assert visible_names(panel) == {"Dr. Priya Raman"}
    assert combo.itemText(0) == "All doctors"


# --- in-place edits ---------------------------------------------------------------------------


def test_wait_edited_in_place_is_saved_in_days(
    qtbot: QtBot, panel: ComparePanel, repo: Repository, doctors: dict[str, Doctor]
) -> None:
    cole = doctors["cole"]
    index = cell(panel, cole, Column.WAIT)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(panel.status_message) as status, qtbot.waitSignal(panel.changed):
        assert panel.proxy.setData(index, "2 weeks")
    assert status.args == ["Saved Dr. Henry Cole."]
    assert repo.doctors.get(cole.id).wait_days == 14
    assert cell(panel, cole, Column.WAIT).data() == "2 weeks"
    assert cell(panel, cole, Column.WAIT).data(Qt.ItemDataRole.EditRole) == "14"


def test_unreadable_wait_is_refused_with_a_message(
    qtbot: QtBot, panel: ComparePanel, repo: Repository, doctors: dict[str, Doctor]
) -> None:
    cole = doctors["cole"]
    with qtbot.waitSignal(panel.model.edit_rejected) as rejected:
        assert not panel.proxy.setData(cell(panel, cole, Column.WAIT), "soonish")
    assert "couldn't read that wait" in rejected.args[0]
    assert repo.doctors.get(cole.id).wait_days is None
    assert shown(panel.table_message, panel)
    assert panel.table_message.text() == rejected.args[0]
    assert cell(panel, cole, Column.WAIT).data() == "not asked yet"

    # A good edit afterwards clears the message.
    assert panel.proxy.setData(cell(panel, cole, Column.WAIT), "9")
    assert not shown(panel.table_message, panel)
    assert repo.doctors.get(cole.id).wait_days == 9


def test_answers_and_status_edited_in_place(
    panel: ComparePanel, repo: Repository, doctors: dict[str, Doctor]
) -> None:
    cole = doctors["cole"]
    assert panel.proxy.setData(cell(panel, cole, Column.INSURANCE), Answer.YES.value)
    assert panel.proxy.setData(cell(panel, cole, Column.ACCEPTING), "not asked yet")
    assert panel.proxy.setData(cell(panel, cole, Column.REFERRAL), "no")
    assert panel.proxy.setData(cell(panel, cole, Column.STATUS), "Ruled out")
    saved = repo.doctors.get(cole.id)
    assert saved.accepts_insurance is Answer.YES
    assert saved.accepting_new_patients is Answer.UNKNOWN
    assert saved.referral_required is Answer.NO
    assert saved.status is Status.RULED_OUT
    assert not panel.proxy.setData(cell(panel, cole, Column.INSURANCE), "maybe")
    assert not panel.proxy.setData(cell(panel, cole, Column.STATUS), "thinking about it")
    assert repo.doctors.get(cole.id) == saved


def test_names_are_not_edited_in_place(
    panel: ComparePanel, repo: Repository, doctors: dict[str, Doctor]
) -> None:
    raman = doctors["raman"]
    index = cell(panel, raman, Column.NAME)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not panel.proxy.setData(index, "Someone else")
    assert repo.doctors.get(raman.id).name == "Dr. Priya Raman"


def test_best_fit_is_explained_in_words(panel: ComparePanel) -> None:
    texts = [label.text() for label in panel.fit_labels if shown(label, panel)]
    assert texts[0] == (
        "1. Dr. Priya Raman: accepts your insurance, taking new patients, 9-day wait, "
        "board-certified, no referral needed."
    )
    assert texts[1].startswith("2. Dr. Jonah Weiss: ")
    assert "needs a referral" in texts[1]
    assert not any("Ortiz" in t for t in texts)  # ruled out and no insurance: not a fit
    assert not shown(panel.booked_label, panel)
    assert not shown(panel.change_visit_button, panel)


def test_with_no_candidates_the_best_fit_says_what_to_do(make_panel: Any, case: Case) -> None:
    panel = make_panel(case)
    assert panel.selected_doctor() is None
    assert not panel.choose_button.isEnabled()
    assert "Add doctors in step 2" in panel.fit_note.text()
    panel.choose_selected()  # nothing to choose: no dialog opens


# --- the call log -----------------------------------------------------------------------------


def test_log_call_saves_the_call_and_updates_the_answers(
    qtbot: QtBot,
    panel: ComparePanel,
    repo: Repository,
    doctors: dict[str, Doctor],
    calls: Factory,
) -> None:
    cole = doctors["cole"]
    select(panel, cole)
    call = Call(
        id=0,
        doctor_id=cole.id,
        called_at="2026-11-20T09:15-05:00",
        answered_by="Denise at the front desk",
        learned="Taking new patients, about three weeks.",
        call_back_on="2026-11-23",
    )
    updated = replace(
        cole,
        accepting_new_patients=Answer.YES,
        wait_days=21,
        accepts_insurance=Answer.YES,
        status=Status.CONTACTED,
    )
    calls.will_return(FakeCallDialog(call, updated))
    with qtbot.waitSignal(panel.changed), qtbot.waitSignal(panel.status_message) as status:
        panel.call_button.click()
    assert calls.opened == [(panel, cole)]
    assert status.args == ["Call to Dr. Henry Cole saved."]
    (saved_call,) = repo.doctors.list_calls(cole.id)
    assert saved_call.answered_by == "Denise at the front desk"
    assert saved_call.call_back_on == "2026-11-23"
    saved = repo.doctors.get(cole.id)
    assert saved.status is Status.CONTACTED
    assert (saved.accepting_new_patients, saved.wait_days) == (Answer.YES, 21)
    assert cell(panel, cole, Column.STATUS).data() == "Contacted"
    assert cell(panel, cole, Column.WAIT).data() == "3 weeks"
    chosen = panel.selected_doctor()
    assert chosen is not None and chosen.id == cole.id
    assert panel.calls_model.rowCount() == 1
    assert panel.calls_title.text() == "Calls to Dr. Henry Cole: 1."
    assert panel.calls_model.index(0, 1).data() == "Denise at the front desk"


def test_log_call_through_the_real_dialog_makes_a_candidate_contacted(
    qtbot: QtBot,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    clock: FakeClock,
) -> None:
    class ScriptedCallDialog(CallDialog):
        """The real dialog, filled in by the test; exec() presses Save instead of waiting."""

        def exec(self) -> int:
            self.answered_by.setText("Voicemail")
            self.learned.setPlainText("Left a message.")
            self.accepting.setCurrentIndex(self.accepting.findData(Answer.NO.value))
            self.wait.setText("3 months")
            self.accept()
            return self.result()

    panel = ComparePanel(
        repo, call_dialog=lambda parent, doctor: ScriptedCallDialog(parent, doctor, now=clock)
    )
    qtbot.addWidget(panel)
    panel.load(case)
    cole = doctors["cole"]
    select(panel, cole)
    panel.log_call()
    (call,) = repo.doctors.list_calls(cole.id)
    assert call.called_at == "2026-11-20T09:30-05:00"
    assert call.learned == "Left a message."
    saved = repo.doctors.get(cole.id)
    assert saved.status is Status.CONTACTED
    assert saved.accepting_new_patients is Answer.NO
    assert saved.wait_days == 90
    assert cell(panel, cole, Column.ACCEPTING).data() == "No"


@pytest.mark.parametrize("accepted", [False, True])
def test_log_call_cancelled_saves_nothing(
    qtbot: QtBot,
    panel: ComparePanel,
    repo: Repository,
    doctors: dict[str, Doctor],
    calls: Factory,
    accepted: bool,
) -> None:
    calls.will_return(FakeCallDialog(None, None, accepted=accepted))
    with qtbot.assertNotEmitted(panel.changed):
        panel.log_call()
    assert repo.doctors.list_calls(doctors["raman"].id) == []


def test_delete_call_asks_first(
    monkeypatch: pytest.MonkeyPatch,
    make_panel: Any,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
) -> None:
    raman = doctors["raman"]
    first = repo.doctors.add_call(
        Call(id=0, doctor_id=raman.id, called_at="2026-11-17T09:40-05:00")
    )
    second = repo.doctors.add_call(
        Call(id=0, doctor_id=raman.id, called_at="2026-11-18T10:05-05:00", learned="Booked?")
    )
    panel = make_panel(case)
    assert panel.calls_model.rowCount() == 2
    assert not panel.delete_call_button.isEnabled()
    panel.calls_table.selectRow(0)
    assert panel.delete_call_button.isEnabled()

    asked = patch_message(monkeypatch, "ask_yes_no", False)
    panel.delete_call_button.click()
    assert asked.calls[0][0] == "Delete this call?"
    assert asked.calls[0][2:] == ("Delete", "Keep")
    assert repo.doctors.list_calls(raman.id) == [first, second]

    asked.answer = True
    panel.delete_selected_call()
    assert repo.doctors.list_calls(raman.id) == [second]
    assert panel.calls_model.rowCount() == 1
    chosen = panel.selected_doctor()
    assert chosen is not None and chosen.id == raman.id


def test_double_clicking_a_call_shows_all_of_it(
    monkeypatch: pytest.MonkeyPatch,
    make_panel: Any,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
) -> None:
    learned = "Taking new patients.\nNeeds the referral faxed to (555) 622-4190."
    repo.doctors.add_call(
        Call(
            id=0,
            doctor_id=doctors["raman"].id,
            called_at="2026-11-17T09:40-05:00",
            answered_by="Denise",
            learned=learned,
            call_back_on="2026-11-23",
        )
    )
    panel = make_panel(case)
    info = patch_message(monkeypatch, "show_info")
    panel.calls_table.doubleClicked.emit(panel.calls_model.index(0, 2))
    ((title, text),) = info.calls
    assert title == "A call"
    assert "When: Tue 17 Nov, 9:40 am" in text
    assert "Who answered: Denise" in text
    assert learned in text
    assert "Call back on Mon 23 Nov 2026." in text


@pytest.mark.qt_log_ignore(*OFFSCREEN_SHOW)
def test_the_calling_script_opens_beside_the_table(
    monkeypatch: pytest.MonkeyPatch, panel: ComparePanel, doctors: dict[str, Doctor]
) -> None:
    select(panel, doctors["cole"])
    panel.script_button.click()
    window = panel.script_window
    assert window is not None
    assert window.isVisible()
    assert not window.isModal()
    text = window.text.toPlainText()
    for _field, question in CALLING_QUESTIONS:
        assert question in text
    assert "Dr. Henry Cole" in text
    assert "Bluebrook Health PPO" in text and "BBH-4471" in text

    # Choosing another doctor and pressing again reuses the one window.
    select(panel, doctors["raman"])
    panel.show_calling_script()
    assert panel.script_window is window
    assert "Dr. Priya Raman" in window.text.toPlainText()

    printed: list[tuple[str, str]] = []
    monkeypatch.setattr(
        script_dialog, "print_text", lambda parent, title, text: printed.append((title, text))
    )
    window.print_button.click()
    assert printed == [("What to ask on the phone", window.text.toPlainText())]
    window.close()


def test_edit_selected_saves_through_the_doctor_dialog(
    panel: ComparePanel, repo: Repository, doctors: dict[str, Doctor], doctor_dialogs: Factory
) -> None:
    weiss = doctors["weiss"]
    select(panel, weiss)
    doctor_dialogs.will_return(FakeDoctorDialog(replace(weiss, wait_days=5)))
    panel.edit_button.click()
    assert doctor_dialogs.opened == [(panel, weiss.case_id, weiss)]
    assert repo.doctors.get(weiss.id).wait_days == 5
    assert cell(panel, weiss, Column.WAIT).data() == "5 days"


# --- choosing and booking ---------------------------------------------------------------------


def test_choose_books_the_selected_doctor(
    qtbot: QtBot,
    panel: ComparePanel,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    bookings: Factory,
) -> None:
    raman = doctors["raman"]
    select(panel, raman)
    bookings.will_return(FakeBookingDialog(visit_for(raman)))
    with qtbot.waitSignal(panel.status_message) as status, qtbot.waitSignal(panel.changed):
        panel.choose_button.click()
    assert bookings.opened == [(panel, raman, None, 2)]  # round 2: the second opinion
    assert status.args == ["Booked Dr. Priya Raman for Thursday 3 December 2026 at 9:30 am."]
    visit = repo.appointments.opinion_visit(case.id)
    assert visit is not None and visit.doctor_id == raman.id and visit.starts_at == VISIT
    assert repo.doctors.get(raman.id).status is Status.BOOKED
    assert 3 in repo.cases.done_steps(case.id)
    assert repo.todos.list(case.id) == []  # no referral needed: nothing to do
    assert panel.booked_label.text() == (
        "Booked: Dr. Priya Raman, Thursday 3 December 2026 at 9:30 am, at Lakeside Cancer Center."
    )
    assert shown(panel.booked_label, panel)
    assert shown(panel.change_visit_button, panel)
    assert cell(panel, raman, Column.STATUS).data() == "Booked"


def test_choosing_a_doctor_who_needs_a_referral_adds_a_todo_and_says_so(
    panel: ComparePanel,
    monkeypatch: pytest.MonkeyPatch,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    bookings: Factory,
) -> None:
    weiss = doctors["weiss"]
    select(panel, weiss)
    info = patch_message(monkeypatch, "show_info")
    bookings.will_return(FakeBookingDialog(visit_for(weiss)))
    panel.choose_selected()
    ((title, text),) = info.calls
    assert title == "A referral is needed"
    assert "primary-care doctor" in text and "fax" in text
    (todo,) = repo.todos.list(case.id)
    assert todo.key == referral_todo_key(weiss.id)
    assert todo.title == "Ask your primary-care doctor for a referral to Dr. Jonah Weiss"
    assert "fax the referral form" in todo.detail
    assert not todo.done
    assert shown(panel.todo_list, panel)
    assert not shown(panel.todo_empty, panel)
    assert panel.todo_list.count() == 1
    assert panel.todo_list.item(0).text().startswith(todo.title)
    assert repo.doctors.get(weiss.id).status is Status.BOOKED


def test_choosing_a_second_doctor_asks_to_replace_the_first(
    monkeypatch: pytest.MonkeyPatch,
    panel: ComparePanel,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    bookings: Factory,
) -> None:
    raman, cole = doctors["raman"], doctors["cole"]
    select(panel, raman)
    bookings.will_return(FakeBookingDialog(visit_for(raman)))
    panel.choose_selected()
    first = repo.appointments.opinion_visit(case.id)
    assert first is not None

    # Keep the first: nothing changes and no booking dialog opens.
    asked = patch_message(monkeypatch, "ask_yes_no", False)
    select(panel, cole)
    panel.choose_selected()
    ((title, text, yes, no),) = asked.calls
    assert title == "Replace the booked visit?"
    assert "Dr. Priya Raman" in text and "Dr. Henry Cole" in text
    assert (yes, no) == ("Book instead", "Keep the first")
    assert len(bookings.opened) == 1
    assert repo.doctors.get(raman.id).status is Status.BOOKED

    # Book instead: one visit, now with the second doctor; the first goes back to contacted.
    asked.answer = True
    later = VISIT + dt.timedelta(days=2)
    bookings.will_return(FakeBookingDialog(visit_for(cole, starts_at=later, place="")))
    panel.choose_selected()
    assert bookings.opened[-1][1].id == cole.id
    assert bookings.opened[-1][2] is None  # a new visit for the new doctor, not an edit
    (visit,) = repo.appointments.list(case.id)
    assert visit.id == first.id
    assert visit.doctor_id == cole.id and visit.starts_at == later
    assert repo.doctors.get(raman.id).status is Status.CONTACTED
    assert repo.doctors.get(cole.id).status is Status.BOOKED
    assert (
        panel.booked_label.text() == "Booked: Dr. Henry Cole, Saturday 5 December 2026 at 9:30 am."
    )


def test_choosing_the_booked_doctor_again_edits_their_visit(
    panel: ComparePanel, repo: Repository, case: Case, doctors: dict[str, Doctor], bookings: Factory
) -> None:
    raman = doctors["raman"]
    select(panel, raman)
    bookings.will_return(FakeBookingDialog(visit_for(raman)))
    panel.choose_selected()
    first = repo.appointments.opinion_visit(case.id)
    assert first is not None
    bookings.will_return(FakeBookingDialog(replace(first, place="Suite 300")))
    panel.choose_selected()  # no question: it is the same doctor
    assert bookings.opened[-1][2] == first
    (visit,) = repo.appointments.list(case.id)
    assert visit.place == "Suite 300"


def test_with_nothing_selected_choose_books_the_best_fit(
    panel: ComparePanel, repo: Repository, case: Case, doctors: dict[str, Doctor], bookings: Factory
) -> None:
    panel.table.setCurrentIndex(QModelIndex())
    assert panel.selected_doctor() is None
    raman = doctors["raman"]
    bookings.will_return(FakeBookingDialog(visit_for(raman)))
    panel.choose_selected()
    assert bookings.opened[0][1].id == raman.id
    assert repo.doctors.get(raman.id).status is Status.BOOKED


def test_choosing_a_ruled_out_doctor_asks_first(
    monkeypatch: pytest.MonkeyPatch,
    panel: ComparePanel,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    bookings: Factory,
) -> None:
    ortiz = doctors["ortiz"]
    select(panel, ortiz)
    asked = patch_message(monkeypatch, "ask_yes_no", False)
    panel.choose_selected()
    assert asked.calls[0][0] == "This doctor was ruled out"
    assert asked.calls[0][2:] == ("Book anyway", "Cancel")
    assert bookings.opened == []
    assert repo.appointments.opinion_visit(case.id) is None

    asked.answer = True
    bookings.will_return(FakeBookingDialog(visit_for(ortiz)))
    panel.choose_selected()
    assert repo.doctors.get(ortiz.id).status is Status.BOOKED


@pytest.mark.parametrize("accepted", [False, True])
def test_booking_cancelled_books_nothing(
    panel: ComparePanel,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    bookings: Factory,
    accepted: bool,
) -> None:
    bookings.will_return(FakeBookingDialog(None, accepted=accepted))
    panel.choose_selected()
    assert repo.appointments.list(case.id) == []
    assert repo.doctors.get(doctors["raman"].id).status is Status.CONTACTED
    assert 3 not in repo.cases.done_steps(case.id)


def test_change_visit_edits_the_booked_visit(
    panel: ComparePanel, repo: Repository, case: Case, doctors: dict[str, Doctor], bookings: Factory
) -> None:
    raman = doctors["raman"]
    select(panel, raman)
    bookings.will_return(FakeBookingDialog(visit_for(raman)))
    panel.choose_selected()
    booked = repo.appointments.opinion_visit(case.id)
    assert booked is not None
    bookings.will_return(FakeBookingDialog(replace(booked, starts_at=VISIT.replace(hour=14))))
    panel.change_visit_button.click()
    assert bookings.opened[-1] == (panel, repo.doctors.get(raman.id), booked)
    (visit,) = repo.appointments.list(case.id)
    assert visit.starts_at.hour == 14
    assert "2:30 pm" in panel.booked_label.text()


def test_replacing_a_doctor_who_needed_a_referral_closes_their_referral_todo(
    monkeypatch: pytest.MonkeyPatch,
    panel: ComparePanel,
    repo: Repository,
    case: Case,
    doctors: dict[str, Doctor],
    bookings: Factory,
) -> None:
    weiss, raman = doctors["weiss"], doctors["raman"]
    patch_message(monkeypatch, "show_info")
    select(panel, weiss)
    bookings.will_return(FakeBookingDialog(visit_for(weiss)))
    panel.choose_selected()
    assert [t.key for t in repo.todos.list(case.id)] == [referral_todo_key(weiss.id)]

    patch_message(monkeypatch, "ask_yes_no", True)
    select(panel, raman)
    bookings.will_return(FakeBookingDialog(visit_for(raman)))
    panel.choose_selected()
    open_todos = [t.title for t in repo.todos.list(case.id) if not t.done]
    assert open_todos == [], "the to-do still asks for a referral to a doctor no longer booked"


# --- to-dos -----------------------------------------------------------------------------------


def test_ticking_a_todo_marks_it_done(
    qtbot: QtBot, make_panel: Any, repo: Repository, case: Case, doctors: dict[str, Doctor]
) -> None:
    todo = repo.todos.ensure(case.id, "referral:1", "Ask for a referral", "Phone Dr. Adler")
    panel = make_panel(case)
    item = panel.todo_list.item(0)
    assert item.text() == "Ask for a referral\nPhone Dr. Adler"
    assert item.checkState() == Qt.CheckState.Unchecked
    with qtbot.waitSignal(panel.status_message) as status, qtbot.waitSignal(panel.changed):
        item.setCheckState(Qt.CheckState.Checked)
    assert status.args == ["Well done."]
    assert repo.todos.list(case.id)[0].done
    with qtbot.waitSignal(panel.status_message) as status:
        item.setCheckState(Qt.CheckState.Unchecked)
    assert status.args == ["Marked as not done."]
    assert not repo.todos.list(case.id)[0].done
    assert repo.todos.list(case.id)[0].id == todo.id


def test_no_todos_says_so(panel: ComparePanel) -> None:
    assert shown(panel.todo_empty, panel)
    assert not shown(panel.todo_list, panel)


# --- hostile text -----------------------------------------------------------------------------


HOSTILE = [
    "x" * 10_000,
    "\x00\x01\x07\x1b[31m\x7f",
    "\u202e2 weeks\u202c\u200f",
    "\U0001f469\u200d\u2695\ufe0f \U0001fa7a",
    "\u0662 weeks",  # Arabic-Indic digit two
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_the_table_never_raises(
    panel: ComparePanel, repo: Repository, doctors: dict[str, Doctor], text: str
) -> None:
    cole = doctors["cole"]
    panel.filter_edit.setText(text)
    panel.filter_edit.clear()
    for column in (Column.WAIT, Column.ACCEPTING, Column.STATUS):
        panel.proxy.setData(cell(panel, cole, column), text)
    wait = repo.doctors.get(cole.id).wait_days
    assert wait is None or 0 <= wait <= 730


@pytest.mark.qt_log_ignore(*OFFSCREEN_SHOW)
@pytest.mark.parametrize("text", HOSTILE[:4])
def test_hostile_names_and_calls_show_without_trouble(
    monkeypatch: pytest.MonkeyPatch,
    make_panel: Any,
    repo: Repository,
    case: Case,
    text: str,
) -> None:
    doctor = repo.doctors.add(Doctor(id=0, case_id=case.id, name=text, notes=text))
    repo.doctors.add_call(
        Call(id=0, doctor_id=doctor.id, called_at=text[:40], answered_by=text, learned=text)
    )
    panel = make_panel(case)
    select(panel, doctor)
    for column in range(panel.calls_model.columnCount()):
        panel.calls_model.index(0, column).data()
    patch_message(monkeypatch, "show_info")
    panel.calls_table.doubleClicked.emit(panel.calls_model.index(0, 0))
    panel.show_calling_script()
    assert panel.script_window is not None
    panel.script_window.close()
