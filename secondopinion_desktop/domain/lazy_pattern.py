"""A regular expression compiled the first time it is used, not when its module is imported.

The window imports most of domain/ before it can draw, and Python compiles a pattern with
pure-Python code (about half a millisecond to two each); most of those patterns read what
the person types or imports, long after start-up. A module-level `LazyPattern` keeps the
pattern next to the code that uses it and costs nothing until then.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable


class LazyPattern:
    """The parts of `re.Pattern` the app uses, compiling on first use."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._source

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def findall(self, text: str) -> list[str]:
        return self.compiled.findall(text)

    def sub(
        self, replacement: str | Callable[[re.Match[str]], str], text: str, count: int = 0
    ) -> str:
        return self.compiled.sub(replacement, text, count)
