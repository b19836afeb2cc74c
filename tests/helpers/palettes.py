"""System palettes a person may have: Fusion's light one, and a real dark desktop palette.

The offscreen platform has no dark mode to switch to, so the dark system palette is written
out here: KDE Plasma's Breeze Dark colour scheme (kdeglobals), as the Qt platform theme hands
it to every Qt application on that desktop. Its accent (#3daee9) under light text reaches
only 2.4:1, a real case of a system colour the app must make readable.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleFactory

Role = QPalette.ColorRole

BREEZE_DARK = {
    Role.Window: "#31363b",
    Role.WindowText: "#eff0f1",
    Role.Base: "#232629",
    Role.AlternateBase: "#31363b",
    Role.Text: "#eff0f1",
    Role.Button: "#31363b",
    Role.ButtonText: "#eff0f1",
    Role.BrightText: "#ffffff",
    Role.Highlight: "#3daee9",
    Role.Accent: "#3daee9",
    Role.HighlightedText: "#eff0f1",
    Role.ToolTipBase: "#31363b",
    Role.ToolTipText: "#eff0f1",
    Role.Link: "#1d99f3",
    Role.PlaceholderText: "#7f8c8d",
    Role.Light: "#474d54",
    Role.Midlight: "#3c4248",
    Role.Mid: "#464c52",
    Role.Dark: "#1d2023",
    Role.Shadow: "#141618",
}


def dark_palette() -> QPalette:
    """Breeze Dark, for every colour group (disabled text dimmed as Breeze does)."""
    palette = QPalette()
    for role, name in BREEZE_DARK.items():
        palette.setColor(role, QColor(name))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7175"))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette: what the app shows where the system gives none."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()
