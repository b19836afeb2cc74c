"""The sentence at the top of a step page on where the case stands ("So far: 3 calls logged").

Made from counts the store gives (`case_counts`) and the names of the booked doctors; pages
with nothing to count say nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 call', '3 calls', '2 doctors'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


BOOKED_NAMED = 3  # more booked doctors than this are counted, not named


def situation(page: int, counts: Mapping[str, int], booked: Sequence[str]) -> str:
    """The summary for a step page (1-6), or "" when there is nothing to say yet.

    `booked`: the booked doctors' names, or the first `BOOKED_NAMED` of them when
    `counts["booked"]` says how many there are."""
    candidates = counts.get("candidates", 0)
    if page == 2 and candidates:
        return "So far: " + plural(candidates, "doctor") + " on your list."
    if page == 3 and candidates:
        text = f"So far: {plural(counts.get('calls', 0), 'call')} logged"
        ruled_out = counts.get("ruled_out", 0)
        if ruled_out:
            text += f", {ruled_out} ruled out"
        text += "."
        # `booked` may hold only the first few names: the count says how many there are
        total = max(len(booked), counts.get("booked", 0))
        if total > BOOKED_NAMED:  # a sentence, not a list of every name
            more = total - BOOKED_NAMED
            text += f" Booked with {', '.join(booked[:BOOKED_NAMED])} and {more:,} more."
        elif booked:
            text += " Booked with " + ", ".join(booked) + "."
        return text
    return ""
