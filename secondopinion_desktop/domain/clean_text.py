"""Text from outside (a cell of a doctors' list, a typed name) made safe and tidy to show.

Its own small module: the doctor names of every page use it, and the CSV reader it came from
(domain/csv_table.py) is loaded only when a list is imported.
"""

from __future__ import annotations

import unicodedata


def clean_text(value: str) -> str:
    """Make a cell safe and tidy to show: no control or invisible characters, single spaces.

    Right-to-left overrides and zero-width characters are dropped because they can make
    text display differently from what it says; line breaks inside a cell become spaces.
    """
    if value.isprintable():
        cleaned = " ".join(value.split())
    else:
        kept: list[str] = []
        for ch in value:
            if ch.isspace():
                kept.append(" ")
            elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs"):
                kept.append(ch)
        cleaned = " ".join("".join(kept).split())
    if not unicodedata.is_normalized("NFC", cleaned):
        cleaned = unicodedata.normalize("NFC", cleaned)
    return cleaned
