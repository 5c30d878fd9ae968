"""One place that imports torch/transformers and sets them up the same way for every engine."""

from __future__ import annotations

import functools
import os
from typing import Any


@functools.cache
def torch_module() -> Any:
    import torch

    threads = os.environ.get("DESKTOP_APP_TORCH_THREADS")
    if threads:
        torch.set_num_threads(max(1, int(threads)))
    return torch


@functools.cache
def transformers_module() -> Any:
    torch_module()
    import transformers

    # Their tqdm bars and advisory warnings go to stderr; the app reports progress through JobContext.
    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    return transformers


def describe_dtype(dtype: Any) -> str:
    return str(dtype).removeprefix("torch.")
