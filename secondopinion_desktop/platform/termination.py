"""SIGTERM and SIGHUP (logout, shutdown, `kill`) end the app the way closing the window does.

Python runs a signal handler only when the interpreter next runs, and Qt's event loop may be
asleep in C++ for minutes. So the signal's number is written to a socket pair
(`signal.set_wakeup_fd`) whose reading end a QSocketNotifier watches: the loop wakes only when
a signal arrives (no polling timer, so no idle wake-ups), the window is closed (which saves
typed notes) and the loop is left; the caller's `finally` then closes the data cleanly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Callable
from typing import Any

SIGNALS = ("SIGTERM", "SIGHUP")


def quit_on_terminate(app: Any, close_window: Callable[[], object]) -> Callable[[], None]:
    """Watch for SIGTERM/SIGHUP while the event loop runs; returns a function that stops it."""
    if os.name != "posix":
        return lambda: None
    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    numbers = [getattr(signal, name) for name in SIGNALS if hasattr(signal, name)]
    previous = {number: signal.signal(number, lambda *_: None) for number in numbers}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def on_signal() -> None:
        received = b""
        with contextlib.suppress(OSError):
            received = reader.recv(64)
        if not any(byte in numbers for byte in received):
            return
        close_window()
        app.quit()

    notifier.activated.connect(on_signal)

    def stop() -> None:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        reader.close()
        writer.close()

    return stop
