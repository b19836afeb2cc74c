"""The main window: menus, the case switcher, the step sidebar, one page per step, status bar.

The window reads through the Repository and changes data only through services/; it never
runs SQL. What it and its panels change is broadcast as `changed(Changes)`. The menus of
reminders, backups, case transfer and view/help are owned by controllers (ui/controllers/).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from secondopinion_desktop.domain.cases import Case
from secondopinion_desktop.domain.steps import OUTCOME_PAGE, STEPS, next_open_step, progress_text
from secondopinion_desktop.domain.steps import heading as step_heading
from secondopinion_desktop.services import steps
from secondopinion_desktop.services.changes import Changes
from secondopinion_desktop.services.exports import current_case_id
from secondopinion_desktop.store.repository import NotFoundError, Repository
from secondopinion_desktop.ui import window_state
from secondopinion_desktop.ui.autosave import flush_all
from secondopinion_desktop.ui.background import Jobs
from secondopinion_desktop.ui.case_actions import (
    build_menu_bar,
    enable_case_actions,
    fill_switch_menu,
    mark_needs_case,
    new_action,
)
from secondopinion_desktop.ui.case_bar import CaseBar
from secondopinion_desktop.ui.commands import MarkStepCommand, confirm_step_done
from secondopinion_desktop.ui.controllers.backups import BackupController
from secondopinion_desktop.ui.controllers.cases import CaseController
from secondopinion_desktop.ui.controllers.reminders import ReminderController
from secondopinion_desktop.ui.controllers.transfer import TransferController
from secondopinion_desktop.ui.controllers.view import ViewController
from secondopinion_desktop.ui.dialogs.factories import case_dialog
from secondopinion_desktop.ui.models.cases_model import CasesModel
from secondopinion_desktop.ui.models.steps_model import StepsModel
from secondopinion_desktop.ui.page_stack import WELCOME_INDEX, PageStack
from secondopinion_desktop.ui.pages.panel import StepPanel
from secondopinion_desktop.ui.pages.panels import PanelContext, build_panels
from secondopinion_desktop.ui.pages.step_page import StepPage
from secondopinion_desktop.ui.sidebar import Sidebar

if TYPE_CHECKING:
    from secondopinion_desktop.ui.dialogs.case_dialog import CaseDialog
    from secondopinion_desktop.ui.page_builder import PageBuilder
    from secondopinion_desktop.ui.pages.outcome_page import OutcomePage
    from secondopinion_desktop.ui.pages.welcome_page import WelcomePage


APP_TITLE = "Second Opinion"


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
        # long work (imports, exports, backups) off the window's thread, one job at a time
        self.jobs = Jobs(self, repo)
        self._build_central()
        self._build_actions()
        self._build_menus()
        self.status = self.statusBar()
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        self.status.addPermanentWidget(self.progress_label)
        window_state.restore_window_state(self, self.splitter, self.settings)
        self._first_page = first_page
        self.reload_cases(current_case_id(repo, settings.value("last_case_id")))
        self._first_page = None
        # reminders: the scheduler, the reminder window, Tools > Reminders / Export to Calendar
        self.reminders = ReminderController(self, repo, start=reminders)

    # --- building ------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        bar = self.case_bar = CaseBar(self.cases_model)
        self.case_combo, self.patient_label = bar.case_combo, bar.patient_label
        self.details_button, self.new_case_button = bar.details_button, bar.new_case_button
        self.case_combo.activated.connect(self._on_case_chosen)
        outer.addWidget(bar)

        self.sidebar = Sidebar(self.steps_model)
        self.sidebar.page_requested.connect(self.show_page)
        self.stack = PageStack()
        self.stack.done_toggled.connect(self.request_step_done)
        self.stack.notes_edited.connect(self._save_step_notes)
        self.panels: dict[int, list[StepPanel]] = {}
        self.builder: PageBuilder | None = None  # see build_ahead

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([290, 900])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def built_pages(self) -> dict[int, QWidget]:
        """The pages built so far, by index (0 welcome, 1-6 steps, 7 outcome); builds none."""
        return dict(self.stack.built)

    @property
    def welcome(self) -> WelcomePage:
        return self.stack.welcome

    def step_page(self, step: int) -> StepPage:
        return self.stack.step_page(step)

    @property
    def step_pages(self) -> list[StepPage]:
        """All six step pages (building the ones not built yet)."""
        return [self.stack.step_page(step.number) for step in STEPS]

    @property
    def outcome_page(self) -> OutcomePage:
        return self.stack.outcome_page

    def build_ahead(self) -> None:
        """The interactive window only: from now on a page shown for the first time comes in
        pieces, and the pages not built yet are built in idle time (ui/page_builder.py)."""
        from secondopinion_desktop.ui.page_builder import builder_for

        self.builder = self.builder or builder_for(self)
        self.builder.start()

    def _build_actions(self) -> None:
        """The window's own actions; the controllers own the others."""
        key = QKeySequence.StandardKey
        self.case_control = CaseController(self, self.repo, self._case_dialog_factory)
        control = self.case_control
        self.new_case_action, self.details_action = control.new_case_action, control.details_action
        self.rename_action, self.delete_action = control.rename_action, control.delete_action
        self.new_case, self.edit_case_details = control.new_case, control.edit_case_details
        self.apply_case, self.delete_case = control.apply_case, control.delete_case
        self.details_button.clicked.connect(self.edit_case_details)
        for signal in (self.new_case_button.clicked, self.stack.new_case_requested):
            signal.connect(self.new_case)
        self.backups = BackupController(self, self.repo)
        self.backup_action, self.restore_action = self.backups.actions()
        self.transfer = TransferController(self, self.repo)
        self.export_action, self.import_action = self.transfer.actions()
        self.quit_action = new_action(self, "&Quit", self.quit_app, "Quit Second Opinion", key.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(key.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(key.Redo))
        self.jobs.paused.connect(self._undo_while_paused)
        self.mark_done_action = new_action(
            self, "&Mark Step Done / Not Done", self._toggle_current_step, keys="Ctrl+D"
        )
        self.prev_action = new_action(
            self, "&Previous Step", lambda: self._move_page(-1), keys="Ctrl+PgUp"
        )
        self.next_action = new_action(
            self, "&Next Step", lambda: self._move_page(1), keys="Ctrl+PgDown"
        )
        self.first_open_action = new_action(
            self, "Go to the Step to &Do Now", self.show_next_open_step, keys="Ctrl+J"
        )
        for action in (self.mark_done_action, self.prev_action, self.next_action):
            mark_needs_case(action)
        mark_needs_case(self.first_open_action)
        self.view = ViewController(self)
        view = self.view
        self.larger_action, self.smaller_action = view.larger_action, view.smaller_action
        self.normal_size_action = view.normal_size_action
        self.help_action, self.about_action = view.help_action, view.about_action
        self.text_size, self.set_text_size = view.text_size, view.set_text_size
        self.change_text_size = view.change_text_size

    def _build_menus(self) -> None:
        self.switch_menu = build_menu_bar(self)
        self.switch_menu.aboutToShow.connect(self._fill_switch_menu)

    def _fill_switch_menu(self) -> None:
        current = self.case.id if self.case is not None else None
        fill_switch_menu(self.switch_menu, self.cases_model, current, self.open_case)

    def save_window_state(self) -> None:
        page = self.current_page() if self.case is not None else None
        window_state.save_window_state(self, self.splitter, self.settings, self.case, page)

    def bring_forward(self) -> None:
        window_state.bring_forward(self)

    def quit_app(self) -> None:
        """Quit for real, even when closing the window would keep the reminders running."""
        self.reminders.keep.quit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reminders.window_shown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.reminders.window_closing():  # kept running in the tray, for the reminders
            event.ignore()
            return
        self.jobs.shut_down()  # a job still running stops, changing nothing
        self.flush_edits()
        self.save_window_state()
        super().closeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.sidebar.fit_text()  # the window's width decides the steps' names or numbers

    # --- cases ---------------------------------------------------------------------------

    def reload_cases(self, select_id: int | None = None) -> None:
        """Refresh the case list and open `select_id` (or the first case, or the welcome).
        Every panel reads again when shown (a new case may have a deleted one's id)."""
        for panel in (p for panels in self.panels.values() for p in panels):
            panel.mark_stale()
        cases = self.repo.cases.list()
        self.cases_model.set_rows(cases)
        ids = [c.id for c in cases]
        if select_id not in ids:
            select_id = ids[0] if ids else None
        if select_id is None:
            self._show_no_case()
        else:
            self.open_case(select_id)

    def data_replaced(self, _changes: Changes) -> None:
        """Everything may have changed (a backup was restored): start again from the data."""
        self.undo_stack.clear()
        current = self.case.id if self.case else None
        self.case = None
        self.reload_cases(current)

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
        self.stack.show_index(WELCOME_INDEX)
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
        self.steps_model.set_titles(  # a step whose name fits the case (5: slides or scans)
            {n: step_heading(n, self.case, self.repo.today()).short for n in range(1, OUTCOME_PAGE)}
        )
        self.setWindowTitle(f"{self.case.display_name} \u2014 {APP_TITLE}")

    def _on_case_chosen(self, row: int) -> None:
        if 0 <= row < self.cases_model.rowCount():
            self.open_case(self.cases_model.row_at(row).id)

    def case_saved(self, saved: Case, changes: Changes) -> None:
        """The open case's details were saved: show them, and tell the panels."""
        self.cases_model.set_rows(self.repo.cases.list())
        self.case = saved
        self.case_combo.setCurrentIndex(self.cases_model.row_of(saved.id))
        self._show_case_header()
        self._broadcast(changes)
        if 1 <= self.current_page() < OUTCOME_PAGE:  # a title may follow the new diagnosis
            self._load_step_page(self.current_page())

    # --- steps ---------------------------------------------------------------------------

    def current_page(self) -> int:
        index = self.stack.currentIndex()
        return index if index != WELCOME_INDEX else 0

    def show_page(self, page: int) -> None:
        """Show step 1-6 or the outcome page (7)."""
        if self.case is None or not 1 <= page <= OUTCOME_PAGE:
            return
        self.flush_edits()
        self.stack.show_index(page)
        self.sidebar.select_page(page)
        if page < OUTCOME_PAGE:
            self._load_step_page(page)
        else:
            self.outcome_page.set_round(self.repo.rounds.current(self.case.id))
        if self.builder is not None:
            self.builder.show(page)  # what is not built or loaded yet in the next turns
        else:
            for panel in self.panels_of(page):
                panel.show_case(self.case)  # reads only if a change named what it shows

    def panels_of(self, page: int, built: list[StepPanel] | None = None) -> list[StepPanel]:
        """The tools on a page, built the first time the page is needed (or `built` ahead)."""
        if page not in self.panels:
            host = self.step_page(page).tools if page < OUTCOME_PAGE else self.outcome_page.tools
            if built is None:
                context = PanelContext(self.repo, self.settings, self.undo_stack, self.jobs)
                built = build_panels(context, self, page)
            for panel in built:
                host.addWidget(panel)
                panel.changed.connect(self._on_panel_changed)
                panel.status_message.connect(lambda text: self.status.showMessage(text, 5000))
                panel.open_page.connect(self.show_page)
            self.panels[page] = built
            if page < OUTCOME_PAGE:
                self.step_page(page).tools_added(list(built))
        return self.panels[page]

    def _load_step_page(self, page: int) -> None:
        """Show the stored state of a step; notes typed but not saved yet are saved first."""
        if self.case is None:
            return
        step_page = self.step_page(page)
        step_page.flush_notes()
        progress = self.repo.cases.step_progress(self.case.id)[page]
        step_page.load(
            progress, self._situation(page), step_heading(page, self.case, self.repo.today())
        )

    def _broadcast(self, changes: Changes, sender: object = None) -> None:
        """Tell the panels in view (others note it, to load when shown) and listeners."""
        if not changes:
            return
        current = self.current_page()
        for page, panels in self.panels.items():
            for panel in panels:  # the sender shows its own change, maybe not all it caused
                if page != current or panel is sender:
                    panel.mark_stale(changes)
                else:
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
        return "" if self.case is None else steps.page_situation(self.repo, self.case.id, page)

    def _move_page(self, delta: int) -> None:
        page = self.current_page() or 1
        self.show_page(max(1, min(OUTCOME_PAGE, page + delta)))

    def show_next_open_step(self) -> None:
        self.show_page(next_open_step(self.steps_model.done_steps()))

    def request_step_done(self, step: int, done: bool) -> None:
        if self.case is None:
            return
        if done and not confirm_step_done(self, self.repo, self.case.id, step):
            return
        self.undo_stack.push(MarkStepCommand(self, self.case.id, step, done))
        said = "marked as done. Well done." if done else "marked as not done."
        self.status.showMessage(f"Step {step} {said}", 6000)

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

    def _undo_while_paused(self, words: str) -> None:
        """Nothing is undone or redone while a job writes (the status line says saving waits)."""
        self.undo_action.setEnabled(not words and self.undo_stack.canUndo())
        self.redo_action.setEnabled(not words and self.undo_stack.canRedo())

    def refresh_progress(self) -> None:
        if self.case is None:
            return
        done = self.repo.cases.done_steps(self.case.id)
        self.steps_model.set_done(done)
        self.progress_label.setText(progress_text(done))

    def _save_step_notes(self, step: int, notes: str) -> None:
        if self.case is None:
            return
        with self.stack.step_page(step).notes_saver.kept_while_paused():  # a job is writing
            self._broadcast(steps.set_step_notes(self.repo, self.case.id, step, notes))
            self.status.showMessage("Notes saved.", 3000)

    def flush_edits(self) -> None:
        """Save anything typed but not yet saved (before switching, closing, quitting, logout,
        SIGTERM): the field being edited in each panel, then every text saved after a pause."""
        for panels in self.panels.values():
            for panel in panels:
                panel.flush()
        flush_all(self)
