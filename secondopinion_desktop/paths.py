"""Where the person's data lives: one folder holding the database, attachments and backups."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import platformdirs

from secondopinion_desktop.errors import DataFolderError

APP_NAME = "SecondOpinion"
DATABASE_NAME = "secondopinion.db"
SETTINGS_NAME = "settings.ini"


def default_data_dir() -> Path:
    """The platform's usual place for an application's data."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def demo_data_dir() -> Path:
    """A throw-away folder for --demo, so the sample case never mixes with real data."""
    return Path(tempfile.mkdtemp(prefix="secondopinion-demo-"))


def prepare_data_dir(folder: Path) -> Path:
    """Create the folder if needed (private to this user) and check it can be written."""
    folder = folder.expanduser()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFolderError(
            f"Second Opinion could not create its data folder:\n{folder}\n\n"
            "Please check that the drive is connected and that you may write there.",
            str(exc),
        ) from exc
    if not folder.is_dir():
        raise DataFolderError(
            f"Second Opinion's data folder is not a folder:\n{folder}\n\n"
            "Please choose another place with --data-dir.",
        )
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise DataFolderError(
            f"Second Opinion may not write in its data folder:\n{folder}\n\n"
            "Please check the folder's permissions, or choose another place with --data-dir.",
        )
    if os.name == "posix":
        # a folder we may write to but not chmod (e.g. a shared drive) still works
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
    return folder


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def settings_path(folder: Path) -> Path:
    return folder / SETTINGS_NAME


def resources_root() -> Path:
    """The shipped resources: inside the installed package, or `resources/` in a checkout.

    The wheel and the bundle put `resources/` at `secondopinion_desktop/resources`; an editable
    install or a plain checkout finds it beside the package instead. Plain paths, not
    importlib.resources: the package is always unpacked on disk, and that import costs about
    12 ms at every start.
    """
    package = Path(__file__).resolve().parent
    packaged = package / "resources"
    if packaged.is_dir():
        return packaged
    return package.parent / "resources"
