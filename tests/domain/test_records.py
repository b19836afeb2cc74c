"""Records checklist: states, due dates, words, suggestions, the store and attached scans."""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.appointments import Appointment
from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.doctors import Doctor, Role, Status
from secondopinion_desktop.domain.record_entry import (
    check_dates,
    clean_record_title,
    parse_pages,
    suggested_records,
)
from secondopinion_desktop.domain.record_progress import next_action, next_step, progress
from secondopinion_desktop.domain.records import (
    Delivery,
    RecordItem,
    RecordKind,
    RecordState,
    Timing,
    cover_sheet_items,
    due_date,
    due_text,
    how_text,
    in_sentence,
    is_overdue,
    iso_day_text,
    long_date,
    named_doctors,
    status_text,
)
from secondopinion_desktop.services.records import ensure_default_records
from secondopinion_desktop.store import attachment_files
from secondopinion_desktop.store.attachment_files import AttachmentError
from secondopinion_desktop.store.repository import NotFoundError, Repository
from tests.helpers.clock import FIXED_NOW

TODAY = dt.date(2026, 11, 20)
VISIT = dt.date(2026, 12, 1)


def item(**values: object) -> RecordItem:
    base = RecordItem(id=1, case_id=1, title="Medical records")
    return replace(base, **values)  # type: ignore[arg-type]


# --- states and rules ---------------------------------------------------------------------------


def test_state_is_the_furthest_date_filled_in() -> None:
    assert item().state is RecordState.NEEDED
    assert item(requested_on=TODAY).state is RecordState.REQUESTED
    assert item(received_on=TODAY).state is RecordState.RECEIVED
    assert item(requested_on=TODAY, sent_on=TODAY).state is RecordState.SENT
    assert item(sent_on=TODAY, confirmed_on=TODAY).state is RecordState.ARRIVED


def test_a_faxed_item_is_not_done_until_arrival_is_confirmed() -> None:
    faxed = item(delivery=Delivery.FAX, timing=Timing.SEND_AHEAD, sent_on=TODAY)
    assert not faxed.ready
    assert faxed.awaiting_confirmation
    assert "not done yet: phone to check it arrived" in status_text(faxed)
    confirmed = replace(faxed, confirmed_on=TODAY, confirmed_by="Denise")
    assert confirmed.ready and not confirmed.awaiting_confirmation
    assert status_text(confirmed) == "Arrived, confirmed by Denise on Fri 20 Nov"


def test_items_brought_along_are_ready_once_in_hand() -> None:
    card = item(title="Insurance card", delivery=Delivery.BRING, timing=Timing.BRING_ALONG)
    assert not card.ready
    in_hand = replace(card, received_on=TODAY)
    assert in_hand.ready and in_hand.in_hand_to_bring
    assert status_text(in_hand) == "In hand, ready to bring to the visit"


def test_due_a_week_before_the_visit_and_the_day_before_when_brought() -> None:
    assert due_date(item(), VISIT) == dt.date(2026, 11, 24)
    assert due_date(item(timing=Timing.BRING_ALONG), VISIT) == dt.date(2026, 11, 30)
    assert due_date(item(), None) is None


def test_overdue_in_words() -> None:
    late = item(requested_on=dt.date(2026, 11, 10))
    assert is_overdue(late, VISIT, dt.date(2026, 11, 26))
    assert due_text(late, VISIT, dt.date(2026, 11, 26)) == "Overdue: was due Tue 24 Nov"
    assert due_text(late, VISIT, dt.date(2026, 11, 24)) == "Due today"
    assert due_text(late, VISIT, dt.date(2026, 11, 23)) == "Due tomorrow"
    assert due_text(late, VISIT, TODAY) == "Due Tue 24 Nov (in 4 days)"
    assert due_text(late, None, TODAY) == "No visit booked yet"
    done = replace(late, sent_on=TODAY, confirmed_on=TODAY)
    assert not is_overdue(done, VISIT, dt.date(2026, 11, 30))
    assert due_text(done, VISIT, dt.date(2026, 11, 30)) == "Done"


def test_returned_slides_say_so() -> None:
    slides = item(
        kind=RecordKind.PATHOLOGY_SLIDES,
        sent_on=TODAY,
        confirmed_on=TODAY,
        returned_on=dt.date(2026, 12, 8),
    )
    assert slides.kind.lent and slides.kind.step == 5
    assert status_text(slides).endswith("Returned to us Tue 8 Dec")


