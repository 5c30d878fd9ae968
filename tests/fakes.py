"""A fake job runner for fast GUI tests: real threads, real signals, no model."""

from __future__ import annotations

import threading
import time
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelled, ModelNotFoundError
from desktop_app.core.requests import GenerationRequest, LoadModelRequest, Request, UnloadModelRequest
from desktop_app.core.results import GenerationResult, LoadedModel, ModelInfo, TokenDelta


class FakeRunner:
    """Generates "word0 word1 ..." one word per `delay_s`; prompts starting with "fail" fail."""

    def __init__(self, delay_s: float = 0.005, words: int = 20) -> None:
        self.delay_s = delay_s
        self.words = words
        self.requests: list[Request] = []
        self.step_reached = threading.Event()
        self.loaded: tuple[LoadedModel, ...] = ()

    def run(self, request: Request, ctx: JobContext) -> Any:
        self.requests.append(request)
        if isinstance(request, LoadModelRequest):
            if request.model == "missing-model":
                raise ModelNotFoundError("The model 'missing-model' is not installed.", hint="Install it.")
            self.loaded = (LoadedModel(request.for_task, request.model or "fake", "/fake", "cpu", "float32", 10),)
            return ModelInfo(request.model or "fake", "fake", "/fake")
        if isinstance(request, UnloadModelRequest):
            self.loaded = ()
            return 1
        assert isinstance(request, GenerationRequest)
        request.validate()
        if request.prompt.startswith("fail"):
            raise ModelNotFoundError("The model 'fake' is not installed.", hint="pip install fake-model")
        if request.prompt.startswith("crash"):
            raise RuntimeError("boom")
        ctx.progress("Generating", None)
        started = time.perf_counter()
        words: list[str] = []
        for index in range(min(self.words, request.max_new_tokens)):
            if ctx.cancelled:
                raise JobCancelled(self._result(words, "cancelled", started))
            word = f"word{index} "
            words.append(word)
            ctx.partial(TokenDelta(word, index + 1, time.perf_counter() - started))
            self.step_reached.set()
            time.sleep(self.delay_s)
        return self._result(words, "stop", started)

    def _result(self, words: list[str], reason: str, started: float) -> GenerationResult:
        elapsed = max(time.perf_counter() - started, 1e-6)
        return GenerationResult("".join(words), ModelInfo("fake", "fake", "/fake"), 3, len(words), reason,
                                {"load_s": 0.0, "first_token_s": 0.001, "generate_s": elapsed,
                                 "tokens_per_s": len(words) / elapsed})

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self.loaded


__all__ = ["FakeRunner", "InvalidRequestError"]
