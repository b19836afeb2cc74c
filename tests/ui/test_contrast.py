"""Every colour the app paints is readable, in the light palette and in a dark one.

`colours.painted_pairs` is the one table of foreground/background pairs the app paints (text
on pages, the sidebar's states, the primary button, selected rows, card borders, the focus
ring...). Each must reach WCAG 2.2 AA: 4.5:1 for text, 3:1 for large text, borders and the
focus ring. The window itself follows a dark system palette, checked in its pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from secondopinion_desktop.ui.colours import (
    TEXT,
    accent_text_color,
    border_color,
    calm_palette,
    contrast,
    is_dark,
    luminance,
    painted_pairs,
    readable,
)
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, apply_style, follow_system_palette
from tests.helpers.palettes import dark_palette, light_palette
from tests.ui.conftest import AppSession

PALETTES: dict[str, Callable[[], QPalette]] = {"light": light_palette, "dark": dark_palette}
Role = QPalette.ColorRole


def failures(palette: QPalette) -> list[str]:
    return [
        f"{p.what}: {p.fg.name()} on {p.bg.name()} is {p.ratio:.2f}:1, needs {p.need}:1"
        for p in painted_pairs(palette)
        if p.ratio < p.need
    ]


def test_the_contrast_formula_is_wcag_s() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#777777")) == pytest.approx(1)
    assert contrast(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast(QColor("#ffffff"), QColor("#767676")) == pytest.approx(4.54, abs=0.01)
    assert luminance(QColor("#ffffff")) == pytest.approx(1)
    assert luminance(QColor("#808080")) == pytest.approx(0.2159, abs=0.001)


@pytest.mark.parametrize("name", PALETTES)
def test_every_pair_the_app_paints_is_readable(qapp: QApplication, name: str) -> None:
    palette = calm_palette(PALETTES[name]())
    pairs = painted_pairs(palette)
    assert len(pairs) >= 20, "the table lost its rows"
    assert failures(palette) == []


@pytest.mark.parametrize("name", PALETTES)
def test_the_system_palette_is_followed_not_replaced(qapp: QApplication, name: str) -> None:
    system = PALETTES[name]()
    calm = calm_palette(system)
    for role in (Role.Window, Role.WindowText, Role.Base, Role.Text, Role.Button):
        assert calm.color(role) == system.color(role), role
    assert is_dark(calm) == (name == "dark")


def test_the_check_finds_an_unreadable_system_accent(qapp: QApplication) -> None:
    system = dark_palette()  # Breeze's accent under light text: 2.4:1
    raw = system.color(Role.HighlightedText), system.color(Role.Highlight)
    assert contrast(*raw) < TEXT
    assert any("selected row" in f for f in failures(system))
    assert not any("selected row" in f for f in failures(calm_palette(system)))


def test_readable_moves_a_colour_only_as_far_as_needed() -> None:
    white, grey = QColor("#ffffff"), QColor("#aaaaaa")
    moved = readable(grey, [white], TEXT)
    assert TEXT <= contrast(moved, white) < TEXT + 0.3
    assert readable(QColor("#000000"), [white], TEXT) == QColor("#000000")
    on_dark = readable(QColor("#555555"), [QColor("#202020")], TEXT)
    assert on_dark.lightness() > 0x55


def test_readable_gives_the_same_shade_again_and_a_copy_to_change() -> None:
    grey, white = QColor("#aaaaaa"), QColor("#ffffff")
    first = readable(grey, [white], TEXT)
    first.setAlpha(10)  # a caller changing its copy changes nothing kept
    again = readable(grey, [white], TEXT)
    assert again.alpha() == 255 and contrast(again, white) >= TEXT
    assert readable(grey, [QColor("#202020")], TEXT) != again  # other backgrounds, other shade


@pytest.fixture
def dark_app(qapp: QApplication) -> Iterator[QApplication]:
    apply_style(qapp, DEFAULT_POINT_SIZE)
    follow_system_palette(qapp, dark_palette())
    yield qapp
    follow_system_palette(qapp, light_palette())


def test_the_window_follows_a_dark_system_palette(
    dark_app: QApplication, session: AppSession, make_case: Callable[..., object]
) -> None:
    make_case()
    window = session.open()
    window.show_page(2)
    palette = dark_app.palette()
    page = window.stack.currentWidget()
    image = window.grab().toImage()
    corner = page.mapTo(window, QPoint(8, 8))
    assert image.pixelColor(corner) == palette.color(Role.Base)  # the page is dark
    kicker = next(w for w in page.findChildren(QLabel) if w.objectName() == "kicker")
    assert kicker.palette().color(Role.WindowText) == accent_text_color(palette)
    assert contrast(accent_text_color(palette), palette.color(Role.Base)) >= TEXT
    assert contrast(border_color(palette), palette.color(Role.Base)) >= 3


def test_a_change_of_the_system_palette_restyles_the_open_window(
    dark_app: QApplication, session: AppSession, make_case: Callable[..., object]
) -> None:
    make_case()
    window = session.open()
    follow_system_palette(dark_app, light_palette())
    session.qtbot.waitUntil(lambda: not is_dark(window.palette()))
    follow_system_palette(dark_app, dark_palette())
    session.qtbot.waitUntil(lambda: is_dark(window.palette()))
    assert failures(dark_app.palette()) == []
