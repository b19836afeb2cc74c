"""Small building blocks the dialogs share: named fields, yes/no choosers, an error line,
a form body that scrolls when the screen is too small for it, a dialog that says what is
wrong in words, and one that asks before throwing away what was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt, SignalInstance, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QMouseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.reminders import local_at
from secondopinion_desktop.domain.validation import too_long
from secondopinion_desktop.store.repository import WritesPaused
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.flow_layout import FlowLayout
from secondopinion_desktop.ui.style import attention_color, dress

if TYPE_CHECKING:  # the entries load with the first dialog that has one, not at start
    from secondopinion_desktop.ui.date_entry import DateEntry
    from secondopinion_desktop.ui.time_entry import TimeEntry

MAX_FIELD = 2_000


def clearable(edit: QLineEdit) -> None:
    """Give `edit` Qt's clear button, named after the field ("Clear Doctor's name"): Qt leaves
    it unnamed, and a screen reader's review of the window reads it as a bare "button".

    Call it once the field has its accessible name.
    """
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(f"Clear {edit.accessibleName()}".strip())


def show_whole(edit: QLineEdit, text: str) -> None:
    """Show a stored text in a one-line box without cutting it: Qt cuts a text longer than
    the box at setText, and the next Save wrote the shorter one (a doctor's 450-letter name
    from a list, whose cells keep 500, in a 300-letter box). Typing stays bounded."""
    edit.setMaxLength(max(edit.maxLength(), len(text)))
    edit.setText(text)


def line_edit(name: str, placeholder: str = "", max_length: int = MAX_FIELD) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    clearable(edit)
    return edit


NORMAL_LINE = 19  # px: a line of text at the normal size (12 pt)


def text_edit(name: str, placeholder: str = "", height: int = 90) -> QPlainTextEdit:
    """A box for a few lines, `height` px tall at the normal text size and as many lines
    tall at a larger one (a fixed 90 px held two lines at 22 pt)."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(max(height, height * edit.fontMetrics().height() // NORMAL_LINE))
    return edit


def push_button(
    text: str, name: str, slot: Callable[..., object] | SignalInstance, *, primary: bool = False
) -> QPushButton:
    """A button read out as `name` that calls `slot` when pressed (`primary`: the page's one
    main action, styled so)."""
    button = dress(QPushButton(text), "primary" if primary else None)
    button.setAccessibleName(name)
    if isinstance(slot, SignalInstance):
        button.clicked.connect(slot)
    else:
        button.clicked.connect(lambda: pressed(button, slot))
    return button


def pressed(control: QWidget | None, slot: Callable[[], object]) -> None:
    """Run a control's `slot`; a write it makes while a background job writes is refused
    (`WritesPaused`, store/connection.py) and said in words through ui/messages.py, as the
    reminder windows say it (ui/write_pause.py), never by the excepthook's box. The window is
    usable then in the moment before the job's progress dialog shows (ui/background.py)."""
    try:
        slot()
    except WritesPaused as exc:
        messages.show_info(control.window() if control else None, "Please wait", exc.message)


def button_row(*buttons: QWidget) -> FlowLayout:
    """Buttons side by side from the left, the rest of the row left empty; they wrap onto
    the next line when the page is too narrow for them (very large text, #15)."""
    row = FlowLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class TargetCheckBox(QCheckBox):
    """A check box pressed anywhere in it (at least 24 px tall, `dress` sizes its box to the
    text), not just on the box and the words drawn in it. Make every check box with this."""

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


class _TickingLabel(QLabel):
    """The words of a check box: pressing them ticks it (its buddy), as on a QCheckBox."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        buddy = self.buddy()
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and isinstance(buddy, QCheckBox):
            buddy.click()
        super().mouseReleaseEvent(event)


class WrappingCheckBox(QWidget):
    """A check box whose words wrap onto more lines when the page is narrow (QCheckBox's own
    text never wraps: at 22 pt a long one ran 718 px wide). `box` is the check box, read out
    as `name`; pressing the words ticks it too. Show, hide, enable and disable this row."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__()
        self.box: QCheckBox = dress(TargetCheckBox())  # a square target: no words in it
        self.box.setAccessibleName(name)
        self.label = _TickingLabel(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)


def field_values(*fields: QLineEdit | QPlainTextEdit | QComboBox) -> tuple[object, ...]:
    """What is typed or chosen in each field, in order: a form's state, to tell whether the
    person changed anything (a choice counts by its place and its words)."""
    values: list[object] = []
    for field in fields:
        if isinstance(field, QLineEdit):
            values.append(field.text())
        elif isinstance(field, QPlainTextEdit):
            values.append(field.toPlainText())
        else:
            values.append((field.currentIndex(), field.currentText()))
    return tuple(values)


