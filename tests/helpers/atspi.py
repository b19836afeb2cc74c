"""The real program on a virtual screen, read and driven through AT-SPI as Orca would.

`Desktop` starts Xvfb and a private D-Bus session (the accessibility bus is started by D-Bus
on first use, as on a desktop). `start_app` runs the program in its own process with
Qt's AT-SPI bridge always on, and `Reader` is the screen reader: Debian's Python running
tests/accessibility/atspi_client.py, which sees only what AT-SPI exposes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.helpers.real_app import app_env

SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT = Path(__file__).parent.parent / "accessibility" / "atspi_client.py"
APP_NAME = "Second Opinion"
# Rows of a table or list repeat their values; they are checked as cells, not as controls.
ITEM_ROLES = {"table cell", "list item", "tree item", "table row header", "table column header"}

Node = dict[str, Any]


def missing_packages() -> str | None:
    """Why AT-SPI cannot be tried on this machine, or None when everything is there."""
    for tool in ("Xvfb", "dbus-daemon"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: xvfb, dbus)"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi-bus-launcher is not installed (Debian: at-spi2-core)"
    import PySide6

    xcb = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if xcb.exists():
        libraries = subprocess.run(["ldd", str(xcb)], capture_output=True, text=True).stdout
        absent = [line.split()[0] for line in libraries.splitlines() if "not found" in line]
        if absent:
            return f"Qt's xcb platform cannot load: {', '.join(absent)} missing"
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", probe], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "Debian's python3-gi and gir1.2-atspi-2.0 are not installed"
    return None


class Desktop:
    """Xvfb plus a session bus, in `home`, stopped with `close()`."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = app_env(home)
        self.env.pop("QT_QPA_PLATFORM", None)
        read, write = os.pipe()
        self._xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as display:
            self.env["DISPLAY"] = ":" + display.readline().strip()
        self._bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.env,
        )
        assert self._bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._bus.stdout.readline().strip()
        self.env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        self.env["PYTHONPATH"] = str(Path(__file__).parent.parent.parent)

    def close(self) -> None:
        for process in (self._bus, self._xvfb):
            process.terminate()
            process.communicate(timeout=10)


def start_app(desktop: Desktop, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "secondopinion_desktop", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=desktop.env,
    )


