"""How a column of words is put in order, as a person reading the list expects.

A table sorts thousands of rows each time a header is clicked, so each cell's key is made once
(when the rows are loaded) and the sort then only compares keys. The key ignores case and
accents ("Émile" beside "Emil", "de la Cruz" beside "De La Cruz"), reads runs of digits as
numbers ("Clinic 9" before "Clinic 10"), and ignores spaces at either end. Blank text sorts
after every word, so empty cells gather at the bottom of an ascending sort.
"""

from __future__ import annotations

import re
import unicodedata

TextKey = tuple[int, str, str]

_DIGITS = re.compile(r"[0-9]+")
_WIDTH = 24  # numbers up to 24 digits compare by value; longer runs (a pasted account
# number) compare as text


def _pad(match: re.Match[str]) -> str:
    return match.group().zfill(_WIDTH)


def _fold(text: str) -> str:
    if text.isascii():  # most names: no accents to take off
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def text_key(text: str) -> TextKey:
    """The order of a cell of words: case, accents and extra spaces ignored, numbers by value.

    Each number is padded with zeros to one width, so the key is plain text that compares
    quickly; the last part (the text as typed) only settles ties, so the order is always
    the same.
    """
    folded = _fold(text)
    if not folded:
        return (1, "", text)
    if _DIGITS.search(folded) is None:
        return (0, folded, text)
    return (0, _DIGITS.sub(_pad, folded), text)
