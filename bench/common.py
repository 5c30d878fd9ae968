"""What the benchmarks share: the timing rule and int8 dynamic quantization of a loaded model."""

from __future__ import annotations

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
    from desktop_app.services.compression import quantize_int8 as lab_quantize

    return lab_quantize(model)[0]
