"""The log is private (folder 0700, file 0600) and holds ids and error kinds, never data."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from secondopinion_desktop import logs


def test_quoted_values_and_paths_are_left_out() -> None:
    text = logs.redact(
        "[Errno 28] No space left on device: '/home/ann/Mum biopsy.pdf' for \u201cMum\u201d "
        'and "Dr. Raman" in C:\\Users\\ann\\case.secondopinion, case 12'
    )
    for secret in ("Mum", "biopsy", "Raman", "ann", "/home"):
        assert secret not in text
    assert "Errno 28" in text and "case 12" in text


def test_a_bug_is_logged_as_its_kind_and_frames_without_its_message(tmp_path: Path) -> None:
    logger = logging.getLogger("secondopinion_desktop.test_logs")
    logs.setup_logging(logger, tmp_path / "log")
    try:
        raise ValueError("Margaret Jones, stage II, Dr. Patel")
    except ValueError:
        logger.exception("Unexpected error")
    for handler in logger.handlers:
        handler.close()
    text = (tmp_path / "log" / logs.LOG_NAME).read_text()
    assert "ValueError" in text and "test_logs.py" in text
    assert "Margaret" not in text and "Patel" not in text


@pytest.mark.needs_posix
def test_the_log_folder_and_file_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        handler = logs.open_private_log(tmp_path / "state" / "log")
        handler.close()
    finally:
        os.umask(old)
    folder = tmp_path / "state" / "log"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / logs.LOG_NAME).stat().st_mode) == 0o600
    assert sys.modules["secondopinion_desktop.logs"] is logs
