"""Bytes moved so far, turned into what a person waiting wants to read: how much, how fast, how long left."""

from __future__ import annotations

import time
from collections import deque

from desktop_app.core.context import JobContext
from desktop_app.core.i18n import arg, tr
from desktop_app.core.units import human_duration, human_size

REPORTS_PER_SECOND = 4
RATE_WINDOW_S = 5.0  # the speed shown is over the last few seconds, so it follows a changing connection


class TransferProgress:
    def __init__(self, ctx: JobContext, label: str, total: int, done: int = 0) -> None:
        self.ctx, self.label, self.total, self.done = ctx, label, max(total, 0), done
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), done)])
        self._last_report = 0.0

    def add(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        self._samples.append((now, self.done))
        while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW_S:
            self._samples.popleft()
        if now - self._last_report >= 1 / REPORTS_PER_SECOND:
            self.report(now)

    def rate(self) -> float:
        """Bytes per second over the recent window (0 until there is something to measure)."""
        (first_t, first_n), (last_t, last_n) = self._samples[0], self._samples[-1]
        return (last_n - first_n) / (last_t - first_t) if last_t > first_t else 0.0

    def text(self) -> str:
        parts = [arg(tr("%1: %2 of %3"), self.label, human_size(self.done), human_size(self.total))]
        rate = self.rate()
        if rate > 0:
            parts.append(f"{human_size(rate)}/s")
            parts.append(arg(tr("%1 left"), human_duration((self.total - self.done) / rate)))
        return " · ".join(parts)

    def report(self, now: float | None = None) -> None:
        self._last_report = time.monotonic() if now is None else now
        self.ctx.progress(self.text(), min(self.done / self.total, 1.0) if self.total else None)
