"""Stand-ins for dialogs and for the questions `ui/messages.py` asks, shared by the GUI tests.

A fake answers `exec()` at once and hands back what the test prepared, so no test waits on a
modal and none mocks Qt attribute by attribute.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails


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


class FakeDoctorDialog:
    """Stands in for DoctorDialog: `exec()` answers at once, `doctor()` returns what was set."""

    def __init__(self, result: Doctor | None, accepted: bool = True) -> None:
        self._result = result
        self._accepted = accepted

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted if self._accepted else QDialog.DialogCode.Rejected

    def doctor(self) -> Doctor | None:
        return self._result if self._accepted else None


class Factory:
    """Hands out prepared fake dialogs in order and records the arguments of each opening."""

    def __init__(self) -> None:
        self.queue: list[Any] = []
        self.opened: list[tuple[Any, ...]] = []

    def will_return(self, dialog: Any) -> None:
        self.queue.append(dialog)

    def __call__(self, *args: Any) -> Any:
        self.opened.append(args)
        assert self.queue, f"a dialog opened that the test did not expect: {args[1:]}"
        return self.queue.pop(0)


class Asked:
    """A stand-in for messages.ask_yes_no that records each question and gives one answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[tuple[str, str, str, str]] = []

    def __call__(self, parent: Any, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        self.questions.append((title, text, yes, no))
        return self.answer

    @property
    def titles(self) -> list[str]:
        """The title of each question asked, in order."""
        return [title for title, *_rest in self.questions]


class FakeCaseDialog:
    """Stands in for CaseDialog: `exec()` answers at once, `details()` returns what was set."""

    def __init__(self, result: CaseDetails | None, accepted: bool = True) -> None:
        self._details = result
        self._accepted = accepted

    def exec(self) -> QDialog.DialogCode:
        if self._accepted:
            return QDialog.DialogCode.Accepted
        return QDialog.DialogCode.Rejected

    def details(self) -> CaseDetails | None:
        return self._details if self._accepted else None


class DialogFactory:
    """A `case_dialog_factory` that records how it was called and hands out fakes."""

    def __init__(self) -> None:
        self.answers: list[tuple[CaseDetails | None, bool]] = []
        self.calls: list[tuple[Any, Case | None]] = []

    def will_answer(self, result: CaseDetails | None, accepted: bool = True) -> None:
        self.answers.append((result, accepted))

    def __call__(self, parent: Any = None, case: Case | None = None) -> FakeCaseDialog:
        self.calls.append((parent, case))
        assert self.answers, "a case dialog opened that the test did not expect"
        result, accepted = self.answers.pop(0)
        return FakeCaseDialog(result, accepted)
