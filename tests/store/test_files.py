"""store/files.py: every file the app writes is whole or absent, and private (0600)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from secondopinion_desktop.errors import KnownError
from secondopinion_desktop.store import files

pytestmark = pytest.mark.needs_posix


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_whole_private_and_nothing_else_left(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "case.secondopinion"
        target.write_bytes(b"old")
        files.write_atomically(target, b"new contents")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new contents"
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["case.secondopinion"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kept.pdf"
    files.write_atomically(target, b"first")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(files.FileWriteError, match="disk is full"):
        files.write_atomically(target, b"second")
    assert target.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.pdf"]


def test_a_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="could not write"):
        files.write_atomically(tmp_path / "nowhere" / "x.ics", b"x")


def test_only_the_apps_own_temps_are_removed(tmp_path: Path) -> None:
    ours = [".secondopinion-abc.partial", ".secondopinion-restore-x.partial-journal"]
    theirs = ["notes.partial", ".secondopinion.lock", "secondopinion.db", ".hidden"]
    for name in ours + theirs:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".secondopinion-check-1.partial").mkdir()
    removed = files.remove_stale_temps(tmp_path)
    assert sorted(p.name for p in removed) == sorted([*ours, ".secondopinion-check-1.partial"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(theirs)


def test_the_start_probe_names_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert files.probe_write(tmp_path) is None
    assert list(tmp_path.iterdir()) == []

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    problem = files.probe_write(tmp_path)
    assert problem is not None and "disk is full" in problem.message
    assert list(tmp_path.iterdir()) == []


def test_a_pipe_or_a_device_under_the_chosen_name_is_never_replaced(tmp_path: Path) -> None:
    """Saving the cover sheet or the calendar "to" a named pipe (or, for root, /dev/full)
    renamed the new file over it: the pipe or device node was gone, and the program said
    the file was written."""
    pipe = tmp_path / "cover.pdf"
    os.mkfifo(pipe)
    with pytest.raises(KnownError, match="could not write this file"):
        files.write_atomically(pipe, b"%PDF-1.4")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cover.pdf"]  # no temp left
    folder = tmp_path / "calendar.ics"
    folder.mkdir()
    with pytest.raises(KnownError):
        files.write_atomically(folder, b"BEGIN:VCALENDAR")
    assert folder.is_dir()
