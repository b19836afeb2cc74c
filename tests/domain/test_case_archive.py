"""Every value a case archive may hold is checked before the first write."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secondopinion_desktop.demo import build_demo
from secondopinion_desktop.domain.archive_tables import LINE_CHARS, NEWER, NOTE_CHARS, TABLES
from secondopinion_desktop.domain.case_archive import (
    ArchiveContentError,
    check_case_tables,
    read_date,
    read_time,
)
from secondopinion_desktop.store.database import memory_database
from secondopinion_desktop.store.repository import Repository
from tests.helpers.clock import FakeClock

Tables = dict[str, list[dict[str, Any]]]


def demo_tables() -> Tables:
    repo = Repository(memory_database(), FakeClock())
    case = build_demo(repo, dt.date(2026, 11, 20))
    tables = repo.archive.export_case_rows(case.id)
    tables["attachments"] = [
        {
            "id": 7,
            "record_id": tables["records"][0]["id"],
            "file_name": "0123abcd-1.pdf",
            "original_name": "Biopsy report.pdf",
            "size": 12,
            "sha256": "a" * 64,
            "added_at": "2026-11-20T09:30:00-05:00",
        }
    ]
    repo.db.close()
    return tables


DEMO = demo_tables()


def fresh() -> Tables:
    return copy.deepcopy(DEMO)


def refused(tables: Tables) -> ArchiveContentError:
    with pytest.raises(ArchiveContentError) as info:
        check_case_tables(tables)
    assert info.value.message.endswith(".")
    return info.value


def test_the_apps_own_export_passes() -> None:
    check_case_tables(fresh())


def test_the_description_matches_the_schema_column_for_column() -> None:
    repo = Repository(memory_database(), FakeClock())
    for table in repo.archive.case_tables_in_order():
        info = repo.db.execute(f'PRAGMA table_info("{table}")').fetchall()
        assert set(TABLES[table]) == {row[1] for row in info}, table
        for _cid, name, _type, notnull, default, pk in info:
            column = TABLES[table][name]
            if name == "id" and pk:
                continue
            needed = bool(notnull) and default is None
            assert column.required == needed, (table, name)
            assert column.nullable == (not notnull), (table, name)
    assert set(TABLES) == set(repo.archive.case_tables_in_order())
    repo.db.close()


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("cases", "date_of_birth", "2026-02-30", "date that does not exist"),
        ("cases", "date_of_birth", "1956-4-12", "date that does not exist"),
        ("cases", "told_on", "20261108", "date that does not exist"),
        ("cases", "date_of_birth", "1066-10-14", "date that does not exist"),
        ("appointments", "starts_at", "next Tuesday", "time that cannot be read"),
        ("appointments", "starts_at", "2026-11-26T09:30:00", "time that cannot be read"),
        ("appointments", "starts_at", "9999-12-31T23:59:59+00:00", "time that cannot be read"),
        ("questions", "asked_on", "garbage", "date that does not exist"),
        ("records", "requested_on", "2026-13-01", "date that does not exist"),
        ("records", "requested_on", 20261110, "date that does not exist"),
        ("reminders", "due_at", "", "time that cannot be read"),
        ("doctors", "status", "not a status", "newer version"),
        ("records", "kind", "Pathology", "newer version"),
        ("doctors", "wait_days", -1, "out of range"),
        ("doctors", "wait_days", 10**30, "out of range"),
        ("doctors", "wait_days", "9", "not a whole number"),
        ("doctors", "wait_days", 9.5, "not a whole number"),
        ("doctors", "wait_days", True, "not a whole number"),
        ("records", "pages", -3, "out of range"),
        ("step_progress", "step", 7, "out of range"),
        ("reminders", "page", 0, "out of range"),
        ("cases", "current_round", 1, "out of range"),
        ("doctors", "name", None, "empty"),
        ("doctors", "name", 42, "not text"),
        ("cases", "notes", "x" * 20_001, "20,001 letters long"),
        ("calls", "doctor_id", 999, "not in the archive"),
        ("records", "case_id", 2, "not in the archive"),
        ("doctors", "id", 0, "out of range"),
        ("doctors", "id", "1", "not a whole number"),
        ("attachments", "file_name", "../../x.pdf", "not allowed"),
        ("attachments", "file_name", ".hidden", "not allowed"),
        ("attachments", "sha256", "abc", "checksum"),
        ("attachments", "record_id", 10**6, "not in the archive"),
    ],
)
def test_values_that_would_not_read_back_are_refused_in_words(
    table: str, column: str, value: object, words: str
) -> None:
    tables = fresh()
    tables[table][0][column] = value
    error = refused(tables)
    assert words in error.message
    assert table in error.detail


def test_missing_details_and_unknown_ones() -> None:
    tables = fresh()
    del tables["appointments"][0]["starts_at"]
    assert "missing" in refused(tables).message
    tables = fresh()
    tables["cases"][0]["from_the_future"] = 1
    assert refused(tables).message == NEWER
    tables = fresh()
    tables["spaceships"] = []
    assert refused(tables).message == NEWER


def test_optional_details_may_be_left_out_by_an_older_version() -> None:
    tables = fresh()
    del tables["cases"][0]["current_round"]
    del tables["doctors"][0]["wait_days"]
    del tables["reminders"]
    check_case_tables(tables)


def test_exactly_one_case() -> None:
    tables = fresh()
    tables["cases"].append({**tables["cases"][0], "id": 99})
    assert "exactly one case" in refused(tables).message
    tables["cases"] = []
    assert "exactly one case" in refused(tables).message


def test_repeated_rows_are_refused() -> None:
    tables = fresh()
    tables["doctors"].append(dict(tables["doctors"][0]))
    assert "same number" in refused(tables).message
    tables = fresh()
    tables["step_progress"].append(dict(tables["step_progress"][0]))
    assert "there twice" in refused(tables).message
    tables = fresh()
    second = {**tables["attachments"][0], "id": 8}
    tables["attachments"].append(second)
    assert "there twice" in refused(tables).message


def test_an_optional_link_to_nothing_is_allowed() -> None:
    tables = fresh()
    tables["records"][0]["holder_doctor_id"] = 12345  # the importer sets it empty
    tables["reminders"][0]["about_id"] = 777
    check_case_tables(tables)


def test_wrong_shapes_are_refused() -> None:
    for tables in ({"cases": "x"}, {"cases": [1]}, {"cases": [[]]}):
        refused(tables)  # type: ignore[arg-type]


@settings(deadline=None)  # timing under a loaded machine is no failure
@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
def test_every_date_the_app_writes_reads_back(day: dt.date) -> None:
    assert read_date(day.isoformat()) == day


@settings(deadline=None)  # timing under a loaded machine is no failure
@given(
    st.datetimes(dt.datetime(1900, 1, 2), dt.datetime(2200, 12, 30)),
    st.integers(-14 * 60, 14 * 60),
    st.sampled_from(["seconds", "minutes", "auto"]),
)
def test_every_time_the_app_writes_reads_back(when: dt.datetime, offset: int, spec: str) -> None:
    aware = when.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset)))
    text = aware.isoformat(timespec=spec)
    assert read_time(text) == dt.datetime.fromisoformat(text)


@settings(deadline=None)  # timing under a loaded machine is no failure
@given(st.text(max_size=40) | st.integers() | st.none() | st.floats())
def test_anything_else_is_no_date_and_no_time(value: object) -> None:
    day, when = read_date(value), read_time(value)
    if day is not None:
        assert value == day.isoformat()
    if when is not None:
        assert when.tzinfo is not None


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_one_changed_value_is_refused_in_words_or_reads_back(data: st.DataObject) -> None:
    tables = fresh()
    table = data.draw(st.sampled_from(sorted(t for t in tables if tables[t])))
    row = data.draw(st.sampled_from(tables[table]))
    column = data.draw(st.sampled_from(sorted(row)))
    row[column] = data.draw(SCALARS)
    try:
        check_case_tables(tables)
    except ArchiveContentError as exc:
        assert exc.message
        return
    spec = TABLES[table][column]
    value = row[column]
    if value is None:
        assert spec.nullable
    elif spec.kind == "date":
        assert read_date(value) is not None
    elif spec.kind == "time":
        assert read_time(value) is not None
    elif spec.kind == "choice":
        assert value in spec.choices
    elif spec.kind in ("int", "id", "link"):
        assert isinstance(value, int) and not isinstance(value, bool)
    else:
        assert isinstance(value, str)


@pytest.mark.parametrize(
    ("table", "column", "most"),
    [
        ("cases", "title", LINE_CHARS),
        ("doctors", "name", LINE_CHARS),
        ("doctors", "phone", LINE_CHARS),
        ("records", "notes", NOTE_CHARS),
        ("calls", "learned", NOTE_CHARS),
        ("step_progress", "notes", 100_000),
    ],
)
def test_text_longer_than_the_apps_own_box_is_refused_saying_how_long(
    table: str, column: str, most: int
) -> None:
    """A 100,000-letter case title went in (the limit was a million letters for every text)
    and then headed every list; a form would have cut it without a word at the next save."""
    tables = fresh()
    if not tables[table]:
        pytest.skip(f"the demo case has no {table}")
    tables[table][0][column] = "é" * most
    check_case_tables(tables)
    for length in (most + 1, 5_000_000):
        tables[table][0][column] = "x" * length
        error = refused(tables)
        assert f"{length:,} letters long" in error.message
        assert f"at most {most:,} letters" in error.message
        assert "x" * 20 not in error.detail  # the log gets lengths, never the text


def test_the_archive_keeps_as_much_as_the_apps_own_boxes() -> None:
    """Whatever the app lets a person type, its export carries and imports back."""
    from secondopinion_desktop.domain.candidate_import import MAX_CELL_CHARS
    from secondopinion_desktop.domain.opinions import MAX_FIELD_LENGTH
    from secondopinion_desktop.domain.questions import MAX_ANSWER_LENGTH
    from secondopinion_desktop.domain.record_entry import MAX_NOTES_LENGTH
    from secondopinion_desktop.ui.dialogs.case_dialog import MAX_NOTES
    from secondopinion_desktop.ui.dialogs.doctor_dialog import MAX_DOCTOR_NOTES
    from secondopinion_desktop.ui.forms import MAX_FIELD
    from secondopinion_desktop.ui.pages.step_page import MAX_NOTES_LENGTH as STEP_NOTES

    assert max(MAX_FIELD, MAX_CELL_CHARS) <= LINE_CHARS
    assert max(MAX_FIELD_LENGTH, MAX_ANSWER_LENGTH, MAX_NOTES_LENGTH) <= NOTE_CHARS
    assert max(MAX_NOTES, MAX_DOCTOR_NOTES) <= NOTE_CHARS
    assert TABLES["step_progress"]["notes"].high >= STEP_NOTES
    assert TABLES["round_steps"]["notes"].high >= STEP_NOTES
