"""Loaded models, cached by what makes them different, so a second job reuses the first one's model."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
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


class ModelRegistry:
    """Owned by the worker thread; `snapshot()` is the one method other threads may call."""

    def __init__(self) -> None:
        self._entries: dict[ModelKey, _Entry[Any]] = {}
        self._lock = threading.Lock()

    def get_or_load(self, key: ModelKey, ref: str, loader: Callable[[], T], parameters: Callable[[T], int]) -> T:
        with self._lock:
            entry = self._entries.get(key)
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
        with self._lock:
            doomed = [
                key
                for key, entry in self._entries.items()
                if (not task or key.task == task) and (not model or model in (entry.info.ref, key.path))
            ]
            for key in doomed:
                del self._entries[key]
        if doomed:
            import gc

            gc.collect()
        return len(doomed)

    def relabel(self, task: str, path: str, dtype: str) -> None:
        """The loaded model of `task` at `path` was changed in place (compressed): say so in the snapshot."""
        with self._lock:
            for key, entry in self._entries.items():
                if key.task == task and key.path == path:
                    entry.info = replace(entry.info, dtype=dtype)

    def snapshot(self) -> tuple[LoadedModel, ...]:
        with self._lock:
            return tuple(entry.info for entry in self._entries.values())


def resolve_and_load(
    store: ModelStore,
    registry: ModelRegistry,
    task: str,
    ref: str,
    device: str,
    ctx: JobContext,
    loader: Callable[[ResolvedModel], T],
    parameters: Callable[[T], int],
) -> T:
    """What every engine's `load` does: find the model's folder, then reuse it if loaded or load it once."""
    resolved = store.resolve(ref, task, ctx)
    key = ModelKey(task, resolved.key_path, device, "float32")
    if not registry.is_loaded(key):
        ctx.progress(arg(tr("Loading %1"), resolved.path.name), None)
    return registry.get_or_load(key, resolved.ref, lambda: loader(resolved), parameters)
