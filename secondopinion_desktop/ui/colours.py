"""Every colour the app paints, derived from the system palette and kept readable.

The app follows the person's light or dark system palette. A system colour is used as it is
when it is readable, and otherwise moved (darker on a light window, lighter on a dark one)
until it is: WCAG 2.2 AA asks for a contrast of at least 4.5:1 for text, 3:1 for large
text, and 3:1 for borders and the focus ring. `painted_pairs` lists every foreground and
background the app paints together, in one table, so tests/ui/test_contrast.py can check
each of them in the light palette and in a dark one.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from secondopinion_desktop.domain.frozen import frozen

TEXT = 4.5  # normal text (WCAG 1.4.3)
LARGE = 3.0  # text of 18 pt, or 14 pt bold, and larger (WCAG 1.4.3)
GRAPHIC = 3.0  # borders, the focus ring, shapes that carry meaning (WCAG 1.4.11)

Role = QPalette.ColorRole

# Colours with a meaning, as (on a light window, on a dark window); always paired with words.
DONE = ("#1b6e2a", "#7fd18b")
ATTENTION = ("#9a4a00", "#ffb86b")
OVERDUE = ("#b3261e", "#ff8a80")


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG 2.2), from the sRGB channels."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """The contrast ratio of two opaque colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(front: QColor, back: QColor, amount: float) -> QColor:
    """`front` laid over `back` with opacity `amount`, as the opaque colour a person sees."""
    return QColor.fromRgbF(
        front.redF() * amount + back.redF() * (1 - amount),
        front.greenF() * amount + back.greenF() * (1 - amount),
        front.blueF() * amount + back.blueF() * (1 - amount),
    )


Shade = tuple[float, float, float, float]
_READABLE: dict[tuple[Shade, tuple[Shade, ...], float], QColor] = {}
_READABLE_KEPT = 256  # far more than the colours one palette gives


def _shade(color: QColor) -> Shade:
    return color.redF(), color.greenF(), color.blueF(), color.alphaF()


def readable(color: QColor, backgrounds: list[QColor], need: float) -> QColor:
    """`color` if it reaches `need` on every background; else the nearest shade that does,
    moved toward black on light backgrounds and toward white on dark ones.

    Worked out once per colour and backgrounds: every card, step and table cell asks at each
    repaint, and the search took a window repaint 30 ms longer when a case was opened.
    """
    key = (_shade(color), tuple(map(_shade, backgrounds)), need)
    found = _READABLE.get(key)
    if found is None:
        if len(_READABLE) >= _READABLE_KEPT:
            _READABLE.clear()
        found = _READABLE[key] = _readable(color, backgrounds, need)
    return QColor(found)  # a copy: the caller may change it


def _readable(color: QColor, backgrounds: list[QColor], need: float) -> QColor:
    darkest = min(luminance(b) for b in backgrounds)
    lightest = max(luminance(b) for b in backgrounds)
    toward = QColor("#000000") if darkest + lightest > 0.4 else QColor("#ffffff")
    for step in range(101):
        shade = blend(toward, color, step / 100)
        if all(contrast(shade, b) >= need for b in backgrounds):
            return shade
    return toward


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightness() < 128


def _meaning(palette: QPalette, pair: tuple[str, str]) -> QColor:
    base = QColor(pair[1] if is_dark(palette) else pair[0])
    return readable(base, _grounds(palette), TEXT)


def _grounds(palette: QPalette) -> list[QColor]:
    """What text is written on: pages and tables (Base, and AlternateBase on every other
    row), the sidebar and dialogs (Window)."""
    return [
        palette.color(Role.Base),
        palette.color(Role.AlternateBase),
        palette.color(Role.Window),
    ]


def done_color(palette: QPalette) -> QColor:
    """Green for 'done', always paired with words."""
    return _meaning(palette, DONE)


def attention_color(palette: QPalette) -> QColor:
    """Amber for 'needs you next' and for a field's problem."""
    return _meaning(palette, ATTENTION)


def overdue_color(palette: QPalette) -> QColor:
    """Red for 'overdue', always with the word."""
    return _meaning(palette, OVERDUE)


def muted_color(palette: QPalette) -> QColor:
    """Quieter text ('Not done yet', hints): the text colour softened, still readable."""
    soft = blend(palette.color(Role.WindowText), palette.color(Role.Window), 0.72)
    return readable(soft, _grounds(palette), TEXT)


