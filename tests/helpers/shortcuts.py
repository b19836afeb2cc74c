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
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

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


# --- & mnemonics ------------------------------------------------------------------------------


def _mnemonic(text: str) -> str:
    """The letter after a single & in ``text`` ("" when none), upper case."""
    sequence = QKeySequence.mnemonic(text)
    if sequence.isEmpty():
        return ""
    return _portable(sequence).rsplit("+", 1)[-1].upper()


def mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, what) for each Alt+letter a person can press in ``window`` as it is shown now:
    buttons, check and radio boxes, labels with a buddy, group boxes, tabs and the menu bar."""
    found: list[tuple[str, str]] = []

    def shown(widget: QWidget) -> bool:
        return widget is window or widget.isVisibleTo(window)

    for widget in window.findChildren(QWidget):
        if not shown(widget):
            continue
        text = ""
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index) and (letter := _mnemonic(widget.tabText(index))):
                    found.append((letter, f"tab {widget.tabText(index)!r}"))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible() and (letter := _mnemonic(action.text())):
                    found.append((letter, f"menu {action.text()!r}"))
        if text and (letter := _mnemonic(text)):
            found.append((letter, f"{type(widget).__name__} {text!r}"))
    return found


def mnemonic_clashes(window: QWidget) -> list[str]:
    """Sentences naming each letter two controls of ``window`` (or two items of one of its
    menus) both use, so Alt+letter would not do what either says."""
    problems: list[str] = []
    groups: list[list[tuple[str, str]]] = [mnemonics(window)]
    for menu in window.findChildren(QMenu):
        groups.append(
            [
                (letter, f"item {action.text()!r} of {menu.title() or 'a menu'!r}")
                for action in menu.actions()
                if action.isVisible() and not action.isSeparator()
                if (letter := _mnemonic(action.text()))
            ]
        )
    for group in groups:
        by_letter: dict[str, list[str]] = {}
        for letter, what in group:
            by_letter.setdefault(letter, []).append(what)
        problems.extend(
            f"Alt+{letter}: {' and '.join(sorted(whats))}"
            for letter, whats in by_letter.items()
            if len(whats) > 1
        )
    return sorted(problems)
