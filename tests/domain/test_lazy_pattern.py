"""LazyPattern answers exactly as the compiled pattern would, and compiles only when used."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from secondopinion_desktop.domain.lazy_pattern import LazyPattern

SOURCE = r"([0-9]{1,3}|[a-z]+)\s*(?:weeks?|w)?"


def test_nothing_is_compiled_until_first_use() -> None:
    lazy = LazyPattern("([unclosed")  # a broken pattern: compiling it would raise
    assert lazy.pattern == "([unclosed"


@given(st.text(alphabet="0123456789abcwesk -", max_size=20))
def test_answers_as_the_compiled_pattern(text: str) -> None:
    lazy, real = LazyPattern(SOURCE, re.ASCII), re.compile(SOURCE, re.ASCII)

    def span(match: re.Match[str] | None) -> tuple[int, int] | None:
        return None if match is None else match.span()

    assert span(lazy.match(text)) == span(real.match(text))
    assert span(lazy.fullmatch(text)) == span(real.fullmatch(text))
    assert span(lazy.search(text)) == span(real.search(text))
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub("#", text) == real.sub("#", text)
    assert lazy.sub(lambda m: m.group(0).upper(), text, 1) == real.sub(
        lambda m: m.group(0).upper(), text, 1
    )
