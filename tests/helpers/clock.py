"""An injected clock for anything time-based: tests set and move the time by hand."""

from __future__ import annotations

import datetime as dt

# Friday 20 November 2026, 9:30 am at UTC-5.
FIXED_NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


class FakeMonotonic:
    """A monotonic clock (time.monotonic) tests move by hand: seconds, standing still."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value
