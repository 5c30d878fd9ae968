"""One place that imports torch/transformers and sets them up the same way for every engine."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.collector import quiet_collector
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.precision_requests import AUTO, FLOAT32, GATED_TASKS
from desktop_app.remote.client import Servers
from desktop_app.store.precision_choices import PrecisionChoices


@dataclass
class Runtime:
    """Where models run and with how many threads: one object, read by every engine (the dispatcher sets it)."""

    device: str = "cpu"
    threads: int = 0  # 0: PyTorch's own choice
    servers: Servers = field(default_factory=Servers)  # models on other machines, and their keys
    unload_after_s: float = 0.0  # the worker unloads models unused this long; 0: never (the GUI sets 10 min)
    precisions: dict[str, str] = field(default_factory=dict)  # task -> "auto" (the default), "int8", ...
    choices: PrecisionChoices | None = None  # the quality gate's kept results, for "auto"

    @contextlib.contextmanager
    def pinned(self, task: str, precision: str) -> Iterator[None]:
        """For a measurement: the task's runs use `precision` (the compression lab and the gate swap their own
        model into the float32 one's place), whatever the user chose."""
        before = self.precisions.get(task)
        self.precisions[task] = precision
        try:
            yield
        finally:
            if before is None:
                self.precisions.pop(task, None)
            else:
                self.precisions[task] = before

    def precision_for(self, task: str, resolved: Any) -> str:
        """The precision a task's runs use for this model: the user's choice, or for "auto" the gate's result for
        it (float32 until it has been measured). A choice this device cannot run falls back to float32."""
        from desktop_app.engines.precision import supported

        chosen = self.precisions.get(task, AUTO)
        if chosen == AUTO:
            if task not in GATED_TASKS:
                return FLOAT32
            measured = self.choices.get(task, resolved.key_path, self.device) if self.choices else None
            chosen = measured.chosen if measured is not None else FLOAT32
        return chosen if chosen in supported(self.device, task) else FLOAT32


def _preload_torch_libraries() -> None:
    """Load torch's shared libraries through libc's dlopen called from ctypes, which lets go of the GIL for
    the call, so the window keeps running while ~1 GB of code is mapped and relocated (200-300 ms). `import
    torch` then finds them loaded; its own loading (the extension module, ctypes.CDLL) holds the GIL throughout.
    Anything that fails here is left to `import torch`, which says what is wrong."""
    import ctypes
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations or not hasattr(os, "RTLD_GLOBAL"):
        return
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib"
    try:
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return
    dlopen.restype, dlopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_int]
    # With the flags torch itself uses: only its global-deps library shares its symbols with later libraries.
    # Made global, libtorch_cpu's would stand in for CTranslate2's own (same names) and corrupt its output.
    for name in ("libtorch_global_deps.so", "libc10.so", "libtorch_cpu.so", "libtorch.so", "libtorch_python.so"):
        if (folder / name).is_file():
            scope = os.RTLD_GLOBAL if name == "libtorch_global_deps.so" else os.RTLD_LOCAL
            dlopen(str(folder / name).encode(), os.RTLD_NOW | scope)


@functools.cache
def torch_module() -> Any:
    with quiet_collector():
        _preload_torch_libraries()
        import torch

    threads = os.environ.get("DESKTOP_APP_TORCH_THREADS")
    if threads:
        torch.set_num_threads(max(1, int(threads)))
    return torch


@functools.cache
def transformers_module() -> Any:
    torch_module()
    with quiet_collector():
        import transformers

    # Their tqdm bars and advisory warnings go to stderr; the app reports progress through JobContext.
    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    return transformers


def describe_dtype(dtype: Any) -> str:
    return str(dtype).removeprefix("torch.")


def warm_up() -> None:
    """Do the one-time imports a first model load needs (about 2 s), with the collector quiet."""
    transformers = transformers_module()
    with quiet_collector():
        _resolve_lazy_modules(transformers)


def _resolve_lazy_modules(transformers: Any) -> None:
    import importlib

    for name in (
        "AutoConfig",
        "AutoModelForCausalLM",
        "PreTrainedTokenizerFast",
        "AutoTokenizer",
        "TextStreamer",
        "StoppingCriteriaList",
    ):
        getattr(transformers, name)  # resolves transformers' lazy modules now rather than mid-job
    # What the first from_pretrained imports whatever the architecture (~1,200 modules: torch.distributed,
    # dynamo, sympy, the quantizers); missing ones in other transformers versions are fine to skip.
    for module in (
        "transformers.modeling_utils",
        "transformers.generation.utils",
        "transformers.quantizers.auto",
        "transformers.integrations.accelerate",
        "transformers.integrations.sdpa_attention",
        "transformers.masking_utils",
        "transformers.loss.loss_utils",
        "transformers.processing_utils",
    ):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)


