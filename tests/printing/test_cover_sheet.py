"""The cover sheet's content, built by a pure function (no Qt needed)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.records import Delivery, RecordItem
from secondopinion_desktop.printing.cover_sheet import (
    BLANK,
    CoverSheet,
    EnclosedItem,
    cover_sheet_for,
    cover_sheet_html,
    page_count_text,
)
from tests.helpers.clock import FIXED_NOW

TODAY = dt.date(2026, 11, 20)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def sheet(**changes: object) -> CoverSheet:
    values: dict[str, object] = {
        "to_name": "Dr. Priya Raman",
        "to_office": "Lakeside Cancer Center",
        "to_fax": "(555) 622-4190",
        "to_phone": "(555) 622-4100",
        "from_name": "Sarah Ellis",
        "from_phone": "(555) 201-7745",
        "patient_name": "Margaret Ellis",
        "patient_dob": dt.date(1956, 4, 12),
        "visit": dt.datetime(2026, 12, 1, 9, 30, tzinfo=FIXED_NOW.tzinfo),
        "visit_place": "Lakeside Cancer Center, Suite 300",
        "items": (
            EnclosedItem("Medical records", "Dr. Ruth Adler", 12),
            EnclosedItem("Test results", "Dr. Samuel Okafor", 8),
        ),
        "prepared_on": TODAY,
    }
    values.update(changes)
    return CoverSheet(**values)  # type: ignore[arg-type]


def test_the_page_says_who_what_and_how_many() -> None:
    text = visible_text(cover_sheet_html(sheet()))
    for expected in (
        "TO Dr. Priya Raman Lakeside Cancer Center Fax: (555) 622-4190 Phone: (555) 622-4100",
        "FROM Sarah Ellis Phone: (555) 201-7745",
        "PATIENT Margaret Ellis Date of birth: 12 April 1956",
        "APPOINTMENT Tuesday 1 December 2026 at 9:30 am",
        "1 Medical records from Dr. Ruth Adler 12",
        "2 Test results from Dr. Samuel Okafor 8",
        "Total pages enclosed 20",
        "Total pages: 21 (including this one)",
        "Date sent: 20 November 2026",
        "Please phone to confirm these records arrived.",
        "Call Sarah Ellis at (555) 201-7745",
    ):
        assert expected in text, expected


def test_uncounted_pages_are_not_hidden() -> None:
    items = (EnclosedItem("Medical records", "", 12), EnclosedItem("Scans report", "", None))
    built = sheet(items=items)
    assert page_count_text(built) == "at least 13 (including this one)"
    text = visible_text(cover_sheet_html(built))
    assert "Total pages enclosed 12+" in text
    assert "1 item was not counted" in text


def test_text_is_escaped() -> None:
    html = cover_sheet_html(sheet(patient_name="<b>Ann & Bo</b>"))
    assert "&lt;b&gt;Ann &amp; Bo&lt;/b&gt;" in html
    assert "<b>Ann" not in html


def test_missing_details_leave_a_line_to_write_on() -> None:
    text = visible_text(cover_sheet_html(sheet(to_name="", to_fax="", visit=None)))
    assert text.count(BLANK) >= 3


def test_scale_shrinks_the_type_and_puts_each_item_on_one_line() -> None:
    assert "font-size:13.0pt" in cover_sheet_html(sheet())
    small = cover_sheet_html(sheet(), scale=0.5)
    assert "font-size:6.5pt" in small
    assert "Medical records</b> \u2014 <span" in small


def test_cover_sheet_for_takes_the_items_in_hand_for_the_doctor() -> None:
    case = Case(
        id=1,
        title="Mum",
        patient_name="Margaret Ellis",
        date_of_birth=dt.date(1956, 4, 12),
        organiser_name="",
        organiser_phone="(555) 201-7745",
    )
    doctor = Doctor(id=5, case_id=1, name="Dr. Priya Raman", fax="(555) 622-4190")
    appointment = Appointment(
        id=1,
        case_id=1,
        doctor_id=5,
        starts_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=FIXED_NOW.tzinfo),
        place="Suite 3",
    )
    records = [
        RecordItem(
            id=1, case_id=1, title="Medical records", received_on=TODAY, pages=4, holder_doctor_id=7
        ),
        RecordItem(id=2, case_id=1, title="Scans", requested_on=TODAY),
        RecordItem(id=3, case_id=1, title="Photo ID", received_on=TODAY, delivery=Delivery.BRING),
    ]
    built = cover_sheet_for(case, doctor, appointment, records, {7: "Dr. Adler"}, TODAY)
    assert built.items == (EnclosedItem("Medical records", "Dr. Adler", 4),)
    assert built.from_name == "Margaret Ellis"  # the patient, when nobody else organises
    assert built.to_fax == "(555) 622-4190"
    assert built.visit_place == "Suite 3"
    assert built.total_with_cover == 5


def test_an_item_faxed_before_and_not_confirmed_says_so() -> None:
    case = Case(id=1, title="Dad", patient_name="Walter Brooks")
    doctor = Doctor(id=5, case_id=1, name="Dr. Grace Okonkwo")
    faxed = RecordItem(
        id=1,
        case_id=1,
        title="Medical records",
        delivery=Delivery.FAX,
        received_on=TODAY,
        sent_on=TODAY,
        pages=11,
    )
    in_hand = RecordItem(id=2, case_id=1, title="Pathology report", received_on=TODAY)
    built = cover_sheet_for(case, doctor, None, [faxed, in_hand], {}, TODAY)
    assert [i.note for i in built.items] == [
        "First faxed on 20 November 2026; not yet confirmed as received.",
        "",
    ]
    text = visible_text(cover_sheet_html(built))
    assert "First faxed on 20 November 2026; not yet confirmed as received." in text
    assert text.count("not yet confirmed") == 1
