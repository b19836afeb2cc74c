"""The main window: menus, the case switcher, the step sidebar, one page per step, status bar.

The window talks to the data only through the Repository; it never runs SQL.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop import __version__
from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.doctors import Status
from secondopinion_desktop.domain.steps import OUTCOME_PAGE, STEPS, next_open_step, progress_text
from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.services import backups, cases, steps
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.store.repository import NotFoundError, Repository
from secondopinion_desktop.ui import messages
from secondopinion_desktop.ui.autosave import flush_all
from secondopinion_desktop.ui.case_actions import enable_case_actions, mark_needs_case
from secondopinion_desktop.ui.dialogs.factories import case_dialog
from secondopinion_desktop.ui.elided_label import ElidedLabel
from secondopinion_desktop.ui.models.cases_model import CasesModel
from secondopinion_desktop.ui.models.steps_model import StepsModel
from secondopinion_desktop.ui.pages.panel import StepPanel
from secondopinion_desktop.ui.pages.panels import PanelContext, build_panels
from secondopinion_desktop.ui.pages.step_page import StepPage
from secondopinion_desktop.ui.reminders import ReminderController
from secondopinion_desktop.ui.sidebar import Sidebar
from secondopinion_desktop.ui.style import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails, CaseDialog
    from secondopinion_desktop.ui.pages.outcome_page import OutcomePage
    from secondopinion_desktop.ui.pages.welcome_page import WelcomePage

log = logging.getLogger(__name__)

APP_TITLE = "Second Opinion"
WELCOME_INDEX = 0


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


class MarkStepCommand(QUndoCommand):
    """Marking a step done (or not done), undoable from the Edit menu."""

    def __init__(self, window: MainWindow, case_id: int, step: int, done: bool) -> None:
        super().__init__(f"mark step {step} {'done' if done else 'not done'}")
        self._window = window
        self._case_id = case_id
        self._step = step
        self._done = done

    def redo(self) -> None:
        self._window.apply_step_done(self._case_id, self._step, self._done)

    def undo(self) -> None:
        self._window.apply_step_done(self._case_id, self._step, not self._done)


class EditCaseCommand(QUndoCommand):
    """Changing a case's details or name, undoable from the Edit menu."""

    def __init__(
        self, window: MainWindow, before: CaseDetails, after: CaseDetails, text: str
    ) -> None:
        super().__init__(text)
        self._window = window
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._window.apply_case(self._after)

    def undo(self) -> None:
        self._window.apply_case(self._before)


