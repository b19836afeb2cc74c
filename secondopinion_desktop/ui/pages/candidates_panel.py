"""Step 2's tools: the list of candidate doctors, adding, editing, removing and importing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctor_rows import DoctorRows
from secondopinion_desktop.domain.doctors import Doctor, Role
from secondopinion_desktop.domain.scripts import BOARD_CERTIFICATION_HELP
from secondopinion_desktop.services import doctors as doctor_changes
from secondopinion_desktop.services.changes import Changes, Kind
from secondopinion_desktop.store.repository import Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.background import Job
from secondopinion_desktop.ui.dialogs import factories
from secondopinion_desktop.ui.forms import button_row, push_button
from secondopinion_desktop.ui.models.doctors_model import (
    Column,
)
from secondopinion_desktop.ui.pages.doctor_table import DoctorTablePanel, fit_columns
from secondopinion_desktop.ui.pages.panel import PanelExtras, card, paragraph
from secondopinion_desktop.ui.pages.recent_cases import RecentCases
from secondopinion_desktop.ui.style import dress

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.doctor_dialog import DoctorDialog
    from secondopinion_desktop.ui.dialogs.import_dialog import ImportDialog

#: Lists of at least this many doctors are added off the window's thread (fewer take a blink).
BACKGROUND_FROM = 500
#: in the order shown: the number to call beside the name, in sight at any text size
STEP2_COLUMNS = {
    Column.NAME: 220,
    Column.PHONE: 140,
    Column.SPECIALTY: 230,
    Column.BOARD: 115,
    Column.SOURCE: 240,
}


NONE_YET = DoctorRows([])


def read_candidate_rows(repo: Repository, case_id: int) -> DoctorRows:
    """The case's candidates, ready for step 2's table (also on a worker's connection)."""
    return DoctorRows(repo.doctors.list(case_id, Role.CANDIDATE)).prepare(STEP2_COLUMNS)


class CandidatesPanel(DoctorTablePanel):
    shows = frozenset({Kind.DOCTORS, Kind.CALLS})

    def __init__(
        self,
        repo: Repository,
        parent: QWidget | None = None,
        doctor_dialog: Callable[..., DoctorDialog] = factories.doctor_dialog,
        import_dialog: Callable[..., ImportDialog] | None = None,
        **extras: Unpack[PanelExtras],
    ) -> None:
        super().__init__(repo, parent, **extras)
        self._doctor_dialog = doctor_dialog
        self._import_dialog = import_dialog
        self._recent: RecentCases[DoctorRows] = RecentCases()  # kept for cases shown lately
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)

        section = card("Your list of doctors", layout)
        self.empty_label = paragraph(
            "No doctors on your list yet. Add the first name you have, for example the "
            "specialist your doctor suggested, or import your insurance company's list."
        )
        section.addWidget(self.empty_label)
        self.make_table(STEP2_COLUMNS, "Candidate doctors")
        self.table.doubleClicked.connect(self._edit_index)
        section.addWidget(self.reading_label)
        section.addWidget(self.table)
        self.add_button = QPushButton("Add a doctor\u2026")
        dress(self.add_button, "primary")
        self.add_button.setAccessibleName("Add a doctor")
        self.edit_button = dress(QPushButton("Edit\u2026"))
        self.edit_button.setAccessibleName("Edit the chosen doctor")
        self.remove_button = dress(QPushButton("Remove\u2026"))
        self.remove_button.setAccessibleName("Remove the chosen doctor")
        self.import_button = dress(QPushButton("Import a list\u2026"))
        self.import_button.setAccessibleName("Import doctors from a spreadsheet saved as CSV")
        self.add_button.clicked.connect(self.add_doctor)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_list)
        section.addLayout(
            button_row(self.add_button, self.edit_button, self.remove_button, self.import_button)
        )
        for key, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_selected),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
        ):
            shortcut = QShortcut(key, self.table, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in the table
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        board = card("Checking board certification", layout)
        board.addWidget(paragraph(BOARD_CERTIFICATION_HELP))
        self.copy_help = push_button(
            "Copy this text", "Copy where to check board certification", self._copy_help
        )
        board.addLayout(button_row(self.copy_help))
        self.board_note = QLabel()
        self._update_buttons()

    # --- loading -------------------------------------------------------------------------

    def forget(self, changes: Changes | None) -> None:
        self._recent.forget(changes)
        self.forget_reads()

    def load(self, case: Case) -> None:
        super().load(case)
        self.read_rows(case.id, self._recent, read_candidate_rows, self._show_rows, NONE_YET)

    def _show_rows(self, rows: DoctorRows) -> None:
        self.show_rows(rows)
        fit_columns(self.table, STEP2_COLUMNS)
        self.empty_label.setVisible(self.model.rowCount() == 0 and not self.reading)
        self._update_buttons()

    def selected_doctor(self) -> Doctor | None:
        """Only a row the person selected (the table can keep a current row without one)."""
        if not self.table.selectionModel().hasSelection():
            return None
        return super().selected_doctor()

    def _update_buttons(self) -> None:
        has = self.selected_doctor() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    # --- actions -------------------------------------------------------------------------

    def add_doctor(self) -> None:
        if self.case is None:
            return
        dialog = self._doctor_dialog(self, self.case.id, None, Role.CANDIDATE)
        known = getattr(dialog, "set_known_doctors", None)
        if known is not None:
            known(self.repo.doctors.list(self.case.id))
        doctor = dialog.doctor() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if doctor is None:
            instead = getattr(dialog, "open_instead", lambda: None)()
            if isinstance(instead, Doctor):
                self.select_doctor(instead.id)
                self.edit_selected()
            return
        saved, changes = doctor_changes.add_doctor(self.repo, doctor)
        self._refresh(changes, saved.id)
        self.status_message.emit(f"Added {saved.spoken} to your list.")

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def remove_selected(self) -> None:
        doctor = self.selected_doctor()
        if doctor is None:
            return
        calls = len(self.repo.doctors.list_calls(doctor.id))
        extra = f" and the {calls} call{'s' if calls != 1 else ''} you logged" if calls else ""
        if not messages.ask_yes_no(
            self,
            "Remove this doctor?",
            f"Remove {doctor.spoken}{extra} from your list?\n\nThis cannot be undone.",
            yes="Remove",
            no="Keep",
        ):
            return
        self._refresh(doctor_changes.delete_doctor(self.repo, doctor.case_id, doctor.id))
        self.status_message.emit(f"Removed {doctor.spoken}.")

    def import_list(self) -> None:
        if self.case is None or self.jobs.refuse_if_busy(self):
            return
        factory = self._import_dialog
        if factory is None:
            from secondopinion_desktop.ui.dialogs.import_dialog import ImportDialog

            factory = ImportDialog
        existing = [(d.name, d.phone) for d in self.repo.doctors.list(self.case.id)]
        dialog = factory(self, existing)
        use_jobs = getattr(dialog, "use_jobs", None)  # the real dialog reads big files off-thread
        if use_jobs is not None:
            use_jobs(self.jobs)
        if dialog.exec() != 1:
            return
        candidates = dialog.candidates()
        source = dialog.source()
        detail = dialog.source_detail()
        if not candidates:
            return
        case_id = self.case.id
        file_name = Path(detail).name or "the file"

        def added(result: tuple[int, Changes]) -> None:
            count, changes = result
            self._refresh(changes)
            self.status_message.emit(
                f"Added {count:,} doctor{'s' if count != 1 else ''} from {file_name}."
            )

        def stopped() -> None:
            self.status_message.emit(f"Nothing was added from {file_name}.")

        self.jobs.start(
            Job(
                "Adding the doctors",
                "adding the doctors from the list",
                "Doctors not added",
                lambda repo, progress: doctor_changes.import_doctors(
                    repo, case_id, candidates, source, detail, progress
                ),
            ),
            self,
            added,
            stopped,
            at_once=len(candidates) < BACKGROUND_FROM,
        )

    def _copy_help(self) -> None:
        QApplication.clipboard().setText(BOARD_CERTIFICATION_HELP)
        self.status_message.emit("Copied. You can paste it into an email or a note.")
