"""The order of a column of words: case, accents and numbers as a person reads them."""

from __future__ import annotations

from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain import sort_keys
from secondopinion_desktop.domain.sort_keys import text_key, text_keys


def ordered(*texts: str) -> list[str]:
    return sorted(texts, key=text_key)


def test_case_and_accents_do_not_split_the_list() -> None:
    assert ordered("emil", "Zoe", "Émile", "adam") == ["adam", "emil", "Émile", "Zoe"]
    assert ordered("De La Cruz", "de la cruz", "Dean")[-1] == "Dean"


def test_numbers_go_by_value() -> None:
    assert ordered("Clinic 10", "Clinic 9", "Clinic 100") == ["Clinic 9", "Clinic 10", "Clinic 100"]
    assert ordered("Dr. Ana 12", "Dr. Ana 2", "Dr. Ana") == ["Dr. Ana", "Dr. Ana 2", "Dr. Ana 12"]


def test_blank_cells_come_last() -> None:
    assert ordered("", "  ", "zed", "Abe") == ["Abe", "zed", "", "  "]


def test_extra_spaces_are_ignored() -> None:
    assert text_key("  Dr.   Ruiz ")[:2] == text_key("Dr. Ruiz")[:2]


def test_a_very_long_number_compares_as_text_without_error() -> None:
    long = "9" * 400
    assert ordered(long, "1", "a") == ["1", long, "a"]


odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # any character a file could hold
    max_size=30,
)


@given(st.lists(odd_text, max_size=30))
def test_any_texts_sort_without_error_and_the_same_way_every_time(texts: list[str]) -> None:
    once = sorted(texts, key=text_key)
    assert sorted(reversed(texts), key=text_key) == once  # ties are settled by the text itself
    assert sorted(once) == sorted(texts)


@given(odd_text, odd_text, odd_text)
def test_the_order_is_consistent(a: str, b: str, c: str) -> None:
    ka, kb, kc = text_key(a), text_key(b), text_key(c)
    assert (ka < kb) != (kb <= ka)  # exactly one holds: no type errors, no contradictions
    if ka <= kb and kb <= kc:
        assert ka <= kc


@given(st.text(alphabet="abcXYZéÉ 0123", max_size=12))
def test_letter_case_only_settles_ties(text: str) -> None:
    assert text_key(text.upper())[:2] == text_key(text.lower())[:2]


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=10**12))
def test_numbers_inside_words_compare_as_numbers(a: int, b: int) -> None:
    assert (text_key(f"Room {a}") < text_key(f"Room {b}")) == (a < b)


@given(st.lists(odd_text | st.sampled_from(["", " ", "a\x00b", "Dr. Ana 007", "\t9 \x1c"])))
def test_a_whole_column_is_keyed_as_each_cell_would_be(texts: list[str]) -> None:
    assert text_keys(texts) == [text_key(text) for text in texts]


def test_a_column_of_names_and_numbers_keys_like_each_cell() -> None:
    texts = ["  Dr. Ana  12 ", "Émile 9", "", "(555) 100-0007", "9" * 30, "x" + "0" * 26 + "5"]
    assert text_keys(texts) == [text_key(text) for text in texts]
    assert text_keys([]) == []


@given(st.lists(odd_text | st.sampled_from(["", "a\x00b", "Dr. Ana 007", "Émile 9"])))
def test_a_long_column_keyed_in_pieces_keys_like_each_cell(texts: list[str]) -> None:
    """In pieces (so a worker keying 100,000 names gives the window's thread its turn),
    the keys are the same."""
    with mock.patch.object(sort_keys, "PIECE", 3):
        assert text_keys(texts) == [text_key(text) for text in texts]
