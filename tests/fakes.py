"""A fake job runner for fast GUI tests: real threads, real signals, no model."""

from __future__ import annotations

import threading
import time
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelled, ModelNotFoundError
from desktop_app.core.requests import (
    GenerationRequest,
    LiveTranscriptionRequest,
    LoadModelRequest,
    Request,
    RuntimeRequest,
    TranscriptionRequest,
    UnloadModelRequest,
    WarmUpRequest,
)
from desktop_app.core.results import (
    GenerationResult,
    LiveTranscriptUpdate,
    LoadedModel,
    ModelInfo,
    RuntimeInfo,
    TokenDelta,
    TranscriptionResult,
    TranscriptSegment,
)


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
            others = tuple(m for m in self.loaded if m.task != request.for_task)
            self.loaded = (*others, LoadedModel(request.for_task, request.model or "fake", "/fake", "cpu", "float32",
                                                10))
            return ModelInfo(request.model or "fake", "fake", "/fake")
        if isinstance(request, UnloadModelRequest):
            self.loaded = tuple(m for m in self.loaded if request.for_task and m.task != request.for_task)
            return 1
        if isinstance(request, WarmUpRequest):
            return None
        if isinstance(request, RuntimeRequest):
            return RuntimeInfo(request.device, request.threads or 2, False)
        if isinstance(request, (TranscriptionRequest, LiveTranscriptionRequest)):
            return self._transcribe(request, ctx)
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

    def _transcribe(self, request: Request, ctx: JobContext) -> Any:
        """One segment per second of a fake 3 s file, 'segment N of NAME'; live slices give 'live N'."""
        request.validate()
        if isinstance(request, LiveTranscriptionRequest):
            count = sum(isinstance(r, LiveTranscriptionRequest) for r in self.requests)
            return LiveTranscriptUpdate(request.session_id, (TranscriptSegment(count, count + 1, f"live {count}"),), 0)
        assert isinstance(request, TranscriptionRequest)
        from pathlib import Path

        if not Path(request.audio_path).is_file():
            raise InvalidRequestError(f"The file {request.audio_path} does not exist.")
        name = Path(request.audio_path).name
        segments = []
        for index in range(3):
            if ctx.cancelled:
                break
            segments.append(TranscriptSegment(index, index + 1, f"segment {index} of {name}"))
            ctx.partial(segments[-1])
            self.step_reached.set()
            time.sleep(self.delay_s)
        result = TranscriptionResult(tuple(segments), ModelInfo("fake-whisper", "fake", "/fake"), request.audio_path,
                                     3.0, "en", request.speech_task, {"transcribe_s": 0.01, "real_time_factor": 0.01})
        if ctx.cancelled:
            raise JobCancelled(result)
        return result

    def _result(self, words: list[str], reason: str, started: float) -> GenerationResult:
        elapsed = max(time.perf_counter() - started, 1e-6)
        return GenerationResult("".join(words), ModelInfo("fake", "fake", "/fake"), 3, len(words), reason,
                                {"load_s": 0.0, "first_token_s": 0.001, "generate_s": elapsed,
                                 "tokens_per_s": len(words) / elapsed})

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self.loaded


__all__ = ["FakeRunner", "InvalidRequestError"]
