"""The compression lab: a loaded model made smaller (int8 dynamic quantization, or magnitude pruning), then
measured against the original on the same input through the same engine, so the numbers are the app's own:
weights on disk and in memory, the time to read them back, the job's speed, and the outputs side by side."""

from __future__ import annotations

import copy
import tempfile
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import (
    CaptionRequest,
    CompressionRequest,
    GenerationRequest,
    TranscriptionRequest,
    TranslationRequest,
)
from desktop_app.core.results import CompressionReport, ModelMeasures
from desktop_app.core.tasks import Task
from desktop_app.engines.precision import conv1d_to_linear, quantize_int8
from desktop_app.engines.registry import ModelRegistry
from desktop_app.engines.runtime import torch_module, weight_bytes

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines

SAMPLES = {
    "generate": "Explain in two sentences why people run AI models on their own computers.",
    "translate": "The weather is lovely today, so we will walk along the river.",
}


def magnitude_prune(model: Any, amount: float) -> tuple[Any, int, float]:
    """A copy with the smallest `amount` of all Linear weights (ranked together, by magnitude) set to zero;
    the layers pruned and the share of their weights that are now zero."""
    import torch
    from torch.nn.utils import prune

    pruned = copy.deepcopy(model)
    conv1d_to_linear(pruned)
    layers = [(m, "weight") for m in pruned.modules() if isinstance(m, torch.nn.Linear)]
    if not layers:
        return pruned, 0, 0.0
    prune.global_unstructured(layers, pruning_method=prune.L1Unstructured, amount=amount)
    for module, name in layers:
        prune.remove(module, name)  # the zeros become the weights themselves: no mask left behind
    total = sum(m.weight.numel() for m, _ in layers)
    zeros = sum(int((m.weight == 0).sum()) for m, _ in layers)
    return pruned, len(layers), zeros / total


def _disk_and_load(model: Any) -> tuple[int, float]:
    torch = torch_module()
    with tempfile.TemporaryDirectory(prefix="desktop-app-compress-") as folder:
        path = Path(folder) / "weights.pt"
        torch.save(model.state_dict(), path)
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            torch.load(path, weights_only=False)  # our own file: quantized packed weights need the full loader
        return path.stat().st_size, time.perf_counter() - started


class CompressionLab:
    def __init__(self, engines: Engines, registry: ModelRegistry) -> None:
        self.engines, self.registry = engines, registry  # each job runs through the task's own engine

    def run(self, request: CompressionRequest, ctx: JobContext) -> CompressionReport:
        engine: Any = self.engines.by_task()[Task(request.for_task)]
        loaded = engine.load(request.model, ctx)
        sample = request.sample.strip() or SAMPLES.get(request.for_task, "")
        with engine.runtime.pinned(request.for_task, "float32"):  # the runs below use the model swapped in
            return self._compare(request, engine, loaded, sample, ctx)

    def _compare(
        self, request: CompressionRequest, engine: Any, loaded: Any, sample: str, ctx: JobContext
    ) -> CompressionReport:
        job = self._job(request, loaded.info.path, sample)
        original = loaded.model
        ctx.progress(tr("Measuring the original"), None)
        before = self._measure(engine, loaded, job, ctx)
        ctx.progress(
            tr("Quantizing to int8") if request.method == "int8" else arg(tr("Pruning %1"), f"{request.amount:.0%}"),
            None,
        )
        if request.method == "int8":
            smaller, changed = quantize_int8(original)
            sparsity = 0.0
            if changed == 0:
                raise InvalidRequestError(arg(tr("%1 has no Linear layers to quantize."), loaded.info.ref))
        else:
            smaller, changed, sparsity = magnitude_prune(original, request.amount)
        loaded.model = smaller
        try:
            ctx.progress(tr("Measuring the compressed model"), None)
            after = self._measure(engine, loaded, job, ctx)
        finally:
            if not request.keep:
                loaded.model = original
        if request.keep:
            label = "int8" if request.method == "int8" else f"pruned {sparsity:.0%}"
            self.registry.relabel(request.for_task, loaded.info.path, label)
        return CompressionReport(
            request.for_task, loaded.info, request.method, before, after, changed, sparsity, request.keep, sample
        )

    @staticmethod
    def _job(request: CompressionRequest, model_path: str, sample: str) -> Any:
        if request.for_task == "generate":
            return GenerationRequest(sample, model=model_path, max_new_tokens=48, temperature=0.0)
        if request.for_task == "translate":
            return TranslationRequest(
                sample,
                model=model_path,
                source_lang=request.source_lang,
                target_lang=request.target_lang,
                keep_attention=False,
            )
        if request.for_task == "caption":
            return CaptionRequest((sample,), model=model_path, keep_attention=False)
        return TranscriptionRequest(sample, model=model_path)

    @staticmethod
    def _measure(engine: Any, loaded: Any, job: Any, ctx: JobContext) -> ModelMeasures:
        quiet = JobContext(ctx.cancel_event)  # the probe runs stream nothing to the panel
        engine.run(job, quiet)  # warm: first-call costs are not the model's
        started = time.perf_counter()
        result = engine.run(job, quiet)
        run_s = time.perf_counter() - started
        ctx.check_cancelled()
        disk, load_s = _disk_and_load(loaded.model)
        if job.task == "caption" and result.items[0].error is not None:
            raise InvalidRequestError(result.items[0].error.message, hint=result.items[0].error.hint)
        output = result.items[0].caption if job.task == "caption" else result.text
        return ModelMeasures(
            disk,
            weight_bytes(loaded.model),
            round(load_s, 4),
            round(run_s, 4),
            output,
            getattr(result, "new_tokens", 0),
        )