def error_label(parent: QWidget) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    dress(label, "fieldError")
    label.setAccessibleName("Problem with what was typed")
    label.setStyleSheet(f"color: {attention_color(parent.palette()).name()}; font-weight: 600;")
    label.hide()
    return label


LABEL_GAP = 12  # between a label and its field, when side by side


class WrappingForm(QFormLayout):
    """A form whose rows put the label above the field when the dialog is too narrow for
    both side by side (very large text, a screen scaled to 200 %), instead of cutting off.

    The gap between label and field is the label's own margin, not the form's spacing: Qt
    decides to wrap a row without counting that spacing, and would squeeze the field by it.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.setHorizontalSpacing(0)
        self.setVerticalSpacing(spacing)

    def addRow(self, *args: object) -> None:
        if len(args) == 2:
            label, field = args
            if label == "" and isinstance(field, QWidget):
                # a note under the field above: no empty label, so no gap while it is hidden
                self.setWidget(self.rowCount(), QFormLayout.ItemRole.FieldRole, field)
                return
            if isinstance(label, str):
                label = QLabel(label)
                if isinstance(field, QWidget):
                    label.setBuddy(field)  # as QFormLayout does: the &-letter goes there
            if isinstance(label, QLabel):
                label.setContentsMargins(0, 0, LABEL_GAP, 0)
            if isinstance(field, QLayout) and field.spacing() < 0:
                field.setSpacing(LABEL_GAP // 2)  # it would take the form's: none across
            args = (label, field)
        super().addRow(*args)  # type: ignore[call-overload]


def form_layout(parent: QWidget | None = None, spacing: int = 8) -> QFormLayout:
    """A form that wraps its long rows (see WrappingForm)."""
    return WrappingForm(parent, spacing)


def add_rows(form: QFormLayout, *rows: tuple[str | QWidget, QWidget | QLayout]) -> None:
    """A form's rows in reading order, each a label (words or a widget) and its field."""
    for label, field in rows:
        form.addRow(label, field)


class FormBody(QScrollArea):
    """The fields of a dialog, scrolling up and down when the screen is too short for them
    (never sideways: rows wrap instead), so nothing is ever out of reach.

    Built empty and filled through `rows`: a form moved into a scroll area once built
    corrupted memory under the accessibility bridge. Its size hint is the whole form at
    `letters` letters wide (or wider if the form needs it); it may shrink to a few lines.
    """

    def __init__(self, letters: int = 0) -> None:
        super().__init__()
        self._letters = letters
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take the keyboard, not it
        inner = QWidget()
        self.setWidget(inner)
        self.rows = QVBoxLayout(inner)
        self.rows.setContentsMargins(0, 0, 6, 0)  # a little air before the scroll bar
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focus)

    @Slot(QWidget, QWidget)
    def _show_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Scroll to the field the cursor went to (a mistake shown, an Alt+letter)."""
        inner = self.widget()
        if new is not None and inner is not None and inner.isAncestorOf(new):
            self.ensureWidgetVisible(new)

    def _bar(self) -> int:
        """Room kept for the scroll bar, so the form is never squeezed when it shows."""
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        width = max(inner.sizeHint().width(), self._letters * self.fontMetrics().averageCharWidth())
        height = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        if height < 0:
            height = inner.sizeHint().height()
        return QSize(width + self._bar(), height)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the form can be (rows wrapped), as short as a few lines."""
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        least = inner.minimumSizeHint()
        lines = 4 * self.fontMetrics().height()
        return QSize(least.width() + self._bar(), min(least.height(), lines))


