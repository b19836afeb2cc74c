"""One page per step: what to do in plain words, the person's notes, and 'mark as done'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.cases import StepProgress
from secondopinion_desktop.domain.steps import STEP_COUNT, Heading, Step
from secondopinion_desktop.ui.autosave import AutoSaver, kept_part
from secondopinion_desktop.ui.card import titled_card
from secondopinion_desktop.ui.focus_order import chain, last_tab_stop
from secondopinion_desktop.ui.forms import error_label
from secondopinion_desktop.ui.selectable_label import SelectableLabel
from secondopinion_desktop.ui.style import done_color, dress, muted_color

MAX_NOTES_LENGTH = 100_000


def done_on_text(done_at: str) -> str:
    """'Done on 20 November 2026' from a stored ISO timestamp."""
    try:
        when = dt.datetime.fromisoformat(done_at)
    except ValueError:
        return "Done"
    return f"Done on {when.day} {when:%B %Y}"


class PageFrame(QScrollArea):
    """A scrolling page with a title block; subclasses add their own sections."""

    def __init__(
        self, kicker: str, title: str, summary: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The page itself takes the focus (to scroll it): a screen reader then says which page.
        self.setAccessibleName(f"{kicker}: {title}")
        self.setAccessibleDescription(summary)
        inner = QWidget()
        dress(inner, "page")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(36, 28, 36, 28)
        self.body.setSpacing(18)
        self.kicker = SelectableLabel(kicker, wrap=False)
        dress(self.kicker, "kicker")
        self.title_label = SelectableLabel(title)
        dress(self.title_label, "pageTitle")
        self.summary_label = SelectableLabel(summary)
        dress(self.summary_label, "pageSummary")
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.kicker)
        heading.addWidget(self.title_label)
        heading.addWidget(self.summary_label)
        self.body.addLayout(heading)
        self.setWidget(inner)

    def set_heading(self, kicker: str, title: str, summary: str) -> None:
        """New words for the title block (a page whose title fits the case), read out too."""
        if self.title_label.text() != title or self.summary_label.text() != summary:
            self.title_label.setText(title)
            self.summary_label.setText(summary)
            self.setAccessibleName(f"{kicker}: {title}")
            self.setAccessibleDescription(summary)

    def add_section(self, title: str) -> QVBoxLayout:
        """A titled card on the page; returns the layout to fill."""
        card, layout = titled_card(title)
        self.body.addWidget(card)
        return layout

    @staticmethod
    def paragraph(text: str) -> QLabel:
        return SelectableLabel(text)


class ToolsLayout(QVBoxLayout):
    """Where a page's panels go, in the order they are added; a panel whose class says
    `on_top` (the decision-clock timeline) goes above the others, whenever it is added."""

    def __init__(self) -> None:
        super().__init__()
        self.setSpacing(18)
        self._on_top = 0

    def addWidget(self, widget: QWidget, *args: Any, **kwargs: Any) -> None:
        if getattr(type(widget), "on_top", False):
            self.insertWidget(self._on_top, widget, *args, **kwargs)
            self._on_top += 1
        else:
            super().addWidget(widget, *args, **kwargs)


class StepPage(PageFrame):
    """The page for one step.

    Signals:
        done_toggled(int, bool): the person marked this step done (True) or not done.
        notes_edited(int, str): the notes changed; emitted shortly after typing stops.
    """

    done_toggled = Signal(int, bool)
    notes_edited = Signal(int, str)

    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(f"Step {step.number} of {STEP_COUNT}", step.title, step.summary, parent)
        self.step = step
        self._loading = False
        self._done = False

        todo = self.add_section("What to do")
        for text in step.guidance:
            todo.addWidget(self.paragraph(text))
        self.situation = self.paragraph("")
        dress(self.situation, "situation")
        self.situation.hide()
        todo.addWidget(self.situation)

        self.tools = ToolsLayout()
        self.body.addLayout(self.tools)

        finish = self.add_section("When is this step done?")
        finish.addWidget(self.paragraph(step.done_means))
        row = QHBoxLayout()
        self.state_label = QLabel()
        dress(self.state_label, "stepState")
        self.state_label.setWordWrap(True)  # "Done on 30 November 2026" wraps at large text
        self.done_button = QPushButton()
        dress(self.done_button, "primary")
        self.done_button.setAutoDefault(True)
        self.done_button.clicked.connect(self._on_done_clicked)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.done_button)
        finish.addLayout(row)
        notes = self.add_section("Your notes for this step")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(
            "Anything worth remembering: who you spoke to, what they said, what to do next."
        )
        self.notes_edit.setAccessibleName(f"Notes for step {step.number}, {step.title}")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(90)
        notes.addWidget(self.notes_edit)
        self.too_long_label = error_label(self)
        self.too_long_label.setAccessibleName("Notes too long")
        notes.addWidget(self.too_long_label)
        self.notes_saver = AutoSaver(self._save_notes, self, ignore=lambda: self._loading)
        self.notes_saver.watch(self.notes_edit)

        self.body.addStretch(1)
        self._show_state(None)

    def tools_added(self, tools: list[QWidget]) -> None:
        """The step's tools sit between 'What to do' and 'When is this step done?': Tab
        reaches them there too, not after the notes."""
        last = last_tab_stop(tools)
        if last is not None:
            chain([last, self.done_button, self.notes_edit])

    def load(
        self, progress: StepProgress, situation: str = "", heading: Heading | None = None
    ) -> None:
        """Show stored progress without emitting edits (and the title that fits the case)."""
        if heading is not None:
            self.set_heading(self.kicker.text(), heading.title, heading.summary)
        self._loading = True
        try:
            if self.notes_edit.toPlainText() != progress.notes:
                self.notes_edit.setPlainText(progress.notes)
        finally:
            self._loading = False
        self.notes_saver.discard()
        self._show_state(progress.done_at)
        self.situation.setText(situation)
        self.situation.setVisible(bool(situation))

    def _show_state(self, done_at: str | None) -> None:
        self._done = done_at is not None
        palette = self.palette()
        if self._done and done_at is not None:
            self.state_label.setText("\u2713 " + done_on_text(done_at))
            self.state_label.setStyleSheet(f"color: {done_color(palette).name()};")
            self.done_button.setText("Mark as not done")
            dress(self.done_button, "secondary")  # after its text: its width follows it
        else:
            self.state_label.setText("Not done yet")
            self.state_label.setStyleSheet(f"color: {muted_color(palette).name()};")
            self.done_button.setText("Mark this step as done")
            dress(self.done_button, "primary")
        self.done_button.setAccessibleName(self.done_button.text())

    @property
    def is_done(self) -> bool:
        return self._done

    def _on_done_clicked(self) -> None:
        self.flush_notes()
        self.done_toggled.emit(self.step.number, not self._done)

    def _save_notes(self) -> None:
        """Save the notes as far as they fit, and say so under them when they do not (they
        were cut without a word). What was typed stays on the screen to be shortened."""
        text = kept_part(self.notes_edit.toPlainText(), MAX_NOTES_LENGTH, self.too_long_label)
        self.notes_edited.emit(self.step.number, text)

    def flush_notes(self) -> None:
        """Save typed notes now (on leaving the page, closing, or after a pause in typing)."""
        self.notes_saver.flush()

    def has_unsaved_notes(self) -> bool:
        return self.notes_saver.pending
