"""Loaded models, cached by what makes them different, so a second job reuses the first one's model."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar, cast

from desktop_app.core.context import JobContext
from desktop_app.core.i18n import arg, tr
from desktop_app.core.results import LoadedModel
from desktop_app.store.model_store import ModelStore, ResolvedModel

T = TypeVar("T")


@dataclass(frozen=True)
class ModelKey:
    task: str
    path: str
    device: str = "cpu"
    dtype: str = "float32"
    quantization: str = "none"


@dataclass
class _Entry(Generic[T]):
    model: T
    info: LoadedModel
    last_used: float = field(default_factory=time.monotonic)


class ModelRegistry:
    """Owned by the worker thread; `snapshot()` is the one method other threads may call."""

    def __init__(self) -> None:
        self._entries: dict[ModelKey, _Entry[Any]] = {}
        self._lock = threading.Lock()

    def get_or_load(self, key: ModelKey, ref: str, loader: Callable[[], T], parameters: Callable[[T], int]) -> T:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                entry.last_used = time.monotonic()
        if entry is not None:
            return cast(T, entry.model)
        model = loader()
        info = LoadedModel(key.task, ref, key.path, key.device, key.dtype, parameters(model))
        with self._lock:
            self._entries[key] = _Entry(model, info)
        return model

    def is_loaded(self, key: ModelKey) -> bool:
        with self._lock:
            return key in self._entries

    def unload(self, task: str = "", model: str = "") -> int:
        """Drop the models of `task` (every task when empty) whose reference or folder is `model` (any when
        empty); returns how many were dropped."""
        return len(
            self._drop(
                lambda key, entry: (not task or key.task == task) and (not model or model in (entry.info.ref, key.path))
            )
        )

    def used_since(self, started: float) -> None:
        """A job that began at `started` (time.monotonic) has ended: the models it used count as used now, so
        that a long job's model is not taken for idle the moment it finishes."""
        now = time.monotonic()
        with self._lock:
            for entry in self._entries.values():
                if entry.last_used >= started:
                    entry.last_used = now

    def unload_idle(self, idle_s: float) -> tuple[LoadedModel, ...]:
        """Drop the models no job has used for `idle_s` seconds (LM Studio's TTL); returns what was dropped."""
        oldest = time.monotonic() - idle_s
        return self._drop(lambda key, entry: entry.last_used <= oldest)

    def _drop(self, doomed: Callable[[ModelKey, _Entry[Any]], bool]) -> tuple[LoadedModel, ...]:
        with self._lock:
            keys = [key for key, entry in self._entries.items() if doomed(key, entry)]
            dropped = tuple(self._entries.pop(key).info for key in keys)
        if dropped:
            release_memory()
        return dropped

    def relabel(self, task: str, path: str, dtype: str) -> None:
        """The loaded model of `task` at `path` was changed in place (compressed): say so in the snapshot."""
        with self._lock:
            for key, entry in self._entries.items():
                if key.task == task and key.path == path:
                    entry.info = replace(entry.info, dtype=dtype)

    def snapshot(self) -> tuple[LoadedModel, ...]:
        with self._lock:
            return tuple(entry.info for entry in self._entries.values())


def release_memory() -> None:
    """Collect the dropped models' objects, then hand glibc's freed heap back to the system: without
    malloc_trim the process keeps the pages, and its memory stays at the loaded peak."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc and hasattr(ctypes.CDLL(libc), "malloc_trim"):
        ctypes.CDLL(libc).malloc_trim(0)


def resolve_and_load(
    store: ModelStore,
    registry: ModelRegistry,
    task: str,
    ref: str,
    device: str,
    ctx: JobContext,
    loader: Callable[[ResolvedModel, str], T],
    parameters: Callable[[T], int],
    precision_for: Callable[[str, ResolvedModel], str] | None = None,
) -> T:
    """What every engine's `load` does: find the model's folder, then reuse it if loaded or load it once, in
    float32 or, with `precision_for`, in the precision it says for this task and model."""
    resolved = store.resolve(ref, task, ctx)
    precision = precision_for(task, resolved) if precision_for is not None else "float32"
    key = ModelKey(task, resolved.key_path, device, precision)
    if not registry.is_loaded(key):
        shown = resolved.path.name if precision == "float32" else f"{resolved.path.name} ({precision})"
        ctx.progress(arg(tr("Loading %1"), shown), None)
    return registry.get_or_load(key, resolved.ref, lambda: loader(resolved, precision), parameters)
