"""Writing files for the person: all or nothing, so a full disk never leaves half a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile

from secondopinion_desktop.errors import DISK_FULL_MESSAGE, KnownError


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through QSaveFile: the old file stays until the new one is whole."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise KnownError(
            f"Second Opinion could not write to:\n{path}\n\nPlease choose another place.",
            target.errorString(),
        )
    written = target.write(data)
    if written != len(data):
        target.cancelWriting()
        raise KnownError(DISK_FULL_MESSAGE, target.errorString())
    if not target.commit():
        raise KnownError(
            f"Second Opinion could not finish writing:\n{path}\n\nThe disk may be full.",
            target.errorString(),
        )
