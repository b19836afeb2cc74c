"""Running the real program in its own process, as a person (or the system) would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def app_env(home: Path) -> dict[str, str]:
    """Offscreen, with the log, temp files and runtime folder inside `home` (a test folder)."""
    for name in ("state", "tmp", "runtime"):
        (home / name).mkdir(parents=True, exist_ok=True, mode=0o700)
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_STATE_HOME=str(home / "state"),
        TMPDIR=str(home / "tmp"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
    )


def log_dir(home: Path) -> Path:
    return home / "state" / "SecondOpinion" / "log"


def run_app(
    home: Path,
    *args: str,
    timeout: float = 90,
    preexec_fn: Callable[[], Any] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "secondopinion_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=app_env(home),
        check=False,
        preexec_fn=preexec_fn,
    )


def start_driver(home: Path, script: str, *args: str) -> subprocess.Popen[str]:
    """Run `script` (Python that drives app.main) with line-buffered stdout to read."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=app_env(home),
    )
