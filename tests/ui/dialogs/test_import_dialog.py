"""The CSV import dialog: choosing a file, the column mapping, the preview, adding, cancelling."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from secondopinion_desktop.domain.candidate_import import MAX_FILE_BYTES, ImportedCandidate
from secondopinion_desktop.domain.doctors import Source
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.dialogs import import_dialog
from secondopinion_desktop.ui.dialogs.import_dialog import (
    FILE_FILTER,
    NOT_IN_FILE,
    ImportDialog,
    column_letter,
    read_file_bytes,
)
from secondopinion_desktop.ui.models.import_preview_model import Column, ImportPreviewModel

BOM = b"\xef\xbb\xbf"

# What Excel writes with "CSV UTF-8": a byte-order mark, CRLF, quotes around cells with commas.
EXCEL_CSV = (
    BOM
    + (
        "Provider Name,Specialty,Practice Name,Address,City,State,Zip,Phone,Fax\r\n"
        '"Ruiz, Ana, MD",Medical Oncology,"Lakeside Cancer Center, Suite 210",400 Shore Dr,'
        "Springfield,IL,62701,(217) 555-0143,(217) 555-0144\r\n"
        "Dr. Samuel Okafor,Breast Surgery,Lakeside Cancer Center,400 Shore Dr,Springfield,IL,"
        "62701,217-555-0160,\r\n"
        ",Radiation Oncology,Capitol Radiation,88 Capitol Ave,Springfield,IL,62701,"
        "(217) 555-0102,\r\n"
        "Helen O'Brien,Hematology,Sangamon Oncology,2300 Stevenson Dr,Springfield,IL,62703,"
        "555-12,\r\n"
        "José Álvarez MD,Pathology,Memorial Medical Group,701 N First St,Springfield,IL,62781,"
        "(217) 555-0199,\r\n"
    ).encode()
)

SEMICOLON_CSV = (
    "sep=;\r\nDoctor;Speciality;Telephone\r\n"
    "Ana Ruiz;Oncologie médicale;217 555 0143\r\n"
    "Li Wei;Chirurgie;217 555 0177\r\n"
).encode("cp1252")

FIRST_LAST_CSV = (
    b"First Name,Last Name,Specialty,Group,Office Phone\n"
    b"Ana,Ruiz,Medical Oncology,Lakeside,217-555-0143\n"
    b"Samuel,Okafor,Breast Surgery,Lakeside,217-555-0160\n"
)

DUPLICATES_CSV = (
    b"Name,Phone\n"
    b"Dr. Ana Ruiz,(217) 555-0143\n"
    b"ANA RUIZ MD,217.555.0143\n"
    b"Li Wei,217 555 0177\n"
    b"Li Wei MD,217 555 0177\n"
)

EXISTING = [("Ana Ruiz", "217-555-0143")]


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], str]:
    def write_file(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write_file


@pytest.fixture
def make_dialog(qapp: QApplication) -> Iterator[Callable[..., ImportDialog]]:
    """Dialogs that are hidden before they are closed, so tear-down never asks anything.

    (Not `qtbot.addWidget`: pytest-qt closes those before fixtures are torn down, and closing
    a dialog with a file loaded asks "Close without adding?".)
    """
    made: list[ImportDialog] = []

    def make(
        path: str = "", existing: Sequence[tuple[str, str]] = (), **kwargs: Any
    ) -> ImportDialog:
        dialog = ImportDialog(None, list(existing), path, **kwargs)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.hide()
        dialog.close()
        dialog.deleteLater()


def outcomes(dialog: ImportDialog) -> list[str]:
    model = dialog.preview_model
    return [model.index(row, Column.OUTCOME).data() for row in range(model.rowCount())]


def column(dialog: ImportDialog, which: Column) -> list[str]:
    model = dialog.preview_model
    return [model.index(row, which).data() for row in range(model.rowCount())]


def notes(dialog: ImportDialog) -> list[str]:
    return [dialog.notes_list.item(i).text() for i in range(dialog.notes_list.count())]


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


# ------------------------------------------------------------------------------------------
# A good file
# ------------------------------------------------------------------------------------------


def test_excel_file_guesses_the_columns(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))

    combos = dialog.mapping_combos
    assert combos["name"].currentText() == "A: Provider Name"
    assert combos["specialty"].currentText() == "B: Specialty"
    assert combos["practice"].currentText() == "C: Practice Name"
    assert combos["address"].currentText() == "D: Address"
    assert combos["zip"].currentText() == "G: Zip"
    assert combos["phone"].currentText() == "H: Phone"
    assert combos["fax"].currentText() == "I: Fax"
    assert combos["first_name"].currentText() == NOT_IN_FILE
    assert combos["notes"].currentText() == NOT_IN_FILE
    assert dialog.mapping()["name"] == 0
    assert dialog.mapping()["first_name"] is None
    # Every choice lists "Not in this file" and then each column with its letter.
    assert combos["notes"].count() == 1 + 9
    assert combos["notes"].itemText(9) == "I: Fax"
    assert combos["name"].itemData(1, Qt.ItemDataRole.ToolTipRole) == "For example: Ruiz, Ana, MD"


def test_excel_file_preview_summary_and_notes(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))

    assert dialog.body.isVisibleTo(dialog)
    assert not dialog.error_label.isVisibleTo(dialog)
    assert "bluebrook.csv" in dialog.file_label.text()
    assert "5 rows" in dialog.file_label.text()
    assert dialog.summary_label.text() == (
        "4 doctors ready to add. 1 row skipped. 1 row needs a quick check."
    )
    assert outcomes(dialog) == [
        "Added",
        "Added",
        "Skipped: No name in this row.",
        "Check: The phone number '555-12' looks too short, so it was left blank.",
        "Added",
    ]
    # names as they will be said, with the list's own spelling beside them (issue 13, item 4)
    assert column(dialog, Column.NAME) == [
        "Dr. Ana Ruiz (on the list as \u201cRuiz, Ana, MD\u201d)",
        "Dr. Samuel Okafor",
        "",
        "Helen O'Brien",
        "Dr. José Álvarez (on the list as \u201cJosé Álvarez MD\u201d)",
    ]
    assert column(dialog, Column.PRACTICE)[0] == "Lakeside Cancer Center, Suite 210"
    assert column(dialog, Column.ADDRESS)[0] == "400 Shore Dr, Springfield, IL 62701"
    assert column(dialog, Column.ADDRESS)[2] == "88 Capitol Ave, Springfield, IL 62701"
    assert column(dialog, Column.PHONE)[1] == "(217) 555-0160"
    # The row numbers are the spreadsheet's: the title row is row 1.
    model = dialog.preview_model
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"
    assert model.headerData(2, Qt.Orientation.Vertical) == "4"
    assert model.headerData(Column.OUTCOME, Qt.Orientation.Horizontal) == "Will be\u2026"
    assert "The numbers on the left are the row numbers" in dialog.preview_caption.text()

    assert notes(dialog) == [
        "Row 4: No name in this row.",
        "Row 5 (added; please check): "
        "The phone number '555-12' looks too short, so it was left blank.",
    ]
    assert dialog.notes_list.isVisibleTo(dialog)
    assert dialog.notes_heading.text() == "Rows skipped, and rows to check after adding:"

    assert dialog.add_button.text() == "Add 4 doctors"
    assert dialog.add_button.isEnabled()
    assert dialog.add_button.isDefault()


def test_preview_model_passes_the_model_tester(
    make_dialog: Any, write: Any, qtmodeltester: Any
) -> None:
    qtmodeltester.check(ImportPreviewModel())
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    qtmodeltester.check(dialog.preview_model)
    assert (
        dialog.preview_model.flags(dialog.preview_model.index(0, 0)) & (Qt.ItemFlag.ItemIsEditable)
        == Qt.ItemFlag.NoItemFlags
    )


def test_semicolons_and_an_old_windows_encoding(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("liste.csv", SEMICOLON_CSV))

    assert dialog.mapping_combos["name"].currentText() == "A: Doctor"
    assert dialog.mapping_combos["specialty"].currentText() == "B: Speciality"
    assert dialog.mapping_combos["phone"].currentText() == "C: Telephone"
    assert column(dialog, Column.SPECIALTY) == ["Oncologie médicale", "Chirurgie"]
    assert dialog.summary_label.text() == "2 doctors ready to add."
    assert not dialog.notes_list.isVisibleTo(dialog)
    assert dialog.add_button.text() == "Add 2 doctors"


def test_first_and_last_name_columns(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("split.csv", FIRST_LAST_CSV))

    assert dialog.mapping_combos["name"].currentText() == NOT_IN_FILE
    assert dialog.mapping_combos["first_name"].currentText() == "A: First Name"
    assert dialog.mapping_combos["last_name"].currentText() == "B: Last Name"
    assert dialog.mapping_combos["practice"].currentText() == "D: Group"
    assert dialog.mapping_combos["phone"].currentText() == "E: Office Phone"
    assert column(dialog, Column.NAME) == ["Ana Ruiz", "Samuel Okafor"]
    assert dialog.add_button.text() == "Add 2 doctors"


def test_duplicates_in_the_file_and_in_the_list(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("dupes.csv", DUPLICATES_CSV), existing=EXISTING)

    assert dialog.summary_label.text() == "1 doctor ready to add. 3 rows skipped."
    assert notes(dialog) == [
        "Row 2: Already in your list: Ana Ruiz (same name and phone).",
        "Row 3: Already in your list: Ana Ruiz (same name and phone).",
        "Row 5: Appears twice in this file (same as row 4).",
    ]
    assert outcomes(dialog)[2] == "Added"
    assert dialog.notes_heading.text() == "Why 3 rows are skipped:"
    assert dialog.add_button.text() == "Add 1 doctor"


def test_nothing_new_to_add_keeps_add_disabled(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("same.csv", b"Name,Phone\nAna Ruiz,217-555-0143\n"), EXISTING)

    assert dialog.summary_label.text() == "No new doctors to add. 1 row skipped."
    assert not dialog.add_button.isEnabled()
    assert dialog.add_button.text() == "Add doctors"
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.candidates() == []


def test_long_files_preview_the_first_fifty_rows(make_dialog: Any, write: Any) -> None:
    rows = "".join(
        f"Dr. Ana Le{chr(97 + i // 26)}{chr(97 + i % 26)},217 555 {1000 + i}\n" for i in range(60)
    )
    dialog = make_dialog(write("long.csv", ("Name,Phone\n" + rows).encode()))

    assert dialog.preview_model.rowCount() == 50
    assert dialog.preview_caption.text().startswith("The first 50 of 60 rows.")
    assert dialog.add_button.text() == "Add 60 doctors"


# ------------------------------------------------------------------------------------------
# Changing the mapping
# ------------------------------------------------------------------------------------------


def test_changing_a_column_updates_the_preview(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))

    choose(dialog.mapping_combos["specialty"], "C: Practice Name")
    assert column(dialog, Column.SPECIALTY)[0] == "Lakeside Cancer Center, Suite 210"

    choose(dialog.mapping_combos["phone"], NOT_IN_FILE)
    assert column(dialog, Column.PHONE) == ["", "", "", "", ""]
    assert dialog.summary_label.text() == "4 doctors ready to add. 1 row skipped."
    assert notes(dialog) == ["Row 4: No name in this row."]


def test_without_a_name_column_nothing_can_be_added(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))

    choose(dialog.mapping_combos["name"], NOT_IN_FILE)
    problem = "Please choose which column has the doctors' names."
    assert dialog.mapping_problem_label.isVisibleTo(dialog)
    assert dialog.mapping_problem_label.text() == problem
    assert dialog.summary_label.text() == problem
    assert not dialog.add_button.isEnabled()
    assert dialog.add_button.text() == "Add doctors"

    choose(dialog.mapping_combos["name"], "A: Provider Name")
    assert not dialog.mapping_problem_label.isVisibleTo(dialog)
    assert dialog.add_button.text() == "Add 4 doctors"
    assert dialog.add_button.isEnabled()


def test_choosing_first_and_last_name_by_hand(make_dialog: Any, write: Any) -> None:
    data = b"Given,Family,Phone\nAna,Ruiz,217-555-0143\n"
    dialog = make_dialog(write("odd.csv", data))
    assert dialog.mapping()["first_name"] == 0  # "Given" is a first name
    choose(dialog.mapping_combos["first_name"], NOT_IN_FILE)
    choose(dialog.mapping_combos["last_name"], NOT_IN_FILE)
    assert not dialog.add_button.isEnabled()

    choose(dialog.mapping_combos["first_name"], "A: Given")
    choose(dialog.mapping_combos["last_name"], "B: Family")
    assert column(dialog, Column.NAME) == ["Ana Ruiz"]
    assert dialog.add_button.text() == "Add 1 doctor"


# ------------------------------------------------------------------------------------------
# Adding
# ------------------------------------------------------------------------------------------


def test_add_returns_the_candidates_source_and_detail(
    make_dialog: Any, write: Any, qtbot: QtBot
) -> None:
    dialog = make_dialog(write("dupes.csv", DUPLICATES_CSV), existing=EXISTING)
    assert dialog.candidates() == []  # nothing before the person says Add
    assert dialog.import_result() is None
    assert dialog.source() is Source.INSURANCE_LIST
    assert dialog.source_detail() == "dupes.csv"

    choose(dialog.source_combo, Source.BOARD_DIRECTORY.label)
    dialog.source_detail_edit.setText("  ABMS   lookup ")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.candidates() == [ImportedCandidate(name="Li Wei", phone="(217) 555-0177")]
    result = dialog.import_result()
    assert result is not None
    assert len(result.skipped) == 3
    assert dialog.source() is Source.BOARD_DIRECTORY
    assert dialog.source_detail() == "ABMS lookup"


def test_source_choices_follow_the_domain(make_dialog: Any) -> None:
    dialog = make_dialog()
    labels = [dialog.source_combo.itemText(i) for i in range(dialog.source_combo.count())]
    assert labels == [source.label for source in Source]
    assert dialog.source_combo.currentText() == "Insurance list"


def test_enter_adds(make_dialog: Any, write: Any, qtbot: QtBot) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    dialog.show()
    qtbot.waitExposed(dialog)

    qtbot.keyClick(dialog.preview, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [c.name for c in dialog.candidates()] == [
        "Ruiz, Ana, MD",
        "Dr. Samuel Okafor",
        "Helen O'Brien",
        "José Álvarez MD",
    ]
    helen = dialog.candidates()[2]
    assert helen.phone == ""  # the unreadable number was left blank, as the note said
    assert helen.address == "2300 Stevenson Dr, Springfield, IL 62703"


def test_enter_does_nothing_while_add_is_disabled(
    make_dialog: Any, write: Any, qtbot: QtBot
) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    dialog.show()
    qtbot.waitExposed(dialog)
    choose(dialog.mapping_combos["name"], NOT_IN_FILE)

    qtbot.keyClick(dialog.mapping_combos["phone"], Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert dialog.candidates() == []


# ------------------------------------------------------------------------------------------
# Choosing a file
# ------------------------------------------------------------------------------------------


def test_choose_file_button(
    make_dialog: Any, write: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("bluebrook.csv", EXCEL_CSV)
    asked: list[tuple[str, str]] = []

    def fake_choose(parent: object, title: str, file_filter: str) -> str:
        asked.append((title, file_filter))
        return path

    monkeypatch.setattr(messages, "choose_open_path", fake_choose)
    dialog = make_dialog()
    assert not dialog.body.isVisibleTo(dialog)
    assert dialog.file_label.text() == "No file chosen yet."
    assert not dialog.add_button.isEnabled()

    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)

    assert asked == [("Choose the list of doctors", FILE_FILTER)]
    assert FILE_FILTER == "Spreadsheets saved as CSV (*.csv *.txt *.tsv);;All files (*)"
    assert dialog.path() == path
    assert dialog.body.isVisibleTo(dialog)
    assert dialog.add_button.text() == "Add 4 doctors"


def test_cancelling_the_file_chooser_changes_nothing(
    make_dialog: Any, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "choose_open_path", lambda *args: "")
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    dialog.choose_file()
    assert dialog.add_button.text() == "Add 4 doctors"
    assert "bluebrook.csv" in dialog.file_label.text()


def test_the_detail_follows_the_file_unless_typed(
    make_dialog: Any, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write("first.csv", FIRST_LAST_CSV)
    second = write("second.csv", DUPLICATES_CSV)
    dialog = make_dialog(first)
    assert dialog.source_detail() == "first.csv"
    dialog.load_file(second)
    assert dialog.source_detail() == "second.csv"
    dialog.source_detail_edit.setText("Bluebrook list, May")
    dialog.load_file(first)
    assert dialog.source_detail() == "Bluebrook list, May"


# ------------------------------------------------------------------------------------------
# Bad files
# ------------------------------------------------------------------------------------------

BAD_FILES = [
    pytest.param(b"", "This file is empty.", id="empty"),
    pytest.param(b"\r\n  \r\n", "This file is empty.", id="blank-lines"),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "This file is a picture, not a spreadsheet saved as CSV.",
        id="png",
    ),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "looks like an Excel workbook", id="xlsx"),
    pytest.param(bytes(range(256)) * 8, "not a spreadsheet saved as CSV", id="binary"),
    pytest.param(
        "Name,Phone\nAna,1\n".encode("utf-16-le"),
        "not a spreadsheet saved as CSV",
        id="utf16-without-bom",
    ),
    pytest.param(b"Name,Phone\n", "column titles but no doctors", id="titles-only"),
    pytest.param(b"<!DOCTYPE html><html><table>", "This file is a web page", id="web-page"),
    pytest.param(  # froze the window for half a minute listing the columns
        b",".join(b"Title %d" % i for i in range(100_000)) + b"\nDr A,555-0100\n",
        "more than 500 columns",
        id="100000-columns",
    ),
    pytest.param(
        b"Name,Phone\n" + b"A" * 10_000_000 + b",555-0100\n", "far too long", id="10-MB-cell"
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_bad_files_say_why_and_import_nothing(
    make_dialog: Any, write: Any, data: bytes, message: str
) -> None:
    dialog = make_dialog(write("bad.csv", data))
    assert_refused(dialog, message)


def assert_refused(dialog: ImportDialog, message: str) -> None:
    assert dialog.error_label.isVisibleTo(dialog)
    assert message in dialog.error_label.text()
    assert "Nothing was imported from this file." in dialog.error_label.text()
    assert dialog.error_label.accessibleName() == "Problem with the file"
    assert not dialog.body.isVisibleTo(dialog)
    assert not dialog.add_button.isEnabled()
    assert dialog.preview_model.rowCount() == 0
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.candidates() == []
    assert dialog.import_result() is None


def test_missing_file(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog(str(tmp_path / "gone.csv"))
    assert_refused(dialog, "We couldn't find this file.")
    assert "gone.csv" in dialog.file_label.text()


def test_a_folder_instead_of_a_file(make_dialog: Any, tmp_path: Path) -> None:
    dialog = make_dialog(str(tmp_path))
    assert_refused(dialog, "This is a folder, not a file.")


def test_a_file_we_may_not_read(make_dialog: Any) -> None:
    def refuse(path: str) -> bytes:
        raise PermissionError(13, "Permission denied", path)

    dialog = make_dialog("/somewhere/locked.csv", read_bytes=refuse)
    assert_refused(dialog, "won't let the app open this file")


def test_some_other_read_error(make_dialog: Any) -> None:
    def fail(path: str) -> bytes:
        raise OSError(5, "Input/output error", path)

    dialog = make_dialog("/media/stick/list.csv", read_bytes=fail)
    assert_refused(dialog, "We couldn't open this file (Input/output error).")


def test_a_file_that_is_too_big(make_dialog: Any) -> None:
    big = b"a" * (MAX_FILE_BYTES + 1)
    dialog = make_dialog("/home/me/huge.csv", read_bytes=lambda path: big)
    assert_refused(dialog, "This file is too big")


def test_the_default_reader_stops_after_the_size_limit(
    write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("list.csv", b"x" * 100)
    monkeypatch.setattr(import_dialog, "MAX_FILE_BYTES", 10)
    assert read_file_bytes(path) == b"x" * 11


def test_a_bad_file_after_a_good_one_clears_everything(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    assert dialog.add_button.isEnabled()
    assert not dialog.load_file(write("photo.csv", b"\xff\xd8\xff\xe0JFIF"))
    assert_refused(dialog, "This file is a picture")

    assert dialog.load_file(write("bluebrook.csv", EXCEL_CSV))
    assert not dialog.error_label.isVisibleTo(dialog)
    assert dialog.add_button.text() == "Add 4 doctors"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_either_load_or_explain(qapp: QApplication, data: bytes) -> None:
    dialog = ImportDialog(None, EXISTING, "whatever.csv", read_bytes=lambda path: data)
    try:
        if dialog.error_label.isVisibleTo(dialog):
            assert not dialog.add_button.isEnabled()
            assert dialog.error_label.text().strip()
        else:
            assert dialog.summary_label.text()
            assert dialog.preview_model.rowCount() >= 1
    finally:
        dialog.deleteLater()


# ------------------------------------------------------------------------------------------
# Big files
# ------------------------------------------------------------------------------------------


class CursorLog:
    """Counts busy cursors set and restored.

    (Asking `QApplication.overrideCursor()` when none is set is avoided on purpose: in PySide6
    6.12 each call that returns None loses a reference to None, and the interpreter aborts.)
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.depth = 0
        self.shapes: list[Qt.CursorShape] = []
        set_cursor = QApplication.setOverrideCursor
        restore_cursor = QApplication.restoreOverrideCursor

        def set_override(cursor: Any) -> None:
            self.depth += 1
            self.shapes.append(cursor)
            set_cursor(cursor)

        def restore_override() -> None:
            self.depth -= 1
            restore_cursor()

        monkeypatch.setattr(QApplication, "setOverrideCursor", staticmethod(set_override))
        monkeypatch.setattr(QApplication, "restoreOverrideCursor", staticmethod(restore_override))


