"""Command line, QApplication set-up, opening the store and showing the window."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import logging
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn

from secondopinion_desktop import __version__
from secondopinion_desktop.errors import (
    DamagedDatabaseError,
    KnownError,
    known_from_storage_error,
)
from secondopinion_desktop.logs import frames_only
from secondopinion_desktop.paths import (
    database_path,
    default_data_dir,
    default_log_dir,
    demo_data_dir,
    prepare_data_dir,
    resources_root,
    settings_path,
)

# The store and the domain (pure Python) are imported here, before anything imports PySide6:
# once PySide6 is loaded, its import hook reads the source of every module imported after it
# (looking for `from __feature__ import ...`), which cost about 20 ms at each start.
from secondopinion_desktop.store import backups
from secondopinion_desktop.store.database import open_database
from secondopinion_desktop.store.files import make_private
from secondopinion_desktop.store.repository import Repository

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

log = logging.getLogger("secondopinion_desktop")

EXIT_OK = 0
EXIT_ERROR = 2
SCREENSHOT_SIZE = (1280, 840)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secondopinion-desktop",
        description="Second Opinion: a calm, offline helper for getting a second medical opinion.",
    )
    parser.add_argument(
        "--data-dir", type=Path, help="use this folder for data (created if missing)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a realistic sample case (in a throw-away folder unless --data-dir is given)",
    )
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="render the window to a PNG and exit"
    )
    parser.add_argument(
        "--step",
        type=int,
        choices=range(1, 8),
        metavar="N",
        help="with --screenshot: show step N (1-6) or 7 for the outcome page",
    )
    parser.add_argument(
        "--export-cover-sheet",
        type=Path,
        metavar="FILE",
        help="write the current case's records cover sheet (to the booked doctor) as PDF and exit",
    )
    parser.add_argument(
        "--export-calendar",
        type=Path,
        metavar="FILE",
        help="write the current case's visits and open reminders as a calendar (.ics) and exit",
    )
    parser.add_argument(
        "--hidden",
        action="store_true",
        help="start without the window, beside the clock, to keep the reminders (used at login)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def setup_logging(folder: Path | None = None) -> None:
    """Log to a private file: gui-scripts have no console on Windows (see logs.py)."""
    from secondopinion_desktop.logs import setup_logging as setup

    setup(log, folder or default_log_dir())


def report_error(message: str, detail: str, interactive: bool) -> None:
    """Tell the person (a message box when a window may open) and stderr; log the detail.

    The message can name a case or a doctor, so only the detail (ids, error kinds) is logged.
    """
    log.error("Reported to the person: %s", detail or "no detail")
    print(f"secondopinion-desktop: {message}", file=sys.stderr)
    if interactive:
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, "Second Opinion", message)


def install_excepthook(interactive: bool) -> None:
    """A bug is logged in full; the person sees a calm message, never a traceback."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        known = value if isinstance(value, KnownError) else known_from_storage_error(value)
        if known is not None:
            report_error(known.message, known.detail, interactive)
            return
        # the frames and the kind only: a bug's message may hold a name or a note
        log.error("Unexpected error:\n%s", frames_only(kind, tb))
        report_error(
            "Something went wrong inside Second Opinion. What you typed before this has "
            "been saved.\n\nIf it happens again, please restart the program.",
            f"{kind.__name__}: {value}",
            interactive,
        )

    sys.excepthook = hook


def load_icon() -> object:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    icons = resources_root() / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        item = icons / f"secondopinion-{size}.png"
        if item.is_file():
            icon.addFile(str(item), QSize(size, size))  # with its size: the file is read on use
    if icon.isNull():
        svg = icons / "secondopinion.svg"
        if svg.is_file():
            icon.addFile(str(svg))
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    interactive = (
        args.screenshot is None and args.export_cover_sheet is None and args.export_calendar is None
    )

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Second Opinion")
    app.setApplicationDisplayName("Second Opinion")
    app.setOrganizationName("SecondOpinion")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("secondopinion-desktop")
    icon = load_icon()
    assert isinstance(icon, QIcon)
    app.setWindowIcon(icon)
    # Every file and folder the app makes is private to the person (db, -wal, -shm, lock,
    # settings, log, exports, PDFs); the explicit chmods below say it again where it matters.
    old_umask = os.umask(0o077) if os.name == "posix" else None
    throwaway: Path | None = None
    try:
        if args.data_dir is not None:
            folder = prepare_data_dir(args.data_dir)
        elif args.demo:
            folder = throwaway = prepare_data_dir(demo_data_dir())
        else:
            folder = prepare_data_dir(default_data_dir())
    except KnownError as exc:
        setup_logging()
        report_error(exc.message, exc.detail, interactive)
        return EXIT_ERROR
    try:
        return session(app, args, folder, interactive, icon)
    finally:
        if throwaway is not None:
            import shutil

            shutil.rmtree(throwaway, ignore_errors=True)
        if old_umask is not None:
            os.umask(old_umask)


