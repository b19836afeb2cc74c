"""ui/ reaches the data only through the repository facade and services/, never SQLite."""

from __future__ import annotations

import ast
from pathlib import Path

import secondopinion_desktop

UI = Path(secondopinion_desktop.__file__).parent / "ui"
ALLOWED_STORE = {"secondopinion_desktop.store.repository"}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_ui_never_imports_store_internals_or_sqlite() -> None:
    wrong: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        for module in imported_modules(path):
            store = module.startswith("secondopinion_desktop.store")
            if (
                module == "sqlite3"
                or module.startswith("sqlite3.")
                or (
                    store
                    and not any(
                        module == allowed or module.startswith(allowed + ".")
                        for allowed in ALLOWED_STORE
                    )
                    and module != "secondopinion_desktop.store"
                )
            ):
                wrong.append(f"{path.relative_to(UI)}: {module}")
    assert wrong == []


def test_ui_never_touches_the_connection() -> None:
    reaching = [
        str(path.relative_to(UI))
        for path in sorted(UI.rglob("*.py"))
        if ".db.conn" in path.read_text(encoding="utf-8")
    ]
    assert reaching == []
