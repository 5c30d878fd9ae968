"""The shape every engine has: its place (model store, registry of loaded models, runtime), `load` (find the
model's folder, load it once, keep it in the registry) and the hooks a model family fills in, after taggui's
one-class-per-model-family captioners: what its folder must hold, what it loads beside the model (tokenizer,
processor), and what the loaded bundle is."""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.precision_requests import FAST_RUNNERS, FLOAT32
from desktop_app.core.results import ModelInfo
from desktop_app.core.tasks import Task
from desktop_app.engines.precision import convert
from desktop_app.engines.registry import ModelRegistry, resolve_and_load
from desktop_app.engines.runtime import Runtime, load_pretrained, torch_module
from desktop_app.engines.tokenizer_files import load_tokenizer
from desktop_app.store.model_store import ModelStore, ResolvedModel


class HoldsModel(Protocol):
    """What every loaded bundle has: the transformers model itself (its parts differ by family)."""

    model: Any


Loaded = TypeVar("Loaded", bound=HoldsModel)
# What a model folder that is not what it claims raises inside transformers: said as one message.
LOAD_FAILURES = (OSError, ValueError, KeyError, RuntimeError, TypeError, ImportError, AttributeError)


@dataclass
class Bundle:
    """A loaded model with its tokenizer: what most families need; the others add to it."""

    model: Any
    tokenizer: Any
    info: ModelInfo


@dataclass(frozen=True)
class Family:
    """What a kind of model is to the engine that runs it."""

    task: Task
    auto_class: str  # the transformers Auto class the model loads through
    what: str  # "a text generation model": for the message when a folder is not one
    hint: str = ""  # what a folder that loads holds


class ModelRequest(Protocol):
    @property
    def model(self) -> str: ...

    def validate(self) -> None: ...


class Engine(Generic[Loaded]):
    family: ClassVar[Family]
    # "module:Class" of the wrapper each fast engine's precisions load ("ct2_int8" -> "ct2"), by that engine
    fast_runner_classes: ClassVar[dict[str, str]] = {}

    def __init__(self, store: ModelStore, registry: ModelRegistry, runtime: Runtime) -> None:
        self.store, self.registry, self.runtime = store, registry, runtime

    @property
    def task(self) -> Task:
        return self.family.task

    @property
    def device(self) -> str:
        return self.runtime.device

    def prepare(self, request: ModelRequest, ctx: JobContext) -> tuple[Loaded, float]:
        """The start of every job: the request checked, its model loaded (once), and the seconds that took."""
        request.validate()
        started = time.perf_counter()
        loaded = self.load(request.model, ctx, fast=True)
        return loaded, time.perf_counter() - started

    def load(self, ref: str, ctx: JobContext, fast: bool = False) -> Loaded:
        """The model, loaded once. `fast`: the copy the task's own runs use, in the chosen precision; otherwise
        the float32 model that attention, explanations and tuning look inside."""
        return resolve_and_load(
            self.store,
            self.registry,
            self.task,
            ref,
            self.device,
            ctx,
            self._load_from,
            lambda loaded: int(loaded.model.num_parameters()),
            self.runtime.precision_for if fast else None,
        )

    def _load_from(self, resolved: ResolvedModel, precision: str = FLOAT32) -> Loaded:
        torch = torch_module()
        self.check_folder(resolved)
        # an adapter merges onto transformers weights: its model never runs on a fast runner
        runner = precision in FAST_RUNNERS.get(self.task, {}) and resolved.adapter is None
        try:
            parts = self.load_parts(resolved)
            if runner:
                model = self.fast_runner(resolved.path, precision, JobContext(), parts)
            else:
                model = load_pretrained(resolved.path, torch.float32, self.family.auto_class)
        except LOAD_FAILURES as exc:
            raise ModelLoadError(
                arg(tr("Could not load %1 from %2."), self.family.what, resolved.path),
                hint=self.family.hint,
                detail=str(exc),
            ) from exc
        model.eval()
        loaded = self.bundle(model, parts, resolved)  # adapters merge onto the float32 weights first
        if not runner:
            loaded.model = convert(loaded.model, precision).to(self.device).eval()
        return loaded

    def fast_runner(self, folder: Path, precision: str, ctx: JobContext, parts: Any = None) -> Any:
        """The task's model on a faster engine made for the job (FAST_RUNNERS), for the runs only: the family's
        wrapper around the folder's copy for that engine, with the compute type the precision names. `parts`:
        what `load_parts` already loaded for this folder (the tokenizer), so the wrapper need not load it again."""
        found = self.fast_runner_classes.get(precision.split("_", 1)[0])
        if found is None:
            raise NotImplementedError(arg(tr("%1 has no fast runner here."), self.task))
        module, name = found.split(":")
        runner = getattr(importlib.import_module(module), name)  # imported when first used: it loads its engine
        compute_type = FAST_RUNNERS[self.task][precision]
        copy = runner.copy_of(folder, self.store.converted_models_dir, compute_type, ctx)
        return runner(copy, folder, compute_type, torch_module().get_num_threads(), parts)

    def release(self) -> None:
        """The engine's models were unloaded: drop what it keeps beside them (the registry holds the models)."""

    # -- what a model family fills in ------------------------------------------------------------------------
    def check_folder(self, resolved: ResolvedModel) -> None:
        """Refuse, before loading, a folder this engine cannot run (by its config)."""

    def load_parts(self, resolved: ResolvedModel) -> Any:
        """What loads beside the model: its tokenizer, unless the family says otherwise (a processor)."""
        return load_tokenizer(resolved.path)

    def bundle(self, model: Any, parts: Any, resolved: ResolvedModel) -> Loaded:
        """The loaded model with its parts, as the engine's jobs use it: a `Bundle` unless the family adds more."""
        return cast(Loaded, Bundle(model, parts, resolved.model_info()))