def test_how_text() -> None:
    assert how_text(item()) == "Ask the office"
    assert how_text(item(delivery=Delivery.FAX, timing=Timing.SEND_AHEAD)) == "Fax"
    assert how_text(item(delivery=Delivery.FAX)) == "Fax, ask the office"
    assert how_text(item(timing=Timing.SEND_AHEAD)) == "Send ahead"
    assert how_text(item(delivery=Delivery.BRING)) == "Bring to the visit"
    assert how_text(item(timing=Timing.BRING_ALONG)) == "Bring along"


def test_progress_summary() -> None:
    items = [
        item(id=n, sent_on=TODAY, confirmed_on=TODAY) if n <= 6 else item(id=n)
        for n in range(1, 10)
    ]
    assert progress(items, VISIT, TODAY).text == "6 of 9 at the new doctor's office"
    items.append(item(id=10, delivery=Delivery.BRING, received_on=TODAY))
    summary = progress(items, VISIT, TODAY)
    assert summary.text == "7 of 10 ready: 6 at the new doctor's office, 1 in hand to bring"
    assert progress([], VISIT, TODAY).text == "Nothing on this list yet."


def test_next_action_puts_the_confirmation_call_first() -> None:
    doctors = {7: "Dr. Ruth Adler"}
    items = [
        item(id=1, holder_doctor_id=7),
        item(id=2, title="Test results", delivery=Delivery.FAX, sent_on=TODAY),
    ]
    text = next_action(items, doctors, "Dr. Priya Raman", VISIT, TODAY)
    assert text.startswith(
        "Phone Dr. Priya Raman's office to check that the faxed test results arrived"
    )
    assert next_step(items, doctors, None, VISIT, TODAY).item_id == 2
    text = next_action(items[:1], doctors, "Dr. Priya Raman", VISIT, TODAY)
    assert text == "Ask Dr. Ruth Adler for the medical records."
    done = [item(id=1, sent_on=TODAY, confirmed_on=TODAY)]
    assert "Well done" in next_action(done, doctors, None, VISIT, TODAY)
    assert next_action([], doctors, None, VISIT, TODAY).startswith("Add the records")


def test_a_place_is_named_in_lower_case_inside_a_sentence() -> None:
    slides = item(id=1, title="Pathology slides", holder_text="The pathology lab")
    assert next_action([slides], {}, None, VISIT, TODAY) == (
        "Ask the pathology lab for the pathology slides."
    )
    asked = replace(slides, requested_on=TODAY, holder_text="Your urologist's office")
    assert "phone your urologist's office." in next_action([asked], {}, None, VISIT, TODAY)
    assert in_sentence("Lakeside Imaging") == "Lakeside Imaging"
    assert in_sentence("An imaging center") == "an imaging center"
    assert in_sentence("Theodore Clinic") == "Theodore Clinic"


def test_cover_sheet_lists_items_in_hand_going_to_the_doctor() -> None:
    items = [
        item(id=1, received_on=TODAY),
        item(id=2, sent_on=TODAY, delivery=Delivery.FAX),
        item(id=3, requested_on=TODAY),
        item(id=4, received_on=TODAY, delivery=Delivery.BRING),
        item(id=5, received_on=TODAY, sent_on=TODAY, confirmed_on=TODAY),
        item(id=6, received_on=TODAY, recipient_text="Lakeside pathology"),
        item(id=7, received_on=TODAY, recipient_doctor_id=9),
        item(id=8, received_on=TODAY, recipient_doctor_id=10),
    ]
    assert [i.id for i in cover_sheet_items(items, 9)] == [1, 2, 7]
    assert [i.id for i in cover_sheet_items(items, None)] == [1, 2]


def test_suggested_records_name_the_case_doctors() -> None:
    doctors = [
        Doctor(id=3, case_id=1, name="Dr. Adler", role=Role.PRIMARY_CARE),
        Doctor(id=4, case_id=1, name="Dr. Okafor", role=Role.TREATING),
        Doctor(id=5, case_id=1, name="Dr. Raman"),
    ]
    items = suggested_records(1, doctors, "Breast cancer")
    kinds = [i.kind for i in items]
    assert kinds.count(RecordKind.MEDICAL_RECORDS) == 2
    assert {i.holder_doctor_id for i in items if i.kind is RecordKind.MEDICAL_RECORDS} == {3, 4}
    for kind in RecordKind:
        if kind is not RecordKind.OTHER:
            assert kind in kinds, kind
    card = next(i for i in items if i.kind is RecordKind.INSURANCE_CARD)
    assert card.brought
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    assert len(suggested_records(1, [], "Breast cancer")) == len(items) - 1


