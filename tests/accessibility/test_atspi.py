"""The app as Orca meets it: the real program on a virtual screen, read through AT-SPI alone.

Every page and every dialog is walked (controls named, no two alike, tables with headers and
cells, the sidebar's steps in words), then a case is made, a doctor added, a call logged and
the doctor booked with AT-SPI actions only, and the database is read afterwards.
Needs Debian's xvfb, dbus, at-spi2-core, python3-gi and gir1.2-atspi-2.0 (.ci/run installs
them); skipped, saying which is missing, where they cannot be installed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.atspi import (
    Desktop,
    Node,
    Reader,
    find,
    missing_packages,
    problems,
    start_app,
)

pytestmark = [pytest.mark.needs_linux]

STEP_ITEM = re.compile(
    r"^(Step [1-6]: [^.]+|The outcome)\. (Done|Next|Not done yet|After the visit|Open)[^.]*\.$"
)


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    reason = missing_packages()
    if reason:
        print(f"AT-SPI test skipped: {reason}")
        pytest.skip(reason)
    screen = Desktop(tmp_path_factory.mktemp("atspi-home"))
    yield screen
    screen.close()


class Session:
    """One running program and the screen reader attached to it."""

    def __init__(self, desktop: Desktop, data: Path, *args: str) -> None:
        self.data = data
        self.app = start_app(desktop, "--data-dir", str(data), *args)
        self.reader = Reader.attach(desktop)
        self.found: list[str] = []

    def main(self) -> Node:
        main = self.reader.window("frame")
        assert main is not None
        return main

    def check(self, window: Node) -> None:
        self.found += problems(window)

    def dialog(self, title: str) -> Node:
        """Wait for the dialog whose title starts with `title`, and read it."""
        found: Node = self.reader.wait_for(
            lambda: self.reader.window("dialog", title), f"the dialog {title!r}"
        )
        return found

    def gone(self, title: str) -> None:
        self.reader.wait_for(
            lambda: not any(w["name"].startswith(title) for w in self.reader.windows()),
            f"{title!r} to close",
        )

    def press(self, window: Node, name: str, role: str = "push button") -> None:
        control = find(window, role, name, showing=role != "menu item")
        assert control is not None, f"no {role} called {name!r}"
        self.reader.press(control)

    def open_page(self, index: int) -> Node:
        """Choose a step in the sidebar (AT-SPI selection) and wait until its page shows."""
        steps = find(self.main(), "list", "Steps")
        assert steps is not None
        self.reader.choose(steps, index)
        item = steps["children"][index]
        self.reader.wait_for(lambda: "selected" in self.reader.states(item), f"step {index + 1}")
        return self.main()

    def try_dialog(self, window: Node, button: str, title: str, close: str = "Cancel") -> None:
        """Open a dialog from `button`, read it, and close it with its `close` button."""
        self.press(window, button)
        dialog = self.dialog(title)
        self.check(dialog)
        self.press(dialog, close)
        self.gone(title)

    def quit(self) -> None:
        """File > Quit, as a screen reader presses a menu item, and wait for the exit."""
        main = self.reader.window("frame", menus=True)
        assert main is not None
        self.press(main, "Quit", role="menu item")
        try:
            _, errors = self.app.communicate(timeout=30)
        finally:
            self.reader.close()
        assert self.app.returncode == 0, errors


# Per page of the demo case: the buttons that open a dialog, its title, and how it closes.
DIALOGS: list[list[tuple[str, str, str]]] = [
    [("Add your current doctor", "Add a doctor", "Cancel")],
    [("Add a doctor", "Add a doctor", "Cancel")],
    [
        ("Log a call to the selected doctor", "Log a call", "Cancel"),
        ("Show what to ask on the phone", "What to ask", "Close"),
        ("Edit the selected doctor", "Edit doctor", "Cancel"),
        ("Change the date, time or place of the visit", "Book", "Cancel"),
    ],
    [("Add an item", "Add an item", "Cancel"), ("Change the selected item", "Change", "Cancel")],
    [("Add an item", "Add an item", "Cancel")],
    [("Add a question of your own", "Add a question", "Cancel")],
    [
        ("First opinion: change", "First opinion", "Cancel"),
        ("Second opinion: write it down", "Second opinion", "Cancel"),
    ],
]


def sidebar_problems(main: Node) -> list[str]:
    steps = find(main, "list", "Steps")
    assert steps is not None
    items = [c["name"] for c in steps["children"] if c["role"] == "list item"]
    assert len(items) == 7, items
    return [
        f"sidebar item {name!r} does not say its step and state"
        for name in items
        if not STEP_ITEM.match(name)
    ]


def test_demo_case_every_page_and_dialog(desktop: Desktop, tmp_path: Path) -> None:
    session = Session(desktop, tmp_path / "data", "--demo")
    reminders = session.dialog("Reminders")  # the demo always has reminders due
    session.check(reminders)
    session.press(reminders, "Close the reminders window")
    session.gone("Reminders")
    main = session.main()
    session.found += sidebar_problems(main)
    session.try_dialog(main, "Case details", "Case details")
    session.try_dialog(main, "New case", "New case")
    menus = session.reader.window("frame", menus=True)
    assert menus is not None
    session.press(menus, "Reminders\u2026", role="menu item")
    reminders = session.dialog("Reminders")
    session.check(reminders)
    session.try_dialog(reminders, "Add a reminder of your own", "A new reminder")
    session.press(reminders, "Close the reminders list")
    session.gone("Reminders")
    for index, dialogs in enumerate(DIALOGS):
        page = session.open_page(index)
        session.check(page)
        for button, title, close in dialogs:
            session.try_dialog(page, button, title, close)
    print(f"{len(session.found)} problems:", *session.found, sep="\n  ")
    session.quit()
    assert session.found == []


def fill(session: Session, dialog: Node, values: dict[str, str]) -> None:
    """Type into each named field of a dialog through AT-SPI's editable text."""
    for name, value in values.items():
        field = find(dialog, "text", name)
        assert field is not None, f"no field called {name!r} in {dialog['name']!r}"
        session.reader.type_into(field, value)