def session(app: Any, args: argparse.Namespace, folder: Path, interactive: bool, icon: Any) -> int:
    """Open the data folder and run the window (or a non-interactive mode) until it closes."""
    from PySide6.QtCore import QSettings, QTimer

    setup_logging()
    install_excepthook(interactive)
    log.info("Starting Second Opinion %s", __version__)

    from secondopinion_desktop.ui.main_window import MainWindow
    from secondopinion_desktop.ui.style import apply_style, stored_point_size

    opened = open_store(folder, interactive)
    if opened is None:
        return EXIT_ERROR
    if isinstance(opened, int):
        return opened
    folder, db, instance = opened
    remove_unreferenced(db, folder)
    repo = Repository(db)
    settings = QSettings(str(settings_path(folder)), QSettings.Format.IniFormat)
    try:
        if args.demo:
            settings.setValue("last_case_id", sample_case_id(repo, settings))
        if args.export_cover_sheet is not None or args.export_calendar is not None:
            gc.enable()  # a long export collects as usual
        if args.export_cover_sheet is not None:
            from secondopinion_desktop.cover_sheet_cli import export_cover_sheet

            return export_cover_sheet(repo, settings, args.export_cover_sheet)
        if args.export_calendar is not None:
            from secondopinion_desktop.calendar_cli import export_calendar

            return export_calendar(repo, settings.value("last_case_id"), args.export_calendar)

        apply_style(app, stored_point_size(settings.value("view/point_size")))
        first_page = args.step if args.screenshot is not None else None
        window = MainWindow(repo, settings, reminders=interactive, first_page=first_page)
        window.setWindowIcon(icon)
        instance.activated.connect(window.bring_forward)
        if args.screenshot is not None:
            return take_screenshot(window, args.screenshot, args.step)
        if not args.hidden:
            window.show()
            window.build_ahead()  # the other pages in pieces, in idle time
        elif not window.reminders.keep.start_hidden():
            log.info("Started at login, but keeping the reminders is off: not staying.")
            return EXIT_OK
        # Typed notes are saved when the session ends (logout) and on SIGTERM, not only on close.
        app.commitDataRequest.connect(lambda _manager: window.flush_edits())
        app.aboutToQuit.connect(window.flush_edits)
        from secondopinion_desktop.platform.termination import quit_on_terminate

        stop_watching = quit_on_terminate(app, window.quit_app)
        # Once the window is up: answer later launches, and make the day's backup.
        QTimer.singleShot(0, instance.listen)
        QTimer.singleShot(0, lambda: daily_backup(db, folder))
        QTimer.singleShot(0, gc.enable)  # held off by run() while the window was built
        try:
            return int(app.exec())
        finally:
            stop_watching()
    finally:
        settings.sync()
        make_private(settings_path(folder))
        db.close()
        instance.release()


def sample_case_id(repo: Repository, settings: QSettings) -> int:
    """The first sample case's id, building both samples when they are not there yet.

    The samples' builders (two cases of data) load only when a sample is missing: every later
    `--demo` start finds them through the id remembered in the settings.
    """
    known = str(settings.value("demo/first_case_id", ""))
    case_ids = {c.id for c in repo.cases.list()}
    if known.isdigit() and int(known) in case_ids and len(case_ids) > 1:
        return int(known)
    from secondopinion_desktop.demo import build_case
    from secondopinion_desktop.demo_cases import CASES

    titles = {c.title: c for c in repo.cases.list()}
    for sample in CASES:
        if sample.title not in titles:
            titles[sample.title] = build_case(repo, sample, dt.date.today())
    first = titles[CASES[0].title].id  # the first sample is the one shown
    settings.setValue("demo/first_case_id", first)
    return first


def run() -> NoReturn:
    """The installed command and the bundle: main(), then leave at once.

    When main() returns, the database is closed, the lock released and the settings written;
    only the freeing of every widget and module is left, which took about 45 ms at each exit
    and saves nothing. So the log and the standard streams are flushed and the process ends.
    """
    if sys.argv[1:2] == ["--paint-pdf-child"]:  # printing/pdf_process.py, in the bundle
        from secondopinion_desktop.printing.pdf_process import child_main

        os._exit(child_main())
    # No cycle collection until the window is up (session() turns it back on; a screenshot
    # ends first): the start makes some 35,000 long-lived objects (classes, functions,
    # widgets' wrappers), and passes over them took 11 ms of each start, freeing next to none.
    gc.disable()
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def daily_backup(db: Any, folder: Path) -> None:
    """A backup when the newest is over a day old; a failure is logged, never shown."""
    try:
        backups.backup_if_due(db.conn, folder)
    except KnownError as exc:
        log.warning("Daily backup not made: %s", exc.detail)


