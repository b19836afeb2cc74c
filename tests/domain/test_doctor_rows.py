"""The candidates prepared for the tables: every column's keys and words made once per read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain import doctor_rows
from secondopinion_desktop.domain.doctor_rows import (
    Column,
    DoctorRows,
    column_keys,
    search_text,
    search_texts,
    sort_key,
)
from secondopinion_desktop.domain.doctors import Answer, Doctor, InsuranceBasis, Source, Status


def doctor(doctor_id: int, name: str, **fields: Any) -> Doctor:
    return Doctor(id=doctor_id, case_id=1, name=name, **fields)


RAMAN = doctor(7, "RAMAN, PRIYA MD", specialty="Surgical oncology", phone="(555) 622-4100")
DOCTORS = [
    replace(
        RAMAN,
        source=Source.REFERRAL,
        accepting_new_patients=Answer.YES,
        accepts_insurance=Answer.YES,
        insurance_basis=InsuranceBasis.INSURER_LIST,
        wait_days=9,
        status=Status.CONTACTED,
        notes="Nurse Émile is kind",
    ),
    doctor(3, "Dr. Thomas Whitfield 10", status=Status.RULED_OUT),
    doctor(5, "Dr. Thomas Whitfield 9", wait_days=0, phone="555\x000"),
    doctor(9, "  ", specialty="Médecine", board_certified=Answer.NO),
]


def test_a_whole_column_is_keyed_as_each_cell_would_be() -> None:
    for column in Column:
        assert column_keys(column, DOCTORS) == [sort_key(column, d) for d in DOCTORS], column


def test_the_search_text_is_folded_in_one_pass_as_for_each_doctor() -> None:
    assert search_texts(DOCTORS) == [search_text(d) for d in DOCTORS]
    assert "émile" in search_texts(DOCTORS)[0]
    assert search_texts([]) == []


def test_keys_are_made_for_the_shown_columns_once_and_kept() -> None:
    rows = DoctorRows(DOCTORS).prepare([Column.NAME, Column.WAIT])
    names = rows.keys(Column.NAME)
    assert rows.keys(Column.NAME) is names
    assert rows.keys(Column.WAIT) == [9, 10**6, 0, 10**6]
    assert [DOCTORS[r].id for r in rows.order(Column.NAME, False)] == [7, 5, 3, 9]
    assert rows.order(Column.NAME, False) is rows.order(Column.NAME, False)  # kept


def test_a_doctor_who_gave_an_opinion_sorts_after_every_status_by_round() -> None:
    rows = DoctorRows(DOCTORS, givers={3: 2, 42: 1})  # 42 is not on the list
    assert rows.keys(Column.STATUS)[1] == len(Status) + 2
    assert rows.sort_key(1, Column.STATUS) == len(Status) + 2
    assert rows.order(Column.STATUS, False)[-1] == 1


def test_a_doctor_changed_in_place_gets_new_words_keys_and_order() -> None:
    rows = DoctorRows(DOCTORS)
    waits = rows.keys(Column.WAIT)
    assert rows.order(Column.WAIT, False) == [2, 0, 1, 3]
    assert rows.replace(replace(DOCTORS[1], wait_days=4, notes="calls back")) == 1
    assert waits == [9, 4, 0, 10**6]  # the same list, changed
    assert rows.order(Column.WAIT, False) == [2, 1, 0, 3]
    assert "calls back" in rows.search[1]
    assert rows.replace(replace(DOCTORS[0], id=99)) == -1
    assert rows.row_of(5) == 2 and rows.row_of(99) == -1


@given(
    st.lists(
        st.builds(
            Doctor,
            id=st.integers(),
            case_id=st.just(1),
            name=st.text(max_size=12),
            phone=st.text(alphabet="0123456789 ()-x\x00", max_size=14),
            source=st.none() | st.sampled_from(Source),
        ),
        max_size=12,
    )
)
def test_any_doctors_are_keyed_and_folded_as_one_by_one(doctors: list[Doctor]) -> None:
    for column in (Column.NAME, Column.PHONE, Column.SOURCE):
        assert column_keys(column, doctors) == [sort_key(column, d) for d in doctors]
    assert search_texts(doctors) == [search_text(d) for d in doctors]


def test_a_list_longer_than_a_piece_is_folded_as_one_by_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`search_texts` folds a piece of doctors at a time (one call into C over 100,000 would
    keep the window waiting): pieces of 2 over the sample list, odd ones included, agree."""
    monkeypatch.setattr(doctor_rows, "PIECE", 2)
    doctors = [*DOCTORS, replace(DOCTORS[0], notes="held \x00 apart"), *DOCTORS]
    assert search_texts(doctors) == [search_text(d) for d in doctors]
    assert len(search_texts(doctors)) == len(doctors)
