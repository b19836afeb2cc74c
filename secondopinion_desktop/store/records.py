"""The records checklist of a case and the scans attached to its items."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from secondopinion_desktop.domain.attachments import Attachment
from secondopinion_desktop.domain.records import RecordItem, RecordKind
from secondopinion_desktop.store.rows import (
    TableRepository,
    attachment_from_row,
    record_from_row,
    record_values,
)


class RecordRepository(TableRepository):
    """Loads and saves record items and their attachment rows (the files: attachment_files)."""

    def list(self, case_id: int) -> builtins.list[RecordItem]:
        return self._where(record_from_row, "case_id = ?", [case_id], "position, id")

    def get(self, record_id: int) -> RecordItem:
        return record_from_row(self._one("SELECT * FROM records WHERE id = ?", [record_id]))

    def insert_row(self, item: RecordItem, keep_id: bool) -> int:
        """Insert the item inside the caller's transaction (position 0 puts it last); its id."""
        values = record_values(item)
        if values["position"] <= 0:
            values["position"] = self.db.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM records WHERE case_id = ?",
                [item.case_id],
            ).fetchone()[0]
        now = self._now()
        columns = ["case_id", *values, "created_at", "updated_at"]
        params = [item.case_id, *values.values(), now, now]
        if keep_id:
            columns.insert(0, "id")
            params.insert(0, item.id)
        cursor = self.db.execute(
            f"INSERT INTO records ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            params,
        )
        record_id = cursor.lastrowid
        assert record_id is not None
        return record_id

    def add(self, item: RecordItem) -> RecordItem:
        """Insert the item (its id is ignored; position 0 puts it last) and return it."""
        with self.db.atomic():
            record_id = self.insert_row(item, keep_id=False)
            self.touch_case(item.case_id)
        return self.get(record_id)

    def restore(self, item: RecordItem, attachments: Iterable[Attachment] = ()) -> None:
        """Put back a removed item under its old id, with its attachment rows (for undo)."""
        with self.db.atomic():
            self.insert_row(item, keep_id=True)
            for attachment in attachments:
                self.db.execute(
                    "INSERT INTO attachments (id, record_id, file_name, original_name, size, "
                    "sha256, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        attachment.id,
                        item.id,
                        attachment.file_name,
                        attachment.original_name,
                        attachment.size,
                        attachment.sha256,
                        attachment.added_at,
                    ],
                )
            self.touch_case(item.case_id)

    def update(self, item: RecordItem) -> RecordItem:
        with self.db.atomic():
            self._update("records", item.id, record_values(item))
            self.touch_case(item.case_id)
        return self.get(item.id)

    def delete(self, record_id: int) -> builtins.list[Attachment]:
        """Delete the item; returns its attachment rows (now gone) so their copies can go too."""
        with self.db.atomic():
            attachments = self.list_attachments(record_id)
            self.db.execute("DELETE FROM records WHERE id = ?", [record_id])
        return attachments

    def suggested_at(self, case_id: int) -> str | None:
        """When the usual items were offered for the case (None: not yet)."""
        row = self._one("SELECT records_suggested_at FROM cases WHERE id = ?", [case_id])
        value: str | None = row["records_suggested_at"]
        return value

    def mark_suggested(self, case_id: int) -> None:
        """Remember that the usual items were offered, so removed ones do not come back."""
        self.db.execute(
            "UPDATE cases SET records_suggested_at = ? WHERE id = ?", [self._now(), case_id]
        )

    def count(self, case_id: int, kinds: Iterable[RecordKind] | None = None) -> int:
        """How many items the case's checklist holds (of these kinds, when given)."""
        sql = "SELECT count(*) FROM records WHERE case_id = ?"
        chosen = [] if kinds is None else [kind.value for kind in kinds]
        if kinds is not None:
            sql += f" AND kind IN ({', '.join('?' for _ in chosen)})"
        return int(self.db.execute(sql, [case_id, *chosen]).fetchone()[0])

    # --- attachments ---------------------------------------------------------------------

    def add_attachment(self, attachment: Attachment) -> Attachment:
        """Record a copied scan for an item (the copy is already in the attachments folder)."""
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO attachments (record_id, file_name, original_name, size, sha256, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    attachment.record_id,
                    attachment.file_name,
                    attachment.original_name,
                    attachment.size,
                    attachment.sha256,
                    attachment.added_at or self._now(),
                ],
            )
            attachment_id = cursor.lastrowid
        assert attachment_id is not None
        return self.get_attachment(attachment_id)

    def get_attachment(self, attachment_id: int) -> Attachment:
        row = self._one("SELECT * FROM attachments WHERE id = ?", [attachment_id])
        return attachment_from_row(row)

    def list_attachments(self, record_id: int) -> builtins.list[Attachment]:
        return self._where(attachment_from_row, "record_id = ?", [record_id], "added_at, id")

    def attachment_counts(self, case_id: int) -> dict[int, int]:
        """How many scans each of the case's items has (items without any are left out)."""
        rows = self.db.query(
            "SELECT attachments.record_id AS record_id, count(*) AS n FROM attachments "
            "JOIN records ON records.id = attachments.record_id WHERE records.case_id = ? "
            "GROUP BY attachments.record_id",
            [case_id],
        )
        return {int(r["record_id"]): int(r["n"]) for r in rows}

    def delete_attachment(self, attachment_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM attachments WHERE id = ?", [attachment_id])