def open_store(folder: Path, interactive: bool) -> tuple[Path, Any, Any] | int | None:
    """Take the data folder (one running copy each) and open its database.

    A damaged database offers to restore the newest good backup (the damaged file is kept,
    renamed) or to open another folder. Returns (folder, db, instance), an exit code when
    another copy was asked to come forward, or None after an error was reported.
    """
    from secondopinion_desktop.platform.single_instance import SingleInstance
    from secondopinion_desktop.ui import messages

    while True:
        instance = SingleInstance(folder)
        if not instance.acquire():
            full = disk_full_error(folder) or instance.lock_problem()
            if full is not None:
                report_error(full.message, full.detail, interactive)
                return None
            if interactive and instance.ask_running_copy_to_show():
                log.info("Another copy is open on this folder; asked it to come forward.")
                return EXIT_OK
            report_error(
                "Second Opinion is already open with this data in another window.\n\n"
                "Please use that window, or close it and try again.",
                "lock held",
                interactive,
            )
            return None
        tidy_folder(folder, interactive)
        try:
            return folder, open_database(folder), instance
        except DamagedDatabaseError as exc:
            if not interactive:
                instance.release()
                report_error(exc.message, exc.detail, interactive)
                return None
            log.error("Damaged database: %s", exc.detail)
            good = backups.newest_good_backup(folder)
            choice = messages.choose_recovery(None, exc.message, good is not None)
            instance.release()
            try:
                if choice == messages.RESTORE and good is not None:
                    kept = backups.set_aside_damaged(database_path(folder))
                    backups.restore_file(good, database_path(folder))
                    log.info("Restored %s; damaged file kept as %s", good.path.name, kept.name)
                    continue
                if choice == messages.OTHER_FOLDER:
                    chosen = messages.choose_folder(None, "Choose a folder for Second Opinion")
                    if chosen:
                        folder = prepare_data_dir(Path(chosen))
                        continue
            except (KnownError, OSError) as inner:
                message = getattr(inner, "message", "The backup could not be restored.")
                report_error(message, str(inner), interactive)
            return None
        except KnownError as exc:
            instance.release()
            report_error(exc.message, exc.detail, interactive)
            return None


def disk_full_error(folder: Path) -> KnownError | None:
    """When the folder's lock could not be taken: is it because nothing can be written?

    A full disk makes writing the lock file fail, which looks like another copy holding it.
    One small write says which, so a full disk is named at once instead of after a wait.
    """
    from secondopinion_desktop.store.files import probe_write

    problem = probe_write(folder)
    if problem is None:
        return None
    return problem


def remove_unreferenced(db: Any, folder: Path) -> None:
    """Scan copies a killed attach or import left, named by no row nor backup (leftovers.py)."""
    from secondopinion_desktop.store.leftovers import remove_unreferenced_attachments

    try:
        removed = remove_unreferenced_attachments(db, folder)
    except (OSError, sqlite3.Error) as exc:
        log.warning("Could not look for unfinished scan copies: %s", type(exc).__name__)
        return
    if removed:
        log.info("Removed %d scan copies an earlier run left unfinished.", len(removed))


def tidy_folder(folder: Path, interactive: bool) -> None:
    """At start, holding the lock: clear what a killed run left, set aside foreign files."""
    from secondopinion_desktop.store import attachment_files
    from secondopinion_desktop.store.database import set_aside_foreign_side_files
    from secondopinion_desktop.store.files import remove_stale_temps

    removed = remove_stale_temps(folder)
    removed += backups.remove_unfinished(folder)
    removed += attachment_files.remove_incomplete(folder)
    if removed:
        log.info("Removed %d unfinished files left by an earlier run.", len(removed))
    try:
        kept = set_aside_foreign_side_files(folder)
    except OSError as exc:
        log.warning("Could not check the files beside the data: %s", type(exc).__name__)
        return
    if kept is None:
        return
    log.warning("Moved a log file that did not belong to the data into quarantine.")
    message = (
        "Second Opinion found a file beside your data that did not belong to it (perhaps "
        "copied from another computer or another program). It has not been used: your data "
        f"is as you last saved it. The file was moved, unchanged, to:\n{kept}"
    )
    print(f"secondopinion-desktop: {message}", file=sys.stderr)
    if interactive:
        from secondopinion_desktop.ui import messages

        messages.show_info(None, "Second Opinion", message)


def take_screenshot(window: object, target: Path, step: int | None) -> int:
    """Render the window at a fixed size to a PNG, without opening any dialog."""
    from PySide6.QtWidgets import QApplication

    from secondopinion_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.resize(*SCREENSHOT_SIZE)
    if step is not None and window.current_page() != step:
        window.show_page(step)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    pixmap = window.grab()
    target = target.expanduser()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        report_error(f"Could not create the folder for {target}.", str(exc), False)
        return EXIT_ERROR
    if not pixmap.save(str(target), "PNG"):
        report_error(f"Could not write the screenshot to {target}.", "QPixmap.save failed", False)
        return EXIT_ERROR
    window.hide()  # not close(): that saves the window's size and page, and this one is made up
    return EXIT_OK


if __name__ == "__main__":
    run()
