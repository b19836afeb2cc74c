"""A gate a background job waits at, opened by the test: it acts while the job certainly runs."""

from __future__ import annotations

import threading


class Gate:
    """Started and released by hand: the job (or a step of it) waits at the gate."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def wait_here(self) -> None:
        self.started.set()
        assert self.release.wait(20), "the test never let the job go on"
