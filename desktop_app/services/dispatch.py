"""What the worker thread and the command line run every job with: the engines, the services built on them,
and one table from a request's type to what runs it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.explain_requests import ExplainRequest
from desktop_app.core.i18n import arg, tr
from desktop_app.core.model_requests import (
    CountTokensRequest,
    DownloadModelRequest,
    InspectRepoRequest,
    LoadModelRequest,
    RuntimeRequest,
    ServerModelsRequest,
    UnloadModelRequest,
    WarmUpRequest,
)
from desktop_app.core.precision_requests import AUTO, GATED_TASKS, PRECISIONS, PrecisionGateRequest, PrecisionRequest
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.core.requests import (
    AttentionRequest,
    CaptionRequest,
    CompressionRequest,
    FusionRequest,
    GenerationRequest,
    ImageSearchRequest,
    LiveTranscriptionRequest,
    MatchRequest,
    Request,
    TranscriptionRequest,
    TranslationRequest,
)
from desktop_app.core.results import DownloadedModel, LoadedModel, ModelInfo, RepoSummary, RuntimeInfo, ServerModels
from desktop_app.core.tasks import Task, job_words
from desktop_app.engines.all_engines import Engines
from desktop_app.engines.registry import ModelRegistry, release_memory
from desktop_app.engines.runtime import Runtime, torch_module, warm_up
from desktop_app.remote.keys import KeyringError, save_key, stored_key
from desktop_app.services.compression import CompressionLab
from desktop_app.services.explanation import Explainer
from desktop_app.services.image_search import ImageSearch
from desktop_app.services.inspection import Inspection
from desktop_app.services.inspection_cross import CrossAttentionInspector
from desktop_app.services.late_fusion import LateFusion
from desktop_app.services.precision_gate import PrecisionGate
from desktop_app.store.checksums import folder_size
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths
from desktop_app.store.precision_choices import PrecisionChoices
from desktop_app.tuning.jobs import tuning_handlers


class Workbench:
    def __init__(
        self, store: ModelStore, embeddings_dir: Path | None = None, device: str = "cpu", data_dir: Path | None = None
    ) -> None:
        """`embeddings_dir`: where image search keeps its embeddings (default: beside the store's models);
        `data_dir`: where the tuning lab keeps datasets, adapters and students (default: the app's)."""
        embeddings_dir = embeddings_dir or store.converted_models_dir.parent / "embeddings"
        data_dir = data_dir or AppPaths.from_environment().data_dir
        self.store = store
        self.registry = ModelRegistry()
        choices = PrecisionChoices(data_dir / "precision")
        self.runtime = Runtime(device, choices=choices)
        engines = self.engines = Engines.build(store, self.registry, self.runtime)
        cross = CrossAttentionInspector(engines.translation, engines.captioning, engines.transcription)
        self._default_threads = 0
        self._handlers: dict[type[Request], Callable[[Any, JobContext], Any]] = {
            GenerationRequest: engines.generation.run,
            CountTokensRequest: engines.generation.count_tokens,
            TranscriptionRequest: engines.transcription.run,
            LiveTranscriptionRequest: engines.transcription.run_live,
            CaptionRequest: engines.captioning.run,
            TranslationRequest: engines.translation.run,
            MatchRequest: engines.embedding.match,
            ImageSearchRequest: ImageSearch(engines.embedding, embeddings_dir).run,
            AttentionRequest: Inspection(engines.encoder, engines.generation, cross).run,
            ExplainRequest: Explainer(engines, embeddings_dir.parent / "explanations").run,
            FusionRequest: LateFusion(engines).run,
            CompressionRequest: CompressionLab(engines, self.registry).run,
            PrecisionGateRequest: PrecisionGate(engines, self.registry, choices).run,
            PrecisionRequest: self._precision,
            **tuning_handlers(engines, data_dir, self.runtime),
            RuntimeRequest: self._runtime,
            WarmUpRequest: self._warm_up,
            LoadModelRequest: self._load_model,
            UnloadModelRequest: self._unload_model,
            DownloadModelRequest: self._download_model,
            InspectRepoRequest: self._inspect_repo,
            ServerModelsRequest: self._server_models,
        }

    def run(self, request: Request, ctx: JobContext) -> Any:
        handler = self._handlers.get(type(request))
        if handler is None:
            raise InvalidRequestError(arg(tr("This build cannot run '%1' jobs yet."), request.task))
        request.validate()
        started = time.monotonic()
        try:
            return handler(request, ctx)
        finally:
            self.registry.used_since(started)

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self.registry.snapshot()

    @property
    def unload_after_s(self) -> float:
        """How long a model may go unused before `unload_idle` unloads it (0: never)."""
        return self.runtime.unload_after_s

    def unload_idle(self) -> tuple[LoadedModel, ...]:
        """Between jobs: unload the models unused for the runtime's time (none when it is 0, "never")."""
        if self.runtime.unload_after_s <= 0:
            return ()
        unloaded = self.registry.unload_idle(self.runtime.unload_after_s)
        gone = {model.task for model in unloaded} - {model.task for model in self.registry.snapshot()}
        for task in gone:
            self.engines.by_task()[Task(task)].release()
        if gone:
            release_memory()
        return unloaded

    def holds_nothing(self) -> bool:
        """Whether a fresh Workbench given the same settings would be this one: no model loaded, and no server key
        that lives only here (one given this run; those in the keyring a new one reads again). The window's
        models' process ends when it holds nothing, so that its memory goes back whole (workers/worker_process)."""
        return not self.registry.snapshot() and not self.runtime.servers.keys

    # -- housekeeping jobs -----------------------------------------------------------------------------------
    def _runtime(self, request: RuntimeRequest, ctx: JobContext) -> RuntimeInfo:
        torch = torch_module()
        cuda = bool(torch.cuda.is_available())
        if request.device == "cuda" and not cuda:
            raise InvalidRequestError(
                tr("There is no CUDA GPU here (or this PyTorch was built without CUDA)."),
                hint=tr("Models run on the CPU."),
            )
        self._default_threads = self._default_threads or torch.get_num_threads()
        torch.set_num_threads(request.threads or self._default_threads)
        if request.device != self.runtime.device:
            self.registry.unload()  # each model loads again on the new device at its next job
        self.runtime.device, self.runtime.threads = request.device, request.threads
        self.runtime.unload_after_s = request.unload_after_s
        from desktop_app.engines.precision import supported

        return RuntimeInfo(
            self.runtime.device,
            torch.get_num_threads(),
            cuda,
            torch.cuda.get_device_name(0) if cuda else "",
            request.unload_after_s,
            {task: supported(request.device, task) for task in GATED_TASKS},
        )

    def _warm_up(self, request: WarmUpRequest, ctx: JobContext) -> None:
        ctx.progress(tr("Starting the inference runtime"), None)
        warm_up()

    def _load_model(self, request: LoadModelRequest, ctx: JobContext) -> ModelInfo:
        remote = remote_model(request.model)
        if remote is not None:  # nothing loads here: the server answering is what "ready" means
            ctx.progress(arg(tr("Asking %1"), remote.host), None)
            self.runtime.servers.model_names(remote.base_url)
            return remote.info
        engine = self.engines.by_task().get(Task(request.for_task)) if request.for_task in tuple(Task) else None
        if engine is None:
            raise InvalidRequestError(arg(tr("There is no '%1' engine in this build."), request.for_task))
        info: ModelInfo = engine.load(request.model, ctx, fast=True).info
        return info

    def _precision(self, request: PrecisionRequest, ctx: JobContext) -> str:
        """Models ▸ Precision: from the next job on; the task's loaded models go (they load again in it). A choice
        this device cannot run is kept (it applies once the device can) and said to fall back to float32."""
        if self.runtime.precisions.get(request.for_task, AUTO) != request.precision:
            self.runtime.precisions[request.for_task] = request.precision
            self.registry.unload(request.for_task)
        if request.precision != AUTO:
            from desktop_app.engines.precision import supported

            if request.precision not in supported(self.runtime.device, request.for_task):
                label, task = tr(PRECISIONS[request.precision]), job_words(request.for_task)
                ctx.notice(arg(tr("%1 does not run here; %2 uses float32."), label, task))
        return request.precision

    def _unload_model(self, request: UnloadModelRequest, ctx: JobContext) -> int:
        return self.registry.unload(request.for_task, request.model)

    def _download_model(self, request: DownloadModelRequest, ctx: JobContext) -> DownloadedModel:
        resolved = self.store.resolve(request.model, request.for_task, ctx)
        return DownloadedModel(request.for_task, resolved.model_info(), folder_size(resolved.path))

    def _server_models(self, request: ServerModelsRequest, ctx: JobContext) -> ServerModels:
        ctx.progress(arg(tr("Asking %1 for its models"), request.base_url), None)
        if request.api_key:
            self.runtime.servers.keys[request.base_url] = request.api_key
        names = self.runtime.servers.model_names(request.base_url)
        if request.api_key:  # it works: keep it for the next start
            try:
                save_key(request.base_url, request.api_key)
            except KeyringError as error:  # no keyring: the key serves until the app closes, said so
                ctx.notice(arg(tr("%1 The key is used until the app closes."), error.message))
        return ServerModels(request.base_url, tuple(names), bool(stored_key(request.base_url)))

    def _inspect_repo(self, request: InspectRepoRequest, ctx: JobContext) -> RepoSummary:
        from desktop_app.store.downloads import fetch_listing
        from desktop_app.store.model_kind import kind_of_config

        ctx.progress(arg(tr("Asking the Hub about %1"), request.model), None)
        listing = fetch_listing(request.model)
        kind = kind_of_config(listing.config, request.model, listing.config.get("tokenizer_config") or {})
        return RepoSummary(
            request.model,
            listing.commit,
            listing.download_bytes,
            listing.licence,
            tuple(listing.files.formats()),
            kind.tasks,
            kind.language_pair,
        )
