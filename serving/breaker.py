"""A circuit breaker for calls to Redis: after a few failures in a row, calls fail at once
for a while, then one call tries again.

Ours rather than pybreaker's (1.4.1, used before): its ``call()`` holds one lock for the
whole call, so every Redis call of a worker waited behind the one before it, a 20 MB GET
included, and it counted any exception of the call (a bad key, say) as Redis failing. This
one holds its lock only to count, and counts only the errors it is given.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class BreakerOpen(RuntimeError):
    """Calls are being refused for now (the service failed too often just before)."""


class Breaker:
    """``call(action)``: run it, counting failures of ``errors``; after ``failures`` in a row
    refuse calls (BreakerOpen) for ``reset_seconds``, then let one through to try again.

    >>> b = Breaker(failures=2, reset_seconds=60, errors=(OSError,))
    >>> def fail():
    ...     raise OSError("no answer")
    >>> for _ in range(2):
    ...     try:
    ...         b.call(fail)
    ...     except OSError:
    ...         pass
    >>> b.current_state
    'open'
    >>> b.call(lambda: 1)
    Traceback (most recent call last):
    ...
    serving.breaker.BreakerOpen: refused for now after 2 failures
    """

    def __init__(self, failures: int, reset_seconds: float,
                 errors: tuple[type[BaseException], ...]):
        self.failures = failures
        self.reset_seconds = reset_seconds
        self.errors = errors
        self._lock = threading.Lock()
        self._count = 0
        self._open_until = 0.0
        self._trying = False

    @property
    def current_state(self) -> str:
        with self._lock:
            if self._count < self.failures:
                return "closed"
            return "open" if time.monotonic() < self._open_until else "half-open"

    def open(self) -> None:
        """Refuse calls from now for ``reset_seconds`` (as after failures)."""
        with self._lock:
            self._count = self.failures
            self._open_until = time.monotonic() + self.reset_seconds

    def call(self, action: Callable[[], T]) -> T:
        with self._lock:
            if self._count >= self.failures:
                if time.monotonic() < self._open_until or self._trying:
                    raise BreakerOpen(f"refused for now after {self._count} failures")
                self._trying = True  # half-open: this call tries the service again
        try:
            result = action()
        except self.errors:
            with self._lock:
                self._count += 1
                self._trying = False
                if self._count >= self.failures:
                    self._open_until = time.monotonic() + self.reset_seconds
            raise
        except BaseException:
            with self._lock:
                self._trying = False
            raise
        with self._lock:
            self._count = 0
            self._trying = False
        return result