@dataclass
class Reader:
    """The screen reader's view of one running app."""

    process: subprocess.Popen[str]
    trees: int = field(default=0)

    @classmethod
    def attach(cls, desktop: Desktop, timeout: float = 30) -> Reader:
        process = subprocess.Popen(
            [SYSTEM_PYTHON, str(CLIENT), APP_NAME, str(timeout)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=desktop.env,
        )
        reader = cls(process)
        reader.reply()
        return reader

    def reply(self) -> Any:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError("the AT-SPI client stopped")
        reply = json.loads(line)
        if not reply["ok"]:
            raise AssertionError(reply["error"])
        return reply.get("value")

    def ask(self, cmd: str, **args: Any) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self.process.stdin.flush()
        return self.reply()

    def windows(self) -> list[Node]:
        """The program's windows (path, role and title only: quick to ask for)."""
        result: list[Node] = self.ask("windows")
        return result

    def tree(self, window: Node, menus: bool = False) -> Node:
        """Everything a screen reader can read in one window (with its menus' items)."""
        self.trees += 1
        result: Node = self.ask("tree", path=window["path"], menus=menus)
        return result

    def window(self, role: str, title: str = "", menus: bool = False) -> Node | None:
        """The window with this role whose title starts with `title`, read whole."""
        for window in self.windows():
            if window["role"] == role and window["name"].startswith(title):
                return self.tree(window, menus)
        return None

    def states(self, item: Node) -> list[str]:
        result: list[str] = self.ask("states", path=item["path"])
        return result

    def press(self, control: Node) -> None:
        actions = control.get("actions", [])
        assert actions, f"{control['role']} {control['name']!r} has no action"
        action = "Press" if "Press" in actions else actions[0]
        self.ask("action", **self._where(control), name=action)

    def type_into(self, control: Node, text: str) -> None:
        assert self.ask("set_text", **self._where(control), text=text), control

    def choose(self, control: Node, index: int) -> None:
        assert self.ask("select", **self._where(control), index=index), control

    @staticmethod
    def _where(control: Node) -> dict[str, Any]:
        """The control's path as read, and its role and name: the client acts on the control
        so named, found again if the path went stale (a layout changed since the read)."""
        return {"path": control["path"], "role": control["role"], "name_of": control["name"]}

    def wait_for(self, found: Callable[[], Any], what: str, timeout: float = 15) -> Any:
        """Ask again until `found` returns something true, and return that."""
        end = time.monotonic() + timeout
        while True:
            result = found()
            if result:
                return result
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            time.sleep(0.1)

    def close(self) -> None:
        self.process.communicate(timeout=10)


def walk(root: Node) -> Iterator[Node]:
    yield root
    for child in root["children"]:
        yield from walk(child)


def find(root: Node, role: str, name: str | None = None, showing: bool = True) -> Node | None:
    """The first object with this role (and name) that is on screen (or anywhere)."""
    for item in walk(root):
        if item["role"] != role or (showing and "showing" not in item["states"]):
            continue
        if name is None or item["name"] == name:
            return item
    return None


def controls(window: Node) -> list[Node]:
    """What Tab and Orca's lists reach in a window: every focusable object on screen but the
    rows of tables and lists (checked as cells) and labels (read as text)."""
    return [
        item
        for item in reachable(window)
        if item is not window
        and item["role"] not in ITEM_ROLES
        and item["role"] != "label"
        and {"focusable", "showing"} <= set(item["states"])
    ]


def reachable(root: Node) -> Iterator[Node]:
    """Like `walk`, without the items of closed combo-box lists and menus (read when open)."""
    yield root
    if root["role"] in ("combo box", "menu bar", "popup menu"):
        return
    for child in root["children"]:
        yield from reachable(child)


def spoken(control: Node) -> str:
    """What Orca says for a control: its labels (Qt's buddy labels), then its name.

    Qt on Linux names a combo box by its current item and gives its label as a relation.
    """
    labels = [label.strip() for label in control.get("labelled_by", ()) if label.strip()]
    name = control["name"].strip()
    return " ".join(labels if name in labels else [*labels, name]).strip()


def problems(window: Node) -> list[str]:
    """What a screen-reader user would stumble on in this window, one sentence each."""
    found: list[str] = []
    seen: dict[str, Node] = {}
    where = window["name"] or window["role"]
    for control in controls(window):
        name = spoken(control)
        if control["role"] in ("unknown", "invalid"):
            found.append(f"{where}: {name!r} has no role a screen reader knows")
        if not name or name.startswith(":") or name.endswith(":"):
            found.append(f"{where}: a {control['role']} has no name that says what it does")
        elif name in control.get("items", ()):
            found.append(f"{where}: a combo box is read only as its value {name!r}")
        elif name in seen:
            found.append(f"{where}: two controls are called {name!r}")
        else:
            seen[name] = control
    for item in walk(window):
        unnamed_button = item["role"] == "push button" and not item["name"].strip()
        if unnamed_button and "showing" in item["states"] and "focusable" not in item["states"]:
            found.append(f"{where}: a button on screen has no name (Tab skips it, review reads it)")
        label = item["role"] == "label" and {"focusable", "showing"} <= set(item["states"])
        if label and not item["name"].strip():
            found.append(f"{where}: an empty label can take the focus")
        if item["role"] in ("table", "tree table") and "showing" in item["states"]:
            found += table_problems(where, item)
    return found


def table_problems(where: str, table: Node) -> list[str]:
    found = []
    headers = table.get("columns", [])
    if not table.get("rows"):  # Qt gives AT-SPI the headers of a table's first row's cells
        headers = [c["name"] for c in table["children"] if c["role"] == "table column header"]
    if not headers or not all(h.strip() for h in headers):
        found.append(f"{where}: table {table['name']!r} has column headers {headers!r}")
    cells = [c for c in table["children"] if c["role"] == "table cell"]
    if table.get("rows") and not any(c["name"].strip() for c in cells):
        found.append(f"{where}: table {table['name']!r} has rows but its cells read nothing")
    return found
