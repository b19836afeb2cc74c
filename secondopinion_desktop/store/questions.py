"""Questions to ask the doctor, one list per round."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from secondopinion_desktop.domain.questions import Question
from secondopinion_desktop.store.rounds import RoundRepository
from secondopinion_desktop.store.rows import (
    NotFoundError,
    TableRepository,
    question_from_row,
    storable,
)


class QuestionRepository(TableRepository):
    """Loads and saves questions."""

    def list(self, case_id: int, round_: int | None = None) -> builtins.list[Question]:
        """The questions of a round (the current one unless named), in their order."""
        number = RoundRepository(self.db, self.clock).current(case_id) if round_ is None else round_
        rows = self.db.query(
            "SELECT * FROM questions WHERE case_id = ? AND round = ? ORDER BY position, id",
            [case_id, number],
        )
        return [question_from_row(r) for r in rows]

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
        now = self._now()
        cursor = self.db.execute(
            "INSERT INTO questions (case_id, round, position, text, topic, asked_on, answer, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                question.case_id,
                question.round,
                position,
                question.text,
                question.topic.value,
                storable(question.asked_on),
                question.answer,
                now,
                now,
            ],
        )
        question_id = cursor.lastrowid
        assert question_id is not None
        return question_id

    def add(self, question: Question) -> Question:
        """Insert the question (its id is ignored; position 0 puts it last) and return it."""
        with self.db.atomic():
            question_id = self.insert_row(question)
            self.touch_case(question.case_id)
        return self.get(question_id)

    def update(self, question: Question) -> Question:
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE questions SET text = ?, topic = ?, asked_on = ?, answer = ?, "
                "updated_at = ? WHERE id = ?",
                [
                    question.text,
                    question.topic.value,
                    storable(question.asked_on),
                    question.answer,
                    self._now(),
                    question.id,
                ],
            )
            if cursor.rowcount:
                self.touch_case(question.case_id)
        if cursor.rowcount == 0:
            raise NotFoundError(f"question {question.id}")
        return self.get(question.id)

    def delete(self, question_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM questions WHERE id = ?", [question_id])

    def restore(self, question: Question) -> Question:
        """Put back a removed question under its old id and place (for undo)."""
        now = self._now()
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO questions (id, case_id, round, position, text, topic, asked_on, "
                "answer, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    question.id,
                    question.case_id,
                    question.round,
                    question.position,
                    question.text,
                    question.topic.value,
                    storable(question.asked_on),
                    question.answer,
                    now,
                    now,
                ],
            )
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
