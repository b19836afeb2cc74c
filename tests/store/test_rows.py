"""store/rows.py: the helpers every repository module shares."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secondopinion_desktop.domain.appointments import Todo
from secondopinion_desktop.domain.doctors import Status
from secondopinion_desktop.store import rows
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.store.rows import (
    NotFoundError,
    RowMapper,
    UnreadableRowError,
    appointment_from_row,
    converted,
    date_or_none,
    dt_or_none,
    insert_row,
    one_row,
    stamp,
    storable,
    stored_int,
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


MAPPERS = [value for value in vars(rows).values() if isinstance(value, RowMapper)]
ODD_TEXT = (
    *("", " ", "2026-11-20", "2026-02-30", "20261120", "2026-11-20T09:30:00-05:00"),
    *("2026-11-20T09:30:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "soon"),
    *("1", "1.0", "yes", "no", "unknown", "booked", "fax", "bring", "ask", "medical_records"),
    *("candidate", "case", "visit", "a\nb\n\nc"),
)
STORED = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, 1, 1.0, -0.0, 0.0, 2]),
    st.floats(allow_nan=False),
    st.binary(max_size=6),
    st.sampled_from(ODD_TEXT),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
)


def outcome(read: Any) -> Any:
    """What reading gives: the values, or the kind and words of what it raised."""
    try:
        return read()
    except Exception as exc:
        return (type(exc), str(exc))


@settings(max_examples=200, deadline=None)
@given(data=st.data(), mapper=st.sampled_from(MAPPERS), count=st.integers(0, 6))
def test_a_whole_list_reads_as_each_row_would_alone(
    data: st.DataObject, mapper: RowMapper[Any], count: int
) -> None:
    """`many` (a column at a time) and `mapper(row)` agree on any stored values, bad ones too:
    the same values, or the same error naming the first row and column it cannot read."""
    names = list(mapper.names)
    columns = ["left_by_an_older_version", *names]  # not only the class's columns
    row = st.lists(STORED, min_size=len(columns), max_size=len(columns))
    listed = [data.draw(row) for _ in range(count)]
    listed += [data.draw(st.sampled_from(listed)) for _ in range(count if listed else 0)]
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE t ({', '.join(f'[{name}]' for name in columns)})")
    conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' for _ in columns)})", listed)
    conn.row_factory = sqlite3.Row
    stored = conn.execute("SELECT * FROM t").fetchall()
    expected = outcome(lambda: [mapper(row) for row in stored])
    assert outcome(lambda: mapper.many(conn.execute("SELECT * FROM t"))) == expected


@pytest.mark.parametrize("bad_row", [None, 0, 4, 6])
def test_a_list_longer_than_a_slice_reads_as_each_row_would_alone(
    monkeypatch: pytest.MonkeyPatch, bad_row: int | None
) -> None:
    """`many` fetches and reads a slice of rows at a time (so no single call into C holds
    the interpreter's lock over a whole long list): slices of 3 over 7 rows give the same
    values, or the same error naming the row that cannot be read, in any slice."""
    monkeypatch.setattr(rows, "MANY_SLICE", 3)
    mapper = rows.appointment_from_row
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE t ({', '.join(mapper.names)})")
    for number in range(7):
        stored = dict.fromkeys(mapper.names, None)
        stored |= {"id": number + 1, "case_id": 1, "kind": "visit", "team_members": "A\nB"}
        stored["starts_at"] = "soon" if number == bad_row else f"2026-12-0{number + 1}T09:30:00"
        conn.execute(f"INSERT INTO t VALUES ({', '.join('?' * len(stored))})", [*stored.values()])
    conn.row_factory = sqlite3.Row
    expected = outcome(lambda: [mapper(row) for row in conn.execute("SELECT * FROM t")])
    assert outcome(lambda: mapper.many(conn.execute("SELECT * FROM t"))) == expected
    if bad_row is None:
        assert [a.starts_at.day for a in expected] == [1, 2, 3, 4, 5, 6, 7]
    else:
        assert expected == (rows.UnreadableRowError, f"appointments {bad_row + 1}: starts_at")


def test_a_column_of_equal_numbers_of_two_kinds_reads_each_as_its_kind() -> None:
    assert converted((1, 1.0, None, 1), stored_int) == [1, None, None, 1]
    assert converted(("2026-11-20", None, "2026-11-20"), date_or_none) == [
        dt.date(2026, 11, 20),
        None,
        dt.date(2026, 11, 20),
    ]
