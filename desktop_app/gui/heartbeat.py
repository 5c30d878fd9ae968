"""A timer on the GUI thread that measures how late it fires: responsiveness as a number, not a hope."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class Heartbeat(QObject):
    def __init__(self, interval_ms: int = 16, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_s = interval_ms / 1000
        self.lateness_s: list[float] = []
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last = 0.0

    def start(self) -> None:
        self.lateness_s.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        now = time.perf_counter()
        self.lateness_s.append(max(0.0, now - self._last - self.interval_s))
        self._last = now

    def summary(self) -> dict[str, float]:
        values = sorted(self.lateness_s)
        if not values:
            return {"ticks": 0}

        def pct(p: float) -> float:
            return values[min(len(values) - 1, int(p * (len(values) - 1) + 0.5))] * 1000

        return {
            "ticks": len(values),
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "max_ms": values[-1] * 1000,
            "over_50ms": sum(v > 0.050 for v in values),
            "over_100ms": sum(v > 0.100 for v in values),
        }
