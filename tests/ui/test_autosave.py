"""AutoSaver: typed text saved after a pause, at once on flush, never lost on a page switch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.ui.autosave import SAVE_DELAY_MS, AutoSaver, flush_all
from secondopinion_desktop.ui.pages.questions_panel import QuestionsPanel
from secondopinion_desktop.ui.pages.step_page import StepPage
from secondopinion_desktop.ui.pages.visit_panel import AfterVisitPanel
from tests.ui.conftest import AppSession


class Saves:
    """A save function that records when it ran."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


def test_typing_is_saved_once_after_the_pause(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    save = Saves()
    saver = AutoSaver(save, owner)
    for _ in range(3):  # each keystroke restarts the pause
        saver.edited()
    assert saver.pending and save.count == 0
    qtbot.waitUntil(lambda: save.count == 1, timeout=5 * SAVE_DELAY_MS)
    assert not saver.pending
    saver.flush()
    assert save.count == 1  # nothing left to save


def test_flush_saves_at_once_and_discard_forgets(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    save = Saves()
    saver = AutoSaver(save, owner, delay_ms=60_000)
    saver.edited()
    saver.flush()
    assert save.count == 1 and not saver.pending
    saver.edited()
    saver.discard()
    saver.flush()
    assert save.count == 1


def test_changes_the_owner_makes_while_loading_are_not_typing(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    loading = True
    save = Saves()
    saver = AutoSaver(save, owner, ignore=lambda: loading, delay_ms=60_000)
    notes, name = QPlainTextEdit(owner), QLineEdit(owner)
    saver.watch(notes, name)
    notes.setPlainText("stored text")
    assert not saver.pending
    loading = False
    qtbot.keyClicks(name, "typed")
    assert saver.pending
    saver.flush()
    assert save.count == 1


def test_flush_all_saves_every_pending_edit_below_a_widget(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    page = QWidget(window)
    panel = QWidget(page)
    saves = [Saves() for _ in range(3)]
    savers = [
        AutoSaver(saves[0], window, delay_ms=60_000),
        AutoSaver(saves[1], page, delay_ms=60_000),
        AutoSaver(saves[2], panel, delay_ms=60_000),
    ]
    for saver in savers[1:]:
        saver.edited()
    flush_all(window)
    assert [s.count for s in saves] == [0, 1, 1]
    assert not any(saver.pending for saver in savers)


# --- like the person: type, move on at once, come back another day -----------------------------


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_text_typed_just_before_switching_page_is_there_after_a_restart(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case()
    window = session.open()
    window.show_page(6)
    page = window.stack.currentWidget()
    assert isinstance(page, StepPage)
    panels = window.panels_of(6)
    questions = next(p for p in panels if isinstance(p, QuestionsPanel))
    after = next(p for p in panels if isinstance(p, AfterVisitPanel))
    _type(qtbot, page.notes_edit, "Parking is behind the clinic")
    _type(qtbot, after.tests_edit, "MRI of both breasts")
    _type(qtbot, questions.answer_edit, "Surgery first, then radiation")
    answered = questions.selected()
    assert answered is not None
    window.prev_action.trigger()  # Go, Previous Step, straight after typing
    assert window.stack.currentWidget() is not page

    window = session.restart()
    window.show_page(6)
    page = window.stack.currentWidget()
    assert isinstance(page, StepPage)
    assert page.notes_edit.toPlainText() == "Parking is behind the clinic"
    panels = window.panels_of(6)
    after = next(p for p in panels if isinstance(p, AfterVisitPanel))
    assert after.tests_edit.toPlainText() == "MRI of both breasts"
    questions = next(p for p in panels if isinstance(p, QuestionsPanel))
    questions.select(answered.id)
    assert questions.answer_edit.toPlainText() == "Surgery first, then radiation"


def test_notes_typed_just_before_closing_are_there_after_a_restart(
    qtbot: QtBot, session: AppSession, make_case: Callable[..., Case]
) -> None:
    make_case()
    window = session.open()
    window.show_page(2)
    page = window.stack.currentWidget()
    assert isinstance(page, StepPage)
    _type(qtbot, page.notes_edit, "Ask Dr. Ruiz's nurse")
    window = session.restart()
    window.show_page(2)
    page = window.stack.currentWidget()
    assert isinstance(page, StepPage)
    assert page.notes_edit.toPlainText() == "Ask Dr. Ruiz's nurse"


def test_flush_all_saves_what_is_pending_below_the_window_only(qtbot: QtBot) -> None:
    """A window flushes its own typing (however deep), never another window's; a saver whose
    widget was closed and deleted is simply gone."""
    window, other = QWidget(), QWidget()
    for widget in (window, other):
        qtbot.addWidget(widget)
    deep = QWidget(QWidget(QWidget(window)))
    mine, theirs, idle = Saves(), Saves(), Saves()
    pending_mine = AutoSaver(mine, deep)
    pending_theirs = AutoSaver(theirs, other)
    AutoSaver(idle, window)
    gone = QWidget(window)
    AutoSaver(Saves(), gone).edited()
    gone.deleteLater()
    qtbot.wait(1)
    pending_mine.edited()
    pending_theirs.edited()
    flush_all(window)
    assert (mine.count, theirs.count, idle.count) == (1, 0, 0)
    assert pending_theirs.pending
