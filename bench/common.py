"""What the benchmarks share: the timing rule, int8 dynamic quantization of a loaded model, and the one line
of JSON each bench ends with (bench/collect.py reads it into the README's table)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def best_of(repeats: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The fastest of `repeats` runs, and its output: the minimum is the run least disturbed by other work
    on a shared machine."""
    times, out = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    assert out is not None
    return min(times), out


def quantize_int8(model: Any) -> Any:
    """The app's own int8 quantization (the compression lab's), the copy only."""
    from desktop_app.engines.precision import quantize_int8 as lab_quantize

    return lab_quantize(model)[0]


def final_line(bench: str, goal: str, met: bool | None, **figures: Any) -> None:
    """The bench's last line: its name, its goal and whether this run met it, and its figures, as JSON."""
    print(json.dumps({"bench": bench, "goal": goal, "met": met, **figures}), flush=True)


def figure_key(row: str, suffix: str = "") -> str:
    """A table row's name as a JSON key: "app batched fp32" -> "app_batched_fp32"."""
    key = "".join(c if c.isalnum() else "_" for c in row.lower()).strip("_")
    return f"{key}_{suffix}" if suffix else key


def job_end(worker: Any, job_id: int, timeout_s: float = 600) -> object | None:
    """The app's worker's JobFinished or JobFailed for `job_id`, waited for in a Qt event loop, so that the
    window runs meanwhile as it does for a user; None if neither came within `timeout_s`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    outcome: list[object] = []

    def done(event: object) -> None:
        if getattr(event, "job_id", None) == job_id:
            outcome.append(event)
            loop.quit()

    signals = (worker.job_finished, worker.job_failed)
    for signal in signals:
        signal.connect(done)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    for signal in signals:
        signal.disconnect(done)
    return outcome[0] if outcome else None
