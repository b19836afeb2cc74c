"""The progress and cancel hook of the long use cases (domain/progress.py), for callers.

The window's background runner (ui/background.py) passes a `Progress` that reports to its
progress dialog and raises `Cancelled` once the person pressed Cancel; the command line and
tests pass `no_progress`. Every long use case unwinds on `Cancelled` as on any error: its one
transaction rolls back and its temp files go, so nothing is left half-done.
"""

from __future__ import annotations

from secondopinion_desktop.domain.progress import (
    Cancelled,
    Progress,
    Ticker,
    no_progress,
    uncancellable,
)

__all__ = ["Cancelled", "Progress", "Ticker", "no_progress", "uncancellable"]