class FormDialog(QDialog):
    """A dialog with a form that says in words what is wrong before it saves.

    The subclass makes `self.error = error_label(self)` and places it; `fail()` shows a problem.
    A long form goes in `scrolling_body()`, with the error line and buttons under it.
    """

    error: QLabel
    body: FormBody | None = None

    def scrolling_body(self, letters: int = 0) -> tuple[QVBoxLayout, QVBoxLayout]:
        """(body, foot): the dialog's layout, with the form's rows going in `body`, which
        scrolls when the screen is too short, and the error line and the buttons in `foot`,
        always in sight. `letters`: how wide the form is at least, in average letters."""
        foot = QVBoxLayout(self)
        self.body = FormBody(letters)
        foot.addWidget(self.body, 1)
        return self.body.rows, foot

    def showEvent(self, event: QShowEvent) -> None:
        if self.body is not None and not self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            self.fit_to_form()
        super().showEvent(event)

    def fit_to_form(self) -> None:
        """As large as the whole form, as far as the screen goes (Qt opens a window at two
        thirds of the screen at most); the body scrolls the rest."""
        size = self.sizeHint().boundedTo(self._room())
        self.resize(size.expandedTo(self.minimumSizeHint()))
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the form's width is known now: so is the height it needs
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Taller by what the form lacks now (a note appeared under a field), as far as the
        screen goes; past that the form scrolls."""
        inner = self.body.widget() if self.body is not None else None
        if self.body is None or inner is None:
            return
        view = self.body.viewport()
        need = inner.heightForWidth(view.width()) if inner.hasHeightForWidth() else -1
        missing = max(need, inner.minimumSizeHint().height()) - view.height()
        room = self._room().height()
        if missing > 0 and self.height() < room:
            self.resize(self.width(), min(self.height() + missing, room))

    def _room(self) -> QSize:
        return screen_room(self)

    def fail(self, message: str, field: QWidget) -> None:
        """Say what is wrong beside the form, and put the cursor where it can be put right."""
        self.error.setText(message)
        self.error.show()
        field.setFocus()

    def notes_fit(self, edit: QPlainTextEdit, limit: int) -> bool:
        """Whether the box's text fits in `limit` letters; else `fail()` says so, keeping it."""
        problem = too_long(edit.toPlainText(), limit, edit.accessibleName())
        if problem:
            self.fail(problem, edit)
        return not problem

    def add_error_and_buttons(
        self,
        layout: QBoxLayout,
        text: str,
        name: str = "",
        button: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
    ) -> QDialogButtonBox:
        """The foot of the form: the line that says what is wrong (`error`), then `text`, the
        one primary button, beside Cancel (see `accept_buttons`)."""
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = accept_buttons(self, text, name, button)
        layout.addWidget(buttons)
        return buttons

    def checked_day(self, entry: DateEntry, label: str = "") -> dt.date | None:
        """The day typed in `entry`, or None once `fail()` has said what is wrong (the line under
        the field says it too); None as well for an optional field left empty. `label` starts
        what is said here about a day that cannot be read."""
        if not entry.check():
            self.fail(entry.problem(label), entry)
            return None
        return entry.value()

    def checked_moment(
        self, day: DateEntry, time: TimeEntry, zone: dt.tzinfo | None
    ) -> dt.datetime | None:
        """The day and time typed, as a moment in `zone`; None once `fail()` has said what
        is wrong with either."""
        on = self.checked_day(day)
        at = self.checked_time(time) if on is not None else None
        return None if on is None or at is None else local_at(on, at, zone)

    def checked_time(self, entry: TimeEntry) -> dt.time | None:
        """The time typed in `entry`, or None once `fail()` has said what is wrong with it."""
        at = entry.value()
        if not entry.check() or at is None:
            self.fail(f"Time: {entry.problem()}", entry)
            return None
        return at


class GuardedDialog(FormDialog):
    """A dialog that asks before closing when something typed would be lost.

    Subclasses implement `snapshot()` (the typed state) and call `mark_clean()` once filled in.
    """

    _initial: object = None

    def snapshot(self) -> object:
        raise NotImplementedError

    def mark_clean(self) -> None:
        """Remember the filled-in state; long filled-in lines show their start, not their end."""
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)
        self._initial = self.snapshot()

    def is_modified(self) -> bool:
        return self.snapshot() != self._initial

    def done(self, result: int) -> None:
        """Saved, unless a job that writes runs now (its progress dialog came up over the
        open form): then the form stays, says why under it, and keeps what was typed."""
        from secondopinion_desktop.ui.write_pause import held_words  # (not needed at start)

        words = held_words() if result == QDialog.DialogCode.Accepted.value else None
        if words is not None:
            self.error.setText(f"{words} What you typed stays here until then.")
            self.error.show()
            return
        super().done(result)

    def reject(self) -> None:
        if self.is_modified() and not messages.ask_yes_no(
            self,
            "Discard changes?",
            "You have typed something in this form. Close it and lose what you typed?",
            yes="Discard",
            no="Keep editing",
        ):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_modified() and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


def screen_room(widget: QWidget) -> QSize:
    """The screen `widget` is on, less the task bars.

    Not `widget.screen()`: called from a Python override (a sizeHint, a showEvent) it left
    Qt a dangling screen, and a later widget crashed in QScreen::virtualSiblings (PySide 6.11).
    """
    screen = QGuiApplication.screenAt(widget.geometry().center())
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen else QSize(1366, 768)


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose &-shortcut moves to `buddy` (needed when the field is a layout)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def accept_buttons(
    dialog: QDialog,
    text: str,
    name: str = "",
    button: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Save,
) -> QDialogButtonBox:
    """The dialog's one primary button (`text`, read out as `name`) beside Cancel, wired to
    the dialog's accept and reject; the caller places the box."""
    buttons = QDialogButtonBox(button | QDialogButtonBox.StandardButton.Cancel)
    primary: QPushButton = buttons.button(button)
    primary.setText(text)
    primary.setAccessibleName(name or text)
    dress(primary, "primary")  # bold, 44 px tall
    cancel = dress(buttons.button(QDialogButtonBox.StandardButton.Cancel))
    cancel.setAccessibleName("Cancel")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
