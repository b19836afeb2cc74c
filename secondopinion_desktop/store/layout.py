"""The layout of the app's database (tables, columns, keys, indexes, triggers, views), to
check a file that is about to take the place of the person's data.

SQLite's integrity check says a file is whole, not that its layout is the app's own. A backup
changed by something else passed it and was restored: a trigger in it deleted every other case
as soon as one was added; a table rebuilt without its columns made every read fail and every
later start stop. A file is compared here with the layout the migrations give a new database,
by structure (names, types, keys), not by the SQL's spelling, which sqlite-utils versions
write differently.
"""

from __future__ import annotations

import functools
import sqlite3
from typing import Final

__all__ = ["layout_of", "layout_problem"]

Layout = frozenset[tuple[object, ...]]

# sqlite_sequence and sqlite_stat1 belong to SQLite; the automatic indexes of UNIQUE columns
# are compared through their table's index list.
_OBJECTS: Final = (
    "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
)


def layout_of(conn: sqlite3.Connection) -> Layout:
    """Every table, column, foreign key, index, trigger and view of the main database."""
    found: set[tuple[object, ...]] = set()
    for kind, name, table in conn.execute(_OBJECTS).fetchall():
        found.add((kind, name, table))
        if kind != "table":
            continue
        for cid, column, declared, notnull, default, pk in conn.execute(
            "SELECT * FROM pragma_table_info(?)", (name,)
        ):
            found.add(("column", name, cid, column, declared.upper(), notnull, default, pk))
        for row in conn.execute("SELECT * FROM pragma_foreign_key_list(?)", (name,)):
            found.add(("foreign key", name, *row))
        for _seq, index, unique, origin, partial in conn.execute(
            "SELECT * FROM pragma_index_list(?)", (name,)
        ):
            columns = tuple(
                row[2] for row in conn.execute("SELECT * FROM pragma_index_info(?)", (index,))
            )
            automatic = index.startswith("sqlite_autoindex_")
            found.add(
                ("index of", name, "" if automatic else index, unique, origin, partial, columns)
            )
    return frozenset(found)


@functools.cache
def _fresh_layout() -> Layout:
    """The layout the migrations give a new, empty database (made once, in memory)."""
    from secondopinion_desktop.store import migrations
    from secondopinion_desktop.store.connection import Database

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations.apply(Database(conn))
        return layout_of(conn)
    finally:
        conn.close()


def layout_problem(conn: sqlite3.Connection) -> str | None:
    """None when an up-to-date database has exactly the app's layout, else what differs (for
    the log: names of tables and columns, never any data)."""
    found = layout_of(conn)
    expected = _fresh_layout()
    if found == expected:
        return None
    extra = sorted(str(item[:3]) for item in found - expected)
    missing = sorted(str(item[:3]) for item in expected - found)
    return f"extra {extra[:5]} missing {missing[:5]}"
