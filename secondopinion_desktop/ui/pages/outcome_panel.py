"""The outcome page's tools: each doctor's opinion, side by side, and what comes next.

The person writes down what each doctor said (round 1 is the original doctor, 2 the second
opinion, 3 a third) and which of the three usual outcomes it was. For a different treatment the
page lays the options side by side with room for the person's own thoughts; for a different
diagnosis it offers a third-opinion round, or to note that the doctors were asked to talk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Unpack

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Doctor
from secondopinion_desktop.domain.opinions import (
    CHOOSING_QUESTIONS,
    Opinion,
    Outcome,
    doctor_label,
    latest,
    outcome_guidance,
    round_doctor,
    round_name,
)
from secondopinion_desktop.domain.rounds import ordinal
from secondopinion_desktop.services import outcome
from secondopinion_desktop.services.changes import Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages, print_actions
from secondopinion_desktop.ui.autosave import AutoSaver
from secondopinion_desktop.ui.dialogs.opinion_dialog import OpinionDialog
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.focus_order import place_before
from secondopinion_desktop.ui.forms import (
    TargetCheckBox,
    button_row,
    line_edit,
    push_button,
    text_edit,
)
from secondopinion_desktop.ui.models.opinions_model import OpinionsModel
from secondopinion_desktop.ui.pages.panel import PanelExtras, StepPanel, card, paragraph
from secondopinion_desktop.ui.pages.timeline_panel import TimelineCard
from secondopinion_desktop.ui.style import dress

MAX_TABLE_HEIGHT = 1400
SHEET_TITLE = "The opinions side by side"


def _clear(layout: QLayout) -> None:
    """Remove and delete every widget and sub-layout of a layout that is rebuilt on load."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            _clear(child)


