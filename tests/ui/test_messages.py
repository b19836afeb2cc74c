"""ui/messages.py's real dialogs, answered as a person would: the item picker (Restore a
backup) returns what was picked, -1 for Cancel, and its buttons wear the app's look."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from secondopinion_desktop.ui import messages
from tests.helpers.looks import undressed
from tests.helpers.stranger import answer_next_dialog, button

# The real function: the test session replaces it with one that fails (no modal waits).
REAL_CHOOSE_ITEM = messages.choose_item

BACKUPS = ["Today, 9:00", "Yesterday, 9:00", "Monday, 9:00"]


def _pick(row: int | None, seen: list[list[str]]) -> Callable[[QWidget], None]:
    """Read the picker (we record what is undressed), choose row `row` and press OK (None:
    press Cancel)."""

    def fill(dialog: QWidget) -> None:
        seen.append(undressed(dialog))
        if row is not None:
            combo = dialog.findChild(QComboBox)
            assert combo is not None
            combo.setCurrentIndex(row)
        button(dialog, "OK" if row is not None else "Cancel").click()

    return fill


def test_the_picker_returns_the_row_picked_and_minus_one_for_cancel(qapp: QApplication) -> None:
    parent = QWidget()
    parent.show()
    seen: list[list[str]] = []
    answer_next_dialog(_pick(1, seen))
    assert REAL_CHOOSE_ITEM(parent, "Restore a backup", "Which backup?", BACKUPS) == 1
    answer_next_dialog(_pick(None, seen))
    assert REAL_CHOOSE_ITEM(parent, "Restore a backup", "Which backup?", BACKUPS) == -1
    assert seen == [[], []]  # its OK and Cancel wear the app's look
    assert REAL_CHOOSE_ITEM(parent, "Restore a backup", "Which backup?", []) == -1  # no modal
    parent.close()
