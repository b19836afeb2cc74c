"""Questions to ask the doctor, one list per round."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.store.rounds import RoundRepository
from secondopinion_desktop.store.rows import (
    TableRepository,
    question_from_row,
    values_of,
)

# What the person can change; what a new question is saved with besides its place.
_EDITABLE = ("text", "topic", "asked_on", "answer")
_SAVED = ("case_id", "round", *_EDITABLE)


class QuestionRepository(TableRepository):
    """Loads and saves questions."""

    def list(self, case_id: int, round_: int | None = None) -> builtins.list[Question]:
        """The questions of a round (the current one unless named), in their order."""
        number = RoundRepository(self.db, self.clock).current(case_id) if round_ is None else round_
        return self._where(
            question_from_row, "case_id = ? AND round = ?", [case_id, number], "position, id"
        )

    def get(self, question_id: int) -> Question:
        row = self._one("SELECT * FROM questions WHERE id = ?", [question_id])
        return question_from_row(row)

    def insert_row(self, question: Question) -> int:
        """Insert inside the caller's transaction (position 0 puts it last); its new id."""
        position = question.position
        if position <= 0:
            position = self.db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM questions "
                "WHERE case_id = ? AND round = ?",
                [question.case_id, question.round],
            ).fetchone()[0]
        return self._insert("questions", {**values_of(question, _SAVED), "position": position})

    def add(self, question: Question) -> Question:
        """Insert the question (its id is ignored; position 0 puts it last) and return it."""
        with self.db.atomic():
            question_id = self.insert_row(question)
            self.touch_case(question.case_id)
        return self.get(question_id)

    def update(self, question: Question) -> Question:
        with self.db.atomic():
            self._update("questions", question.id, values_of(question, _EDITABLE))
            self.touch_case(question.case_id)
        return self.get(question.id)

    def delete(self, question_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM questions WHERE id = ?", [question_id])

    def restore(self, question: Question) -> Question:
        """Put back a removed question under its old id and place (for undo)."""
        self._insert("questions", values_of(question, ("id", "position", *_SAVED)))
        return self.get(question.id)

    def set_order(self, ordered: Iterable[Question]) -> None:
        """Save the positions of a reordered list in one go."""
        with self.db.atomic():
            for question in ordered:
                self.db.execute(
                    "UPDATE questions SET position = ? WHERE id = ?",
                    [question.position, question.id],
                )

    def count_suggestable(self, case_id: int, round_: int) -> int:
        """How many questions of the round are not the person's own (carried over) ones."""
        return int(
            self.db.execute(
                "SELECT count(*) FROM questions WHERE case_id = ? AND round = ? AND topic != 'own'",
                [case_id, round_],
            ).fetchone()[0]
        )
