"""Speech recognition with Whisper: files cut at pauses into 30 s windows, timed segments, live sessions.

Windows come from voice activity (Silero VAD), as in faster-whisper's and WhisperX's VAD filters: silence
costs nothing and windows end between words. Each window is decoded with timestamp tokens; segments are
streamed as partial output while the rest of the file is still being read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop_app.audio.decoding import SPEECH_RATE, load_audio, resample
from desktop_app.audio.vad import RATE as VAD_RATE
from desktop_app.audio.vad import SpeechDetector, fixed_windows, plan_windows, speech_regions
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelled, ModelLoadError
from desktop_app.core.requests import LiveTranscriptionRequest, TranscriptionRequest
from desktop_app.core.results import LiveTranscriptUpdate, ModelInfo, TranscriptionResult, TranscriptSegment
from desktop_app.engines.live_session import LiveSession
from desktop_app.engines.registry import ModelRegistry, resolve_and_load
from desktop_app.engines.runtime import cancel_criteria, load_pretrained, torch_module, transformers_module
from desktop_app.store.model_store import ModelStore, ResolvedModel

assert SPEECH_RATE == VAD_RATE
MIN_RESUME_SAMPLES = SPEECH_RATE  # less than a second left after the last segment is not worth a second pass


@dataclass
class LoadedTranscriber:
    model: Any
    processor: Any
    info: ModelInfo
    multilingual: bool
    languages: dict[str, int]  # "en" -> token id of <|en|>


class TranscriptionEngine:
    task = "transcribe"

    def __init__(self, store: ModelStore, registry: ModelRegistry, device: str = "cpu") -> None:
        self.store = store
        self.registry = registry
        self.device = device
        self._detector: SpeechDetector | None = None
        self._live: dict[str, LiveSession] = {}

    # -- loading ---------------------------------------------------------------------------------------
    def load(self, ref: str, ctx: JobContext) -> LoadedTranscriber:
        return resolve_and_load(self.store, self.registry, self.task, ref, self.device, ctx, self._load_from,
                                lambda t: int(t.model.num_parameters()))

    def _load_from(self, resolved: ResolvedModel) -> LoadedTranscriber:
        torch = torch_module()
        transformers = transformers_module()
        try:
            processor = transformers.WhisperProcessor.from_pretrained(resolved.path)
            model = load_pretrained(resolved.path, torch.float32, "AutoModelForSpeechSeq2Seq")
        except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
            raise ModelLoadError(
                f"Could not load a Whisper speech model from {resolved.path}.",
                hint="The folder must hold a Hugging Face Whisper model (config.json, weights, tokenizer, "
                "preprocessor_config.json).",
                detail=str(exc),
            ) from exc
        model.to(self.device).eval()
        generation = model.generation_config
        lang_to_id = getattr(generation, "lang_to_id", None) or {}
        languages = {token.strip("<|>"): int(tid) for token, tid in lang_to_id.items()}
        multilingual = bool(getattr(generation, "is_multilingual", False) and languages)
        info = ModelInfo(resolved.ref, resolved.source, str(resolved.path), resolved.revision)
        return LoadedTranscriber(model, processor, info, multilingual, languages)

    # -- files -----------------------------------------------------------------------------------------
    def run(self, request: TranscriptionRequest, ctx: JobContext) -> TranscriptionResult:
        request.validate()
        started = time.perf_counter()
        transcriber = self.load(request.model, ctx)
        load_s = time.perf_counter() - started
        self._check_options(transcriber, request.language, request.speech_task)
        clip = load_audio(request.audio_path, ctx)
        decode_s = time.perf_counter() - started - load_s
        if len(clip.samples) == 0:
            raise InvalidRequestError("The audio is empty (no samples).", hint="Record or open a longer clip.")
        if request.use_vad:
            ctx.progress("Finding speech", None)
            windows = plan_windows(speech_regions(self._speech_probabilities(clip.samples), duration_s=clip.duration_s))
        else:
            windows = fixed_windows(clip.duration_s)
        language = request.language
        segments: list[TranscriptSegment] = []

        def result(note: str = "") -> TranscriptionResult:
            work_s = time.perf_counter() - started - load_s
            return TranscriptionResult(
                tuple(segments), transcriber.info, str(request.audio_path), clip.duration_s, language,
                request.speech_task,
                timings={"load_s": round(load_s, 4), "decode_s": round(decode_s, 4),
                         "transcribe_s": round(work_s, 4),
                         "real_time_factor": round(work_s / max(clip.duration_s, 1e-9), 4)},
                note=note,
            )

        if not windows:
            return result("No speech was detected.")
        if transcriber.multilingual and not language:
            language = self.detect_language(transcriber, clip.samples, windows[0])
        for index, (start, end) in enumerate(windows):
            ctx.check_cancelled(result("Stopped before the end."))
            ctx.progress(f"Transcribing {_clock(start)} of {_clock(clip.duration_s)}", index / len(windows))
            piece = clip.samples[int(start * SPEECH_RATE): int(end * SPEECH_RATE)]
            found = self.transcribe_window(transcriber, piece, start, language, request.speech_task, ctx)
            if ctx.cancelled:  # the window was cut short: keep only what ended before the cut
                raise JobCancelled(result("Stopped before the end."))
            segments.extend(found)
            for segment in found:
                ctx.partial(segment)
        ctx.progress("Done", 1.0)
        return result("" if segments else "No speech was recognised.")

    def _speech_probabilities(self, samples: np.ndarray) -> np.ndarray:
        if self._detector is None:
            self._detector = SpeechDetector()
        self._detector.reset()  # a file starts from a fresh recurrent state
        return self._detector.probabilities(samples)

    # -- live ------------------------------------------------------------------------------------------
    def run_live(self, request: LiveTranscriptionRequest, ctx: JobContext) -> LiveTranscriptUpdate:
        request.validate()
        transcriber = self.load(request.model, ctx)
        self._check_options(transcriber, request.language, request.speech_task)
        session = self._live.get(request.session_id)
        if session is None:
            session = self._live[request.session_id] = LiveSession(SpeechDetector())
        samples = resample(np.asarray(request.samples, dtype=np.float32), request.sample_rate, SPEECH_RATE)
        utterances = session.feed(samples, final=request.final)
        if request.final:
            del self._live[request.session_id]
        language = request.language
        segments: list[TranscriptSegment] = []
        for offset_s, audio in utterances:
            if transcriber.multilingual and not language:
                language = session.language or self.detect_language(transcriber, audio, (0.0, len(audio) / SPEECH_RATE))
                session.language = language
            segments.extend(self.transcribe_window(transcriber, audio, offset_s, language, request.speech_task, ctx))
        return LiveTranscriptUpdate(request.session_id, tuple(segments), session.pending_s)

    # -- one window ------------------------------------------------------------------------------------
    def transcribe_window(self, transcriber: LoadedTranscriber, samples: np.ndarray, offset_s: float,
                          language: str, speech_task: str, ctx: JobContext) -> list[TranscriptSegment]:
        """Segments of one window (at most 30 s). When the model stops early - Whisper often ends after a
        pause - decoding resumes from the last timestamp, as Whisper's own sequential decoding does."""
        segments: list[TranscriptSegment] = []
        seek = 0
        while len(samples) - seek >= MIN_RESUME_SAMPLES or (not segments and seek == 0):
            found = self._decode(transcriber, samples[seek:], offset_s + seek / SPEECH_RATE, language, speech_task,
                                 ctx)
            segments.extend(found)
            if not found or ctx.cancelled:
                break
            resume = round((found[-1].end - offset_s) * SPEECH_RATE)
            if resume <= seek:
                break
            seek = resume
        return segments

    def _decode(self, transcriber: LoadedTranscriber, samples: np.ndarray, offset_s: float, language: str,
                speech_task: str, ctx: JobContext) -> list[TranscriptSegment]:
        torch = torch_module()
        features = self._features(transcriber, samples)
        options: dict[str, Any] = {"return_timestamps": True, "stopping_criteria": cancel_criteria(ctx)}
        if transcriber.multilingual:
            options.update(language=language or None, task=speech_task)
        with torch.inference_mode():
            ids = transcriber.model.generate(features, **options)
        decoded = transcriber.processor.tokenizer.decode(ids[0], output_offsets=True, skip_special_tokens=True)
        duration = len(samples) / SPEECH_RATE
        segments = []
        for item in decoded.get("offsets", []):
            text = item["text"].strip()
            if not text:
                continue
            start, end = item["timestamp"]
            start = min(float(start or 0.0), duration)
            end = min(float(end if end is not None else duration), duration)
            segments.append(TranscriptSegment(round(offset_s + start, 3), round(offset_s + max(end, start), 3), text))
        if not segments and decoded["text"].strip():  # no timestamp tokens came out: the window is one segment
            segments.append(TranscriptSegment(round(offset_s, 3), round(offset_s + duration, 3),
                                              decoded["text"].strip()))
        return segments

    def detect_language(self, transcriber: LoadedTranscriber, samples: np.ndarray,
                        window: tuple[float, float]) -> str:
        torch = torch_module()
        piece = samples[int(window[0] * SPEECH_RATE): int(window[1] * SPEECH_RATE)]
        with torch.inference_mode():
            token = int(transcriber.model.detect_language(self._features(transcriber, piece))[0])
        by_id = {tid: code for code, tid in transcriber.languages.items()}
        return by_id.get(token, "")

    def _features(self, transcriber: LoadedTranscriber, samples: np.ndarray) -> Any:
        extractor = transcriber.processor.feature_extractor
        features = extractor(samples, sampling_rate=SPEECH_RATE, return_tensors="pt").input_features
        return features.to(self.device)

    @staticmethod
    def _check_options(transcriber: LoadedTranscriber, language: str, speech_task: str) -> None:
        if transcriber.multilingual:
            if language and language not in transcriber.languages:
                raise InvalidRequestError(f"{transcriber.info.ref} does not know the language '{language}'.",
                                          hint="Leave the language on Auto to detect it.")
            return
        if speech_task == "translate" or language not in ("", "en"):
            raise InvalidRequestError(
                f"{transcriber.info.ref} only transcribes English.",
                hint="Choose a multilingual model such as whisper-base for other languages or for translation.",
            )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
