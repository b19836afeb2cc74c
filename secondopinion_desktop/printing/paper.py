"""Which paper the printables use: the person's choice, else Letter or A4 by country.

Apart from render.py so a page can offer the choice without loading the PDF machinery.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings

PAGE_SIZE_KEY = "printing/page_size"
PAPER_NAMES = ("Letter", "A4")
LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)


def locale_page_size(locale: QLocale | None = None) -> str:
    """'Letter' in the US and Canada, else 'A4'."""
    territory = (locale or QLocale()).territory()
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


def chosen_page_size(settings: QSettings | None = None, locale: QLocale | None = None) -> str:
    """The page size from the settings (if the person chose one), else from the locale."""
    if settings is not None:
        value = settings.value(PAGE_SIZE_KEY)
        if isinstance(value, str) and value in PAPER_NAMES:
            return value
    return locale_page_size(locale)
