"""domain/clean_text.py: text from outside made safe to show."""

from __future__ import annotations

import pytest

from secondopinion_desktop.domain.clean_text import without_hidden

FAMILY_AND_PERSIAN = (
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Dr. Ana Ruiz", "Dr. Ana Ruiz"),
        ("Line one\r\nLine two\rthree\ttab", "Line one\nLine two\nthree\ttab"),
        ("Ana\x00\x07\x1b[2J\x7f\x85 Ruiz", "Ana[2J Ruiz"),
        ("\u202eziuR anA\u202c", "ziuR anA"),  # shown as typed, never turned around
        ("\u0645\u062d\u0645\u062f \u2067x\u2069", "\u0645\u062d\u0645\u062f \u2067x\u2069"),
        (FAMILY_AND_PERSIAN, FAMILY_AND_PERSIAN),  # the joiners they need are kept
    ],
)
def test_only_what_never_shows_as_a_letter_is_taken_out(text: str, shown: str) -> None:
    assert without_hidden(text) == shown
