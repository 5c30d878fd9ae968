"""What the benchmarks share: the timing rule and int8 dynamic quantization of a loaded model."""

from __future__ import annotations

import copy
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
    """A copy of `model` with every Linear layer int8 dynamically quantized. GPT-2 style Conv1D layers
    (weights stored transposed) become Linear first, or nothing in them would be quantized."""
    import torch
    from transformers.pytorch_utils import Conv1D

    def conv1d_to_linear(module: torch.nn.Module) -> None:
        for name, child in module.named_children():
            if isinstance(child, Conv1D):
                linear = torch.nn.Linear(child.weight.shape[0], child.weight.shape[1])
                linear.weight.data = child.weight.data.t().contiguous()
                linear.bias.data = child.bias.data
                setattr(module, name, linear)
            else:
                conv1d_to_linear(child)

    model = copy.deepcopy(model)
    conv1d_to_linear(model)
    return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
