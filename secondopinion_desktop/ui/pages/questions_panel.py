"""Step 6's question list: a starter set plus the person's own, in their order, with answers.

Reorder with the buttons (or Ctrl+Up / Ctrl+Down), tick each question as it is asked, and
write the answer in the box below during or after the visit. The list prints as a one-page
sheet with room to write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Unpack

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.questions import (
    MAX_ANSWER_LENGTH,
    Question,
    asked_text,
    clean_answer,
    moved,
)
from secondopinion_desktop.services import questions
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.services.questions import ensure_starter_questions
from secondopinion_desktop.store.repository import NotFoundError, Repository
from secondopinion_desktop.ui import messages, print_actions
from secondopinion_desktop.ui.autosave import AutoSaver, kept_part
from secondopinion_desktop.ui.dialogs.question_dialog import QuestionDialog
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.forms import (
    TargetCheckBox,
    button_row,
    error_label,
    push_button,
    text_edit,
)
from secondopinion_desktop.ui.models.questions_model import Column, QuestionsModel
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, card, paragraph
from secondopinion_desktop.ui.style import dress
from secondopinion_desktop.ui.tables import fitted_row_table

MIN_TABLE_HEIGHT = 160
SHEET_TITLE = "Questions for the visit"


class QuestionsPanel(print_actions.SheetActions, StepPanel):
    sheet_title = SHEET_TITLE
    sheet_file_name = "questions-for-the-visit.pdf"
    sheet_reading = "Reading the questions\u2026"
    sheet_printed_message = "The questions went to the printer."
    shows = frozenset({Kind.QUESTIONS, Kind.ROUNDS, Kind.CASE})  # starters follow the diagnosis

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        question_dialog: Callable[..., QuestionDialog] = QuestionDialog,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._question_dialog = question_dialog
        self._answer_for: int | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)

        box = card("Questions to ask", layout)
        box.addWidget(
            paragraph(
                "Here are some questions to start with, in plain words. Add your own, put them "
                "in the order you want to ask them, and take the printed list with you. "
                "There is room on it to write the answers."
            )
        )
        self.summary = paragraph("")
        dress(self.summary, "situation")
        box.addWidget(self.summary)
        self.model = QuestionsModel(self._save_question, self.repo.today, self)
        self.model.edit_rejected.connect(self.refused)  # a job writes: said, shown as stored
        # as tall as its rows, so the page scrolls as one; a long list scrolls on its own
        self.table = fitted_row_table(self.model, "Questions for the visit")
        self.table.setMinimumHeight(MIN_TABLE_HEIGHT)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        # the question and its answer share what the number and "asked" leave, so on a narrow
        # window (200 % scaling) neither is squeezed until its words no longer fit
        header.setSectionResizeMode(Column.QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ANSWER, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setColumnWidth(Column.NUMBER, 44)
        self.table.setColumnWidth(Column.ASKED, 110)
        self.table.doubleClicked.connect(self._double_clicked)
        box.addWidget(self.table)
        # wrapped rows change height with the width: fit again when the columns resize
        self.table.horizontalHeader().sectionResized.connect(lambda *_args: self._fit_table())

        buttons = FlowLayout()
        self.add_button = push_button(
            "Add a question\u2026", "Add a question of your own", self.add_question, primary=True
        )
        self.edit_button = push_button(
            "Change\u2026", "Change the chosen question", self.edit_selected
        )
        self.up_button = dress(QPushButton("Move up"))
        self.up_button.setAccessibleName("Move the chosen question up")
        self.up_button.setToolTip("Ctrl+Up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = dress(QPushButton("Move down"))
        self.down_button.setAccessibleName("Move the chosen question down")
        self.down_button.setToolTip("Ctrl+Down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button = push_button(
            "Remove\u2026", "Remove the chosen question", self.remove_selected
        )
        for button in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        self.answer_label = QLabel("Choose a question to write its answer.")
        self.answer_label.setWordWrap(True)
        box.addWidget(self.answer_label)
        self.asked_check = dress(TargetCheckBox("I asked this question"))
        self.asked_check.setAccessibleName("I asked the chosen question")
        self.asked_check.toggled.connect(self.guarded(self._asked_toggled))
        box.addWidget(self.asked_check)
        self.answer_edit = text_edit(
            "Answer to the chosen question", "What the doctor said, in your own words", 110
        )
        self.answer_saver = AutoSaver(self.save_answer, self, ignore=lambda: self._loading)
        self.answer_saver.watch(self.answer_edit)
        box.addWidget(self.answer_edit)
        self.too_long_label = error_label(self)
        self.too_long_label.setAccessibleName("Answer too long")
        box.addWidget(self.too_long_label)

        self.print_button = push_button("Print\u2026", "Print the questions", self.print_sheet)
        self.preview_button = push_button(
            "Preview\u2026", "See the printed questions before printing", self.preview_sheet
        )
        self.pdf_button = push_button(
            "Save as PDF\u2026", "Save the questions as a PDF", self.save_pdf
        )
        box.addLayout(button_row(self.print_button, self.preview_button, self.pdf_button))

        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.installEventFilter(self)  # Ctrl+Up / Ctrl+Down move the chosen question
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self.move_selected(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    # --- loading -------------------------------------------------------------------------

    def load(self, case: Case) -> None:
        self.answer_saver.flush()
        keep = self.selected()
        super().load(case)
        self.model.set_rows(ensure_starter_questions(self.repo, case.id))
        self._fit_table()
        row = self.model.row_of(keep.id) if keep is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, Column.QUESTION))
        self._show_answer()
        self._update()

    def _reload(self, changes: Changes, select_id: int | None = None) -> None:
        if self.case is None:
            return
        self.model.set_rows(self.repo.questions.list(self.case.id))
        self._fit_table()
        if select_id is not None:
            self.select(select_id)
        self._show_answer()
        self._update()
        self.report(changes)

    def _fit_table(self) -> None:
        """Rows as tall as their text (one line each on a long list: see FittedTableView)."""
        self.table.fit()

    def selected(self) -> Question | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select(self, question_id: int) -> None:
        row = self.model.row_of(question_id)
        if row >= 0:
            index = self.model.index(row, Column.QUESTION)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _update(self) -> None:
        question = self.selected()
        row = self.table.currentIndex().row() if question is not None else -1
        count = self.model.rowCount()
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(question is not None)
        self.up_button.setEnabled(question is not None and row > 0)
        self.down_button.setEnabled(question is not None and row < count - 1)
        for widget in (self.asked_check, self.answer_edit):
            widget.setEnabled(question is not None)
        self.summary.setText(asked_text(self.model.rows()))

    def _selection_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.answer_saver.flush()
        self._show_answer()
        self._update()

    def _show_answer(self) -> None:
        question = self.selected()
        self.too_long_label.hide()  # it was about the answer shown before
        self._loading = True
        try:
            if question is None:
                self._answer_for = None
                self.answer_label.setText("Choose a question to write its answer.")
                self.answer_edit.setPlainText("")
                self.asked_check.setChecked(False)
                return
            self._answer_for = question.id
            number = self.model.row_of(question.id) + 1
            self.answer_label.setText(f"Answer to question {number}: {question.text}")
            if self.answer_edit.toPlainText() != question.answer:
                self.answer_edit.setPlainText(question.answer)
            self.asked_check.setChecked(question.asked)
        finally:
            self._loading = False
        self.answer_saver.discard()

    # --- saving --------------------------------------------------------------------------

    def _save_question(self, question: Question) -> Question:
        saved, changes = questions.save_question(self.repo, question)
        if saved.id == self._answer_for:
            self._loading = True
            self.asked_check.setChecked(saved.asked)
            self._loading = False
        self.summary.setText(asked_text([*self._others(saved.id), saved]))
        self.status_message.emit("Saved.")
        self.report(changes)
        return saved

    def _others(self, question_id: int) -> list[Question]:
        return [q for q in self.model.rows() if q.id != question_id]

    def _asked_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        row = self.model.row_of(self._answer_for) if self._answer_for is not None else -1
        if row >= 0:
            state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            self.model.setData(
                self.model.index(row, Column.ASKED), state, Qt.ItemDataRole.CheckStateRole
            )
            self._update()

    def save_answer(self) -> None:
        """Save the answer typed (by `answer_saver`: after a pause, on leaving, on choosing
        another question)."""
        if self._answer_for is None:
            return
        row = self.model.row_of(self._answer_for)
        if row < 0:
            return
        question = self.model.row_at(row)
        typed = self.answer_edit.toPlainText().strip()
        answer = clean_answer(kept_part(typed, MAX_ANSWER_LENGTH, self.too_long_label))
        if answer == question.answer:
            return
        try:
            saved, changes = questions.answer_question(self.repo, question, answer)
        except NotFoundError:
            return
        self.model.replace_row(saved)
        self._loading = True
        self.asked_check.setChecked(saved.asked)
        self._loading = False
        self._fit_table()
        self.summary.setText(asked_text(self.model.rows()))
        self.status_message.emit("Answer saved.")
        self.report(changes)

    # --- editing the list ----------------------------------------------------------------

    def add_question(self) -> None:
        if self.case is None:
            return
        dialog = self._question_dialog(self)
        if dialog.exec() != QuestionDialog.DialogCode.Accepted or not dialog.text():
            return
        saved, changes = questions.add_question(self.repo, self.case.id, dialog.text())
        self._reload(changes, saved.id)
        self.status_message.emit("Question added at the end of the list.")

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == Column.ANSWER:
            self.answer_edit.setFocus()
        elif index.isValid() and index.column() != Column.ASKED:
            self.edit_selected()

    def edit_selected(self) -> None:
        question = self.selected()
        if question is None:
            return
        dialog = self._question_dialog(self, question.text)
        if dialog.exec() != QuestionDialog.DialogCode.Accepted or not dialog.text():
            return
        if dialog.text() != question.text:
            self.answer_saver.flush()
            changes = questions.reword_question(self.repo, question.id, dialog.text())
            self._reload(changes, question.id)

    def move_selected(self, delta: int) -> None:
        question = self.selected()
        if question is None:
            return
        self.answer_saver.flush()
        order = moved(self.model.rows(), question.id, delta)
        if [q.id for q in order] == [q.id for q in self.model.rows()]:
            return
        changes = questions.reorder_questions(self.repo, question.case_id, order)
        self._reload(changes, question.id)

    def remove_selected(self) -> None:
        question = self.selected()
        if question is None:
            return
        if not messages.ask_yes_no(
            self,
            "Remove this question?",
            f"Remove \u201c{question.text}\u201d from your list?"
            + ("\n\nThe answer you wrote goes too." if question.answer else ""),
            yes="Remove",
            no="Keep it",
        ):
            return
        self.answer_saver.discard()
        row = self.model.row_of(question.id)
        changes = questions.delete_question(self.repo, question.case_id, question.id)
        remaining = self._others(question.id)
        self._reload(changes, remaining[min(row, len(remaining) - 1)].id if remaining else None)
        self.status_message.emit("Question removed.")

    # --- printing ------------------------------------------------------------------------

    def _sheet_parts(self) -> print_actions.SheetParts:
        from secondopinion_desktop.printing.render import render_questions_sheet
        from secondopinion_desktop.services.exports import questions_sheet

        return questions_sheet, render_questions_sheet
