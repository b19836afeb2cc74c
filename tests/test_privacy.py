"""Privacy: no network, ever; private files; nothing medical in the log."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NetworkUsed

PACKAGE = Path(__file__).resolve().parents[1] / "secondopinion_desktop"
NETWORK_NAMES = re.compile(
    r"\b(urllib|http\.client|requests|httpx|aiohttp|ftplib|smtplib|socket\.create_connection|"
    r"QNetworkAccessManager|QTcpSocket|QUdpSocket|QSslSocket|QWebSocket|QDesktopServices"
    r"\.openUrl\(QUrl\(\"http)"
)


def test_the_guard_itself_refuses_internet_connections() -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80), timeout=1)


def test_no_network_code_in_the_package() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)}"
        for path in PACKAGE.rglob("*.py")
        for match in NETWORK_NAMES.finditer(path.read_text("utf-8"))
    ]
    assert offenders == []


@pytest.mark.needs_tool("strace")
@pytest.mark.parametrize("step", ["1", "3", "4", "6", "7"])
def test_the_running_app_opens_no_internet_socket(tmp_path: Path, step: str) -> None:
    """Trace every connect() of the real app (Qt included) while it draws a page."""
    log = tmp_path / "trace.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect,sendto,sendmsg",
            "-o",
            str(log),
            sys.executable,
            "-m",
            "secondopinion_desktop",
            "--demo",
            "--data-dir",
            str(tmp_path / "d"),
            "--screenshot",
            str(tmp_path / "s.png"),
            "--step",
            step,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip("strace is not permitted here")
    assert result.returncode == 0, result.stderr
    internet = [
        line for line in log.read_text().splitlines() if "AF_INET" in line and "connect(" in line
    ]
    assert internet == []