class MainWindow(QMainWindow):
    """One case at a time, shown as six steps and an outcome page.

    Signals:
        changed(Changes): something was saved; what changed, for whoever shows it.
    """

    changed = Signal(object)

    def __init__(
        self,
        repo: Repository,
        settings: QSettings,
        case_dialog_factory: Callable[..., CaseDialog] = case_dialog,
        parent: QWidget | None = None,
        reminders: bool = True,
        first_page: int | None = None,
    ) -> None:
        """`reminders=False` for the non-interactive modes: no reminder window may open.

        `first_page` opens the first case on that page instead of the one last used.
        """
        super().__init__(parent)
        self.repo = repo
        self.settings = settings
        self._case_dialog_factory = case_dialog_factory
        self.case: Case | None = None
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("mainWindow")

        self.steps_model = StepsModel(self)
        self.cases_model = CasesModel(self)
        self._build_central()
        self._build_actions()
        self._mark_case_actions()
        self._build_menus()
        self.status = self.statusBar()
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        self.status.addPermanentWidget(self.progress_label)
        self._restore_window_state()
        self._first_page = first_page
        self.reload_cases(self._initial_case_id())
        self._first_page = None
        # reminders: the scheduler, the reminder window, Tools > Reminders / Export to Calendar
        self.reminders = ReminderController(self, repo, start=reminders)

    # --- building ------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QFrame()
        header.setObjectName("caseBar")
        bar = QHBoxLayout(header)
        bar.setContentsMargins(20, 10, 20, 10)
        bar.setSpacing(12)
        label = QLabel("&Case:")
        self.case_combo = QComboBox()
        self.case_combo.setModel(self.cases_model)
        self.case_combo.setAccessibleName("Current case")
        self.case_combo.setMinimumContentsLength(24)
        self.case_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        label.setBuddy(self.case_combo)
        self.case_combo.activated.connect(self._on_case_chosen)
        self.patient_label = ElidedLabel()
        self.patient_label.setObjectName("patientLine")
        self.patient_label.setAccessibleName("Patient and diagnosis")
        self.details_button = QPushButton("Case details\u2026")
        self.details_button.setAccessibleName("Case details")
        self.details_button.clicked.connect(self.edit_case_details)
        self.new_case_button = QPushButton("New case\u2026")
        self.new_case_button.setAccessibleName("New case")
        self.new_case_button.clicked.connect(self.new_case)
        bar.addWidget(label)
        bar.addWidget(self.case_combo)
        bar.addWidget(self.patient_label, 1)
        bar.addWidget(self.details_button)
        bar.addWidget(self.new_case_button)
        outer.addWidget(header)

        self.sidebar = Sidebar(self.steps_model)
        self.sidebar.page_requested.connect(self.show_page)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Step page")
        # Index 0 is the welcome, 1-6 the steps, 7 the outcome. Each page is built the first
        # time it is needed (see _page_at); until then an empty widget holds its place.
        for _ in range(OUTCOME_PAGE + 1):
            self.stack.addWidget(QWidget())
        self._built_pages: dict[int, QWidget] = {}
        self.panels: dict[int, list[StepPanel]] = {}

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([290, 900])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _page_at(self, index: int) -> QWidget:
        """The page at a stack index, built now if this is the first time it is needed."""
        page = self._built_pages.get(index)
        if page is not None:
            return page
        if index == WELCOME_INDEX:
            from secondopinion_desktop.ui.pages.welcome_page import WelcomePage

            welcome = WelcomePage()
            welcome.new_case_requested.connect(self.new_case)
            page = welcome
        elif index == OUTCOME_PAGE:
            from secondopinion_desktop.ui.pages.outcome_page import OutcomePage

            page = OutcomePage()
        else:
            step_page = StepPage(STEPS[index - 1])
            step_page.done_toggled.connect(self.request_step_done)
            step_page.notes_edited.connect(self._save_step_notes)
            page = step_page
        current = self.stack.currentIndex()
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        if current == index:
            self.stack.setCurrentIndex(index)
        self._built_pages[index] = page
        return page

    def built_pages(self) -> dict[int, QWidget]:
        """The pages built so far, by stack index (0 welcome, 1-6 steps, 7 outcome).

        Pages are built the first time they are needed, to keep start-up short; this says
        which exist without building the others (unlike `step_pages`).
        """
        return dict(self._built_pages)

    @property
    def welcome(self) -> WelcomePage:
        from secondopinion_desktop.ui.pages.welcome_page import WelcomePage

        page = self._page_at(WELCOME_INDEX)
        assert isinstance(page, WelcomePage)
        return page

    def step_page(self, step: int) -> StepPage:
        page = self._page_at(step)
        assert isinstance(page, StepPage)
        return page

    @property
    def step_pages(self) -> list[StepPage]:
        """All six step pages (building the ones not built yet)."""
        return [self.step_page(step.number) for step in STEPS]

    @property
    def outcome_page(self) -> OutcomePage:
        from secondopinion_desktop.ui.pages.outcome_page import OutcomePage

        page = self._page_at(OUTCOME_PAGE)
        assert isinstance(page, OutcomePage)
        return page

    def _show_stack_page(self, index: int) -> None:
        self._page_at(index)
        self.stack.setCurrentIndex(index)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_case_action = self._action(
            "&New Case\u2026", self.new_case, key.New, "Start a new case"
        )
        self.details_action = self._action(
            "Case &Details\u2026", self.edit_case_details, "Ctrl+I", "Change the case's details"
        )
        # No F2 here: F2 is how a table starts changing the cell in focus (step 3 says so).
        # Case Details (Ctrl+I) opens the same dialog; Alt+F, R reaches this from the keyboard.
        self.rename_action = self._action(
            "&Rename Case\u2026", self.edit_case_details, None, "Give the case another name"
        )
        self.delete_action = self._action(
            "&Delete Case\u2026", self.delete_case, None, "Delete this case and all it holds"
        )
        self.backup_action = self._action(
            "&Back Up Now", self.back_up_now, "Ctrl+Shift+B", "Make a copy of all your data now"
        )
        self.restore_action = self._action(
            "Restore From &Backup\u2026", self.restore_backup, None, "Go back to an earlier copy"
        )
        self.export_action = self._action(
            "&Export Case\u2026", self.export_case, None, "Save this case in one file"
        )
        self.import_action = self._action(
            "&Import Case\u2026", self.import_case, None, "Add a case saved on another computer"
        )
        self.quit_action = self._action("&Quit", self.close, key.Quit, "Close Second Opinion")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(key.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(key.Redo))
        self.mark_done_action = self._action(
            "&Mark Step Done / Not Done", self._toggle_current_step, "Ctrl+D"
        )
        self.prev_action = self._action("&Previous Step", lambda: self._move_page(-1), "Ctrl+PgUp")
        self.next_action = self._action("&Next Step", lambda: self._move_page(1), "Ctrl+PgDown")
        self.first_open_action = self._action(
            "Go to the Step to Do &Now", self.show_next_open_step, "Ctrl+J"
        )
        self.larger_action = self._action(
            "&Larger Text", lambda: self.change_text_size(1), key.ZoomIn
        )
        self.smaller_action = self._action(
            "&Smaller Text", lambda: self.change_text_size(-1), key.ZoomOut
        )
        self.normal_size_action = self._action(
            "&Normal Text Size", lambda: self.set_text_size(DEFAULT_POINT_SIZE), "Ctrl+0"
        )
        self.help_action = self._action(
            "&How Second Opinion Works", self.show_help, key.HelpContents
        )
        self.about_action = self._action("&About Second Opinion", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _mark_case_actions(self) -> None:
        for action in (
            self.details_action,
            self.rename_action,
            self.delete_action,
            self.export_action,
            self.mark_done_action,
            self.prev_action,
            self.next_action,
            self.first_open_action,
        ):
            mark_needs_case(action)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&File")
        file_menu.addAction(self.new_case_action)
        self.switch_menu = file_menu.addMenu("&Switch To Case")
        self.switch_menu.aboutToShow.connect(self._fill_switch_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.details_action)
        file_menu.addAction(self.rename_action)
        file_menu.addAction(self.delete_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu_bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.mark_done_action)
        view_menu = menu_bar.addMenu("&View")
        view_menu.addAction(self.prev_action)
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.first_open_action)
        view_menu.addSeparator()
        view_menu.addAction(self.larger_action)
        view_menu.addAction(self.smaller_action)
        view_menu.addAction(self.normal_size_action)
        help_menu = menu_bar.addMenu("&Help")
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _fill_switch_menu(self) -> None:
        self.switch_menu.clear()
        for row in range(self.cases_model.rowCount()):
            case = self.cases_model.case_at(row)
            action = self.switch_menu.addAction(case.display_name)
            action.setCheckable(True)
            action.setChecked(self.case is not None and case.id == self.case.id)
            action.triggered.connect(lambda _checked=False, cid=case.id: self.open_case(cid))
        if not self.cases_model.rowCount():
            empty = self.switch_menu.addAction("No cases yet")
            empty.setEnabled(False)

    # --- window state --------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(QSize(1200, 800))
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def _initial_case_id(self) -> int | None:
        value = self.settings.value("last_case_id")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self.case is not None:
            self.settings.setValue("last_case_id", self.case.id)
            self.settings.setValue(f"case/{self.case.id}/page", self.current_page())
        self.settings.sync()

    def bring_forward(self) -> None:
        """Another launch asked for this window: show it, raised and active."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_edits()
        self.save_window_state()
        super().closeEvent(event)

    # --- cases ---------------------------------------------------------------------------

    def reload_cases(self, select_id: int | None = None) -> None:
        """Refresh the case list and open `select_id` (or the first case, or the welcome)."""
        cases = self.repo.cases.list()
        self.cases_model.set_cases(cases)
        ids = [c.id for c in cases]
        if select_id not in ids:
            select_id = ids[0] if ids else None
        if select_id is None:
            self._show_no_case()
        else:
            self.open_case(select_id)

    def _enable_case_controls(self, enabled: bool) -> None:
        """What needs an open case is switched off on the welcome page."""
        self.sidebar.setEnabled(enabled)
        for widget in (self.details_button, self.case_combo):
            widget.setEnabled(enabled)
        enable_case_actions(self, enabled)

    def _show_no_case(self) -> None:
        self.case = None
        self.undo_stack.clear()
        self.steps_model.set_done(set())
        self._show_stack_page(WELCOME_INDEX)
        self._enable_case_controls(False)
        self.patient_label.setText("No case yet")
        self.progress_label.setText("")
        self.setWindowTitle(APP_TITLE)

    def open_case(self, case_id: int) -> None:
        """Switch to a case and show the page the person was last on (or the next step)."""
        self.flush_edits()
        if self.case is not None and self.case.id != case_id:
            self.settings.setValue(f"case/{self.case.id}/page", self.current_page())
        try:
            case = self.repo.cases.get(case_id)
        except NotFoundError:
            self.reload_cases()
            return
        changed = self.case is None or self.case.id != case.id
        self.case = case
        if changed:
            self.undo_stack.clear()
        self._enable_case_controls(True)
        self.case_combo.setCurrentIndex(self.cases_model.row_of(case.id))
        self.settings.setValue("last_case_id", case.id)
        self._show_case_header()
        self.refresh_progress()
        if changed and self._first_page is not None and 1 <= self._first_page <= OUTCOME_PAGE:
            self.show_page(self._first_page)
        elif changed:
            page = self.settings.value(f"case/{case.id}/page")
            try:
                start = int(str(page)) if page is not None else 0
            except ValueError:
                start = 0
            if not 1 <= start <= OUTCOME_PAGE:
                start = next_open_step(self.steps_model.done_steps())
            self.show_page(start)

    def _show_case_header(self) -> None:
        if self.case is None:
            return
        parts = [p for p in (self.case.patient_name, self.case.diagnosis) if p]
        self.patient_label.setText(" \u2014 ".join(parts))
        self.setWindowTitle(f"{self.case.display_name} \u2014 {APP_TITLE}")

    def _on_case_chosen(self, row: int) -> None:
        if 0 <= row < self.cases_model.rowCount():
            self.open_case(self.cases_model.case_at(row).id)

    def new_case(self) -> None:
        dialog = self._case_dialog_factory(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        details = dialog.details()
        if details is None:
            return
        case, changes = cases.create_case(self.repo, **details.as_dict())
        self.reload_cases(case.id)
        self.changed.emit(changes)
        self.show_page(1)
        self.status.showMessage(f"Started \u201c{case.display_name}\u201d.", 6000)

    def edit_case_details(self) -> None:
        if self.case is None:
            return
        dialog = self._case_dialog_factory(self, self.case)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        details: CaseDetails | None = dialog.details()
        if details is None:
            return
        from secondopinion_desktop.ui.dialogs.case_dialog import CaseDetails

        current = self.repo.cases.get(self.case.id)
        before = CaseDetails.from_case(current)
        if details == before:
            return
        self.undo_stack.push(EditCaseCommand(self, before, details, "change the case details"))
        self.status.showMessage("Case details saved.", 5000)

    def apply_case(self, details: CaseDetails) -> None:
        """Save a case's details (used by edit, undo and redo) and refresh what shows it.

        Applied to the case as stored now, so what panels saved meanwhile is kept.
        """
        if self.case is None:
            return
        saved, changes = cases.update_case(
            self.repo, details.applied_to(self.repo.cases.get(self.case.id))
        )
        self.cases_model.set_cases(self.repo.cases.list())
        self.case = saved
        self.case_combo.setCurrentIndex(self.cases_model.row_of(saved.id))
        self._show_case_header()
        self._broadcast(changes)

    def delete_case(self) -> None:
        if self.case is None:
            return
        name = self.case.display_name
        if not messages.ask_yes_no(
            self,
            "Delete this case?",
            f"Delete \u201c{name}\u201d and everything in it: doctors, calls and notes?\n\n"
            "This cannot be undone.",
            yes="Delete case",
            no="Keep it",
        ):
            return
        changes = cases.delete_case(self.repo, self.case.id)
        self.settings.remove(f"case/{self.case.id}")
        self.case = None
        self.reload_cases()
        self.changed.emit(changes)
        self.status.showMessage(f"Deleted \u201c{name}\u201d.", 6000)

    # --- steps ---------------------------------------------------------------------------

    def current_page(self) -> int:
        index = self.stack.currentIndex()
        return index if index != WELCOME_INDEX else 0

    def show_page(self, page: int) -> None:
        """Show step 1-6 or the outcome page (7)."""
        if self.case is None or not 1 <= page <= OUTCOME_PAGE:
            return
        self.flush_edits()
        self._show_stack_page(page)
        self.sidebar.select_page(page)
        if page < OUTCOME_PAGE:
            self._load_step_page(page)
        for panel in self.panels_of(page):
            panel.load(self.case)

    def panels_of(self, page: int) -> list[StepPanel]:
        """The tools on a page, built the first time the page is needed."""
        if page not in self.panels:
            host = self.step_page(page).tools if page < OUTCOME_PAGE else self.outcome_page.tools
            context = PanelContext(self.repo, self.settings, self.undo_stack)
            built = build_panels(context, self, page)
            for panel in built:
                host.addWidget(panel)
                panel.changed.connect(self._on_panel_changed)
                panel.status_message.connect(lambda text: self.status.showMessage(text, 5000))
                panel.open_page.connect(self.show_page)
            self.panels[page] = built
        return self.panels[page]

    def _load_step_page(self, page: int) -> None:
        """Show the stored state of a step; notes typed but not saved yet are saved first."""
        if self.case is None:
            return
        step_page = self.step_page(page)
        step_page.flush_notes()
        progress = self.repo.cases.step_progress(self.case.id)[page]
        step_page.load(progress, self._situation(page))

    def _broadcast(self, changes: Changes, sender: object = None) -> None:
        """Tell the panels in view (others load when shown) and whoever listens what changed."""
        if not changes:
            return
        for panel in self.panels.get(self.current_page(), []):
            if panel is not sender:
                panel.refresh(changes)
        self.changed.emit(changes)

    def _on_panel_changed(self, changes: Changes) -> None:
        """A panel saved something: tell the others, refresh progress and the summary line."""
        self._broadcast(changes, self.sender())
        if self.case is not None:
            self.case = self.repo.cases.get(self.case.id)
            self._show_case_header()
        self.refresh_progress()
        page = self.current_page()
        if 1 <= page < OUTCOME_PAGE:
            self._load_step_page(page)

    def _situation(self, page: int) -> str:
        """A sentence on where the case stands for this step, from what is recorded."""
        if self.case is None:
            return ""
        counts = self.repo.cases.counts(self.case.id)
        if page == 2 and counts["candidates"]:
            return "So far: " + plural(counts["candidates"], "doctor") + " on your list."
        if page == 3 and counts["candidates"]:
            booked = [
                d.name for d in self.repo.doctors.list(self.case.id) if d.status is Status.BOOKED
            ]
            text = f"So far: {plural(counts['calls'], 'call')} logged"
            if counts["ruled_out"]:
                text += f", {counts['ruled_out']} ruled out"
            text += "."
            if booked:
                text += " Booked with " + ", ".join(booked) + "."
            return text
        return ""

    def _move_page(self, delta: int) -> None:
        page = self.current_page() or 1
        self.show_page(max(1, min(OUTCOME_PAGE, page + delta)))

    def show_next_open_step(self) -> None:
        self.show_page(next_open_step(self.steps_model.done_steps()))

    def request_step_done(self, step: int, done: bool) -> None:
        if self.case is None:
            return
        self.undo_stack.push(MarkStepCommand(self, self.case.id, step, done))
        if done:
            self.status.showMessage(f"Step {step} marked as done. Well done.", 6000)
        else:
            self.status.showMessage(f"Step {step} marked as not done.", 6000)

    def apply_step_done(self, case_id: int, step: int, done: bool) -> None:
        """Save a step's state (used by the page, undo and redo) and refresh the sidebar."""
        self._broadcast(steps.set_step_done(self.repo, case_id, step, done))
        if self.case is not None and self.case.id == case_id:
            self.refresh_progress()
            if self.current_page() == step:
                self._load_step_page(step)

    def _toggle_current_step(self) -> None:
        page = self.current_page()
        if 1 <= page < OUTCOME_PAGE:
            self.request_step_done(page, not self.step_page(page).is_done)

    def refresh_progress(self) -> None:
        if self.case is None:
            return
        done = self.repo.cases.done_steps(self.case.id)
        self.steps_model.set_done(done)
        self.progress_label.setText(progress_text(done))

    def _save_step_notes(self, step: int, notes: str) -> None:
        if self.case is None:
            return
        self._broadcast(steps.set_step_notes(self.repo, self.case.id, step, notes))
        self.status.showMessage("Notes saved.", 3000)

    def flush_edits(self) -> None:
        """Save anything typed but not yet saved (before switching, closing, quitting, logout,
        SIGTERM): the field being edited in each panel, then every text saved after a pause."""
        for panels in self.panels.values():
            for panel in panels:
                panel.flush()
        flush_all(self)

    # --- backups -------------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self.repo.data_folder() is None:
            return
        self.flush_edits()
        try:
            made = backups.back_up_now(self.repo)
        except KnownError as exc:
            messages.show_error(self, "Backup not made", exc.message)
            return
        if made is not None:
            self.status.showMessage(f"Backup made: {made.label}.", 8000)

    def restore_backup(self) -> None:
        """Go back to an earlier copy; the present state is backed up first, so it can return."""
        if self.repo.data_folder() is None:
            return
        self.flush_edits()
        found = backups.list_backups(self.repo)
        if not found:
            messages.show_info(
                self,
                "No backups yet",
                "There are no backups to restore yet. Second Opinion makes one every day it "
                "is opened, and you can make one any time with File, Back Up Now.",
            )
            return
        index = messages.choose_item(
            self,
            "Restore from a backup",
            "Go back to how your data was at:",
            [b.label for b in found],
        )
        if index < 0:
            return
        chosen = found[index]
        if not messages.ask_yes_no(
            self,
            "Restore this backup?",
            f"Go back to your data as it was on {chosen.label}?\n\n"
            "Anything typed since then will be replaced. A copy of your data as it is now is "
            "kept first, so you can come back to it.",
            yes="Restore",
            no="Cancel",
        ):
            return
        try:
            backups.restore_backup(self.repo, chosen)
        except KnownError as exc:
            messages.show_error(self, "Not restored", exc.message)
            return
        self.undo_stack.clear()
        current = self.case.id if self.case else None
        self.case = None
        self.reload_cases(current)
        self.status.showMessage(f"Restored the backup from {chosen.label}.", 8000)

    # --- moving a case to another computer ----------------------------------------------

    def export_case(self) -> None:
        from secondopinion_desktop.services import transfer
        from secondopinion_desktop.services.transfer import ARCHIVE_SUFFIX

        if self.case is None:
            return
        self.flush_edits()
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in self.case.display_name)
        path = messages.choose_save_path(
            self,
            "Export this case",
            f"{safe.strip() or 'case'}{ARCHIVE_SUFFIX}",
            f"Second Opinion case (*{ARCHIVE_SUFFIX})",
        )
        if not path:
            return
        try:
            written = transfer.export_case(self.repo, self.case.id, Path(path))
        except KnownError as exc:
            messages.show_error(self, "Not exported", exc.message)
            return
        if written.left_out:
            names = "\n".join(f"\u2022 {name}" for name in written.left_out[:10])
            messages.show_info(
                self,
                "Exported without some scans",
                "The case is saved, but these scans were left out because Second Opinion's "
                f"copies of them are missing or have changed:\n\n{names}\n\n"
                "You can attach them again from the originals after importing.",
            )
        self.status.showMessage(f"Saved the case to {Path(path).name}.", 8000)

    def import_case(self) -> None:
        from secondopinion_desktop.services import transfer
        from secondopinion_desktop.services.transfer import ARCHIVE_SUFFIX

        path = messages.choose_open_path(
            self,
            "Import a case",
            f"Second Opinion case (*{ARCHIVE_SUFFIX});;All files (*)",
        )
        if not path:
            return
        try:
            changes = transfer.import_case(self.repo, Path(path))
        except KnownError as exc:
            messages.show_error(self, "Not imported", exc.message)
            return
        self.reload_cases(changes.case_id)
        self.status.showMessage("The case is imported.", 8000)

    # --- view and help -------------------------------------------------------------------

    def text_size(self) -> int:
        value = self.settings.value("view/point_size", DEFAULT_POINT_SIZE)
        try:
            return int(str(value))
        except ValueError:
            return DEFAULT_POINT_SIZE

    def set_text_size(self, size: int) -> None:
        from secondopinion_desktop.ui.style import apply_style

        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self.settings.setValue("view/point_size", size)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app, size)
        self.status.showMessage(f"Text size {size}.", 3000)

    def change_text_size(self, delta: int) -> None:
        self.set_text_size(self.text_size() + delta)

    def show_help(self) -> None:
        steps = "\n".join(f"{s.number}. {s.title} \u2014 {s.summary}" for s in STEPS)
        messages.show_info(
            self,
            "How Second Opinion works",
            "Second Opinion walks you through six steps:\n\n"
            f"{steps}\n\n"
            "Choose a step on the left to see what to do. Mark it as done when it is done. "
            "Everything you type is saved at once, on this computer only.\n\n"
            "This program organises your search. It does not give medical advice.",
        )

    def show_about(self) -> None:
        messages.show_about(
            self,
            "About Second Opinion",
            f"Second Opinion {__version__}\n\n"
            "A calm helper for getting a second medical opinion: telling your doctor, finding "
            "and calling other doctors, gathering records, and preparing the visit.\n\n"
            "It works offline. Your information stays on this computer.\n"
            "It does not give medical advice.",
        )
