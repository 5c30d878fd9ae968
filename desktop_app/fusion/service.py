"""What the worker and the command line run jobs with: every engine, and the fusion jobs built on them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.requests import FusionRequest, ImageSearchRequest, MatchRequest, Request
from desktop_app.core.results import LoadedModel
from desktop_app.engines.service import EngineService
from desktop_app.fusion.embedding import JointEmbedder
from desktop_app.fusion.late_fusion import LateFusion
from desktop_app.store.model_store import ModelStore


class Workbench:
    def __init__(self, store: ModelStore, embeddings_dir: Path, device: str = "cpu") -> None:
        self.engines = EngineService(store, device=device)
        self.embedder = JointEmbedder(store, self.engines.registry, embeddings_dir, device)
        self.late_fusion = LateFusion(self.engines)
        self.engines.add_loader("embed", self.embedder.load)
        self.engines.add_device_user(self.embedder)
        self._handlers: dict[type[Request], Callable[[Any, JobContext], Any]] = {
            MatchRequest: self.embedder.match,
            ImageSearchRequest: self.embedder.search,
            FusionRequest: self.late_fusion.run,
        }

    def run(self, request: Request, ctx: JobContext) -> Any:
        handler = self._handlers.get(type(request))
        if handler is None:
            return self.engines.run(request, ctx)
        request.validate()
        return handler(request, ctx)

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self.engines.loaded_models()
