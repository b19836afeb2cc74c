"""One time-of-day field for every dialog: what is typed is kept exactly or refused in words.

A spin box with an "h:mm AP" mask silently fell back to its old value when "2:15 PM" was typed
over it, and the wrong time went on into reminders and the calendar. This field is plain text
read by :func:`secondopinion_desktop.domain.clock_times.parse_time`: when the person leaves it,
it shows back what it understood ("2.15" becomes "2:15 pm"), or a message right under it says
the text is not a time. A time typed without "am" or "pm" is read as an office means it (see
domain/clock_times), and the line under the field says so as it is typed ("2:30 is read as
2:30 pm, in the afternoon. If you mean 2:30 am, please type that."), so the reading is in front
of the person before they press anything. Dialogs ask :meth:`TimeEntry.check` before saving
and refuse to save while it fails.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from secondopinion_desktop.domain.clock_times import format_time, how_read, parse_time
from secondopinion_desktop.domain.validation import ValidationError
from secondopinion_desktop.ui.forms import clearable
from secondopinion_desktop.ui.style import attention_color, dress

EMPTY_TIME = "Please type a time, like 2:15 pm or 14:15."


class TimeEntry(QLineEdit):
    """A required time of day. ``problem_label`` is placed by the dialog, just under the field."""

    def __init__(self, name: str, value: dt.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText("For example: 2:15 pm")
        self.setMaxLength(30)
        clearable(self)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("12:30 pm") * 2)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        dress(self.problem_label, "fieldError")
        self.problem_label.setAccessibleName(f"Problem with the {name.lower()}")
        self.problem_label.setStyleSheet(
            f"color: {attention_color(self.palette()).name()}; font-weight: 600;"
        )
        self.problem_label.hide()
        self.shows_error = False
        # how the last text typed was read, kept beside the time it was shown back as
        self.reading: tuple[str, str] = ("", "")
        self.set_value(value)
        self.editingFinished.connect(self._finished)
        self.textEdited.connect(self._edited)

    # --- reading and writing ----------------------------------------------------------------

    def value(self) -> dt.time | None:
        """The time typed, or None when the field is empty or not a time."""
        try:
            return parse_time(self.text())
        except ValidationError:
            return None

    def set_value(self, value: dt.time) -> None:
        self.setText(format_time(value))
        self.reading = ("", "")
        self.show_line("")

    def time(self) -> QTime:
        """The time as a QTime (an invalid QTime when the text is not a time)."""
        value = self.value()
        return QTime() if value is None else QTime(value.hour, value.minute)

    def setTime(self, value: QTime) -> None:
        self.set_value(dt.time(value.hour(), value.minute()))

    def problem(self) -> str:
        """Words about what is wrong with the text, or "" when it is a time."""
        try:
            value = parse_time(self.text())
        except ValidationError as error:
            return error.message
        return EMPTY_TIME if value is None else ""

    def note(self) -> str:
        """How a time typed without "am" or "pm" was read, or ""; kept after it is shown back."""
        shown, words = self.reading
        return words if self.text() == shown else how_read(self.text())

    def check(self) -> bool:
        """Show (or clear) the message under the field; True when the text is a time.

        A time that was read without "am" or "pm" is a time: the line says how it was read."""
        problem = self.problem()
        self.shows_error = bool(problem)
        self.show_line(problem or self.note())
        return not problem

    def show_line(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))
        self.setAccessibleDescription(text)

    # --- while typing -----------------------------------------------------------------------

    def _finished(self) -> None:
        if self.check():
            value = self.value()
            if value is not None and self.text() != format_time(value):
                self.reading = (format_time(value), self.note())
                self.setText(format_time(value))

    def _edited(self, text: str) -> None:
        # Once a message is showing, it follows the typing, so it goes away as soon as it's
        # fixed; how a time without am or pm is read shows as it is typed.
        if self.shows_error:
            self.check()
        else:
            self.show_line(how_read(text))