def test_titles_and_pages_are_checked_in_plain_words() -> None:
    assert clean_record_title("  Test   results ") == "Test results"
    with pytest.raises(ValueError, match="Please give the item a name"):
        clean_record_title("   ")
    assert parse_pages("") is None
    assert parse_pages("12") == 12
    assert parse_pages(" 12 pages") == 12
    for bad in ("twelve", "-3", "1.5", "\u0661\u0662"):
        with pytest.raises(ValueError, match="as a number"):
            parse_pages(bad)
    with pytest.raises(ValueError, match="more than"):
        parse_pages("99999")


@given(st.text(max_size=20))
def test_parse_pages_never_fails_unkindly(text: str) -> None:
    try:
        pages = parse_pages(text)
    except ValueError as exc:
        assert str(exc).startswith(("Please", "That"))
    else:
        assert pages is None or 0 <= pages <= 5000


def test_dates_are_checked() -> None:
    assert check_dates(item(requested_on=TODAY), TODAY) is None
    assert "future" in (check_dates(item(sent_on=TODAY + dt.timedelta(days=1)), TODAY) or "")
    before = item(requested_on=TODAY, received_on=TODAY - dt.timedelta(days=2))
    assert "before the date it was asked for" in (check_dates(before, TODAY) or "")
    early = item(sent_on=TODAY, confirmed_on=TODAY - dt.timedelta(days=1))
    assert "confirmed before it was sent" in (check_dates(early, TODAY) or "")
    assert "date the arrival was confirmed" in (check_dates(item(confirmed_by="Al"), TODAY) or "")


# --- the store ----------------------------------------------------------------------------------


def make_case(repo: Repository) -> int:
    case = repo.cases.create("Mum", patient_name="Margaret Ellis")
    repo.doctors.add(Doctor(id=0, case_id=case.id, name="Dr. Adler", role=Role.PRIMARY_CARE))
    return case.id


def test_records_round_trip(repo: Repository) -> None:
    case_id = make_case(repo)
    saved = repo.records.add(
        RecordItem(
            id=0,
            case_id=case_id,
            title="Test results",
            kind=RecordKind.TEST_RESULTS,
            delivery=Delivery.FAX,
            timing=Timing.SEND_AHEAD,
            pages=12,
            requested_on=TODAY,
            sent_on=TODAY,
            confirmed_by="",
            notes="Ask for the CT report too",
        )
    )
    assert saved.id > 0 and saved.position == 1
    assert repo.records.get(saved.id) == saved
    second = repo.records.add(RecordItem(id=0, case_id=case_id, title="Photo ID"))
    assert second.position == 2
    changed = repo.records.update(replace(saved, confirmed_on=TODAY, confirmed_by="Denise"))
    assert changed.state is RecordState.ARRIVED
    assert [r.id for r in repo.records.list(case_id)] == [saved.id, second.id]
    repo.records.delete(second.id)
    assert [r.id for r in repo.records.list(case_id)] == [saved.id]
    with pytest.raises(NotFoundError):
        repo.records.update(second)


def test_default_records_are_suggested_once(repo: Repository) -> None:
    case_id = make_case(repo)
    first = ensure_default_records(repo, case_id)
    assert len(first) >= 8
    assert ensure_default_records(repo, case_id) == first
    for record in first:
        repo.records.delete(record.id)
    assert ensure_default_records(repo, case_id) == []


def test_a_case_with_items_gets_no_suggestions(repo: Repository) -> None:
    case_id = make_case(repo)
    repo.records.add(RecordItem(id=0, case_id=case_id, title="Scans"))
    assert [r.title for r in ensure_default_records(repo, case_id)] == ["Scans"]


def test_restore_record_keeps_its_id_and_attachments(repo: Repository) -> None:
    case_id = make_case(repo)
    record = repo.records.add(RecordItem(id=0, case_id=case_id, title="Scans"))
    attachment = repo.records.add_attachment(
        Attachment(
            id=0, record_id=record.id, file_name="a.pdf", original_name="a.pdf", size=3, sha256="x"
        )
    )
    removed = repo.records.delete(record.id)
    assert removed == [attachment]
    assert repo.records.list_attachments(record.id) == []
    repo.records.restore(record, removed)
    assert repo.records.get(record.id) == record
    assert repo.records.list_attachments(record.id) == [attachment]
    assert repo.records.attachment_counts(case_id) == {record.id: 1}


def test_deleting_a_case_deletes_its_records(repo: Repository) -> None:
    case_id = make_case(repo)
    ensure_default_records(repo, case_id)
    repo.cases.delete(case_id)
    assert repo.records.list(case_id) == []


