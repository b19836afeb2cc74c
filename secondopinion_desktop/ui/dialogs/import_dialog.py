"""Bring candidate doctors in from an insurer's list saved as a CSV file.

One window, read from top to bottom: choose the file, check which column is which, see what
will be added and what will be skipped (and why), say where the names came from, then Add.
The reading and checking is done by :mod:`secondopinion_desktop.domain.candidate_import`; this
dialog only shows it. A file that can't be imported gets a message in words inside the window,
and nothing is added.
"""

from __future__ import annotations

import contextlib
import errno
import html
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.candidate_import import (
    MAX_FILE_BYTES,
    ColumnMapping,
    ImportedCandidate,
    ImportFileError,
    ImportResult,
    Table,
    build_candidates,
    guess_mapping,
    mapping_problems,
)
from secondopinion_desktop.domain.doctors import Source
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.after_paint import after_paint
from secondopinion_desktop.ui.background import Job, Jobs
from secondopinion_desktop.ui.dialogs.import_mapping import (
    NOT_IN_FILE,
    MappingForm,
    column_letter,
    grow_to_fit,
    heading,
    paragraph,
    preview_table,
    source_row,
)
from secondopinion_desktop.ui.dialogs.import_reading import (
    file_size,
    first_rows,
    notes_of,
    read_list,
)
from secondopinion_desktop.ui.dialogs.import_reading import plural as _plural
from secondopinion_desktop.ui.models.import_preview_model import (
    PREVIEW_ROWS,
    ImportPreviewModel,
    preview_rows,
)
from secondopinion_desktop.ui.style import attention_color, dress, dress_buttons

__all__ = ["FILE_FILTER", "NOT_IN_FILE", "ImportDialog", "column_letter", "read_file_bytes"]

FILE_FILTER = "Spreadsheets saved as CSV (*.csv *.txt *.tsv);;All files (*)"
#: Above this many rows (or bytes), work off the window's thread (or say "Checking the rows…").
BUSY_ROWS, BUSY_BYTES = 5_000, 512 * 1024
MAX_SOURCE_DETAIL = 200
#: The list of skipped rows stops after this many lines (with a line saying how many more).
MAX_NOTES_LISTED = 1_000


