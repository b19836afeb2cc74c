"""Whether widgets wear the looks `ui.style.dress` gives: used by tests/ui/test_style.py.

The looks are put on where widgets are made (not by a style's polish), so a widget made
without `dress` would quietly look different; this finds any on a page or in a dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from secondopinion_desktop.ui.style import LABEL_FONTS, MIN_POINT_SIZE, MIN_TARGET, PRIMARY_TARGET


def _base_size() -> int:
    return max(MIN_POINT_SIZE, QApplication.font().pointSize())


def undressed(root: QWidget) -> list[str]:
    """Every shown push button or named label in `root` without its look, in words."""
    found: list[str] = []
    base = _base_size()
    for button in root.findChildren(QPushButton):
        if not button.isVisibleTo(root):
            continue
        name, text = button.objectName(), button.text()
        least = PRIMARY_TARGET if name == "primary" else MIN_TARGET
        wanted_height = max(least, int(button.fontMetrics().height() * 2.0))
        if button.font().pointSize() != base:
            found.append(f"button {text!r}: {button.font().pointSize()} pt, not {base}")
        if button.minimumHeight() < wanted_height or button.minimumWidth() < 80:
            found.append(f"button {text!r}: smallest size {button.minimumSize().toTuple()}")
        if button.font().bold() != (name == "primary"):
            found.append(f"button {text!r} ({name or 'plain'}): bold is {button.font().bold()}")
    for name, (extra, bold) in LABEL_FONTS.items():
        for label in root.findChildren(QLabel, name):
            font = label.font()
            if (font.pointSize(), font.bold()) != (base + extra, bold):
                found.append(
                    f"{name} label {label.text()[:30]!r}: {font.pointSize()} pt"
                    f"{' bold' if font.bold() else ''}, not {base + extra} pt"
                )
    return found
