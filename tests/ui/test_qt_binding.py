"""Guard against a known-bad Qt binding: PySide6 6.12.0 leaked a reference to True on every
signal emit from Python, and Python 3.11 aborted after about a thousand saves.

pyproject.toml excludes that release; this test fails loudly if a leaking binding comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class Probe(QObject):
    ping = Signal(int)


def test_signal_emits_do_not_leak_references(qtbot: QtBot) -> None:
    probe = Probe()
    received: list[int] = []
    probe.ping.connect(received.append)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(2000):
        probe.ping.emit(i)
    assert len(received) == 2000
    assert sys.getrefcount(True) >= before_true - 10
    assert sys.getrefcount(None) >= before_none - 10
