"""The records checklist on steps 4 and 5: the panel, scans and undo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.records import (
    Delivery,
    RecordItem,
    RecordKind,
    RecordState,
    Timing,
)
from secondopinion_desktop.paths import settings_path
from secondopinion_desktop.printing.render import PAGE_SIZE_KEY, set_page
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages, print_actions
from secondopinion_desktop.ui.models.records_model import (
    COL_DUE,
    COL_ITEM,
    RecordsModel,
)
from secondopinion_desktop.ui.pages.records_panel import RecordsPanel
from secondopinion_desktop.ui.print_actions import Renderer
from tests.helpers.clock import FIXED_NOW
from tests.pdf_text import read_pdf

TODAY = dt.date(2026, 11, 20)  # the FakeClock's day
VISIT = dt.datetime(2026, 11, 26, 9, 30, tzinfo=FIXED_NOW.tzinfo)  # due 19 Nov: yesterday


class CaseData:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.case = repo.cases.create(
            "Mum",
            patient_name="Margaret Ellis",
            date_of_birth=dt.date(1956, 4, 12),
            diagnosis="Invasive ductal carcinoma of the left breast",
            organiser_name="Sarah Ellis",
            organiser_phone="(555) 201-7745",
        )
        self.adler = repo.doctors.add(
            Doctor(id=0, case_id=self.case.id, name="Dr. Ruth Adler", role=Role.PRIMARY_CARE)
        )
        self.raman = repo.doctors.add(
            Doctor(
                id=0,
                case_id=self.case.id,
                name="Dr. Priya Raman",
                practice="Lakeside Cancer Center",
                fax="(555) 622-4190",
                phone="(555) 622-4100",
            )
        )

    def book(self) -> None:
        self.repo.appointments.add(
            Appointment(id=0, case_id=self.case.id, doctor_id=self.raman.id, starts_at=VISIT)
        )


@pytest.fixture
def data(file_repo: Repository) -> CaseData:
    return CaseData(file_repo)


@pytest.fixture
def panel(qtbot: QtBot, data: CaseData) -> Iterator[RecordsPanel]:
    widget = RecordsPanel(data.repo, None, step=4)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.show()
    widget.load(data.case)
    yield widget


def select(panel: RecordsPanel, title: str) -> RecordItem:
    for row in range(panel.model.rowCount()):
        if panel.model.row_at(row).title == title:
            panel.select_row(row)
            item = panel.selected_item()
            assert item is not None
            return item
    raise AssertionError(f"no item {title!r}")


def items(model: RecordsModel) -> list[RecordItem]:
    return model.rows()


# --- the panel ----------------------------------------------------------------------------------


def test_first_showing_suggests_the_usual_items(panel: RecordsPanel, data: CaseData) -> None:
    titles = [i.title for i in items(panel.model)]
    assert "Medical records" in titles and "Referral form" in titles
    assert "Pathology slides" not in titles  # that is step 5
    count = panel.model.rowCount()
    assert f"0 of {count} at the new doctor's office" in panel.summary_label.text()
    assert panel.next_label.text().startswith("Next: Ask Dr. Ruth Adler for the medical records")
    assert "Once the visit is booked" in panel.rule_label.text()
    assert "Book the visit" in panel.cover_label.text()
    assert not panel.pdf_button.isEnabled()


def test_step_five_lists_slides_and_imaging(qtbot: QtBot, data: CaseData) -> None:
    widget = RecordsPanel(data.repo, None, step=5)
    qtbot.addWidget(widget)
    widget.load(data.case)
    kinds = {i.kind for i in items(widget.model)}
    assert kinds == {RecordKind.PATHOLOGY_SLIDES, RecordKind.MAMMOGRAMS, RecordKind.OTHER_IMAGING}


def test_the_next_step_button_moves_an_item_on_and_undo_puts_it_back(
    panel: RecordsPanel, data: CaseData, qtbot: QtBot
) -> None:
    item = select(panel, "Referral form")
    assert panel.next_step_button.text() == "Mark as asked for"
    with qtbot.waitSignal(panel.changed):
        panel.next_step_button.click()
    assert data.repo.records.get(item.id).requested_on == TODAY
    assert panel.next_step_button.text() == "Mark as received"
    panel.next_step_button.click()
    assert panel.next_step_button.text() == "Mark as faxed"
    panel.next_step_button.click()
    assert data.repo.records.get(item.id).state is RecordState.SENT
    assert "sent and waiting for your phone call" in panel.summary_label.text()
    assert panel.next_step_button.text().startswith("It arrived")
    panel.undo_stack.undo()
    assert data.repo.records.get(item.id).state is RecordState.RECEIVED
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    assert data.repo.records.get(item.id).state is RecordState.NEEDED


def test_confirming_arrival_asks_who_confirmed(
    panel: RecordsPanel, data: CaseData, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = select(panel, "Referral form")
    data.repo.records.update(replace(item, sent_on=TODAY, delivery=Delivery.FAX))
    panel.reload(select_id=item.id)
    seen: dict[str, Any] = {}

    class Fake:
        DialogCode = QDialog.DialogCode

        def __init__(self, parent: Any, start: RecordItem, *args: Any) -> None:
            seen["start"], seen["focus"] = start, args[-1]

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

        def item(self) -> RecordItem:
            return replace(seen["start"], confirmed_by="Denise")

    panel.record_dialog_factory = Fake  # type: ignore[assignment]
    panel.next_step_button.click()
    assert seen["focus"] == "confirmed_by"
    assert seen["start"].confirmed_on == TODAY
    stored = data.repo.records.get(item.id)
    assert stored.state is RecordState.ARRIVED and stored.confirmed_by == "Denise"


def test_removing_an_item_can_be_undone(panel: RecordsPanel, data: CaseData) -> None:
    item = select(panel, "Photo ID")
    before = panel.model.rowCount()
    panel.remove_button.click()
    assert panel.model.rowCount() == before - 1
    assert panel.undo_bar.isVisible()
    assert "Removed \u201cPhoto ID\u201d" in panel.undo_label.text()
    panel.undo_button.click()
    assert panel.model.rowCount() == before
    assert data.repo.records.get(item.id) == item
    assert not panel.undo_bar.isVisible()
    # removed items do not come back as suggestions
    select(panel, "Photo ID")
    panel.remove_item()
    panel.reload()
    assert "Photo ID" not in [i.title for i in items(panel.model)]


def test_adding_an_item(panel: RecordsPanel, data: CaseData) -> None:
    class Fake:
        def __init__(self, parent: Any, start: RecordItem, *args: Any) -> None:
            self.start = start

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

        def item(self) -> RecordItem:
            return replace(self.start, title="Genetic test report", pages=4)

    panel.record_dialog_factory = Fake  # type: ignore[assignment]
    panel.add_button.click()
    added = [i for i in data.repo.records.list(data.case.id) if i.title == "Genetic test report"]
    assert len(added) == 1 and added[0].pages == 4
    assert panel.selected_id() == added[0].id
    panel.undo_stack.undo()
    assert not [i for i in data.repo.records.list(data.case.id) if i.pages == 4]


def test_booked_visit_gives_due_dates_and_overdue_words(
    panel: RecordsPanel, data: CaseData
) -> None:
    data.book()
    panel.reload()
    assert "overdue" in panel.summary_label.text()
    assert "Thursday 19 November 2026" in panel.rule_label.text()
    row = panel.model.row_of(select(panel, "Referral form").id)
    assert panel.model.data(panel.model.index(row, COL_DUE)).startswith("Overdue")


# --- scans --------------------------------------------------------------------------------------


def test_attach_open_and_remove_a_scan(
    panel: RecordsPanel, data: CaseData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = tmp_path / "records scan.pdf"
    original.write_bytes(b"%PDF-1.4 pretend scan")
    item = select(panel, "Referral form")
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(original))
    panel.attach_button.click()
    scans = data.repo.records.list_attachments(item.id)
    assert len(scans) == 1 and scans[0].original_name == "records scan.pdf"
    folder = data.repo.data_folder()
    assert folder is not None
    copy = folder / "attachments" / scans[0].file_name
    assert copy.read_bytes() == original.read_bytes()
    assert panel.attachments_model.rowCount() == 1
    assert "(1 scan)" in panel.model.data(panel.model.index(panel.selected_row(), COL_ITEM))

    infos: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _p, _t, text: infos.append(text))
    panel.attach_button.click()
    assert "already attached" in infos[0]
    assert len(list((folder / "attachments").iterdir())) == 1

    opened: list[Path] = []
    monkeypatch.setattr(
        print_actions, "open_with_system_viewer", lambda path: opened.append(path) or True
    )
    panel.attachments_view.setCurrentIndex(panel.attachments_model.index(0, 0))
    panel.open_button.click()
    assert opened == [copy]

    copy.unlink()
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: errors.append(text))
    panel.open_button.click()
    assert "is missing" in errors[0]

    monkeypatch.setattr(messages, "ask_yes_no", lambda *a, **k: True)
    panel.remove_scan_button.click()
    assert data.repo.records.list_attachments(item.id) == []
    assert original.read_bytes() == b"%PDF-1.4 pretend scan"


def test_a_copy_that_is_not_a_document_is_never_opened(
    panel: RecordsPanel, data: CaseData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy an older version stored as .exe (from a hostile archive) is not handed over."""
    import hashlib

    from secondopinion_desktop.domain.attachments import Attachment

    item = select(panel, "Referral form")
    folder = data.repo.data_folder()
    assert folder is not None
    (folder / "attachments").mkdir(exist_ok=True)
    content = b"%PDF-1.4 pretend scan"
    (folder / "attachments" / "imported-0123.exe").write_bytes(content)
    data.repo.records.add_attachment(
        Attachment(
            0,
            item.id,
            "imported-0123.exe",
            "Biopsy report.pdf",
            len(content),
            hashlib.sha256(content).hexdigest(),
        )
    )
    panel.load(data.case)
    select(panel, "Referral form")
    assert panel.attachments_model.rowCount() == 1
    opened: list[Path] = []
    errors: list[str] = []
    monkeypatch.setattr(
        print_actions, "open_with_system_viewer", lambda path: opened.append(path) or True
    )
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: errors.append(text))
    panel.attachments_view.setCurrentIndex(panel.attachments_model.index(0, 0))
    panel.open_button.click()
    assert opened == []
    assert "will not open" in errors[0]


