"""The number formats a model can run in, and turning a loaded float32 model into one of them.

The task's own runs use the precision the user chose (Models ▸ Precision), or, when that is "automatic", the one
the quality gate measured as fastest for this model (services/precision_gate.py). Everything that looks inside a
model (attention, explanations, tuning) keeps the float32 model: it reads back what the faster copy produced.
"""

from __future__ import annotations

import copy
import functools
import warnings
from typing import Any

from desktop_app.core.precision_requests import FAST_RUNNERS, FLOAT32
from desktop_app.engines.runtime import torch_module


def supported(device: str, task: str = "") -> tuple[str, ...]:
    """The precisions that run on `device` here: int8 dynamic on the CPU only (PyTorch has no CUDA kernels for
    it), bfloat16 where the CPU has bfloat16 instructions or on CUDA, float16 on CUDA; and on the CPU the task's
    fast runners (CTranslate2 for speech and translation)."""
    if device == "cuda":
        return (FLOAT32, "bfloat16", "float16")
    found = [FLOAT32, "int8"]
    if _cpu_has_bfloat16():
        found.append("bfloat16")
    return (*found, *FAST_RUNNERS.get(task, {}))


@functools.cache
def _cpu_has_bfloat16() -> bool:
    torch = torch_module()
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def convert(model: Any, precision: str, copy_first: bool = False) -> Any:
    """The model in `precision`: float32 as it is, a quantized copy for int8, cast for the others (in place,
    unless `copy_first`: the gate keeps the float32 model to make every precision from)."""
    torch = torch_module()
    if precision == FLOAT32:
        return model
    if precision == "int8":
        return quantize_int8(model)[0]
    dtype = {"bfloat16": torch.bfloat16, "float16": torch.float16}[precision]
    return (copy.deepcopy(model) if copy_first else model).to(dtype)


def input_dtype(model: Any) -> Any:
    """The floating type a model's inputs (pixels, audio features) must have: its weights' type (quantized
    int8 models take float32)."""
    torch = torch_module()
    dtype = getattr(model, "dtype", torch.float32)
    return dtype if dtype in (torch.bfloat16, torch.float16) else torch.float32


def conv1d_to_linear(module: Any) -> int:
    """GPT-2 style Conv1D layers (weights stored transposed) become Linear, in place, so that quantization
    sees them; returns how many were changed."""
    import torch
    from transformers.pytorch_utils import Conv1D

    changed = 0
    for name, child in module.named_children():
        if isinstance(child, Conv1D):
            linear = torch.nn.Linear(child.weight.shape[0], child.weight.shape[1])
            linear.weight.data = child.weight.data.t().contiguous()
            linear.bias.data = child.bias.data
            setattr(module, name, linear)
            changed += 1
        else:
            changed += conv1d_to_linear(child)
    return changed


def quantize_int8(model: Any) -> tuple[Any, int]:
    """A copy with every Linear layer int8 dynamically quantized, and how many layers were swapped."""
    import torch

    quantized = copy.deepcopy(model)
    conv1d_to_linear(quantized)
    with warnings.catch_warnings():  # torch announces a successor API; this one still works in 2.14
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        quantized = torch.ao.quantization.quantize_dynamic(quantized, {torch.nn.Linear}, dtype=torch.qint8)
    swapped = sum(1 for m in quantized.modules() if type(m).__module__.startswith("torch.ao.nn.quantized.dynamic"))
    return quantized, swapped
