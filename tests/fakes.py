"""A fake job runner for fast GUI tests: real threads, real signals, real result types, no model. It answers
every request the six panels send, from its inputs, so a panel test checks the panel and not a model:

- generate: "word0 word1 ..." one word per `delay_s`; prompts starting with "fail" fail, "crash" crash;
  a token count is the conversation's words, in a context of FAKE_CONTEXT;
- transcribe: three segments "segment N of NAME"; live slices "live N";
- caption: "a picture of STEM" for each image file, an error for a missing one;
- translate: each sentence's words reversed letter by letter, with a diagonal source x target attention;
- attention: self-attention over the text's words (cross-attention over time for a transcript);
- match, search and fuse: scores from the words the file names share with the texts.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ErrorInfo, InvalidRequestError, JobCancelledError, ModelNotFoundError
from desktop_app.core.model_requests import (
    CountTokensRequest,
    LoadModelRequest,
    RuntimeRequest,
    UnloadModelRequest,
    WarmUpRequest,
)
from desktop_app.core.precision_requests import PrecisionRequest
from desktop_app.core.requests import (
    AttentionRequest,
    CaptionRequest,
    FusionRequest,
    GenerationRequest,
    ImageSearchRequest,
    LiveTranscriptionRequest,
    MatchRequest,
    Request,
    TranscriptionRequest,
    TranslationRequest,
)
from desktop_app.core.results import (
    AttentionMaps,
    AudioOverview,
    CaptionAttention,
    CaptionResult,
    FusionPart,
    FusionResult,
    GenerationResult,
    ImageCaption,
    LiveTranscriptUpdate,
    LoadedModel,
    MatchResult,
    ModelInfo,
    RuntimeInfo,
    SearchHit,
    SearchResult,
    TokenCount,
    TokenDelta,
    TranscriptionResult,
    TranscriptSegment,
    TranslatedSentence,
    TranslationAttention,
    TranslationResult,
)
from desktop_app.images.loading import IMAGE_SUFFIXES

FAKE = ModelInfo("fake", "fake", "/fake")
FAKE_CONTEXT = 2048  # words: the fake generation model's context


class FakeRunner:
    def __init__(self, delay_s: float = 0.005, words: int = 20) -> None:
        self.delay_s = delay_s
        self.words = words
        self.requests: list[Request] = []
        self.step_reached = threading.Event()
        self.loaded: tuple[LoadedModel, ...] = ()
        self.precisions: dict[str, str] = {}
        self.handlers = {
            GenerationRequest: self._generate,
            CountTokensRequest: self._count,
            TranscriptionRequest: self._transcribe,
            LiveTranscriptionRequest: self._transcribe,
            CaptionRequest: self._caption,
            TranslationRequest: self._translate,
            AttentionRequest: self._attention,
            MatchRequest: self._match,
            ImageSearchRequest: self._search,
            FusionRequest: self._fuse,
        }

    def run(self, request: Request, ctx: JobContext) -> Any:
        self.requests.append(request)
        if isinstance(request, LoadModelRequest):
            if request.model == "missing-model":
                raise ModelNotFoundError("The model 'missing-model' is not installed.", hint="Install it.")
            others = tuple(m for m in self.loaded if m.task != request.for_task)
            self.loaded = (
                *others,
                LoadedModel(request.for_task, request.model or "fake", "/fake", "cpu", "float32", 10),
            )
            return ModelInfo(request.model or "fake", "fake", "/fake")
        if isinstance(request, UnloadModelRequest):
            self.loaded = tuple(m for m in self.loaded if request.for_task and m.task != request.for_task)
            return 1
        if isinstance(request, WarmUpRequest):
            return None
        if isinstance(request, RuntimeRequest):
            return RuntimeInfo(request.device, request.threads or 2, False, "", request.unload_after_s)
        if isinstance(request, PrecisionRequest):
            self.precisions[request.for_task] = request.precision
            return request.precision
        request.validate()
        return self.handlers[type(request)](request, ctx)

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self.loaded

    def unload_idle(self) -> tuple[LoadedModel, ...]:
        return ()

    def _step(self, ctx: JobContext, item: Any) -> None:
        ctx.partial(item)
        self.step_reached.set()
        time.sleep(self.delay_s)

    # ---- generate -------------------------------------------------------------------------------------------
    def _generate(self, request: GenerationRequest, ctx: JobContext) -> GenerationResult:
        if request.prompt.startswith("fail"):
            raise ModelNotFoundError("The model 'fake' is not installed.", hint="pip install fake-model")
        if request.prompt.startswith("crash"):
            raise RuntimeError("boom")
        ctx.progress("Generating", None)
        started = time.perf_counter()
        words: list[str] = []
        for index in range(min(self.words, request.max_new_tokens)):
            if ctx.cancelled:
                raise JobCancelledError(self._generation(words, "cancelled", started))
            words.append(f"word{index} ")
            self._step(ctx, TokenDelta(words[-1], index + 1, time.perf_counter() - started))
        return self._generation(words, "stop", started)

    @staticmethod
    def _count(request: CountTokensRequest, ctx: JobContext) -> TokenCount:
        """A word a token, in a context of FAKE_CONTEXT words; the oldest exchanges leave first."""
        asked = request.conversation
        history = list(asked.history)

        def size() -> int:
            return sum(len(turn.content.split()) for turn in history) + len(asked.prompt.split())

        while history and size() + asked.max_new_tokens > FAKE_CONTEXT:
            history = history[2:]
        return TokenCount(size(), FAKE_CONTEXT, len(asked.history) - len(history))

    @staticmethod
    def _generation(words: list[str], reason: str, started: float) -> GenerationResult:
        elapsed = max(time.perf_counter() - started, 1e-6)
        return GenerationResult(
            "".join(words),
            FAKE,
            3,
            len(words),
            reason,
            {"load_s": 0.0, "first_token_s": 0.001, "generate_s": elapsed, "tokens_per_s": len(words) / elapsed},
            context_length=FAKE_CONTEXT,
        )

    # ---- transcribe ------------------------------------------------------------------------------------------
    def _transcribe(self, request: Request, ctx: JobContext) -> Any:
        if isinstance(request, LiveTranscriptionRequest):
            count = sum(isinstance(r, LiveTranscriptionRequest) for r in self.requests)
            return LiveTranscriptUpdate(request.session_id, (TranscriptSegment(count, count + 1, f"live {count}"),), 0)
        assert isinstance(request, TranscriptionRequest)
        if not Path(request.audio_path).is_file():
            raise InvalidRequestError(f"The file {request.audio_path} does not exist.")
        name = Path(request.audio_path).name
        ctx.partial(_overview(request.audio_path))  # the real file's waveform, as the engine's first pass sends it
        segments: list[TranscriptSegment] = []
        for index in range(3):
            if ctx.cancelled:
                break
            segments.append(TranscriptSegment(index, index + 1, f"segment {index} of {name}"))
            self._step(ctx, segments[-1])
        result = TranscriptionResult(
            tuple(segments),
            ModelInfo("fake-whisper", "fake", "/fake"),
            request.audio_path,
            3.0,
            "en",
            request.speech_task,
            {"transcribe_s": 0.01, "real_time_factor": 0.01},
        )
        if ctx.cancelled:
            raise JobCancelledError(result)
        return result

    # ---- caption ---------------------------------------------------------------------------------------------
    def _caption(self, request: CaptionRequest, ctx: JobContext) -> CaptionResult:
        items: list[ImageCaption] = []
        for path in request.image_paths:
            if ctx.cancelled:
                raise JobCancelledError(CaptionResult(tuple(items), FAKE, request.prompt))
            items.append(_caption_of(path, request.keep_attention))
            self._step(ctx, items[-1])
        return CaptionResult(tuple(items), FAKE, request.prompt, {"caption_s": 0.01, "images_per_s": 100.0})

    # ---- translate -------------------------------------------------------------------------------------------
    def _translate(self, request: TranslationRequest, ctx: JobContext) -> TranslationResult:
        done: list[TranslatedSentence] = []
        lines = [line for line in request.text.splitlines() if line.strip()]
        for line in lines:
            if ctx.cancelled:
                partial = TranslationResult(tuple(done), "", FAKE, request.source_lang, request.target_lang)
                raise JobCancelledError(partial)
            source = line.split()
            target = [word[::-1] for word in source]
            weights = np.eye(len(target), len(source), dtype=np.float16)[None] if request.keep_attention else None
            attention = TranslationAttention(tuple(source), tuple(target), weights) if weights is not None else None
            done.append(TranslatedSentence(line.strip(), " ".join(target), attention))
            self._step(ctx, done[-1])
        return TranslationResult(
            tuple(done),
            "\n".join(s.target for s in done),
            FAKE,
            request.source_lang or "en",
            request.target_lang or "de",
            {"translate_s": 0.01},
        )

    # ---- attention -------------------------------------------------------------------------------------------
    def _attention(self, request: AttentionRequest, ctx: JobContext) -> AttentionMaps:
        ctx.progress("Reading", None)
        if request.source_task == "transcribe":
            words = ("segment", "0", "of", Path(request.text).name)
            columns = 10
            weights = _rows(2, 2, len(words), columns)
            return AttentionMaps(
                words,
                weights,
                FAKE,
                "transcribe",
                generated=" ".join(words),
                keys=tuple(f"{0.04 * c:.2f}s" for c in range(columns)),
                input_path=request.text,
                start_s=request.start_s,
                seconds_per_key=0.04,
                waveform=np.zeros((columns, 2), dtype=np.float32),
            )
        tokens = tuple(request.text.split()) + (tuple(request.answer.split()) if request.answer else ())
        return AttentionMaps(
            tokens,
            _rows(2, 2, len(tokens), len(tokens)),
            FAKE,
            request.source_task,
            generated=request.answer,
            prompt_tokens=len(request.text.split()),
        )

    # ---- match, search, fuse ----------------------------------------------------------------------------------
    def _match(self, request: MatchRequest, ctx: JobContext) -> MatchResult:
        similarity = np.array(
            [[_shared(path, text) for text in request.texts] for path in request.image_paths], dtype=np.float32
        )
        exp = np.exp(similarity * 10)
        prompts = tuple(request.template.replace("{}", text) for text in request.texts)
        return MatchResult(
            request.image_paths, request.texts, prompts, similarity, exp / exp.sum(axis=1, keepdims=True), FAKE
        )

    def _search(self, request: ImageSearchRequest, ctx: JobContext) -> SearchResult:
        images = sorted(str(p) for p in Path(request.folder).iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        ranked = sorted(images, key=lambda path: (-_shared(path, request.query), path))
        hits = tuple(SearchHit(path, _shared(path, request.query)) for path in ranked[: request.top_k])
        return SearchResult(request.query, request.folder, hits, len(images), len(images), (), FAKE)

    def _fuse(self, request: FusionRequest, ctx: JobContext) -> FusionResult:
        parts: list[FusionPart] = []
        if request.image_path:
            item = _caption_of(request.image_path, True)
            parts.append(FusionPart("image", request.image_path, item.caption, "fake", item))
        if request.audio_path:
            parts.append(
                FusionPart("voice", request.audio_path, f"segment 0 of {Path(request.audio_path).name}", "fake-whisper")
            )
        if request.text:
            parts.append(FusionPart("text", "typed", request.text))
        answer = [f"word{index} " for index in range(5)]
        for index, word in enumerate(answer):
            self._step(ctx, TokenDelta(word, index + 1, 0.0))
        return FusionResult(request.template, "".join(answer), tuple(parts), FAKE)


def _caption_of(path: str, keep_attention: bool) -> ImageCaption:
    if not Path(path).is_file():
        return ImageCaption(path, error=ErrorInfo("invalid_request", f"The file {path} does not exist."))
    words = ("a", "picture", "of", Path(path).stem)
    attention = CaptionAttention(words, _rows(2, len(words), 16), (4, 4)) if keep_attention else None
    return ImageCaption(path, " ".join(words), 0.01, size=(64, 64), attention=attention)


def _rows(*shape: int) -> np.ndarray:
    """Attention-like weights: positive, each row summing to 1, the same every run."""
    weights = np.random.default_rng(0).random(shape).astype(np.float32) + 0.1
    return (weights / weights.sum(axis=-1, keepdims=True)).astype(np.float16)


def _shared(path: str, text: str) -> float:
    """How many of the text's words the file's name holds, as a share."""
    words = text.lower().split()
    name = Path(path).stem.lower()
    return sum(word in name for word in words) / max(len(words), 1)


__all__ = ["FakeRunner", "InvalidRequestError"]


def _overview(path: str) -> AudioOverview:
    import soundfile

    from desktop_app.audio.overview import PeakOverview

    samples, rate = soundfile.read(path, dtype="float32", always_2d=True)
    overview = PeakOverview(len(samples), rate)
    overview.add(0, samples.mean(axis=1))
    return overview.snapshot()
