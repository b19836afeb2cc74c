"""Every keyboard shortcut under a window, and the pairs that would fight over one key.

Qt gives a key to a shortcut only when exactly one matching shortcut is active; when two are,
the key does nothing (or, with an item view's own F2, the window's action wins and the table
never edits). So two shortcuts clash when they share a key and there is a focus position where
both are active:

* a window-wide shortcut (an action of the window's menus, or a QShortcut in a visible widget
  with the default window context) is active wherever the focus is in that window;
* a "widget with children" shortcut is active when the focus is inside its widget;
* a "widget" shortcut only when its own widget has the focus. An item view that edits on its
  edit key (F2) counts as having such a shortcut.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

_Context = Qt.ShortcutContext


@dataclass(frozen=True)
class Binding:
    """One key of one shortcut: what it does and where it is active."""

    key: str
    what: str
    owner: QWidget
    context: Qt.ShortcutContext

    def active_with_focus_on(self, widget: QWidget) -> bool:
        if self.context in (_Context.WindowShortcut, _Context.ApplicationShortcut):
            return True
        if self.context == _Context.WidgetWithChildrenShortcut:
            return self.owner is widget or self.owner.isAncestorOf(widget)
        return self.owner is widget


def _portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def bindings(window: QWidget) -> list[Binding]:
    """The shortcuts active now in ``window`` (QShortcuts of hidden widgets are not)."""
    found: list[Binding] = []
    for action in window.findChildren(QAction):
        owner = action.parent()
        widget = owner if isinstance(owner, QWidget) else window
        if not action.isEnabled() and not action.shortcuts():
            continue
        name = action.text().replace("&", "") or action.objectName() or "an action"
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                context = action.shortcutContext()
                found.append(Binding(_portable(sequence), f"action {name!r}", widget, context))
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        assert isinstance(owner, QWidget)
        if not owner.isVisible() or not shortcut.isEnabled():
            continue
        where = owner.accessibleName() or type(owner).__name__
        for sequence in shortcut.keys():  # noqa: SIM118 - a QShortcut, not a dict
            if not sequence.isEmpty():
                found.append(
                    Binding(
                        _portable(sequence),
                        f"shortcut in {where!r}",
                        owner,
                        shortcut.context(),
                    )
                )
    for view in window.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView):
            continue  # column titles are never edited
        if view.isVisible() and view.editTriggers() & QAbstractItemView.EditTrigger.EditKeyPressed:
            where = view.accessibleName() or type(view).__name__
            found.append(Binding("F2", f"editing in {where!r}", view, _Context.WidgetShortcut))
    return found


def clashes(window: QWidget) -> list[str]:
    """Sentences naming each pair of shortcuts that share a key and are active together."""
    found = bindings(window)
    problems: list[str] = []
    for first_index, first in enumerate(found):
        for second in found[first_index + 1 :]:
            if first.key != second.key:
                continue
            # If both are ever active at once, they are with the focus on one of their widgets.
            if any(
                first.active_with_focus_on(widget) and second.active_with_focus_on(widget)
                for widget in (first.owner, second.owner)
            ):
                problems.append(f"{first.key}: {first.what} and {second.what}")
    return sorted(set(problems))
