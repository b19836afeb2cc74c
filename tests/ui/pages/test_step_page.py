"""A step's notes: a paste longer than they keep is saved as far as it fits, and said so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from tests.helpers.stranger import named
from tests.ui.conftest import AppSession

NOTES = "Notes for step 1, Tell your doctor"
LIMIT = 100_000


def test_notes_longer_than_kept_are_said_to_be_cut_and_the_rest_is_saved(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    """They were cut at 100,000 letters when saved, and nothing said so."""
    case = make_case()
    window = session.open()
    notes = named(window, QPlainTextEdit, NOTES)
    pasted = ("The oncologist's letter, copied in whole. " * 3000)[: LIMIT + 12]
    notes.setPlainText(pasted)
    window.flush_edits()
    note = named(window, QLabel, "Notes too long")
    assert "100,012 letters" in note.text() and "first 100,000" in note.text(), note.text()
    assert notes.toPlainText() == pasted  # nothing taken off the screen
    repo = session.open_repo()
    assert repo.cases.step_progress(case.id)[1].notes == pasted[:LIMIT]

    notes.setPlainText(pasted[:LIMIT])
    window.flush_edits()
    assert not note.isVisibleTo(window)