def test_new_case_journey_by_screen_reader(desktop: Desktop, tmp_path: Path) -> None:
    session = Session(desktop, tmp_path / "data")
    welcome = session.main()
    session.check(welcome)
    session.press(welcome, "Start a new case")
    dialog = session.dialog("New case")
    session.check(dialog)
    fill(session, dialog, {"Patient's name": "Walter Brooks", "Diagnosis": "Prostate cancer"})
    session.press(dialog, "Create case")
    session.gone("New case")
    main = session.main()
    session.found += sidebar_problems(main)

    page = session.open_page(1)
    session.check(page)
    session.press(page, "Add a doctor")
    dialog = session.dialog("Add a doctor")
    fill(session, dialog, {"Doctor's name": "Dr. Ana Ruiz", "Phone number": "(555) 100-2000"})
    session.press(dialog, "Add doctor")
    session.gone("Add a doctor")

    page = session.open_page(2)
    session.check(page)
    session.press(page, "Log a call to the selected doctor")
    dialog = session.dialog("Log a call")
    session.check(dialog)
    fill(session, dialog, {"Who answered": "Tom at the front desk"})
    session.press(dialog, "Save call")
    session.gone("Log a call")
    page = session.main()
    session.press(page, "Choose the selected doctor and book the visit")
    dialog = session.dialog("Book")
    session.check(dialog)
    fill(session, dialog, {"Day of the visit": "3 December 2030", "Where the visit is": "Ward 4"})
    session.press(dialog, "Book this visit")
    session.gone("Book")
    for index in range(7):
        session.check(session.open_page(index))
    print(f"{len(session.found)} problems:", *session.found, sep="\n  ")
    session.quit()

    db = sqlite3.connect(f"file:{tmp_path / 'data' / 'secondopinion.db'}?mode=ro", uri=True)
    try:
        assert db.execute("SELECT patient_name, diagnosis FROM cases").fetchall() == [
            ("Walter Brooks", "Prostate cancer")
        ]
        assert db.execute("SELECT name, phone, status FROM doctors").fetchall() == [
            ("Dr. Ana Ruiz", "(555) 100-2000", "booked")
        ]
        assert db.execute("SELECT answered_by FROM calls").fetchall() == [
            ("Tom at the front desk",)
        ]
        visits = db.execute("SELECT starts_at, place FROM appointments").fetchall()
        assert [(when[:10], place) for when, place in visits] == [("2030-12-03", "Ward 4")]
    finally:
        db.close()
    assert session.found == []