def read_file_bytes(path: str) -> bytes:
    """The file's bytes, at most one byte more than the importer accepts (so it can say
    "too big" without reading a huge file). Raises OSError, or ImportFileError for things
    that are not ordinary files."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError("This is not an ordinary file. Please choose a CSV file.")
    with open(path, "rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


class ImportDialog(QDialog):
    """Preview and import a CSV list of doctors.

    After ``exec()`` returns Accepted, :meth:`candidates`, :meth:`source`,
    :meth:`source_detail` and :meth:`import_result` say what to add; the dialog itself never
    touches the database. It has no signals of its own.
    """

    def __init__(
        self,
        parent: QWidget | None,
        existing: Sequence[tuple[str, str]],
        path: str = "",
        read_bytes: Callable[[str], bytes] = read_file_bytes,
    ) -> None:
        super().__init__(parent)
        self._existing = list(existing)
        self._read_bytes = read_bytes
        self._path = ""
        self._auto_detail = ""
        self._table: Table | None = None
        self._result: ImportResult | None = None
        self._problems: list[str] = []
        self._accepted: ImportResult | None = None
        self._jobs: Jobs | None = None
        self._stale = False  # the columns changed while the rows were being checked
        self._check_waiting = False  # the first rows are being drawn; then the check starts

        self.setWindowTitle("Import doctors from a list")
        self.setAccessibleName("Import doctors from a list")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)

        intro = paragraph(
            "Bring in the doctors from a list your insurance company gave you, so you don't "
            "have to type them one by one. The list must be saved as a CSV file: in your "
            "spreadsheet program, choose Save As and pick CSV."
        )
        intro.setAccessibleName("What this window does")
        layout.addWidget(intro)

        file_row = QHBoxLayout()
        file_row.setSpacing(14)
        self.choose_button = QPushButton("&Choose file\u2026")
        self.choose_button.setAccessibleName("Choose the CSV file to import")
        dress(self.choose_button, "secondary")
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.choose_button)
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.RichText)
        self.file_label.setAccessibleName("Chosen file")
        file_row.addWidget(self.file_label, 1)
        layout.addLayout(file_row)

        self.busy_label = QLabel("Reading the file\u2026")
        self.busy_label.setAccessibleName("Progress")
        self.busy_label.hide()
        layout.addWidget(self.busy_label)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        dress(self.error_label, "fieldError")
        self.error_label.setAccessibleName("Problem with the file")
        self.error_label.setStyleSheet(
            f"color: {attention_color(self.palette()).name()}; font-weight: 600;"
        )
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 6, 0, 0)
        body.setSpacing(14)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        self.mapping_form = MappingForm()
        self.mapping_form.changed.connect(self._mapping_changed)
        #: The drop-downs and the problem line of the form, by detail key.
        self.mapping_combos = self.mapping_form.combos
        self.mapping_problem_label = self.mapping_form.problem_label
        columns.addWidget(self.mapping_form)
        columns.addLayout(self._build_right_side(), 1)
        body.addLayout(columns, 1)
        came_from, self.source_combo, self.source_detail_edit = source_row(MAX_SOURCE_DETAIL)
        body.addLayout(came_from)
        self.body.hide()
        layout.addWidget(self.body, 1)

        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton(
            "Add doctors", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setAccessibleName("Add the doctors to your list")
        self.add_button.setDefault(True)
        self.add_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel without adding anyone")
        dress_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.setMinimumWidth(640)
        if path:
            self.load_file(path)
        else:
            self.choose_button.setFocus()

    # ---------------------------------------------------------------------------------------
    # Building the window
    # ---------------------------------------------------------------------------------------

    def _build_right_side(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(heading("What will be added"))

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("Summary of the import")
        summary_font = QFont(self.summary_label.font())
        summary_font.setBold(True)
        self.summary_label.setFont(summary_font)
        column.addWidget(self.summary_label)

        self.preview_caption = paragraph(muted=True)
        self.preview_caption.setAccessibleName("About the preview")
        column.addWidget(self.preview_caption)

        self.preview_model = ImportPreviewModel(self)
        self.preview = preview_table(self.preview_model)
        column.addWidget(self.preview, 3)

        self.notes_heading = QLabel()
        self.notes_heading.setStyleSheet("font-weight: 600;")
        self.notes_heading.setAccessibleName("Rows skipped or to check")
        column.addWidget(self.notes_heading)
        self.notes_list = QListWidget()
        self.notes_list.setAccessibleName("Rows skipped or to check, and why")
        self.notes_list.setWordWrap(True)
        self.notes_list.setAlternatingRowColors(True)
        self.notes_list.setMinimumHeight(96)
        self.notes_list.setMaximumHeight(170)
        column.addWidget(self.notes_list, 1)
        return column

    # ---------------------------------------------------------------------------------------
    # Choosing and reading the file
    # ---------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = messages.choose_open_path(self, "Choose the list of doctors", FILE_FILTER)
        if path:
            self.load_file(path)

    @contextlib.contextmanager
    def _busy(self, text: str, show_text: bool) -> Iterator[None]:
        """A busy cursor around slow work; for big files also a line saying what is going on."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if show_text:
                self.busy_label.setText(text)
                self.busy_label.show()
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            yield
        finally:
            self.busy_label.hide()
            QApplication.restoreOverrideCursor()

    def use_jobs(self, jobs: Jobs) -> None:
        """Read and check the file off the window's thread (with progress and Cancel)."""
        self._jobs = jobs

    def load_file(self, path: str) -> bool:
        """Read ``path`` and show its preview; on failure show why, and nothing will be added.

        With `use_jobs` the file is read on a worker thread and this returns True at once.
        """
        self._forget_file()
        self._path = path
        name = Path(path).name or path
        self.file_label.setText(f"<b>{html.escape(name)}</b>")
        self.file_label.setToolTip(path)
        read = self._read_bytes
        if self._jobs is not None and file_size(path) > BUSY_BYTES:
            return self._jobs.start(
                Job(
                    "Reading the list",
                    "reading the list",
                    "Could not read the list",
                    lambda _repo, progress: read_list(path, read, progress),
                    writes=False,  # a file is read: saving typing meanwhile is fine
                ),
                self,
                lambda table: self._show_table(name, table),
                lambda: self._show_file_problem("You stopped reading this file."),
            )
        with self._busy("Reading the file\u2026", show_text=False):  # a cursor is enough here
            table = read_list(path, read)
        return self._show_table(name, table)

    def _show_table(self, name: str, table: Table | str) -> bool:
        if isinstance(table, str):
            self._show_file_problem(table)
            return False
        self._table = table
        self.file_label.setText(
            f"<b>{html.escape(name)}</b> \u2014 {_plural(len(table.rows), 'row', 'rows')} "
            "below the column titles"
        )
        detail = self.source_detail_edit.text().strip()
        if not detail or detail == self._auto_detail:
            self.source_detail_edit.setText(name[:MAX_SOURCE_DETAIL])
            self._auto_detail = self.source_detail_edit.text()
        self.mapping_form.fill(table, guess_mapping(table.headers))
        self.body.show()
        grow_to_fit(self)
        self.recompute()
        if self.add_button.isEnabled():
            self.add_button.setFocus()
        else:
            self.mapping_combos["name"].setFocus()
        return True

    def _forget_file(self) -> None:
        self._table = None
        self._result = None
        self._problems = []
        self.error_label.hide()
        self.body.hide()
        self.preview_model.set_rows([])
        self.notes_list.clear()
        self._update_add_button()

    def _show_file_problem(self, message: str) -> None:
        self.error_label.setText(f"{message}\n\nNothing was imported from this file.")
        self.error_label.show()
        self.choose_button.setFocus()
        self.adjustSize()

    # ---------------------------------------------------------------------------------------
    # Column mapping and the preview
    # ---------------------------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        """The columns chosen in the form (None for "Not in this file")."""
        return self.mapping_form.mapping()

    def _mapping_changed(self) -> None:
        if self._table is not None:
            self.recompute()

    def recompute(self) -> None:
        """Build the import again from the current mapping and show the result."""
        table = self._table
        if table is None:
            return
        mapping = self.mapping()
        if self._jobs is not None and len(table.rows) > BUSY_ROWS:
            if self._jobs.busy:
                self._stale = True  # checked again as soon as the running check ends
                return
            self._stale = False
            self._show_first_rows(table, mapping, list(self._existing))
            if not self._check_waiting:  # drawn before the worker competes for the lock
                self._check_waiting = True
                after_paint(self.preview.viewport(), self._start_check)
            return
        with self._busy("Checking the rows\u2026", len(table.rows) > BUSY_ROWS):
            result = build_candidates(table, mapping, self._existing)
        self._show_result(table, mapping, result)

    def _start_check(self) -> None:
        """Check every row on a worker, once the first ones are drawn (ui/after_paint.py)."""
        self._check_waiting = False
        table, jobs, mapping, existing = self._table, self._jobs, self.mapping(), self._existing
        if table is None or jobs is None or jobs.busy or not self.isVisible():
            return  # forgotten or closed meanwhile; a new file is checked once it is read
        jobs.start(
            Job(
                "Checking the list",
                "checking the list",
                "Could not check the list",
                lambda _repo, progress: build_candidates(table, mapping, existing, progress),
            ),
            self,
            lambda result: self._show_result(table, mapping, result),
            self._check_stopped,
        )

    def _show_first_rows(
        self, table: Table, mapping: ColumnMapping, existing: list[tuple[str, str]]
    ) -> None:
        """While the worker checks every row, show what the first ones will be: a row's fate
        hangs only on the rows above it and the list, so these are already what Add gives."""
        self._result = None
        self._update_add_button()
        self.preview_model.set_rows(first_rows(table, mapping, existing))
        self.summary_label.setText(
            f"Checking all {len(table.rows):,} rows\u2026 The first ones are shown below."
        )

    def _check_stopped(self) -> None:
        self._result = None
        self.preview_model.set_rows([])
        self.summary_label.setText("Checking was stopped. Change a column to check again.")
        self._update_add_button()

    def _show_result(self, table: Table, mapping: ColumnMapping, result: ImportResult) -> None:
        if self._stale or table is not self._table:
            self._stale = False
            self.recompute()  # the columns (or the file) changed meanwhile
            return
        self._problems = mapping_problems(table.headers, mapping)
        self._result = result
        self.preview_model.set_rows(preview_rows(table, mapping, result))

        self.mapping_form.show_problems(self._problems)
        if self._problems:
            self.summary_label.setText(" ".join(self._problems))
        else:
            self.summary_label.setText(result.summary())
        total = len(table.rows)
        if total > PREVIEW_ROWS:
            shown = f"The first {PREVIEW_ROWS} of {total:,} rows."
        else:
            shown = "Every row of the file." if total > 1 else "The only row of the file."
        self.preview_caption.setText(
            f"{shown} The numbers on the left are the row numbers in your spreadsheet."
        )
        self._show_notes(result)
        self._update_add_button()

    def _show_notes(self, result: ImportResult) -> None:
        self.notes_list.clear()
        heading, lines = notes_of(result, MAX_NOTES_LISTED)
        self.notes_heading.setText(heading)
        attention = attention_color(self.palette())
        for to_check, text in lines:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            if to_check:
                item.setForeground(attention)
            self.notes_list.addItem(item)
        self.notes_heading.setVisible(bool(lines))
        self.notes_list.setVisible(bool(lines))

    def _can_add(self) -> bool:
        return self._result is not None and not self._problems and bool(self._result.candidates)

    def _update_add_button(self) -> None:
        count = len(self._result.candidates) if self._result is not None else 0
        if self._can_add():
            self.add_button.setText(f"Add {_plural(count, 'doctor', 'doctors')}")
        else:
            self.add_button.setText("Add doctors")
        enabled = self._can_add()
        self.add_button.setEnabled(enabled)
        # The stylesheet's primary look has no disabled variant: only look primary when usable.
        wanted = "primary" if enabled else ""
        if self.add_button.objectName() != wanted:
            dress(self.add_button, wanted)

    # ---------------------------------------------------------------------------------------
    # Results and closing
    # ---------------------------------------------------------------------------------------

    def path(self) -> str:
        return self._path

    def candidates(self) -> list[ImportedCandidate]:
        """The doctors to add, once the dialog was accepted (empty before)."""
        return list(self._accepted.candidates) if self._accepted is not None else []

    def import_result(self) -> ImportResult | None:
        """The whole import (candidates, skipped rows, notes), once accepted; else None."""
        return self._accepted

    def source(self) -> Source:
        return Source(self.source_combo.currentData())

    def source_detail(self) -> str:
        return " ".join(self.source_detail_edit.text().split())

    def accept(self) -> None:
        if not self._can_add():
            return
        self._accepted = self._result
        super().accept()

    def reject(self) -> None:
        if self._table is not None and not messages.ask_yes_no(
            self,
            "Close without adding?",
            "Close this window without adding any doctors from this file?",
            yes="Close without adding",
            no="Keep going",
        ):
            return
        super().reject()