def test_big_files_show_that_work_is_going_on(
    make_dialog: Any, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cursors = CursorLog(monkeypatch)
    seen: list[tuple[int, str, bool]] = []
    real_build = import_dialog.build_candidates
    dialog = make_dialog()

    def watching_build(*args: Any) -> Any:
        label = dialog.busy_label
        seen.append((cursors.depth, label.text(), label.isVisibleTo(dialog)))
        return real_build(*args)

    monkeypatch.setattr(import_dialog, "build_candidates", watching_build)
    monkeypatch.setattr(import_dialog, "BUSY_ROWS", 3)

    dialog.load_file(write("big.csv", EXCEL_CSV))  # 5 rows > 3

    assert seen == [(1, "Checking the rows\u2026", True)]
    assert cursors.depth == 0
    assert set(cursors.shapes) == {Qt.CursorShape.WaitCursor}
    assert not dialog.busy_label.isVisibleTo(dialog)
    assert dialog.add_button.text() == "Add 4 doctors"


def test_small_files_do_not_flash_a_progress_line(
    make_dialog: Any, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cursors = CursorLog(monkeypatch)
    shown: list[bool] = []
    dialog = make_dialog()
    monkeypatch.setattr(dialog.busy_label, "show", lambda: shown.append(True))
    dialog.load_file(write("small.csv", EXCEL_CSV))
    assert shown == []
    assert cursors.depth == 0


def test_the_cursor_comes_back_after_a_bad_file(
    make_dialog: Any, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cursors = CursorLog(monkeypatch)
    make_dialog(write("photo.csv", b"GIF89a"))
    assert cursors.depth == 0


def test_the_list_of_notes_stops_somewhere(
    make_dialog: Any, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_dialog, "MAX_NOTES_LISTED", 3)
    rows = "".join(f",Specialty {i}\n" for i in range(5))
    dialog = make_dialog(write("nameless.csv", ("Name,Specialty\n" + rows).encode()))
    assert notes(dialog) == [
        "Row 2: No name in this row.",
        "Row 3: No name in this row.",
        "Row 4: No name in this row.",
        "\u2026 and 2 more rows.",
    ]


# ------------------------------------------------------------------------------------------
# Cancelling
# ------------------------------------------------------------------------------------------


def test_cancel_before_a_file_closes_without_asking(make_dialog: Any, qtbot: QtBot) -> None:
    dialog = make_dialog()
    dialog.show()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # no_modals would fail
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_cancel_after_a_bad_file_closes_without_asking(
    make_dialog: Any, write: Any, qtbot: QtBot
) -> None:
    dialog = make_dialog(write("empty.csv", b""))
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.parametrize("how", ["button", "escape", "close"])
def test_cancel_after_loading_asks_first(
    make_dialog: Any, write: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    questions: list[tuple[str, str, str, str]] = []
    answer = [False]

    def ask(parent: object, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        questions.append((title, text, yes, no))
        return answer[0]

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    dialog.show()
    qtbot.waitExposed(dialog)

    def cancel() -> None:
        if how == "button":
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        elif how == "escape":
            qtbot.keyClick(dialog.preview, Qt.Key.Key_Escape)
        else:
            dialog.close()

    cancel()
    assert questions == [
        (
            "Close without adding?",
            "Close this window without adding any doctors from this file?",
            "Close without adding",
            "Keep going",
        )
    ]
    assert dialog.isVisible()  # "Keep going"

    answer[0] = True
    cancel()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.candidates() == []


# ------------------------------------------------------------------------------------------
# Accessibility and small helpers
# ------------------------------------------------------------------------------------------


def test_every_control_has_an_accessible_name(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("bluebrook.csv", EXCEL_CSV))
    controls = [
        widget
        for kind in (QPushButton, QComboBox, QLineEdit, QTableView, QListWidget)
        for widget in dialog.findChildren(kind)
        if not isinstance(widget.parent(), QComboBox)  # a combo's own pop-up pieces
    ]
    assert len(controls) >= 5 + 13 + 1
    unnamed = [widget for widget in controls if not widget.accessibleName()]
    assert unnamed == []
    names = {widget.accessibleName() for widget in controls}
    assert "Column for Doctor's name" in names
    assert "Add the doctors to your list" in names


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_file_names_are_shown_as_text(make_dialog: Any, write: Any) -> None:
    dialog = make_dialog(write("<i>list & co.csv", FIRST_LAST_CSV))
    assert "&lt;i&gt;list &amp; co.csv" in dialog.file_label.text()
    assert dialog.source_detail() == "<i>list & co.csv"
