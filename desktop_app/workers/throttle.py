"""Rate limits for what the worker sends to the GUI thread: ~20 updates a second, nothing dropped that matters."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

DEFAULT_INTERVAL_S = 0.05


class ProgressThrottle:
    """Passes a progress update when its message changes, when it completes, or 50 ms after the last one."""

    def __init__(self, emit: Callable[[str, float | None], None], interval_s: float = DEFAULT_INTERVAL_S) -> None:
        self._emit = emit
        self._interval_s = interval_s
        self._last_time = float("-inf")
        self._last_message: str | None = None

    def __call__(self, message: str, fraction: float | None) -> None:
        now = time.monotonic()
        if message != self._last_message or fraction == 1.0 or now - self._last_time >= self._interval_s:
            self._last_time, self._last_message = now, message
            self._emit(message, fraction)


class PartialBatcher:
    """Collects streamed items and hands them on in batches, at most one batch per interval.

    Items are never dropped: `flush()` sends what is left, and the worker calls it before a job ends.
    """

    def __init__(self, emit: Callable[[tuple[Any, ...]], None], interval_s: float = DEFAULT_INTERVAL_S) -> None:
        self._emit = emit
        self._interval_s = interval_s
        self._pending: list[Any] = []
        self._last_time = float("-inf")

    def __call__(self, item: Any) -> None:
        self._pending.append(item)
        if time.monotonic() - self._last_time >= self._interval_s:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            batch, self._pending = tuple(self._pending), []
            self._last_time = time.monotonic()
            self._emit(batch)