class OutcomePanel(print_actions.SheetActions, StepPanel):
    shows = frozenset({Kind.OPINIONS, Kind.ROUNDS, Kind.DOCTORS, Kind.CASE, Kind.APPOINTMENTS})
    sheet_title = SHEET_TITLE
    sheet_file_name = "opinions-side-by-side.pdf"
    sheet_reading = "Reading the opinions\u2026"
    sheet_printed_message = "The opinions went to the printer."

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        opinion_dialog: Callable[..., OpinionDialog] = OpinionDialog,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._opinion_dialog = opinion_dialog
        self._loading = False
        self._thought_edits: dict[int, tuple[QPlainTextEdit, QPlainTextEdit]] = {}
        self._dirty_rounds: set[int] = set()
        self.round_buttons: dict[int, QPushButton] = {}
        self.latest: Opinion | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        self.timeline = TimelineCard(lambda: self.open_page.emit(1), self)  # the decision clock
        layout.addWidget(self.timeline)

        # --- the opinions ---------------------------------------------------------------
        box = card("What each doctor said", layout)
        self.round_label = paragraph("")
        dress(self.round_label, "situation")
        box.addWidget(self.round_label)
        box.addWidget(
            paragraph(
                "Write down each doctor's opinion in your own words. They then sit side by "
                "side here, so you can compare them."
            )
        )
        self.buttons_row = FlowLayout()
        box.addLayout(self.buttons_row)
        self.model = OpinionsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("The opinions side by side")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(
            lambda index: self.edit_round(self.model.opinion_at(index.column()).round)
        )
        box.addWidget(self.table)
        # wrapped rows change height with the width: fit again when the columns resize
        self.table.horizontalHeader().sectionResized.connect(lambda *_args: self._fit_table())
        self.empty = paragraph("Nothing written down yet.")
        box.addWidget(self.empty)
        self.print_button = push_button(
            "Print\u2026", "Print the opinions side by side", self.print_sheet
        )
        self.preview_button = push_button(
            "Preview\u2026", "See the printed opinions before printing", self.preview_sheet
        )
        self.pdf_button = push_button(
            "Save as PDF\u2026", "Save the opinions side by side as a PDF", self.save_pdf
        )
        box.addLayout(button_row(self.print_button, self.preview_button, self.pdf_button))

        # --- what next ------------------------------------------------------------------
        self.next_box = card("What happens next", layout)
        self.outcome_label = paragraph("")
        dress(self.outcome_label, "situation")
        self.next_box.addWidget(self.outcome_label)
        self.guidance = QVBoxLayout()
        self.next_box.addLayout(self.guidance)

        self.options = QWidget()
        options_layout = QVBoxLayout(self.options)
        options_layout.setContentsMargins(0, 0, 0, 0)
        options_title = QLabel("Your options, side by side")
        dress(options_title, "cardTitle")
        options_layout.addWidget(options_title)
        self.options_grid = QGridLayout()
        self.options_grid.setHorizontalSpacing(14)
        options_layout.addLayout(self.options_grid)
        options_layout.addWidget(QLabel("Questions that can help you choose:"))
        options_layout.addWidget(paragraph("\n".join(f"\u2022 {q}" for q in CHOOSING_QUESTIONS)))
        self.add_choosing_button = push_button(
            "Add these to my questions",
            "Add these questions to my list for step 6",
            self.add_choosing_questions,
        )
        options_layout.addLayout(button_row(self.add_choosing_button))
        self.next_box.addWidget(self.options)

        self.talk = QWidget()
        talk_layout = QVBoxLayout(self.talk)
        talk_layout.setContentsMargins(0, 0, 0, 0)
        self.talk_check = dress(TargetCheckBox("We asked the two doctors to talk to each other"))
        self.talk_check.setAccessibleName("We asked the two doctors to talk to each other")
        self.talk_check.toggled.connect(self.guarded(self._talk_toggled))
        self.talk_note = line_edit(
            "Note about the doctors talking",
            "For example: my doctor will phone the second doctor this week",
            500,
        )
        self.talk_note.editingFinished.connect(self._save_talk)
        talk_layout.addWidget(self.talk_check)
        talk_layout.addWidget(self.talk_note)
        self.next_box.addWidget(self.talk)

        self.third_button = push_button(
            "Start a third-opinion round\u2026",
            "Start a third-opinion round",
            self.start_third_round,
            primary=True,
        )
        self.next_box.addLayout(button_row(self.third_button))

        self.thoughts_saver = AutoSaver(self.save_thoughts, self)

    # --- loading -------------------------------------------------------------------------

    def _fit_table(self) -> None:
        """Rows as tall as their text and the table as tall as its rows: no scroll bar of its
        own inside the scrolling page."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        height = rows + self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(min(MAX_TABLE_HEIGHT, height + 2 * self.table.frameWidth() + 4))

    def _doctors(self, opinions: list[Opinion]) -> dict[int, Doctor]:
        """The doctors who gave these opinions (not every candidate of the case)."""
        ids = [o.doctor_id for o in opinions if o.doctor_id is not None]
        return {d.id: d for d in self.repo.doctors.with_ids(ids)}

    def load(self, case: Case) -> None:
        self.thoughts_saver.flush()
        super().load(case)
        self.timeline.show_case(self.repo, case)
        self._loading = True
        try:
            current = self.repo.rounds.current(case.id)
            opinions = self.repo.opinions.list(case.id)
            doctors = self._doctors(opinions)
            self.model.set_opinions(opinions, doctors)
            self._fit_table()
            has = bool(opinions)
            self.table.setVisible(has)
            self.empty.setVisible(not has)
            for button in (self.print_button, self.preview_button, self.pdf_button):
                button.setEnabled(has)
            self.round_label.setText(
                f"You are now getting a {round_name(current).lower()} (round {current})."
                if current >= 3
                else ""
            )
            self.round_label.setVisible(current >= 3)
            self._build_round_buttons(current, {o.round: o for o in opinions})
            self.latest = latest(opinions)
            self._show_next(case, current, opinions, doctors)
        finally:
            self._loading = False

    def _build_round_buttons(self, current: int, by_round: dict[int, Opinion]) -> None:
        _clear(self.buttons_row)
        self.round_buttons = {}
        for number in range(1, current + 1):
            opinion = by_round.get(number)
            written = opinion is not None and (opinion.written or opinion.outcome is not None)
            text = f"{round_name(number)}: {'change' if written else 'write it down'}\u2026"
            button = dress(QPushButton(text))
            button.setAccessibleName(text.rstrip("\u2026"))
            if not written and not any(
                b.objectName() == "primary" for b in self.round_buttons.values()
            ):
                dress(button, "primary")
            button.clicked.connect(lambda _checked=False, n=number: self.edit_round(n))
            self.buttons_row.addWidget(button)
            self.round_buttons[number] = button
        self.buttons_row.addStretch(1)
        place_before(self.table, list(self.round_buttons.values()))  # Tab in reading order

    def _show_next(
        self, case: Case, current: int, opinions: list[Opinion], doctors: dict[int, Doctor]
    ) -> None:
        _clear(self.guidance)
        self._clear_options()
        opinion = self.latest
        outcome = opinion.outcome if opinion else None
        if opinion is None or outcome is None or opinion.round < current:
            # nothing written yet for the round under way (the earlier ones stay above)
            who = round_doctor(max(2, current))
            self.outcome_label.setText(
                f"When you have seen {who}, write down what they said, and choose which of the "
                "three it was: they agree, they suggest a different treatment, or they see the "
                "diagnosis differently."
            )
            self.options.hide()
            self.talk.hide()
            self.third_button.hide()
            return
        name = doctor_label(opinion, doctors)
        self.outcome_label.setText(f"{round_name(opinion.round)}, {name}: {outcome.label}.")
        for text in outcome_guidance(outcome, opinion.round):
            self.guidance.addWidget(paragraph(text))
        if outcome is Outcome.AGREES and case.hear_back.strip():
            self.guidance.addWidget(
                paragraph(f"Your doctor asked to hear back this way: {case.hear_back.strip()}.")
            )
        different = outcome is Outcome.DIFFERENT_TREATMENT
        self.options.setVisible(different)
        if different:
            self._build_options(opinions, doctors)
        self.talk.setVisible(outcome is not Outcome.AGREES)
        info = self.repo.rounds.info(case.id, opinion.round)
        self.talk_check.setChecked(info.doctors_talk_on is not None)
        self.talk_note.setText(info.doctors_talk_note)
        self.talk_note.setEnabled(info.doctors_talk_on is not None)
        self.third_button.setVisible(outcome is Outcome.DISAGREES and opinion.round == current)
        following = f"Start a {ordinal(current + 1)}-opinion round"  # a fourth after a third
        self.third_button.setText(f"{following}\u2026")
        self.third_button.setAccessibleName(following)

    # --- the options (a different treatment) -----------------------------------------------

    def _clear_options(self) -> None:
        _clear(self.options_grid)
        self._thought_edits = {}

    def _build_options(self, opinions: list[Opinion], doctors: dict[int, Doctor]) -> None:
        with_treatment = [o for o in opinions if o.treatment.strip()]
        for column, opinion in enumerate(with_treatment):
            name = doctor_label(opinion, doctors)
            group = QGroupBox(f"{round_name(opinion.round)} ({name})")
            group_layout = QVBoxLayout(group)
            treatment = paragraph(opinion.treatment)
            dress(treatment, "situation")
            group_layout.addWidget(treatment)
            group_layout.addWidget(QLabel("What I like about it:"))
            likes = text_edit(f"What I like about the option from {name}", "", 80)
            likes.setPlainText(opinion.likes)
            group_layout.addWidget(likes)
            group_layout.addWidget(QLabel("What worries me about it:"))
            worries = text_edit(f"What worries me about the option from {name}", "", 80)
            worries.setPlainText(opinion.worries)
            group_layout.addWidget(worries)
            for edit in (likes, worries):
                edit.textChanged.connect(lambda n=opinion.round: self._thoughts_changed(n))
            self._thought_edits[opinion.round] = (likes, worries)
            self.options_grid.addWidget(group, 0, column)

    def thought_edits(self) -> dict[int, tuple[QPlainTextEdit, QPlainTextEdit]]:
        """The "what I like" and "what worries me" boxes shown, by round of opinion."""
        return dict(self._thought_edits)

    def _thoughts_changed(self, round_: int) -> None:
        if not self._loading:
            self._dirty_rounds.add(round_)
            self.thoughts_saver.edited()

    def save_thoughts(self) -> None:
        """Save what was typed about each option (by `thoughts_saver`)."""
        if not self._dirty_rounds or self.case is None:
            self._dirty_rounds.clear()
            return
        typed = {
            round_: (edits[0].toPlainText(), edits[1].toPlainText())
            for round_ in self._dirty_rounds
            if (edits := self._thought_edits.get(round_)) is not None
        }
        self._dirty_rounds.clear()
        changes = outcome.save_thoughts(self.repo, self.case.id, typed)
        if changes:
            opinions = self.repo.opinions.list(self.case.id)
            self.model.set_opinions(opinions, self._doctors(opinions))
            self._fit_table()
            self.status_message.emit("Saved.")
            self.report(changes)

    def add_choosing_questions(self) -> None:
        if self.case is None:
            return
        added, changes = outcome.add_choosing_questions(self.repo, self.case.id)
        self.status_message.emit(
            f"Added {added} question{'s' if added != 1 else ''} to your list in step 6."
            if added
            else "These questions are already on your list in step 6."
        )
        self.report(changes)

    # --- the doctors talking, a third round ------------------------------------------------

    def _talk_toggled(self, checked: bool) -> None:
        self.talk_note.setEnabled(checked)
        if not self._loading:
            self._save_talk()

    def _save_talk(self) -> None:
        if self._loading or self.case is None or self.latest is None:
            return
        changes = outcome.note_doctors_talk(
            self.repo,
            self.case.id,
            self.latest.round,
            self.talk_check.isChecked(),
            self.talk_note.text(),
        )
        if changes:
            self.status_message.emit("Saved.")
            self.report(changes)

    def start_third_round(self) -> None:
        if self.case is None:
            return
        self.thoughts_saver.flush()
        current = self.repo.rounds.current(self.case.id)
        following = round_name(current + 1).lower()
        if not messages.ask_yes_no(
            self,
            f"Start a {following}?",
            f"Start looking for a {following}?\n\n"
            "Your doctors, calls and records stay. Steps 3 to 6 start again: choose and book "
            "another doctor, get the records there, and prepare your questions. Everything "
            "from this round is kept.",
            yes=f"Start a {following}",
            no="Not now",
        ):
            return
        _round, changes = outcome.start_next_round(
            self.repo, self.case.id, "The diagnosis was seen differently"
        )
        self.report(changes)
        self.status_message.emit(
            f"Started the {following}. Choose and book the next doctor in step 3."
        )
        self.open_page.emit(3)

    # --- writing an opinion ----------------------------------------------------------------

    def edit_round(self, round_: int) -> None:
        if self.case is None:
            return
        self.thoughts_saver.flush()
        case_id = self.case.id
        doctors = self.repo.doctors.list(case_id)
        opinion = outcome.opinion_to_edit(self.repo, case_id, round_)
        dialog = self._opinion_dialog(self, opinion, doctors, self.repo.today)
        if dialog.exec() != OpinionDialog.DialogCode.Accepted:
            return
        result = dialog.opinion()
        if result is None:
            return
        changes = outcome.record_opinion(self.repo, result)
        self.load(self.repo.cases.get(case_id))
        self.status_message.emit(f"{round_name(round_)} saved.")
        self.report(changes)

    # --- printing --------------------------------------------------------------------------

    def _sheet_parts(self) -> print_actions.SheetParts:
        from secondopinion_desktop.printing.render import render_opinions_sheet
        from secondopinion_desktop.services.exports import opinions_sheet

        return opinions_sheet, render_opinions_sheet

    def flush(self) -> None:
        if self.talk_note.hasFocus():
            self._save_talk()
        super().flush()
