"""A whole session of the real program, then every file it made is checked like an outsider.

The session (in its own process, with a permissive umask 022 as many desktops have): the demo
case; notes typed; File > Back Up Now; File > Export Case; File > Import Case; Export to
Calendar; then the cover sheet PDF and the calendar from the command line. Afterwards every
file and folder under the data folder, the log folder and the exports must be private (files
0600, folders 0700), and the log must not hold a single name, title, diagnosis or doctor.
"""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from secondopinion_desktop.paths import database_path
from tests.helpers.real_app import app_env, log_dir, run_app

pytestmark = pytest.mark.needs_posix

SESSION = textwrap.dedent(
    """
    import os, sys
    os.umask(0o022)
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QApplication, QPlainTextEdit
    qapp = QApplication(sys.argv[:1])
    from secondopinion_desktop import app
    from secondopinion_desktop.ui import messages

    out = Path(sys.argv[2])
    targets = {"case": out / "case.secondopinion", "calendar": out / "visits.ics"}
    def save_path(parent, title, suggested, file_filter):
        return str(targets["calendar"] if "alendar" in file_filter else targets["case"])
    messages.choose_save_path = save_path
    messages.choose_open_path = lambda *a: str(targets["case"])
    messages.ask_yes_no = lambda *a, **k: True
    messages.show_info = lambda *a, **k: None
    messages.show_error = lambda parent, title, text: print("ERROR", title, flush=True)

    def main_window():
        return next(w for w in qapp.topLevelWidgets() if w.inherits("QMainWindow"))

    def action(text):
        for found in main_window().findChildren(QAction):
            if found.text().replace("&", "").startswith(text):
                return found
        raise LookupError(text)

    def session():
        edits = [w for w in qapp.allWidgets() if isinstance(w, QPlainTextEdit)
                 and w.accessibleName().startswith("Notes for step") and w.isVisible()]
        if not edits:
            QTimer.singleShot(50, session)
            return
        edits[0].setFocus()
        edits[0].insertPlainText(" Spoke to the oncology nurse on Tuesday.")
        for text in ("Back Up Now", "Export Case", "Import Case", "Export to Calendar"):
            action(text).trigger()
            main_window().jobs.wait()  # backups and case files are made off the window's thread
            print("done", text, flush=True)
        main_window().close()
        keep_quitting.start(100)  # until the event loop runs, if it did not yet

    keep_quitting = QTimer()
    keep_quitting.timeout.connect(qapp.quit)

    QTimer.singleShot(200, session)
    sys.exit(app.main(["--data-dir", sys.argv[1], "--demo"]))
    """
)


def private(path: Path) -> bool:
    mode = stat.S_IMODE(path.lstat().st_mode)
    return mode == (0o700 if path.is_dir() else 0o600)


def demo_words(folder: Path) -> set[str]:
    """Every name, title, diagnosis and doctor in the demo data (words of 4+ letters)."""
    conn = sqlite3.connect(f"{database_path(folder).as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        texts = [
            *conn.execute("SELECT title, patient_name, diagnosis, organiser_name FROM cases"),
            *conn.execute("SELECT name, practice FROM doctors"),
            *conn.execute("SELECT title FROM records"),
            *conn.execute("SELECT original_name FROM attachments"),
        ]
    finally:
        conn.close()
    return {str(value) for row in texts for value in row if value and len(str(value)) >= 4}


def test_a_whole_session_leaves_only_private_files_and_a_log_without_names(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    out = tmp_path / "exports"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", SESSION, str(folder), str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env=app_env(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ERROR" not in result.stdout, result.stdout
    assert result.stdout.count("done") == 4
    pdf = out / "cover.pdf"
    for args in (("--export-cover-sheet", str(pdf)), ("--export-calendar", str(out / "cli.ics"))):
        made = run_app(tmp_path, "--data-dir", str(folder), *args)
        assert made.returncode == 0, made.stderr

    written = [out / "case.secondopinion", out / "visits.ics", pdf, out / "cli.ics"]
    assert all(p.is_file() for p in written)
    logs = log_dir(tmp_path)
    checked = [folder, *folder.rglob("*"), logs, *logs.rglob("*"), *written]
    assert len(checked) > 10
    loose = [f"{p} {oct(stat.S_IMODE(p.lstat().st_mode))}" for p in checked if not private(p)]
    assert loose == []
    assert (folder / "settings.ini").is_file() and (folder / "backups").is_dir()

    words = demo_words(folder)
    assert len(words) > 10
    log_text = "".join(p.read_text("utf-8") for p in logs.iterdir())
    assert "Starting Second Opinion" in log_text
    leaked = sorted(w for w in words if w in log_text)
    assert leaked == []
    assert "oncology nurse" not in log_text
