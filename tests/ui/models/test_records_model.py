"""The records and attachments table models: Qt's checks, overdue in words and colour, the text
cache made once per reset, roles the records model does not answer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.records import (
    Delivery,
    RecordItem,
    RecordKind,
)
from secondopinion_desktop.ui.models.records_model import (
    COL_DUE,
    COL_ITEM,
    COL_PAGES,
    COL_STATUS,
    AttachmentsModel,
    OverdueRole,
    RecordsModel,
    SubtitleRole,
    overdue_color,
)


def _item(item_id: int, title: str, pages: int | None) -> RecordItem:
    return RecordItem(
        id=item_id, case_id=1, kind=RecordKind.MEDICAL_RECORDS, title=title, pages=pages
    )


def test_records_model_shows_new_text_after_set_items_with_the_same_rows(qtbot: QtBot) -> None:
    model = RecordsModel()
    today = dt.date(2026, 11, 20)
    model.set_items([_item(1, "Clinic notes", 3)], {}, None, None, today, {})
    index = model.index(0, COL_ITEM)
    assert model.data(index) == "Clinic notes"
    assert model.data(model.index(0, COL_PAGES)) == "3"
    model.set_items([_item(1, "Clinic notes, 2025", 12)], {}, None, None, today, {1: 2})
    assert model.data(model.index(0, COL_ITEM)) == "Clinic notes, 2025 (2 scans)"
    assert model.data(model.index(0, COL_PAGES)) == "12"
    model.set_items([], {}, None, None, today, {})
    assert model.data(index) is None
    assert model.data(model.index(0, COL_ITEM)) is None


def test_records_model_answers_edit_role_as_before(qtbot: QtBot) -> None:
    model = RecordsModel()
    model.set_items([_item(1, "Clinic notes", 3)], {}, None, None, dt.date(2026, 11, 20), {})
    index = model.index(0, COL_ITEM)
    assert model.data(index, Qt.ItemDataRole.EditRole) is None
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Clinic notes")


TODAY = dt.date(2026, 11, 20)  # the FakeClock's day


VISIT = dt.datetime(2026, 11, 26, 9, 30)  # due 19 Nov: yesterday


def sample_items() -> list[RecordItem]:
    base = RecordItem(id=1, case_id=1, title="Medical records", holder_doctor_id=7)
    return [
        base,
        replace(base, id=2, title="Test results", delivery=Delivery.FAX, sent_on=TODAY, pages=9),
        replace(base, id=3, title="Report", sent_on=TODAY, confirmed_on=TODAY),
        replace(base, id=4, title="Card", delivery=Delivery.BRING, received_on=TODAY),
    ]


def test_records_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = RecordsModel()
    model.set_items(sample_items(), {7: "Dr. Adler"}, "Dr. Raman", VISIT.date(), TODAY, {1: 2})
    qtmodeltester.check(model)
    model.set_items([], {}, None, None, TODAY)
    qtmodeltester.check(model)


def test_attachments_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = AttachmentsModel()
    model.set_rows(
        [
            Attachment(
                id=1,
                record_id=1,
                file_name="a.pdf",
                original_name="Scan.pdf",
                size=2048,
                sha256="ab",
                added_at="2026-11-20T09:30:00",
            )
        ]
    )
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Scan.pdf (2 KB)"


def test_overdue_is_shown_in_words_and_colour(qapp: Any) -> None:
    model = RecordsModel()
    model.set_items(sample_items(), {7: "Dr. Adler"}, "Dr. Raman", VISIT.date(), TODAY, {1: 2})
    due = model.index(0, COL_DUE)
    assert model.data(due) == "Overdue: was due Thu 19 Nov"
    assert model.data(due, OverdueRole) is True
    assert model.data(due, Qt.ItemDataRole.ForegroundRole) == overdue_color(
        QGuiApplication.palette()
    )
    assert model.data(due, Qt.ItemDataRole.FontRole).bold()
    faxed = model.index(1, COL_STATUS)
    assert "not done yet: phone to check it arrived" in model.data(faxed)
    assert model.data(model.index(2, COL_DUE)) == "Done"
    assert model.data(model.index(0, COL_ITEM)) == "Medical records (2 scans)"
    assert model.data(model.index(0, COL_ITEM), SubtitleRole) == (
        "From Dr. Adler \u00b7 Ask the office"
    )
    assert "Item:" in model.data(model.index(0, COL_ITEM), Qt.ItemDataRole.AccessibleTextRole)
