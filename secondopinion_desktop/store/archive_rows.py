"""A whole case's rows, table by table: what a case archive holds (store/archive.py packs it).

Driven by the schema's foreign keys, so tables added by later migrations come along without
changes here: a table belongs to a case when it cascades from one that does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from secondopinion_desktop.domain.archive_tables import ABOUT_TABLES
from secondopinion_desktop.domain.reminder_rules import remapped_key
from secondopinion_desktop.store.cases import CaseRepository
from secondopinion_desktop.store.connection import Database
from secondopinion_desktop.store.rows import NotFoundError


class ArchiveRows:
    """Copies a case's rows out of and into the database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _user_tables(self) -> list[str]:
        rows = self.db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        )
        return [r["name"] for r in rows]

    def _foreign_keys(self, table: str) -> list[tuple[str, str, bool]]:
        """(column, parent table, owned) for each foreign key; owned = ON DELETE CASCADE."""
        rows = self.db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        return [(row[3], row[2], row[6] == "CASCADE") for row in rows]

    def table_columns(self, table: str) -> dict[str, bool]:
        """Column name -> whether it may be left out (nullable or has a default)."""
        rows = self.db.execute(f'PRAGMA table_info("{table}")').fetchall()
        return {row[1]: (not row[3]) or row[4] is not None or bool(row[5]) for row in rows}

    def case_tables_in_order(self) -> list[str]:
        """Tables holding a case's data, each after the tables it belongs to."""
        order = ["cases"]
        pending = [t for t in self._user_tables() if t != "cases"]
        progress = True
        while progress:
            progress = False
            for table in list(pending):
                owners = [p for _c, p, owned in self._foreign_keys(table) if owned]
                if owners and all(p in order for p in owners):
                    order.append(table)
                    pending.remove(table)
                    progress = True
        return order

    def export_case_rows(self, case_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row that belongs to the case, table by table (for a case archive)."""
        tables: dict[str, list[dict[str, Any]]] = {}
        ids: dict[str, list[int]] = {}
        for table in self.case_tables_in_order():
            if table == "cases":
                rows = list(self.db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
                if not rows:
                    raise NotFoundError(f"case {case_id}")
            else:
                rows = []
                for column, parent, owned in self._foreign_keys(table):
                    if not owned or not ids.get(parent):
                        continue
                    wanted = ids[parent]
                    for start in range(0, len(wanted), 500):
                        chunk = wanted[start : start + 500]
                        marks = ", ".join("?" for _ in chunk)
                        rows += list(
                            self.db.query(
                                f'SELECT * FROM "{table}" WHERE "{column}" IN ({marks}) '
                                "ORDER BY rowid",
                                chunk,
                            )
                        )
                    break
            tables[table] = rows
            ids[table] = [r["id"] for r in rows if "id" in r]
        return tables

    def import_case_rows(self, tables: Mapping[str, list[dict[str, Any]]]) -> int:
        """Insert a case from an archive with fresh ids, in one transaction; returns its id.

        Raises ValueError (words for the person) when the rows do not fit this database.
        """
        order = self.case_tables_in_order()
        unknown = set(tables) - set(order)
        if unknown:
            raise ValueError(
                "This archive holds data this version of Second Opinion does not know."
            )
        if len(tables.get("cases", [])) != 1:
            raise ValueError("This archive does not hold exactly one case.")
        new_ids: dict[str, dict[int, int]] = {}
        deferred: list[tuple[str, int, str, str, int]] = []
        with self.db.atomic():
            for table in order:
                columns = self.table_columns(table)
                keys = self._foreign_keys(table)
                new_ids[table] = {}
                for source in tables.get(table, []):
                    row = dict(source)
                    old_id = row.pop("id", None)
                    has_id = "id" in columns
                    if has_id and (not isinstance(old_id, int) or isinstance(old_id, bool)):
                        raise ValueError("This archive is damaged: a row has no number.")
                    extra = set(row) - set(columns)
                    if extra:
                        raise ValueError(
                            "This archive was made by a newer version of Second Opinion."
                        )
                    missing = [
                        c
                        for c, optional in columns.items()
                        if c != "id" and not optional and c not in row
                    ]
                    if missing:
                        raise ValueError("This archive is damaged: some details are missing.")
                    later: list[tuple[str, str, int]] = []
                    for column, parent, owned in keys:
                        value = row.get(column)
                        if value is None:
                            continue
                        if not isinstance(value, int) or isinstance(value, bool):
                            raise ValueError("This archive is damaged: a link is not a number.")
                        if parent in new_ids and parent != table and value in new_ids[parent]:
                            row[column] = new_ids[parent][value]
                        elif owned:
                            raise ValueError("This archive is damaged: a link points nowhere.")
                        else:
                            row[column] = None
                            later.append((column, parent, value))
                    if table == "cases":
                        row["title"] = self._unused_title(str(row.get("title") or "Imported"))
                    names = list(row)  # checked against the table's columns above
                    quoted = ", ".join(f'"{n}"' for n in names)
                    cursor = self.db.execute(
                        f'INSERT INTO "{table}" ({quoted}) '
                        f"VALUES ({', '.join('?' for _ in names)})",
                        [row[n] for n in names],
                    )
                    assert cursor.lastrowid is not None
                    if has_id:
                        new_ids[table][int(old_id)] = cursor.lastrowid
                    deferred += [(table, cursor.lastrowid, c, p, v) for c, p, v in later]
                    about = row.get("about")
                    if table == "reminders" and isinstance(about, str) and row.get("about_id"):
                        # not a foreign key: which table it points into depends on `about`
                        parent = ABOUT_TABLES.get(about, "")
                        deferred.append(
                            (table, cursor.lastrowid, "about_id", parent, row["about_id"])
                        )
            for table, row_id, column, parent, old in deferred:
                target = new_ids.get(parent, {}).get(old)
                self.db.execute(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', [target, row_id]
                )
            self._remap_keys(new_ids)
        return next(iter(new_ids["cases"].values()))

    def _remap_keys(self, new_ids: Mapping[str, Mapping[int, int]]) -> None:
        """To-dos' and derived reminders' keys name rows by id ("referral:3"): they follow
        the rows to their new ids, so the rules find them instead of adding them again."""
        for table in ("todos", "reminders"):
            for row_id in new_ids.get(table, {}).values():
                row = self.db.execute(
                    f'SELECT "key" FROM "{table}" WHERE id = ?', [row_id]
                ).fetchone()
                key = row[0] if row is not None else None
                if isinstance(key, str) and key != (new := remapped_key(key, new_ids)):
                    self.db.execute(f'UPDATE "{table}" SET "key" = ? WHERE id = ?', [new, row_id])

    def _unused_title(self, title: str) -> str:
        taken = {c.title for c in CaseRepository(self.db).list()}
        if title not in taken:
            return title
        for n in range(2, 1000):
            candidate = f"{title} (imported {n})" if n > 2 else f"{title} (imported)"
            if candidate not in taken:
                return candidate
        return f"{title} (imported)"
