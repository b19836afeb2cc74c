"""The layout of the app's database (tables, columns, keys, indexes, triggers, views), to
check a file before it is trusted: a backup about to take the place of the person's data, and
the data file itself at every start.

SQLite's integrity check says a file is whole, not that its layout is the app's own. A backup
changed by something else passed it and was restored: a trigger in it deleted every other case
as soon as one was added; a table rebuilt without its columns made every read fail and every
later start stop. The same file as the live database (another program's tables beside a
migrations table, a column dropped) was opened, migrated or failed with 'Something went
wrong'. A file is compared here with the layout the migrations give a new database, by
structure (names, types, keys), not by the SQL's spelling, which sqlite-utils versions write
differently.
"""

from __future__ import annotations

import functools
import sqlite3
import zlib
from typing import Final

__all__ = ["layout_of", "layout_problem", "start_problem"]

Layout = frozenset[tuple[object, ...]]

# The fingerprint of the layout the KNOWN_STEPS migrations make. After adding a migration,
# tests/store/test_layout.py fails and prints the new numbers; until they are put here the
# start compares item by item (importing sqlite-utils, 45 ms), slower but never wrong.
KNOWN_STEPS: Final = 9
KNOWN: Final = (235, 939519182, 14752)

# sqlite_sequence and sqlite_stat1 belong to SQLite; the automatic indexes of UNIQUE columns
# are compared through their table's index list.
_OWN: Final = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
_OBJECTS: Final = f"SELECT type, name, tbl_name FROM sqlite_master m WHERE {_OWN}"
_COLUMNS: Final = (
    'SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk '
    f"FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND {_OWN}"
)
_KEYS: Final = (
    "SELECT m.name, p.* FROM sqlite_master m, pragma_foreign_key_list(m.name) p "
    f"WHERE m.type = 'table' AND {_OWN}"
)
_INDEXES: Final = (
    'SELECT m.name, i.name, i."unique", i.origin, i.partial, c.name '
    "FROM sqlite_master m JOIN pragma_index_list(m.name) i "
    "LEFT JOIN pragma_index_info(i.name) c "
    f"WHERE m.type = 'table' AND {_OWN} ORDER BY m.name, i.name, c.seqno"
)


def layout_of(conn: sqlite3.Connection) -> Layout:
    """Every table, column, foreign key, index, trigger and view of the main database (four
    statements, so the check at every start costs about a millisecond)."""
    found: set[tuple[object, ...]] = {tuple(row) for row in conn.execute(_OBJECTS)}
    for table, cid, column, declared, notnull, default, pk in conn.execute(_COLUMNS):
        found.add(("column", table, cid, column, declared.upper(), notnull, default, pk))
    found.update(("foreign key", *row) for row in conn.execute(_KEYS))
    indexes: dict[tuple[object, ...], list[object]] = {}
    for table, index, unique, origin, partial, column in conn.execute(_INDEXES):
        automatic = index.startswith("sqlite_autoindex_")
        key = ("index of", table, "" if automatic else index, unique, origin, partial)
        columns = indexes.setdefault(key, [])
        if column is not None or origin != "pk":
            columns.append(column)
    found.update((*key, tuple(columns)) for key, columns in indexes.items())
    return frozenset(found)


@functools.cache
def made_layout(steps: int) -> Layout:
    """The layout the first `steps` migrations give a new, empty database (made once each,
    in memory; imports sqlite-utils, so the start asks `fingerprint` first)."""
    from secondopinion_desktop.store import migrations
    from secondopinion_desktop.store.connection import Database

    names = migrations.known_names()
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations.apply(Database(conn), stop_before=names[steps] if steps < len(names) else None)
        return layout_of(conn)
    finally:
        conn.close()


def _difference(found: Layout, expected: Layout) -> str | None:
    if found == expected:
        return None
    extra = sorted(str(item[:4]) for item in found - expected)
    missing = sorted(str(item[:4]) for item in expected - found)
    return f"extra {extra[:5]} missing {missing[:5]}"


def fingerprint(layout: Layout) -> tuple[int, int, int]:
    """A layout in three numbers: its items, and the CRC-32 and length of their sorted text.
    It tells an accidental change (another program, a hand edit, a damaged page) from the
    app's layout; it is no seal against someone who can already write the data folder."""
    text = "\n".join(sorted(map(repr, layout))).encode()
    return len(layout), zlib.crc32(text), len(text)


def layout_problem(conn: sqlite3.Connection) -> str | None:
    """None when an up-to-date database has exactly the app's layout, else what differs (for
    the log: names of tables and columns, never any data)."""
    from secondopinion_desktop.store import migrations

    return _difference(layout_of(conn), made_layout(len(migrations.known_names())))


def start_problem(conn: sqlite3.Connection, applied: list[str]) -> str | None:
    """None when a data file with these migrations applied (in the app's order, the newest
    ones possibly still to come) has exactly the layout they make, else what differs.

    An up-to-date file is first compared by `fingerprint` with KNOWN, so an ordinary start
    needs no sqlite-utils; any other file, and one that differs, is compared item by item."""
    from secondopinion_desktop.store import migrations

    if applied != migrations.known_names()[: len(applied)]:
        return f"migrations out of order: {len(applied)} applied"
    found = layout_of(conn)
    if len(applied) == KNOWN_STEPS and fingerprint(found) == KNOWN:
        return None
    return _difference(found, made_layout(len(applied)))
