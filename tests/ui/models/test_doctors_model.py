"""The comparison table's model and filter proxy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.doctors import Answer, Call, Doctor, Source, Status
from secondopinion_desktop.store.repository import WritesPaused
from secondopinion_desktop.ui.models.calls_model import CallsModel
from secondopinion_desktop.ui.models.doctors_model import (
    NO_WAIT_KNOWN,
    Column,
    DoctorFilterProxy,
    DoctorsTableModel,
    SortRole,
)

DOCTORS = [
    Doctor(
        id=1,
        case_id=1,
        name="Dr. Priya Raman",
        specialty="Surgical oncology",
        accepting_new_patients=Answer.YES,
        wait_days=9,
        accepts_insurance=Answer.YES,
        referral_required=Answer.YES,
        status=Status.CONTACTED,
        source=Source.REFERRAL,
        phone="(555) 622-4100",
    ),
    Doctor(
        id=2,
        case_id=1,
        name="Dr. Thomas Whitfield",
        specialty="Medical oncology",
        accepting_new_patients=Answer.NO,
        status=Status.RULED_OUT,
    ),
    Doctor(id=3, case_id=1, name="Dr. James Chen", specialty="Surgical oncology"),
]


class Saver:
    def __init__(self) -> None:
        self.saved: list[Doctor] = []

    def __call__(self, doctor: Doctor) -> Doctor:
        self.saved.append(doctor)
        return doctor


def make(
    saver: Callable[[Doctor], Doctor] | None = None,
) -> tuple[DoctorsTableModel, DoctorFilterProxy]:
    model = DoctorsTableModel(saver)
    model.set_rows(DOCTORS)
    proxy = DoctorFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model, proxy = make(Saver())
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    empty = DoctorsTableModel()
    qtmodeltester.check(empty)
    calls = CallsModel()
    calls.set_rows(
        [
            Call(
                id=1,
                doctor_id=1,
                called_at="2026-11-20T09:40:00-05:00",
                answered_by="Denise",
                learned="Taking new patients",
                call_back_on="2026-11-21",
            )
        ]
    )
    qtmodeltester.check(calls)


def test_unknown_answers_say_not_asked_yet() -> None:
    model, _ = make()
    chen = model.index(2, Column.ACCEPTING)
    assert chen.data() == "not asked yet"
    assert model.index(2, Column.WAIT).data() == "not asked yet"
    assert model.index(2, Column.BOARD).data() == "not checked"
    assert model.index(0, Column.WAIT).data() == "9 days"
    assert model.index(0, Column.ACCEPTING).data() == "Yes"
    assert model.index(2, Column.SOURCE).data() == "not noted"


def test_text_filter_matches_every_word_anywhere() -> None:
    _, proxy = make()
    proxy.set_text("surgical")
    assert proxy.rowCount() == 2
    proxy.set_text("surgical chen")
    assert proxy.rowCount() == 1
    proxy.set_text("622-4100")
    assert proxy.index(0, Column.NAME).data() == "Dr. Priya Raman"
    proxy.set_text("")
    assert proxy.rowCount() == 3


def test_status_filter() -> None:
    _, proxy = make()
    proxy.set_status(Status.RULED_OUT)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Dr. Thomas Whitfield"]
    proxy.set_status(None)
    assert proxy.rowCount() == 3


def test_wait_sorts_numerically_with_unknown_last() -> None:
    model, proxy = make()
    model.set_rows([*DOCTORS, replace(DOCTORS[2], id=4, name="Dr. Soon", wait_days=30)])
    proxy.sort(Column.WAIT, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]
    assert names[:2] == ["Dr. Priya Raman", "Dr. Soon"]
    assert proxy.index(0, Column.WAIT).data(SortRole) == 9


def test_edit_in_place_saves_and_rejects_kindly(qtbot: QtBot) -> None:
    saver = Saver()
    model, _ = make(saver)
    index = model.index(2, Column.WAIT)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "2 weeks")
    assert saver.saved[-1].wait_days == 14
    assert model.index(2, Column.WAIT).data() == "2 weeks"
    with qtbot.waitSignal(model.edit_rejected) as blocker:
        assert not model.setData(index, "soonish")
    assert "days" in blocker.args[0] or "wait" in blocker.args[0].lower()
    assert len(saver.saved) == 1
    assert model.setData(model.index(2, Column.INSURANCE), "no")
    assert saver.saved[-1].accepts_insurance is Answer.NO
    assert model.setData(model.index(2, Column.STATUS), "ruled_out")
    assert saver.saved[-1].status is Status.RULED_OUT
    assert not model.setData(model.index(2, Column.NAME), "New name")


def test_read_only_without_a_saver() -> None:
    model, _ = make()
    assert not model.flags(model.index(0, Column.WAIT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, Column.WAIT), "3 days")


def test_sort_keys_are_made_once_per_reset_and_follow_an_edit() -> None:
    saver = Saver()
    model, _proxy = make(saver)
    keys = model.sort_keys(Column.WAIT)
    assert keys == [9, NO_WAIT_KNOWN, NO_WAIT_KNOWN]
    assert model.sort_keys(Column.WAIT) is keys  # kept, not made again
    assert model.setData(model.index(2, Column.WAIT), "3")
    assert model.sort_keys(Column.WAIT) == [9, NO_WAIT_KNOWN, 3]
    model.set_rows(DOCTORS)
    assert model.sort_keys(Column.WAIT) is not keys


def test_names_sort_as_people_read_them() -> None:
    model, proxy = make()
    model.set_rows(
        [
            replace(DOCTORS[0], id=n, name=name)
            for n, name in enumerate(["dr. émile 10", "Dr. Emile 9", "Dr. Abe", "  "], start=1)
        ]
    )
    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]
    # shown as a person says them (issue 13, item 4): "dr." reads "Dr.", a blank name is blank
    assert names == ["Dr. Abe", "Dr. Emile 9", "Dr. émile 10", ""]


def test_sorted_and_filtered_rows_follow_edits_in_place(qtmodeltester: ModelTester) -> None:
    model, proxy = make(Saver())
    qtmodeltester.check(proxy)
    proxy.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, Column.NAME).data() == "Dr. Thomas Whitfield"  # ruled out: last
    chen = proxy.mapFromSource(model.index(2, Column.STATUS))
    assert proxy.setData(chen, Status.RULED_OUT.value)
    assert proxy.index(1, Column.NAME).data() == "Dr. James Chen"
    proxy.set_status(Status.RULED_OUT)
    assert proxy.rowCount() == 2
    raman = proxy.mapFromSource(model.index(0, Column.STATUS))
    assert not raman.isValid()
    whitfield = proxy.mapFromSource(model.index(1, Column.STATUS))
    assert proxy.setData(whitfield, Status.CONTACTED.value)  # leaves the filtered view
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Dr. James Chen"]


def test_a_doctor_who_gave_an_opinion_sorts_after_every_status() -> None:
    model, proxy = make()
    model.set_rows(DOCTORS, givers={1: 2})
    proxy.sort(Column.STATUS, Qt.SortOrder.AscendingOrder)
    assert proxy.index(2, Column.NAME).data() == "Dr. Priya Raman"
    assert model.sort_keys(Column.STATUS)[0] == len(Status) + 2


def test_an_edit_while_a_job_writes_is_refused_in_words(qtbot: QtBot) -> None:
    """The moment before a background job's dialog shows: the edit is not saved, the cell
    keeps the stored value, and the words say why (never the excepthook's box)."""

    def paused(_doctor: Doctor) -> Doctor:
        raise WritesPaused("Second Opinion is still restoring the backup. Please wait.")

    model, _ = make(paused)
    before = model.index(2, Column.WAIT).data()
    with qtbot.waitSignal(model.edit_rejected) as blocker:
        assert not model.setData(model.index(2, Column.WAIT), "2 weeks")
    assert blocker.args == ["Second Opinion is still restoring the backup. Please wait."]
    assert model.index(2, Column.WAIT).data() == before
