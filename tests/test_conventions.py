"""The house rules for tests, checked so they stay true as tests are added.

- No test reaches a private attribute of the app: what a test needs is public and documented,
  or the test goes through the public surface (widgets, signals, the database).
- Platform needs are markers (`needs_posix`, `needs_tool("strace")`...) that tests/conftest.py
  turns into skips: no test checks `os.name`, `sys.platform` or `shutil.which` to skip itself.
- A fake lives in one place: a class defined in two test modules is a copy to move to
  tests/helpers/.
- Domain, store and services tests run without Qt.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Names of the standard library that start with an underscore and are meant to be used.
ALLOWED_PRIVATE = {"_exit", "_getframe"}
PLATFORM_CHECKS = ("os.name", "sys.platform", "shutil.which", "os.geteuid", "hasattr(os")
QT_FREE_LAYERS = ("domain", "store", "services")
QT_NAMES = ("PySide6", "pytestqt", "qtbot", "qapp", "qtmodeltester")


def python_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if p.name != "test_conventions.py")


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(TESTS.parent)}:{getattr(node, 'lineno', 0)}: {ast.unparse(node)}"


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name not in ALLOWED_PRIVATE


def test_no_test_reaches_a_private_attribute() -> None:
    found: list[str] = []
    for path in python_files():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Attribute) and is_private(node.attr):
                owner = node.value
                if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                    found.append(where(path, node))
            elif isinstance(node, ast.Call) and len(node.args) >= 2:
                name = node.args[1]
                function = ast.unparse(node.func)
                if (
                    function.endswith(("getattr", "setattr", "hasattr", "delattr"))
                    and isinstance(name, ast.Constant)
                    and isinstance(name.value, str)
                    and is_private(name.value)
                ):
                    found.append(where(path, node))
    assert found == [], "expose what the test needs, or test through the public surface"


def test_platform_needs_are_markers_not_checks_in_each_test() -> None:
    found: list[str] = []
    for path in python_files():
        if path.name == "conftest.py" and path.parent == TESTS:
            continue  # the one place that turns markers into skips
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("skipif"):
                condition = ast.unparse(node)
                if any(check in condition for check in PLATFORM_CHECKS):
                    found.append(where(path, node))
    assert found == [], "use a needs_* marker (pyproject.toml lists them)"


def test_each_fake_is_defined_once() -> None:
    defined: dict[str, list[str]] = defaultdict(list)
    for path in python_files():
        for node in parsed(path).body:
            if isinstance(node, ast.ClassDef):
                defined[node.name].append(str(path.relative_to(TESTS.parent)))
    copies = {name: places for name, places in defined.items() if len(places) > 1}
    assert copies == {}, "keep one copy in tests/helpers/ and import it"


def test_domain_store_and_services_tests_need_no_qt() -> None:
    found: list[str] = []
    for layer in QT_FREE_LAYERS:
        for path in sorted((TESTS / layer).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            found += [
                f"{path.relative_to(TESTS.parent)}: {name}" for name in QT_NAMES if name in text
            ]
    assert found == [], "these layers have no Qt: test them without a QApplication"
