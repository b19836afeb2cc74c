"""To-dos: short tasks the app adds (keyed, so adding one again does not duplicate it)."""

from __future__ import annotations

import builtins

from secondopinion_desktop.domain.appointments import Todo
from secondopinion_desktop.store.rows import TableRepository, todo_from_row


class TodoRepository(TableRepository):
    """Loads and saves to-dos."""

    def ensure(self, case_id: int, key: str, title: str, detail: str = "") -> Todo:
        """Add the to-do once; if it exists, refresh its wording but keep whether it is done."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO todos (case_id, key, title, detail, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id, key) DO UPDATE SET "
                "title = excluded.title, detail = excluded.detail",
                [case_id, key, title, detail, self._now()],
            )
        row = self._one("SELECT * FROM todos WHERE case_id = ? AND key = ?", [case_id, key])
        return todo_from_row(row)

    def list(self, case_id: int) -> builtins.list[Todo]:
        return self._where(todo_from_row, "case_id = ?", [case_id], "done_at IS NOT NULL, id")

    def added_at(self, case_id: int) -> dict[str, str]:
        """When each of the case's to-dos was added, by key (the reminder rules look)."""
        rows = self.db.query("SELECT key, created_at FROM todos WHERE case_id = ?", [case_id])
        return {r["key"]: r["created_at"] for r in rows}

    def set_done(self, todo_id: int, done: bool) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE todos SET done_at = ? WHERE id = ?",
                [self._now() if done else None, todo_id],
            )

    def delete(self, todo_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM todos WHERE id = ?", [todo_id])