def accent_text_color(palette: QPalette) -> QColor:
    """The system's accent, as text on a page ("Step 1 of 6")."""
    return readable(palette.color(Role.Accent), _grounds(palette), TEXT)


def accent_fill_color(palette: QPalette) -> QColor:
    """The accent as a fill under HighlightedText: selected rows and the primary button."""
    return readable(palette.color(Role.Highlight), [palette.color(Role.HighlightedText)], 5.0)


def border_color(palette: QPalette) -> QColor:
    """The edge of a card, firm enough to see."""
    return readable(palette.color(Role.Mid), _grounds(palette), GRAPHIC)


def focus_color(palette: QPalette) -> QColor:
    """The ring around the control that has the keyboard."""
    return readable(palette.color(Role.Accent), _grounds(palette), GRAPHIC)


def calm_palette(system: QPalette) -> QPalette:
    """The system palette with its accent, placeholder and button text made readable."""
    palette = QPalette(system)
    fill = accent_fill_color(system)
    muted = muted_color(system)
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    for group in groups:
        palette.setColor(group, Role.Highlight, fill)
        palette.setColor(group, Role.PlaceholderText, muted)
        button = system.color(group, Role.Button)
        palette.setColor(
            group, Role.ButtonText, readable(system.color(group, Role.ButtonText), [button], TEXT)
        )
        tip = system.color(group, Role.ToolTipBase)
        palette.setColor(
            group, Role.ToolTipText, readable(system.color(group, Role.ToolTipText), [tip], TEXT)
        )
    return palette


@frozen
class Painted:
    """One foreground painted on one background, and the contrast it must reach."""

    what: str
    fg: QColor
    bg: QColor
    need: float

    @property
    def ratio(self) -> float:
        return contrast(self.fg, self.bg)


def painted_pairs(palette: QPalette) -> list[Painted]:
    """Every foreground/background pair the app paints, for the palette in use (calm_palette
    already applied). One table: a new colour is added here, or it is not checked."""
    base, window = palette.color(Role.Base), palette.color(Role.Window)
    alternate = palette.color(Role.AlternateBase)
    text, window_text = palette.color(Role.Text), palette.color(Role.WindowText)
    fill, on_fill = palette.color(Role.Highlight), palette.color(Role.HighlightedText)
    button, button_text = palette.color(Role.Button), palette.color(Role.ButtonText)
    pairs = [
        Painted("page and table text", text, base, TEXT),
        Painted("table text on the other rows", text, alternate, TEXT),
        Painted("dialog, case bar and sidebar text", window_text, window, TEXT),
        Painted("step names in the sidebar", text, window, TEXT),
        Painted("kicker: 'Step 1 of 6'", accent_text_color(palette), base, TEXT),
        Painted("selected row, sidebar step", on_fill, fill, TEXT),
        Painted("primary button", on_fill, fill, TEXT),
        # Fusion lightens a button's top edge and its hover a little
        Painted("primary button, lit top edge", on_fill, fill.lighter(104), TEXT),
        Painted("button", button_text, button, TEXT),
        Painted("button, lit top edge", button_text, button.lighter(104), TEXT),
        Painted("placeholder in an empty field", palette.color(Role.PlaceholderText), base, TEXT),
        Painted("tooltip", palette.color(Role.ToolTipText), palette.color(Role.ToolTipBase), TEXT),
        Painted("sidebar tick on a done step", base, done_color(palette), GRAPHIC),
        Painted("sidebar tick on the selected step", fill, on_fill, GRAPHIC),
    ]
    for name, colour in (
        ("done", done_color(palette)),
        ("needs you next / a problem", attention_color(palette)),
        ("overdue", overdue_color(palette)),
        ("quieter text", muted_color(palette)),
    ):
        pairs.append(Painted(f"{name} on a page or table", colour, base, TEXT))
        pairs.append(Painted(f"{name} on a table's other rows", colour, alternate, TEXT))
        pairs.append(Painted(f"{name} in the sidebar or a dialog", colour, window, TEXT))
    border, focus = border_color(palette), focus_color(palette)
    for where, ground in (("page", base), ("window", window)):
        pairs.append(Painted(f"card border on the {where}", border, ground, GRAPHIC))
        pairs.append(Painted(f"focus ring on the {where}", focus, ground, GRAPHIC))
    return pairs
