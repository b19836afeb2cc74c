"""One date field for every dialog and page: what is typed is kept, and read back in words.

Dialogs used to read their day fields only when Save was pressed and put any problem in one
line at the foot of the form; the record dialog had its own field. This one field is plain
text read by :func:`secondopinion_desktop.domain.typed_dates.read_date`. The text stays as the
person typed it; the line under it (``note_label``, placed by the dialog) says which day it
understood ("Friday 12 March 2027") or, in the attention colour, what is wrong, as soon as the
person leaves the field, and follows the typing from then on. Dialogs ask :meth:`check`
before saving and refuse to save while it fails.

A field can carry a rule of its own (a visit cannot be on a day gone by): a function of the
day read whose words come from domain/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from secondopinion_desktop.domain.typed_dates import Lean, format_date, read_date, spoken_date
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.ui.forms import clearable
from secondopinion_desktop.ui.style import attention_color, muted_color

#: A rule about the day read: words for the person, or "" when there is nothing to say.
DayWords = Callable[[dt.date], str]


class DateEntry(QLineEdit):
    """A day typed as text. ``lean`` says which year a day typed without one means."""

    def __init__(
        self,
        name: str,
        today: Callable[[], dt.date],
        *,
        lean: Lean | None,
        required: str = "",
        rule: DayWords | None = None,
        placeholder: str = "For example: 12 March 2027, or 3/12/2027",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._lean: Lean | None = lean
        self._required = required
        self._rule = rule
        self._refused = False
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setMaxLength(60)
        clearable(self)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("12 September 2027") + 40)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setObjectName("fieldNote")
        self.note_label.setAccessibleName(f"About the {name[:1].lower()}{name[1:]}")
        self.note_label.hide()
        self.editingFinished.connect(self.check)
        self.textEdited.connect(self._edited)

    # --- reading and writing ----------------------------------------------------------------

    def read(self) -> dt.date | None:
        """The day typed (None when empty); ValidationError with words when it is not a day."""
        return read_date(self.text(), today=self._today(), lean=self._lean)

    def value(self) -> dt.date | None:
        """The day typed, or None when the field is empty or its text is not a day."""
        try:
            return self.read()
        except ValidationError:
            return None

    def set_value(self, day: dt.date | None) -> None:
        """Fill in a day the app already knows, spelled one way everywhere ('12 March 2027')."""
        self.setText(format_date(day))
        self._show("", refused=False)

    def problem(self, label: str = "") -> str:
        """Words about why the text cannot be saved, or "" when it can. With ``label`` (for a
        line at the foot of a form), words about the reading say which field they are about;
        the field's own rule and ``required`` words are written to stand alone."""
        try:
            day = self.read()
        except ValidationError as error:
            return f"{label}: {error.message}" if label else error.message
        if day is None:
            return self._required
        return self._rule(day) if self._rule else ""

    def check(self) -> bool:
        """Show under the field the day understood or what is wrong; True when it can be saved."""
        problem = self.problem()
        if problem:
            self._show(problem, refused=True)
            return False
        day = self.value()
        if day is None:
            self._show("", refused=False)
            return True
        self._show(spoken_date(day), refused=False)
        return True

    # --- while typing -----------------------------------------------------------------------

    def _show(self, words: str, *, refused: bool) -> None:
        self._refused = refused
        color = attention_color(self.palette()) if refused else muted_color(self.palette())
        weight = 600 if refused else 400
        self.note_label.setStyleSheet(f"color: {color.name()}; font-weight: {weight};")
        self.note_label.setText(words)
        self.note_label.setVisible(bool(words))
        self.setAccessibleDescription(words)

    def _edited(self, _text: str) -> None:
        # Once something is said under the field, it follows the typing: a mistake goes away as
        # soon as it is fixed, and the day read changes with the text.
        if not self.note_label.isHidden():
            self.check()
