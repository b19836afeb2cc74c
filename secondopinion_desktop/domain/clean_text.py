"""Text from outside (a cell of a doctors' list, a typed name) made safe and tidy to show.

Its own small module: the doctor names of every page use it, and the CSV reader it came from
(domain/csv_table.py) is loaded only when a list is imported.
"""

from __future__ import annotations

import unicodedata

from secondopinion_desktop.domain.lazy_pattern import LazyPattern

# Control characters but the tab and the line break, and the embeddings and overrides that
# show text backwards ("\u202e"): a case file from elsewhere brought them to the screen and
# onto the cover sheet, where a doctor's name printed backwards.
_HIDDEN = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


def without_hidden(text: str) -> str:
    """`text` as typed, less what never shows as a letter; line breaks made plain "\n".

    Unlike :func:`clean_text`, it keeps line breaks, tabs and the joiners some scripts and
    emoji need; it is for text of any length (notes) from outside the app.
    """
    if text.isprintable():
        return text
    return _HIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


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
