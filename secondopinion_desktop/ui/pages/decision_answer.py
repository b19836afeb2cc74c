"""Step 1's note of the treating doctor's answer to "how long can we safely take?".

A date, or a number of weeks from a date, and who said it. The dates are the app's one date
field (ui/date_entry.py): what is typed stays as it was typed, and the line under it says the
day understood or, on the spot, what is wrong; nothing is saved until every field reads. The
answer is then said back in whole words ("Decision needed by Friday 15 January 2027"). The app
never offers a time frame of its own: the fields start empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.decision_clock import (
    QUESTION,
    DecisionAnswer,
    Said,
    answer_of,
    answer_text,
    read_weeks,
)
from secondopinion_desktop.domain.typed_dates import Lean, format_date
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.ui.date_entry import DateEntry
from secondopinion_desktop.ui.forms import error_label, line_edit
from secondopinion_desktop.ui.pages.panel import paragraph
from secondopinion_desktop.ui.style import dress

SAID_LABELS = {
    Said.NOT_YET: "Not asked yet",
    Said.DATE: "A date",
    Said.WEEKS: "A number of weeks",
}


DateRow = tuple[DateEntry, QWidget]


def _date_row(label: str, today: Callable[[], dt.date], lean: Lean, example: str) -> DateRow:
    """A date field and the line under it, as one row that can be shown or hidden whole."""
    entry = DateEntry(label, today, lean=lean, placeholder=f"For example: {example}")
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(entry)
    layout.addWidget(entry.note_label)
    return entry, box


class DecisionAnswerForm(QWidget):
    """The fields; `edited` when one was left or the kind of answer changed.

    `answer()` reads them; the panel saves what it returns through
    services/cases.record_decision_time.
    """

    edited = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(
            paragraph(
                f"Ask your treating doctor: \u201c{QUESTION}\u201d Only your doctor can answer "
                "this. Write down what they say; the other steps are planned around it."
            )
        )
        self.form = QFormLayout()
        self.said = QComboBox()
        self.said.setAccessibleName("How your doctor answered")
        for said, label in SAID_LABELS.items():
            self.said.addItem(label, said)
        self.decide_by, self._decide_row = _date_row(
            "Date your doctor said the decision is needed by", today, "future", "15 January 2027"
        )
        self.weeks = line_edit("Number of weeks your doctor said", "For example: 6", 20)
        self.weeks_from, self._from_row = _date_row(
            "Day the weeks are counted from", today, "past", "the day your doctor said it"
        )
        self.said_by = line_edit("Who said it", "For example: the name of your doctor", 200)
        self.form.addRow("Their ans&wer:", self.said)
        self.form.addRow("&Decide by:", self._decide_row)
        self.form.addRow("Wee&ks:", self.weeks)
        self.form.addRow("Counted fro&m:", self._from_row)
        self.form.addRow("Who &said it:", self.said_by)
        layout.addLayout(self.form)
        self.words = paragraph("")
        self.words.setAccessibleName("Your doctor's answer")
        dress(self.words, "situation")
        layout.addWidget(self.words)
        self.error = error_label(self)
        layout.addWidget(self.error)

        self.said.currentIndexChanged.connect(self._on_said_changed)
        for edit in (self.decide_by, self.weeks, self.weeks_from, self.said_by):
            edit.editingFinished.connect(self._on_edited)
        self._show_rows()

    def load(self, case: Case) -> None:
        """Show the answer stored on the case (dates written out in full)."""
        answer = answer_of(case)
        self._loading = True
        try:
            self.said.setCurrentIndex(self.said.findData(answer.said))
            self.decide_by.set_value(answer.decide_by)
            self.weeks.setText(str(answer.weeks) if answer.weeks is not None else "")
            self.weeks_from.set_value(answer.weeks_from)
            self.said_by.setText(answer.said_by)
            self.error.hide()
        finally:
            self._loading = False
        self._show_rows()
        self.words.setText(answer_text(answer))

    def _kind(self) -> Said:
        said = self.said.currentData()
        return said if isinstance(said, Said) else Said.NOT_YET

    def _show_rows(self) -> None:
        kind = self._kind()
        self.form.setRowVisible(self._decide_row, kind is Said.DATE)
        self.form.setRowVisible(self.weeks, kind is Said.WEEKS)
        self.form.setRowVisible(self._from_row, kind is Said.WEEKS)
        self.form.setRowVisible(self.said_by, kind is not Said.NOT_YET)

    def _on_said_changed(self) -> None:
        self._show_rows()
        if self._loading:
            return
        if self._kind() is Said.WEEKS and not self.weeks_from.text().strip():
            # the weeks count from a day: the day it is written down unless it is changed
            self.weeks_from.setText(format_date(self._today()))
        self._on_edited()

    def _on_edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def answer(self) -> DecisionAnswer | None:
        """The answer as typed, or None when a field cannot be read: the words saying why
        are then shown (a date's under its field, the weeks' in the form's error line)."""
        kind, said_by = self._kind(), self.said_by.text()
        self.error.hide()
        if kind is Said.DATE:
            if not self.decide_by.check():
                return None
            return DecisionAnswer(decide_by=self.decide_by.value(), said_by=said_by)
        if kind is Said.WEEKS:
            try:
                weeks = read_weeks(self.weeks.text())
            except ValidationError as exc:
                self.error.setText(f"Weeks: {exc.message}")
                self.error.show()
                return None
            if not self.weeks_from.check():
                return None
            start = self.weeks_from.value()
            if weeks is None or start is None:
                return DecisionAnswer(said_by=said_by)  # not complete yet: nothing to plan by
            return DecisionAnswer(weeks=weeks, weeks_from=start, said_by=said_by)
        return DecisionAnswer()

    def show_answer(self, answer: DecisionAnswer) -> None:
        """Say the answer back in whole words."""
        self.words.setText(answer_text(answer))

    def has_focus_in_field(self) -> bool:
        return any(
            edit.hasFocus() for edit in (self.decide_by, self.weeks, self.weeks_from, self.said_by)
        )
