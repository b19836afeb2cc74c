"""The calm look: a readable font size, and colours that follow the palette (light or dark).

Widgets ask for a look by object name ("primary", "card", "pageTitle", ...) and `dress`
gives it to them where they are made; every push button gets its size and font there too.
This replaced an application stylesheet: a Qt stylesheet makes every widget go through
QStyleSheetStyle, which cost about 50 ms of the start-up (476 -> 429 ms in
tests/bench_speed.py). See `dress` for why it is not done when widgets are polished.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from secondopinion_desktop.ui.colours import (
    accent_text_color,
    attention_color,
    calm_palette,
    done_color,
    is_dark,
    muted_color,
    overdue_color,
)
from secondopinion_desktop.ui.focus_ring import FocusRings

__all__ = [
    "attention_color",
    "done_color",
    "is_dark",
    "muted_color",
    "overdue_color",
]

DEFAULT_POINT_SIZE = 12
MIN_POINT_SIZE = 10
MAX_POINT_SIZE = 22

# Object name -> (points added to the base size, bold)
LABEL_FONTS: dict[str, tuple[int, bool]] = {
    "pageTitle": (10, True),
    "pageSummary": (1, False),
    "cardTitle": (1, True),
    "kicker": (0, True),
    "situation": (0, True),
    "stepState": (0, True),
    "fieldError": (0, True),
}
BUTTON_NAMES = ("primary", "secondary")
MIN_TARGET = 24  # px: the smallest click target (WCAG 2.2, 2.5.8)
PRIMARY_TARGET = 44  # px: a page's main button (WCAG 2.2, 2.5.5)
BOX_LEAST = 14  # px: Fusion's own check box at the normal text size
BOX_PER_LINE = 0.8  # a box's side, as a share of a line of text's height


def _base_point_size() -> int:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return max(MIN_POINT_SIZE, QApplication.font().pointSize())
    return DEFAULT_POINT_SIZE


Dressed = TypeVar("Dressed", bound=QWidget)


def stored_point_size(value: object) -> int:
    """The text size kept in the settings, within the sizes offered; the default for anything
    else. The file is plain text anyone can edit: "\u00b2" passes str.isdigit() and int()
    refuses it, which once stopped every start."""
    try:
        size = int(str(value).strip())
    except ValueError:
        return DEFAULT_POINT_SIZE
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))


def dress(widget: Dressed, look: str | None = None) -> Dressed:
    """Give `widget` the look its object name asks for, and any push button its size and font.

    This is not done in a style's `polish`, overridden in Python: that is called for every
    widget Qt polishes, Qt's own private ones included (a scroll area's scroll-bar holders, a
    table's corner button, a combo box's popup), and to hand one of those to Python PySide
    looks for the nearest class it knows, creating every widget class it has (about 70, with
    their enums): 25 ms of each start, for nothing.

    With `look`, the widget is named first. Call it where the widget is made, after its text
    is set, and again when its name or text changes (a step's button turns from primary to
    secondary); `apply_style` calls it for every widget when the text size or colours change.
    Returns the widget, so that it can wrap a constructor.
    """
    if look is not None:
        widget.setObjectName(look)
    name = widget.objectName()
    if isinstance(widget, QLabel) and name in LABEL_FONTS:
        extra, bold = LABEL_FONTS[name]
        font = QFont(QApplication.font())
        font.setPointSize(_base_point_size() + extra)
        font.setBold(bold)
        widget.setFont(font)
        if name == "kicker":
            palette = widget.palette()
            palette.setColor(
                QPalette.ColorRole.WindowText, accent_text_color(QApplication.palette())
            )
            widget.setPalette(palette)
    elif isinstance(widget, QPushButton):
        _dress_button(widget)
    elif isinstance(widget, (QCheckBox, QRadioButton)):
        _dress_box(widget)
    elif isinstance(widget, QComboBox) and widget.isEditable():
        # the field typed in is the target, 24 px tall: Fusion draws it 2 px inside the box
        widget.setMinimumHeight(MIN_TARGET + 4)
    elif name in ("page", "card"):
        widget.setAutoFillBackground(name == "page")
        palette = widget.palette()
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        palette.setColor(QPalette.ColorRole.Window, base)
        widget.setPalette(palette)
    elif name == "sidebar":
        palette = widget.palette()
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Base, window)
        widget.setPalette(palette)
    return widget


def box_side(line_height: int) -> int:
    """The side of a check box's (or an option button's) box for text lines this tall: it grows
    with the text size (Fusion keeps it 14 px at any size, 27 px is drawn at 22 pt)."""
    return max(BOX_LEAST, round(line_height * BOX_PER_LINE))


def _dress_box(widget: QCheckBox | QRadioButton) -> None:
    """Draw the box, and take clicks on it, at the size the text asks for.

    A style sheet on the box alone: Fusion still draws it (only its size is given), and the
    rest of the app keeps no style sheet (see the module's docstring); a proxy style's
    `pixelMetric` would hand Python every private widget Qt asks a size for."""
    side = box_side(QFontMetrics(QApplication.font()).height())
    kind = "QCheckBox" if isinstance(widget, QCheckBox) else "QRadioButton"
    sheet = f"{kind}::indicator {{ width: {side}px; height: {side}px; }}"
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
    least = max(MIN_TARGET, side + 4)
    widget.setMinimumHeight(least)
    if not widget.text():  # a box alone (its words are a label beside it) is a square
        widget.setMinimumWidth(least)


def dress_buttons(root: QWidget) -> None:
    """Dress the push buttons Qt made inside `root` (a button box's, a message box's).

    Qt finds them by class on its side, so no private widget is handed to Python.
    """
    for button in root.findChildren(QPushButton):
        _dress_button(button)


def _dress_button(button: QPushButton) -> None:
    name = button.objectName()
    app_palette = QApplication.palette()
    palette = QPalette(app_palette)
    font = QFont(QApplication.font())
    font.setPointSize(_base_point_size())
    if name == "primary":
        # the palette's Highlight is already the readable accent fill (colours.py)
        fill = app_palette.color(QPalette.ColorRole.Highlight)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Button, fill)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(
                group,
                QPalette.ColorRole.ButtonText,
                app_palette.color(QPalette.ColorRole.HighlightedText),
            )
        font.setBold(True)
    button.setPalette(palette)
    button.setFont(font)
    metrics = button.fontMetrics()
    padding = 22 if name in BUTTON_NAMES else 16
    # WCAG 2.2 target sizes: 24 px for any button, 44 px for a page's main one
    least = PRIMARY_TARGET if name == "primary" else MIN_TARGET
    height = int(metrics.height() * (2.3 if name in BUTTON_NAMES else 2.0))
    button.setMinimumHeight(max(least, height))
    hint = metrics.horizontalAdvance(button.text().replace("&", "")) + 2 * padding
    button.setMinimumWidth(max(hint, 80))


CALM = "calmStyleSet"  # the application property that says the style has been set
SYSTEM_PALETTE = "calmSystemPalette"  # the application property that keeps it


def apply_style(app: QApplication, point_size: int) -> None:
    """Set the base font size, the readable palette and the calm style, and refresh widgets
    already shown. The palette is derived from the system's (light or dark) each time."""
    font = QFont(app.font())
    font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, point_size)))
    app.setFont(font)
    if not app.property(CALM):  # the first call: Fusion, and the calm palette
        app.setProperty(CALM, True)
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: follow_system_palette(app))
        app.setProperty(SYSTEM_PALETTE, QPalette(app.palette()))
        app.setPalette(calm_palette(app.palette()))
        FocusRings.install(app)
        return
    style = app.style()
    for widget in app.allWidgets():
        style.unpolish(widget)
        style.polish(widget)
        dress(widget)
        widget.update()
    # Qt hands the new font to each widget in posted events: what fits itself to its text
    # (the step list) measures again once they have been handled.
    QTimer.singleShot(0, lambda: _restyled(app))


def _restyled(app: QApplication) -> None:
    for widget in app.allWidgets():
        restyled = getattr(widget, "restyled", None)
        if callable(restyled):
            restyled()


def follow_system_palette(app: QApplication, system: QPalette | None = None) -> None:
    """The system switched between light and dark (or a test hands in a palette): take the
    system's new palette, make it readable again, and restyle what is shown."""
    if system is None:
        app.setPalette(QPalette())  # back to the system's own palette
        system = QPalette(app.palette())
    app.setProperty(SYSTEM_PALETTE, QPalette(system))
    app.setPalette(calm_palette(system))
    apply_style(app, app.font().pointSize())
