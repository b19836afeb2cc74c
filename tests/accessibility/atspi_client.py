"""The screen reader's side of the AT-SPI test: run by Debian's /usr/bin/python3, not the venv.

Debian's PyGObject and Atspi typelib are built for the system Python, and talking to D-Bus from
the test process would trip the tests' socket guard, so the test starts this script as a
separate process and speaks JSON lines with it on stdin/stdout. It knows nothing about the app:
it reads the accessible tree as Orca would (role, name, description, states, actions, table
headers) and carries out the only things a screen-reader user can do through AT-SPI (an
action, typing into editable text, choosing an item of a list). Objects are addressed by
their path of child indexes from the application.

Standard library and gi only: this file is never imported by the tests.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

MAX_CHILDREN = 400
STATES = {
    "focusable": Atspi.StateType.FOCUSABLE,
    "focused": Atspi.StateType.FOCUSED,
    "showing": Atspi.StateType.SHOWING,
    "visible": Atspi.StateType.VISIBLE,
    "enabled": Atspi.StateType.ENABLED,
    "selected": Atspi.StateType.SELECTED,
    "checked": Atspi.StateType.CHECKED,
    "modal": Atspi.StateType.MODAL,
    "editable": Atspi.StateType.EDITABLE,
}


def find_app(name: str, timeout: float) -> Any:
    """The application called `name` on the accessibility bus, once it has a window."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_name() == name and app.get_child_count() > 0:
                return app
        time.sleep(0.1)
    raise TimeoutError(f"no application {name!r} on the accessibility bus")


# Roles whose description, actions and interfaces are read (the rest are only walked through).
DETAILED = {"menu item", "check box", "radio button", "table"}
# Closed menus are read only when asked for (a screen reader lists them and presses items).
MENUS = {"menu", "popup menu", "menu item"}


def node(obj: Any, path: list[int], menus: bool = False) -> dict[str, Any]:
    """One object as a screen reader reads it, with its visible children."""
    states = obj.get_state_set()
    role = obj.get_role_name()
    out: dict[str, Any] = {
        "path": path,
        "role": role,
        "name": obj.get_name() or "",
        "states": sorted(k for k, v in STATES.items() if states.contains(v)),
        "children": [],
    }
    if "focusable" in out["states"] or role in DETAILED:
        details(obj, out)
    if role in MENUS and not menus:
        return out
    if role != "table cell" and ("visible" in out["states"] or role in MENUS):
        count = min(obj.get_child_count(), MAX_CHILDREN)
        for i in range(count):
            child = obj.get_child_at_index(i)
            if child is not None:
                out["children"].append(node(child, [*path, i], menus))
    return out


def details(obj: Any, out: dict[str, Any]) -> None:
    """What is read of a control: its description, actions, table headers, text, items."""
    interfaces = set(obj.get_interfaces())
    out["description"] = obj.get_description() or ""
    if "Action" in interfaces:
        out["actions"] = [obj.get_action_name(i) for i in range(obj.get_n_actions())]
    if "Table" in interfaces:
        headers = []
        for column in range(obj.get_n_columns()):
            header = obj.get_column_header(column)
            headers.append(header.get_name() if header is not None else "")
        out["columns"] = headers
        out["rows"] = obj.get_n_rows()
    if "EditableText" in interfaces:
        out["text"] = obj.get_text(0, obj.get_character_count())
    if out["role"] == "combo box":
        out["items"] = combo_items(obj)
    out["labelled_by"] = [
        relation.get_target(i).get_name() or ""
        for relation in obj.get_relation_set()
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY
        for i in range(relation.get_n_targets())
    ]


def combo_items(combo: Any) -> list[str]:
    """What a closed combo box offers: an unnamed one reads its current item as its name."""
    for i in range(combo.get_child_count()):
        child = combo.get_child_at_index(i)
        if child is not None and child.get_role_name() == "list":
            count = min(child.get_child_count(), MAX_CHILDREN)
            return [child.get_child_at_index(j).get_name() or "" for j in range(count)]
    return []


def resolve(app: Any, path: list[int]) -> Any:
    obj = app
    for i in path:
        obj = obj.get_child_at_index(i)
        if obj is None:
            raise LookupError(f"nothing at {path}")
    return obj


def matches(obj: Any, role: str, name: str) -> bool:
    return obj.get_role_name() == role and (obj.get_name() or "") == name


def search(obj: Any, role: str, name: str) -> Any:
    """The first showing object under `obj` with this role and name, read now."""
    if matches(obj, role, name):
        return obj
    showing = obj.get_state_set().contains(Atspi.StateType.SHOWING)
    if not showing and obj.get_role_name() not in MENUS:
        return None
    for i in range(min(obj.get_child_count(), MAX_CHILDREN)):
        child = obj.get_child_at_index(i)
        found = search(child, role, name) if child is not None else None
        if found is not None:
            return found
    return None


def target(app: Any, request: dict[str, Any]) -> Any:
    """The control a request is for: at its path when that is still the control named, else
    looked for again in its window (a path read earlier goes stale when a row appears)."""
    role, name = request.get("role"), request.get("name_of")
    try:
        obj = resolve(app, request["path"])
    except LookupError:
        obj = None
    if role is None or name is None or (obj is not None and matches(obj, role, name)):
        if obj is None:
            raise LookupError(f"nothing at {request['path']}")
        return obj
    first = request["path"][0]
    count = app.get_child_count()
    for index in [first, *(i for i in range(count) if i != first)]:  # its window first
        window = app.get_child_at_index(index) if index < count else None
        found = search(window, role, name) if window is not None else None
        if found is not None:
            return found
    raise LookupError(f"no {role} called {name!r} any more")


def answer(app: Any, request: dict[str, Any]) -> Any:
    """Carry out a request; reading again when a window closed while it was being read."""
    if request["cmd"] not in ("windows", "states", "tree"):
        return handle(app, request)
    for _attempt in range(10):
        try:
            return handle(app, request)
        except Exception:
            time.sleep(0.1)
    return handle(app, request)


def handle(app: Any, request: dict[str, Any]) -> Any:
    command = request["cmd"]
    if command == "windows":
        return [
            {"path": [i], "role": window.get_role_name(), "name": window.get_name() or ""}
            for i in range(app.get_child_count())
            if (window := app.get_child_at_index(i)) is not None
        ]
    if command == "states":
        obj = resolve(app, request["path"])
        states = obj.get_state_set()
        return sorted(k for k, v in STATES.items() if states.contains(v))
    if command == "tree":
        return node(resolve(app, request["path"]), request["path"], request.get("menus", False))
    obj = target(app, request)
    if command == "action":
        names = [obj.get_action_name(i) for i in range(obj.get_n_actions())]
        return obj.do_action(names.index(request["name"]))
    if command == "set_text":
        return obj.set_text_contents(request["text"])
    if command == "select":
        return obj.select_child(request["index"])
    if command == "grab_focus":
        return obj.grab_focus()
    raise ValueError(f"unknown command {command!r}")


def main() -> None:
    app = find_app(sys.argv[1], float(sys.argv[2]))
    print(json.dumps({"ok": True}), flush=True)
    for line in sys.stdin:
        try:
            reply = {"ok": True, "value": answer(app, json.loads(line))}
        except Exception as error:
            reply = {"ok": False, "error": f"{type(error).__name__}: {error}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