def load_pretrained(path: Any, dtype: Any, auto_class: str) -> Any:
    """A model from a folder through `transformers.<auto_class>`, loaded so that the GUI thread keeps running.

    transformers' from_pretrained copies tensors in code that holds the GIL (~200 ms in one piece for a
    540 MB file); building the model without initialising it and copying the memory-mapped tensors with
    torch (which releases the GIL) gives identical weights with no stall. Anything unusual - sharded or
    quantized checkpoints, keys that don't match - goes through from_pretrained.
    """
    import json
    from pathlib import Path

    transformers = transformers_module()
    folder = Path(path)
    weights = folder / "model.safetensors"
    try:
        plain = weights.is_file() and "quantization_config" not in json.loads((folder / "config.json").read_text())
    except (OSError, ValueError):
        plain = False
    from safetensors import SafetensorError

    try:
        if plain:
            model = _load_plain_safetensors(folder, weights, dtype, auto_class)
            if model is not None:
                return model
        model, info = getattr(transformers, auto_class).from_pretrained(
            folder, dtype=dtype, trust_remote_code=False, output_loading_info=True
        )
    except SafetensorError as exc:
        raise ModelLoadError(
            arg(tr("The weights in %1 cannot be read: %2."), folder, exc),
            hint=tr("A file is damaged: copy or download the model again."),
        ) from exc
    _refuse_incomplete(folder, model, info)
    return model


def _refuse_incomplete(folder: Any, model: Any, info: dict[str, Any]) -> None:
    """A model whose weights do not cover its architecture would run with random layers and print nonsense
    as if it worked (a wrong model_type, a cut-down file): refused, never run."""
    missing = sorted(info.get("missing_keys") or ())
    mismatched = [m[0] if isinstance(m, tuple) else str(m) for m in info.get("mismatched_keys") or ()]
    if not missing and not mismatched:
        return
    total = sum(1 for _ in model.state_dict())
    what = (
        f"{len(missing)} of its {total} weights are missing (e.g. {', '.join(missing[:3])})"
        if missing
        else f"{len(mismatched)} weights have the wrong shape (e.g. {mismatched[0]})"
    )
    raise ModelLoadError(
        arg(tr("The weights in %1 do not fit the model its config.json describes: %2."), folder, what),
        hint=tr(
            "The folder may mix files of different models, or its model_type is wrong. Copy or "
            "download the model again."
        ),
    )


def _load_plain_safetensors(folder: Any, weights: Any, dtype: Any, auto_class: str) -> Any:
    import logging

    from safetensors.torch import load_file

    transformers = transformers_module()
    try:
        from transformers.initialization import no_init_weights
    except ImportError:
        return None
    config = transformers.AutoConfig.from_pretrained(folder, trust_remote_code=False)
    with no_init_weights():
        model = getattr(transformers, auto_class).from_config(config, dtype=dtype)
    state = load_file(weights)
    if any(tensor.dtype != dtype for tensor in state.values() if tensor.is_floating_point()):
        return None  # leave dtype conversion to from_pretrained
    result = model.load_state_dict(state, strict=False)
    # A key may be missing only when it is tied to one that was loaded (e.g. lm_head to the embeddings). The
    # loaded memory is noted before tying: a tie that points a loaded name at an unloaded one must not pass.
    params = dict(model.named_parameters(remove_duplicate=False))
    loaded = {params[key].data_ptr() for key in state if key in params}
    model.tie_weights()
    params = dict(model.named_parameters(remove_duplicate=False))
    untied_missing = [key for key, param in params.items() if param.data_ptr() not in loaded]
    if result.unexpected_keys or untied_missing:
        logging.getLogger(__name__).info(
            "fast load of %s did not fit (%s, %s); using from_pretrained",
            folder,
            result.unexpected_keys[:3],
            untied_missing[:3],
        )
        return None
    if (folder / "generation_config.json").is_file():
        model.generation_config = transformers.GenerationConfig.from_pretrained(folder, trust_remote_code=False)
    return model


class CancelCriteria:
    """A `generate` stopping criterion checked after every token: a set cancel event ends it within one step."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        torch = torch_module()
        return torch.full((input_ids.shape[0],), self.stops(), dtype=torch.bool, device=input_ids.device)

    def stops(self) -> bool:
        """The same answer for a runner that asks between its own tokens, without the tensor `generate` needs."""
        return bool(self.ctx.cancelled)


def cancel_criteria(ctx: Any) -> Any:
    return transformers_module().StoppingCriteriaList([CancelCriteria(ctx)])


def weight_bytes(model: Any) -> int:
    """Bytes of the tensors in the model's state (packed int8 weights included), shared ones counted once."""
    seen: set[int] = set()
    total = 0

    def add(value: Any) -> None:
        nonlocal total
        if hasattr(value, "untyped_storage"):
            pointer = value.untyped_storage().data_ptr() if not value.is_quantized else id(value)
            if pointer not in seen:
                seen.add(pointer)
                total += value.numel() * value.element_size()
        elif isinstance(value, tuple | list):
            for item in value:
                add(item)

    for value in model.state_dict().values():
        add(value)
    return total