def test_unusable_files_get_a_clear_message(
    panel: RecordsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(panel, "Referral form")
    errors: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, _t, text: errors.append(text))
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(tmp_path / "gone.pdf"))
    panel.attach_button.click()
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(tmp_path / "letter.docx"))
    panel.attach_button.click()
    assert "could not be found" in errors[0]
    assert "PDF or a picture" in errors[1]


def test_removing_an_item_with_scans_asks_first_and_removes_the_copies(
    panel: RecordsPanel, data: CaseData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = tmp_path / "scan.png"
    original.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    item = select(panel, "Referral form")
    monkeypatch.setattr(messages, "choose_open_path", lambda *a: str(original))
    panel.attach_button.click()
    folder = data.repo.data_folder()
    assert folder is not None
    answers = iter([False, True])
    asked: list[str] = []

    def ask(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    panel.remove_button.click()
    assert data.repo.records.get(item.id)
    panel.remove_button.click()
    assert "original files are not touched" in asked[0]
    assert [i for i in data.repo.records.list(data.case.id) if i.id == item.id] == []
    assert list((folder / "attachments").iterdir()) == []
    assert original.exists()


def test_scans_need_a_data_folder(qtbot: QtBot, repo: Repository) -> None:
    case = repo.cases.create("In memory")
    widget = RecordsPanel(repo, None, step=4)
    qtbot.addWidget(widget)
    widget.load(case)
    assert not widget.attach_button.isEnabled()
    assert "once your data is saved" in widget.attachments_label.text()


# --- in the window ------------------------------------------------------------------------------


def test_the_window_shows_the_checklist_on_steps_4_and_5(session: Any, make_case: Any) -> None:
    case: Case = make_case()
    window = session.open()
    window.open_case(case.id)
    window.show_page(4)
    panel = window.panels[4][0]
    assert isinstance(panel, RecordsPanel) and panel.step == 4
    assert panel.model.rowCount() > 0
    assert panel.undo_stack is window.undo_stack
    window.show_page(5)
    assert isinstance(window.panels[5][0], RecordsPanel)
    assert (
        window.panels[5][0].model.rowCount() == 2
    )  # slides and scans; mammograms only for a breast diagnosis


@pytest.fixture
def ready_panel(qtbot: QtBot, file_repo: Repository) -> RecordsPanel:
    repo = file_repo
    case = repo.cases.create("Mum", patient_name="Margaret Ellis", organiser_name="Sarah Ellis")
    raman = repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Priya Raman", fax="1"))
    repo.appointments.add(
        Appointment(
            id=0, case_id=case.id, doctor_id=raman.id, starts_at=VISIT + dt.timedelta(days=5)
        )
    )
    ensure_default_records(repo, case.id)
    repo.records.add(
        RecordItem(
            id=0,
            case_id=case.id,
            title="Oncology clinic notes",
            delivery=Delivery.FAX,
            timing=Timing.SEND_AHEAD,
            pages=17,
            received_on=dt.date(2026, 11, 18),
        )
    )
    repo.records.add(
        RecordItem(id=0, case_id=case.id, title="Blood counts", pages=3, sent_on=dt.date.today())
    )
    # the window hands its settings (settings.ini in the data folder) to the panel
    folder = repo.data_folder()
    assert folder is not None
    settings = QSettings(str(settings_path(folder)), QSettings.Format.IniFormat)
    panel = RecordsPanel(repo, None, step=4, settings=settings)
    qtbot.addWidget(panel)
    panel.load(case)
    return panel


def test_panel_saves_the_cover_sheet_as_pdf(
    ready_panel: RecordsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ready_panel.cover_label.text() == (
        "To Dr. Priya Raman: 2 items, 20 pages, plus the cover sheet."
    )
    assert ready_panel.pdf_button.isEnabled()
    asked: list[str] = []

    def choose(_parent: Any, _title: str, suggested: str, _filter: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "for the office")

    monkeypatch.setattr(messages, "choose_save_path", choose)
    ready_panel.pdf_button.click()
    assert ready_panel.jobs.wait()  # made in the background: a data folder on disk
    assert asked[0].endswith("Cover sheet for Dr. Priya Raman 2026-11-20.pdf")
    info = read_pdf((tmp_path / "for the office.pdf").read_bytes())
    assert info.pages == 1
    assert "Oncology clinic notes" in info.flat and "Blood counts" in info.flat
    assert "Total pages enclosed 20" in info.flat


def test_panel_preview_and_print_use_the_wrappers(
    ready_panel: RecordsPanel, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[str, str, Renderer, str]] = []
    monkeypatch.setattr(
        print_actions,
        "preview",
        lambda _p, title, render, size: calls.append(("preview", title, render, size)),
    )
    monkeypatch.setattr(
        print_actions,
        "print_with_dialog",
        lambda _p, title, render, size: calls.append(("print", title, render, size)) or True,
    )
    other = "Letter" if ready_panel.paper_combo.currentData() == "A4" else "A4"
    ready_panel.paper_combo.setCurrentIndex(ready_panel.paper_combo.findData(other))
    ready_panel.preview_button.click()
    ready_panel.print_button.click()
    assert [c[0] for c in calls] == ["preview", "print"]
    assert {c[3] for c in calls} == {other}
    assert {c[1] for c in calls} == {"Medical records cover sheet"}
    target = tmp_path / "painted.pdf"
    writer = QPdfWriter(str(target))
    set_page(writer, other)
    assert calls[0][2](writer) == 1
    del writer
    flat = read_pdf(target.read_bytes()).flat
    assert 0 <= flat.find("Oncology clinic notes") < flat.find("Blood counts")
    folder = ready_panel.repo.data_folder()
    assert folder is not None
    stored = QSettings(str(settings_path(folder)), QSettings.Format.IniFormat)
    assert stored.value(PAGE_SIZE_KEY) == other
