"""The one entry point the worker thread and the command line call: a request in, a result out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.requests import (
    AttentionRequest,
    CaptionRequest,
    CompressionRequest,
    DownloadModelRequest,
    GenerationRequest,
    InspectRepoRequest,
    LiveTranscriptionRequest,
    LoadModelRequest,
    Request,
    RuntimeRequest,
    TranscriptionRequest,
    TranslationRequest,
    UnloadModelRequest,
    WarmUpRequest,
)
from desktop_app.core.results import DownloadedModel, LoadedModel, ModelInfo, RepoSummary, RuntimeInfo
from desktop_app.engines.captioning import CaptionEngine
from desktop_app.engines.compression import CompressionLab
from desktop_app.engines.generation import GenerationEngine
from desktop_app.engines.inspection import InspectionEngine
from desktop_app.engines.inspection_cross import CrossAttentionInspector
from desktop_app.engines.registry import ModelRegistry
from desktop_app.engines.runtime import torch_module, warm_up
from desktop_app.engines.transcription import TranscriptionEngine
from desktop_app.engines.translation import TranslationEngine
from desktop_app.store.checksums import folder_size
from desktop_app.store.model_store import ModelStore


class EngineService:
    def __init__(self, store: ModelStore, registry: ModelRegistry | None = None, device: str = "cpu") -> None:
        self.store = store
        self.registry = registry or ModelRegistry()
        self.generation = GenerationEngine(store, self.registry, device)
        self.transcription = TranscriptionEngine(store, self.registry, device)
        self.captioning = CaptionEngine(store, self.registry, device)
        self.translation = TranslationEngine(store, self.registry, device)
        cross = CrossAttentionInspector(self.translation, self.captioning, self.transcription, device)
        self.inspection = InspectionEngine(store, self.registry, self.generation, cross, device)
        self.device = device
        # everything that puts models or inputs on a device; a layer above adds its own (add_device_user)
        self._device_users: list[Any] = [self.generation, self.transcription, self.captioning, self.translation,
                                         cross, self.inspection]
        self._default_threads = 0
        self._loaders: dict[str, Callable[[str, JobContext], Any]] = {
            "generate": self.generation.load,
            "transcribe": self.transcription.load,
            "caption": self.captioning.load,
            "translate": self.translation.load,
            "encode": self.inspection.load,
        }
        self._handlers: dict[type[Request], Callable[[Any, JobContext], Any]] = {
            GenerationRequest: self.generation.run,
            TranscriptionRequest: self.transcription.run,
            LiveTranscriptionRequest: self.transcription.run_live,
            CaptionRequest: self.captioning.run,
            TranslationRequest: self.translation.run,
            AttentionRequest: self.inspection.run,
            CompressionRequest: CompressionLab(self).run,
            RuntimeRequest: self._runtime,
            LoadModelRequest: self._load_model,
            UnloadModelRequest: self._unload_model,
            WarmUpRequest: self._warm_up,
            DownloadModelRequest: self._download_model,
            InspectRepoRequest: self._inspect_repo,
        }

    def run(self, request: Request, ctx: JobContext) -> Any:
        handler = self._handlers.get(type(request))
        if handler is None:
            raise InvalidRequestError(f"This build cannot run '{request.task}' jobs yet.")
        request.validate()
        return handler(request, ctx)

    def add_device_user(self, user: Any) -> None:
        self._device_users.append(user)

    def _runtime(self, request: RuntimeRequest, ctx: JobContext) -> RuntimeInfo:
        torch = torch_module()
        cuda = bool(torch.cuda.is_available())
        if request.device == "cuda" and not cuda:
            raise InvalidRequestError("There is no CUDA GPU here (or this PyTorch was built without CUDA).",
                                      hint="Models run on the CPU.")
        self._default_threads = self._default_threads or torch.get_num_threads()
        torch.set_num_threads(request.threads or self._default_threads)
        if request.device != self.device:
            self.registry.unload()  # each model loads again on the new device at its next job
            self.device = request.device
            for user in self._device_users:
                user.device = request.device
        return RuntimeInfo(self.device, torch.get_num_threads(), cuda,
                           torch.cuda.get_device_name(0) if cuda else "")

    def add_loader(self, task: str, loader: Callable[[str, JobContext], Any]) -> None:
        """A layer above (fusion) makes its models loadable by name too (Load in the model manager)."""
        self._loaders[task] = loader

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self.registry.snapshot()

    def _load_model(self, request: LoadModelRequest, ctx: JobContext) -> ModelInfo:
        loader = self._loaders.get(request.for_task)
        if loader is None:
            raise InvalidRequestError(f"There is no '{request.for_task}' engine in this build.")
        loaded = loader(request.model, ctx)
        return loaded.info

    def _warm_up(self, request: WarmUpRequest, ctx: JobContext) -> None:
        ctx.progress("Starting the inference runtime", None)
        warm_up()

    def _unload_model(self, request: UnloadModelRequest, ctx: JobContext) -> int:
        return self.registry.unload(request.for_task, request.model)

    def _download_model(self, request: DownloadModelRequest, ctx: JobContext) -> DownloadedModel:
        resolved = self.store.resolve(request.model, request.for_task, ctx)
        info = resolved.model_info()
        return DownloadedModel(request.for_task, info, folder_size(resolved.path))

    def _inspect_repo(self, request: InspectRepoRequest, ctx: JobContext) -> RepoSummary:
        from desktop_app.store.downloads import fetch_listing
        from desktop_app.store.model_kind import kind_of_config

        ctx.progress(f"Asking the Hub about {request.model}", None)
        listing = fetch_listing(request.model)
        kind = kind_of_config(listing.config, request.model, listing.config.get("tokenizer_config") or {})
        return RepoSummary(request.model, listing.commit, listing.download_bytes, listing.licence,
                           tuple(listing.files.formats()), kind.tasks, kind.language_pair)
