"""Fakes shared by the GUI tests."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog


class FakeDialog:
    """Answers exec() at once; hands back what the test set."""

    def __init__(self, **results: Any) -> None:
        self.results = results
        self.calls: list[tuple[Any, ...]] = []
        self.accept = True

    def __call__(self, *args: Any) -> FakeDialog:
        self.calls.append(args)
        return self

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected

    def __getattr__(self, name: str) -> Any:
        results = self.__dict__.get("results", {})
        if name in results:
            return lambda: results[name]
        raise AttributeError(name)
