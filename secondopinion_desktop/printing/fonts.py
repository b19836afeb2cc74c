"""The legible font shipped for printables, registered with Qt once per process.

Printables name PRINT_FONT_FAMILY; registering the shipped files makes a PDF look the same on
every computer, whatever fonts the system has.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from secondopinion_desktop.paths import resources_root
from secondopinion_desktop.printing.cover_sheet import FONT_FAMILY

log = logging.getLogger(__name__)

PRINT_FONT_FAMILY = FONT_FAMILY
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")

_registered: list[str] = []


def register_fonts() -> list[str]:
    """Register the shipped fonts (once); returns the families Qt now knows from them.

    Needs a QGuiApplication. The files are read as bytes and given to
    `addApplicationFontFromData` (the in-memory form of `addApplicationFont`), so this works from
    a wheel or a zip as well. A missing or unreadable file is logged and skipped: printing then
    falls back to the system's sans-serif font, which is plainer but still works.
    """
    if _registered:
        return list(_registered)
    folder = resources_root() / "fonts"
    families: list[str] = []
    for name in FONT_FILES:
        item = folder / name
        try:
            data = item.read_bytes()
        except OSError as exc:
            log.warning("Font %s could not be read: %s", name, exc)
            continue
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id < 0:
            log.warning("Qt refused the font %s", name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    _registered.extend(families)
    return list(_registered)


def print_font_available() -> bool:
    return PRINT_FONT_FAMILY in register_fonts()
