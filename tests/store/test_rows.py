"""store/rows.py: the helpers every repository module shares."""

from __future__ import annotations

import datetime as dt

import pytest

from secondopinion_desktop.domain.appointments import Todo
from secondopinion_desktop.domain.doctors import Status
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.store.rows import (
    NotFoundError,
    RowMapper,
    UnreadableRowError,
    appointment_from_row,
    date_or_none,
    dt_or_none,
    insert_row,
    one_row,
    stamp,
    storable,
    update_row,
)
from tests.helpers.clock import FIXED_NOW, FakeClock


def test_storable_keeps_dates_as_iso_text_and_enums_as_their_value() -> None:
    assert storable(dt.date(2026, 11, 20)) == "2026-11-20"
    assert storable(FIXED_NOW) == "2026-11-20T09:30:00-05:00"
    assert storable(Status.BOOKED) == "booked"
    assert storable(7) == 7
    assert storable(None) is None


def test_empty_text_reads_back_as_no_date() -> None:
    assert date_or_none("") is None
    assert date_or_none(None) is None
    assert date_or_none("2026-11-20") == dt.date(2026, 11, 20)
    assert dt_or_none("2026-11-20T09:30:00-05:00") == FIXED_NOW


def test_stamp_is_the_clock_to_the_second(clock: FakeClock) -> None:
    clock.advance(microseconds=123)
    assert stamp(clock) == "2026-11-20T09:30:00-05:00"


def test_insert_stamps_the_row_and_update_restamps_it(repo: Repository) -> None:
    case_id = insert_row(repo.db, "cases", {"title": "Mum"}, "2026-11-20T09:30:00-05:00")
    row = one_row(repo.db, "SELECT * FROM cases WHERE id = ?", [case_id])
    assert row["created_at"] == row["updated_at"] == "2026-11-20T09:30:00-05:00"
    update_row(repo.db, "cases", case_id, {"title": "Dad"}, "2026-11-21T08:00:00-05:00")
    row = one_row(repo.db, "SELECT * FROM cases WHERE id = ?", [case_id])
    assert (row["title"], row["created_at"]) == ("Dad", "2026-11-20T09:30:00-05:00")
    assert row["updated_at"] == "2026-11-21T08:00:00-05:00"


def test_a_missing_row_is_not_found(repo: Repository) -> None:
    with pytest.raises(NotFoundError):
        one_row(repo.db, "SELECT * FROM cases WHERE id = ?", [99])
    with pytest.raises(NotFoundError):
        update_row(repo.db, "cases", 99, {"title": "Gone"}, "2026-11-21T08:00:00-05:00")


def test_a_mapper_reads_each_field_from_its_column_through_its_converter() -> None:
    mapper = RowMapper(Todo, "todos", done_at=lambda value: value or None)
    row = {"id": 3, "case_id": 1, "key": "k", "title": "Call", "detail": "", "done_at": ""}
    assert mapper(row) == Todo(id=3, case_id=1, key="k", title="Call", detail="", done_at=None)


def test_a_mapper_names_the_row_and_column_it_cannot_read() -> None:
    row = {"id": 7, "case_id": 1, "doctor_id": None, "round": 1, "starts_at": "soon"}
    row |= {"place": "", "kind": "visit", "team_members": "", "notes": ""}
    with pytest.raises(UnreadableRowError, match="appointments 7: starts_at"):
        appointment_from_row(row)


def test_a_converter_for_a_field_the_class_lacks_is_a_mistake() -> None:
    with pytest.raises(TypeError, match="no field colour"):
        RowMapper(Todo, "todos", colour=str)
