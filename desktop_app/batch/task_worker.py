"""What runs each batch of inputs: the app's own engines, with the model loaded once per worker. The same class
is Ray Data's actor (one per worker process) and the in-process path, so both give the same results."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop_app.batch.results_file import ResultRow
from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, ErrorInfo
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.core.requests import CaptionRequest, TranscriptionRequest, TranslationRequest
from desktop_app.core.tasks import Task
from desktop_app.tuning.instruction_data import read_text


class TaskWorker:
    """`options`: the task's request options (a caption prompt, languages); `models_dir`: where converted models
    are kept (None: this machine's own folder, as on a cluster's node)."""

    def __init__(
        self, task: str, model: str, options: dict[str, Any], models_dir: str | None = None, threads: int = 0
    ) -> None:
        """`threads`: PyTorch's threads in this worker (0: its own choice), so that workers share the cores."""
        if threads:
            os.environ["DESKTOP_APP_TORCH_THREADS"] = str(threads)
        from desktop_app.services.dispatch import Workbench
        from desktop_app.store.model_store import ModelStore
        from desktop_app.store.paths import AppPaths

        paths = AppPaths.from_environment()
        store = ModelStore(Path(models_dir) if models_dir else paths.converted_models_dir)
        self.workbench = Workbench(store, paths.embeddings_dir)
        self.task, self.model, self.options = task, model, options
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        remote = remote_model(model)
        if remote is not None:  # a server's model (transcription): each worker sends it its files
            self.info = remote.info
        else:
            engine = self.workbench.engines.by_task()[Task(task)]
            self.info = engine.load(model, JobContext(), fast=True).info  # loaded before the first batch

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        """Ray Data's batch in (a column of input paths); out, each input's row as JSON (rows differ in shape)."""
        rows = self.run([str(path) for path in batch["input"]])
        return {"input": [row.input for row in rows], "row": [row.as_json() for row in rows]}

    def run(self, paths: list[str]) -> list[ResultRow]:
        started = time.perf_counter()
        rows = getattr(self, f"_{self.task}")(paths)
        share = (time.perf_counter() - started) / max(len(paths), 1)
        return [replace(row, seconds=round(share, 4), worker=self.worker) for row in rows]

    # ---- one method per task ---------------------------------------------------------------------------------
    def _caption(self, paths: list[str]) -> list[ResultRow]:
        request = CaptionRequest(tuple(paths), model=self.model, keep_attention=False, **self.options)
        result = self.workbench.run(request, JobContext())
        return [
            self._row(item.path, item.caption, error=item.error, extra={"size": list(item.size)})
            for item in result.items
        ]

    def _transcribe(self, paths: list[str]) -> list[ResultRow]:
        def one(path: str) -> ResultRow:
            heard = self.workbench.run(TranscriptionRequest(path, model=self.model, **self.options), JobContext())
            extra = {"language": heard.language, "duration_s": round(heard.duration_s, 3)}
            return self._row(path, heard.text, extra=extra)

        return self._each(paths, one)

    def _translate(self, paths: list[str]) -> list[ResultRow]:
        def one(path: str) -> ResultRow:
            # the rows keep the text only: no alignment (it would load the float32 model beside a fast runner)
            request = TranslationRequest(read_text(Path(path)), model=self.model, keep_attention=False, **self.options)
            translated = self.workbench.run(request, JobContext())
            return self._row(path, translated.text, extra={"target_lang": translated.target_lang})

        return self._each(paths, one)

    def _each(self, paths: list[str], one: Callable[[str], ResultRow]) -> list[ResultRow]:
        """A job per file (a recording, a text): a file that fails is an error row, and the others go on."""
        rows = []
        for path in paths:
            try:
                rows.append(one(path))
            except AppError as error:
                rows.append(self._row(path, error=error.to_info()))
        return rows

    def _embed(self, paths: list[str]) -> list[ResultRow]:
        from desktop_app.images.loading import load_image

        engine = self.workbench.engines.embedding
        embedder = engine.load(self.model, JobContext())
        rows: dict[str, ResultRow] = {}
        images, readable = [], []
        for path in paths:
            try:
                images.append(load_image(path).image)
                readable.append(path)
            except AppError as error:
                rows[path] = self._row(path, error=error.to_info())
        if images:
            vectors = engine.embed_images(embedder, images)
            for path, vector in zip(readable, vectors, strict=True):
                rows[path] = self._row(path, embedding=[float(v) for v in vector])
        return [rows[path] for path in paths]

    def _row(
        self,
        path: str,
        result: str = "",
        error: ErrorInfo | None = None,
        embedding: list[float] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> ResultRow:
        return ResultRow(
            path,
            self.task,
            result,
            embedding,
            self.info.ref,
            self.info.revision,
            error=error.message if error is not None else "",
            extra=extra or {},
        )