def test_deleting_a_doctor_keeps_the_item(repo: Repository) -> None:
    case_id = make_case(repo)
    doctor = repo.doctors.list(case_id)[0]
    record = repo.records.add(
        RecordItem(id=0, case_id=case_id, title="Notes", holder_doctor_id=doctor.id)
    )
    repo.doctors.delete(doctor.id)
    assert repo.records.get(record.id).holder_doctor_id is None


def test_booked_doctor_prefers_the_appointment(repo: Repository) -> None:
    case_id = make_case(repo)
    assert repo.doctors.booked(case_id) is None
    marked = repo.doctors.add(
        Doctor(id=0, case_id=case_id, name="Dr. Marked", status=Status.BOOKED)
    )
    assert repo.doctors.booked(case_id) == marked
    other = repo.doctors.add(Doctor(id=0, case_id=case_id, name="Dr. Visit"))
    repo.appointments.add(
        Appointment(
            id=0,
            case_id=case_id,
            doctor_id=other.id,
            starts_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=FIXED_NOW.tzinfo),
        )
    )
    assert repo.doctors.booked(case_id) == other


def test_data_folder(repo: Repository, file_repo: Repository, data_dir: Path) -> None:
    assert repo.data_folder() is None
    assert file_repo.data_folder() == data_dir
    assert file_repo.today() == TODAY


# --- attached scans -----------------------------------------------------------------------------


def test_copy_in_keeps_the_original_and_checksums(tmp_path: Path, data_dir: Path) -> None:
    original = tmp_path / "Scan 1.PDF"
    original.write_bytes(b"%PDF-1.4 scan")
    before = original.stat()
    stored = attachment_files.copy_in(data_dir, original)
    assert original.read_bytes() == b"%PDF-1.4 scan"
    assert original.stat().st_mtime_ns == before.st_mtime_ns
    copy = data_dir / "attachments" / stored.file_name
    assert copy.read_bytes() == b"%PDF-1.4 scan"
    assert stored.file_name.endswith(".pdf")
    assert stored.original_name == "Scan 1.PDF"
    assert stored.size == len(b"%PDF-1.4 scan")
    assert stored.sha256 == attachment_files.checksum(original)
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE((data_dir / "attachments").stat().st_mode) == 0o700
    assert not [p for p in (data_dir / "attachments").iterdir() if p.name.startswith(".")]
    path = attachment_files.check_copy(data_dir, stored.file_name, stored.sha256, "Scan 1")
    assert path == copy
    attachment_files.remove_copy(data_dir, stored.file_name)
    assert not copy.exists()
    attachment_files.remove_copy(data_dir, stored.file_name)  # already gone is fine


def test_copy_in_refuses_what_it_cannot_keep(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(AttachmentError, match="PDF or a picture"):
        attachment_files.copy_in(data_dir, tmp_path / "notes.docx")
    with pytest.raises(AttachmentError, match="could not be found"):
        attachment_files.copy_in(data_dir, tmp_path / "gone.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(AttachmentError, match="is a folder"):
        attachment_files.copy_in(data_dir, folder)


def test_missing_or_changed_copies_are_explained(tmp_path: Path, data_dir: Path) -> None:
    original = tmp_path / "x.png"
    original.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    stored = attachment_files.copy_in(data_dir, original)
    copy = data_dir / "attachments" / stored.file_name
    copy.write_bytes(b"changed")
    with pytest.raises(AttachmentError, match="has changed since it was attached"):
        attachment_files.check_copy(data_dir, stored.file_name, stored.sha256, "x.png")
    copy.unlink()
    with pytest.raises(AttachmentError, match="is missing"):
        attachment_files.check_copy(data_dir, stored.file_name, stored.sha256, "x.png")
    with pytest.raises(AttachmentError, match="damaged"):
        attachment_files.stored_path(data_dir, "../secondopinion.db")


def test_a_stored_day_in_words_and_text_that_is_not_a_day_as_it_is() -> None:
    assert iso_day_text("2026-11-03", long_date) == "3 November 2026"
    assert iso_day_text("next week", long_date) == "next week"
    assert iso_day_text(None, long_date) == iso_day_text("", long_date) == ""


def test_a_checklist_names_its_holders_and_recipients_only() -> None:
    items = [
        RecordItem(id=1, case_id=1, title="Scans", holder_doctor_id=7, recipient_doctor_id=9),
        RecordItem(id=2, case_id=1, title="Letter", holder_doctor_id=7),
        RecordItem(id=3, case_id=1, title="Notes"),
    ]
    assert named_doctors(items) == {7, 9}
    assert named_doctors([]) == set()
