"""Speech recognition with Whisper: files cut at pauses into 30 s windows, timed segments, live sessions.

Windows come from voice activity (Silero VAD), as in faster-whisper's and WhisperX's VAD filters: silence
costs nothing and windows end between words. Each window is decoded with timestamp tokens; segments are
streamed as partial output while the rest of the file is still being read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from desktop_app.audio.decoding import SPEECH_RATE
from desktop_app.audio.overview import PeakOverview
from desktop_app.audio.resample import resample
from desktop_app.audio.source import AudioFile
from desktop_app.audio.vad import BLOCK as VAD_BLOCK
from desktop_app.audio.vad import DEFAULT_VAD, JoinedSpeech, SpeechDetector, SpeechTimeline, speech_regions
from desktop_app.audio.vad import RATE as VAD_RATE
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.core.requests import LiveTranscriptionRequest, TranscriptionRequest
from desktop_app.core.results import LiveTranscriptUpdate, ModelInfo, TranscriptionResult, TranscriptSegment
from desktop_app.core.tasks import Task
from desktop_app.engines.base import Engine, Family
from desktop_app.engines.live_session import LiveSession
from desktop_app.engines.precision import input_dtype
from desktop_app.engines.registry import ModelRegistry
from desktop_app.engines.runtime import Runtime, cancel_criteria, torch_module, transformers_module
from desktop_app.remote.transcription import transcribe as transcribe_remotely
from desktop_app.store.model_store import ModelStore, ResolvedModel

assert SPEECH_RATE == VAD_RATE
MIN_RESUME_SAMPLES = SPEECH_RATE  # less than a second left after the last segment is not worth a second pass
WHISPER_INPUT_SAMPLES = 30 * SPEECH_RATE  # what one pass of the encoder hears
SILENCE_RMS = 10 ** (-70 / 20)  # quieter than -70 dBFS is digital silence
# Whisper's own test for a window without speech (faster-whisper's too), made after decoding it: <|nospeech|> is
# likely at the start AND the words written there are unlikely. Neither alone will do: int8 weights put
# <|nospeech|> at 0.88 on a window of plain speech, and quiet speech is written with a low log-probability.
NO_SPEECH_THRESHOLD = 0.6
LOGPROB_THRESHOLD = -1.0
READ_SHARE = 0.1  # of a file job's progress: the first pass over the file (voice activity is quick beside Whisper)


@dataclass(frozen=True)
class Window:
    """A stretch of a clip to transcribe, and where voice activity heard its speech end (None: not known)."""

    start_s: float
    end_s: float
    speech_end_s: float | None = None


@dataclass
class LoadedTranscriber:
    model: Any
    processor: Any
    info: ModelInfo
    multilingual: bool
    languages: dict[str, int]  # "en" -> token id of <|en|>
    timestamp_begin: int  # token id of <|0.00|>; every id from here on is a timestamp
    no_speech_token: int | None = None  # <|nospeech|> (<|nocaptions|> in older vocabularies)


class TranscriptionEngine(Engine[LoadedTranscriber]):
    family = Family(
        Task.TRANSCRIBE,
        "AutoModelForSpeechSeq2Seq",
        "a Whisper speech model",
        "The folder must hold a Hugging Face Whisper model (config.json, weights, tokenizer, "
        "preprocessor_config.json).",
    )
    fast_runner_classes: ClassVar[dict[str, str]] = {"ct2": "desktop_app.engines.ct2_whisper:CT2Whisper"}

    def __init__(self, store: ModelStore, registry: ModelRegistry, runtime: Runtime) -> None:
        super().__init__(store, registry, runtime)
        self._detector: SpeechDetector | None = None
        self._live: dict[str, LiveSession] = {}

    def load_parts(self, resolved: ResolvedModel) -> Any:
        return transformers_module().WhisperProcessor.from_pretrained(resolved.path, trust_remote_code=False)

    def bundle(self, model: Any, processor: Any, resolved: ResolvedModel) -> LoadedTranscriber:
        generation = model.generation_config
        lang_to_id = getattr(generation, "lang_to_id", None) or {}
        languages = {token.strip("<|>"): int(tid) for token, tid in lang_to_id.items()}
        multilingual = bool(getattr(generation, "is_multilingual", False) and languages)
        timestamp_begin = int(processor.tokenizer.all_special_ids[-1]) + 1  # as the tokenizer's own offsets count
        vocabulary = processor.tokenizer.get_vocab()
        no_speech = next((vocabulary[t] for t in ("<|nospeech|>", "<|nocaptions|>") if t in vocabulary), None)
        return LoadedTranscriber(
            model, processor, resolved.model_info(), multilingual, languages, timestamp_begin, no_speech
        )

    # -- files -----------------------------------------------------------------------------------------
    def run(self, request: TranscriptionRequest, ctx: JobContext) -> TranscriptionResult:
        remote = remote_model(request.model)
        if remote is not None:  # a server's /v1/audio/transcriptions
            request.validate()
            return transcribe_remotely(self.runtime.servers, remote, request, ctx)
        transcriber, load_s = self.prepare(request, ctx)
        ready = time.perf_counter()
        self._check_options(transcriber, request.language, request.speech_task)
        clip = AudioFile.open(request.audio_path, ctx)  # read a stretch at a time: never held whole
        decode_s = time.perf_counter() - ready
        if len(clip) == 0:
            raise InvalidRequestError(tr("The audio is empty (no samples)."), hint=tr("Record or open a longer clip."))
        audio: Any
        # One pass over the whole file first (the first tenth of the progress): it draws the file's waveform
        # and, with voice activity on, finds the speech.
        overview = PeakOverview(len(clip), SPEECH_RATE)
        blocks = overview.follow(
            clip.blocks(
                VAD_BLOCK,  # read a block at a time; voice activity takes each in one call
                ctx.stage(0.0, READ_SHARE),
                tr("Finding speech") if request.use_vad else tr("Reading"),
            ),
            ctx.partial,
        )
        if request.use_vad:  # Whisper hears the speech only, laid end to end; times map back to the clip's
            probabilities = self._speech_detector().stream_probabilities(blocks)
            timeline = SpeechTimeline.of(speech_regions(probabilities, duration_s=clip.duration_s))
            audio = JoinedSpeech(clip, timeline)
            heard_to_clip = timeline.to_clip_time
        else:  # Whisper's own plan: 30 s at a time, each from where the last one's text ended
            for _ in blocks:
                pass
            audio = clip
            heard_to_clip = _same_time
        ctx = ctx.stage(READ_SHARE, 1.0)  # from here on, Whisper's share of the progress
        heard_s = len(audio) / SPEECH_RATE
        language = request.language
        segments: list[TranscriptSegment] = []

        def result(note: str = "") -> TranscriptionResult:
            work_s = time.perf_counter() - ready
            return TranscriptionResult(
                tuple(segments),
                transcriber.info,
                str(request.audio_path),
                clip.duration_s,
                language,
                request.speech_task,
                timings={
                    "load_s": round(load_s, 4),
                    "decode_s": round(decode_s, 4),
                    "transcribe_s": round(work_s, 4),
                    "real_time_factor": round(work_s / max(clip.duration_s, 1e-9), 4),
                },
                note=note,
            )

        if len(audio) == 0:
            return result(tr("No speech was detected."))
        if transcriber.multilingual and not language:
            language = self.detect_language(transcriber, audio, (0.0, min(heard_s, 30.0)))
        # Every part of `audio` is speech when voice activity chose it: resume wherever the text stopped.
        window = Window(0.0, heard_s, speech_end_s=heard_s - DEFAULT_VAD.pad_s if request.use_vad else None)
        # Without voice activity, Whisper hears silence too, where it makes words up ("you"): such windows are
        # checked for speech first.
        for found in self.transcribe_window(
            transcriber, audio, window, language, request.speech_task, ctx, check_speech=not request.use_vad
        ):
            if ctx.cancelled:  # cut short: keep what ended before the cut
                raise JobCancelledError(result(tr("Stopped before the end.")))
            for segment in found:
                segment = TranscriptSegment(
                    round(heard_to_clip(segment.start), 3), round(heard_to_clip(segment.end, True), 3), segment.text
                )
                segments.append(segment)
                ctx.partial(segment)
            if found:
                ctx.progress(
                    arg(tr("Transcribing %1 of %2"), _clock(segments[-1].end), _clock(clip.duration_s)),
                    found[-1].end / heard_s,
                )
        ctx.check_cancelled(result(tr("Stopped before the end.")))
        ctx.progress(tr("Done"), 1.0)
        return result("" if segments else tr("No speech was recognised."))

    def release(self) -> None:
        self._detector = None  # the voice activity model loads again with the next file

    def _speech_detector(self) -> SpeechDetector:
        if self._detector is None:
            self._detector = SpeechDetector()
        return self._detector

    # -- live ------------------------------------------------------------------------------------------
    def run_live(self, request: LiveTranscriptionRequest, ctx: JobContext) -> LiveTranscriptUpdate:
        request.validate()
        transcriber = self.load(request.model, ctx, fast=True)
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
        if utterances and transcriber.multilingual and not language:
            first = utterances[0][1]
            language = session.language or self.detect_language(transcriber, first, (0.0, len(first) / SPEECH_RATE))
            session.language = language
        for offset_s, audio in utterances:  # each utterance ends at a pause; its speech ends before the padding
            window = Window(0.0, len(audio) / SPEECH_RATE, speech_end_s=len(audio) / SPEECH_RATE - DEFAULT_VAD.pad_s)
            for found in self.transcribe_window(transcriber, audio, window, language, request.speech_task, ctx):
                segments.extend(segment.shifted(offset_s) for segment in found)
        return LiveTranscriptUpdate(request.session_id, tuple(segments), session.pending_s)

    # -- windows ---------------------------------------------------------------------------------------
    def transcribe_window(
        self,
        transcriber: LoadedTranscriber,
        samples: Any,
        window: Window,
        language: str,
        speech_task: str,
        ctx: JobContext,
        check_speech: bool = False,
    ) -> Iterator[list[TranscriptSegment]]:
        """Segments of `window` of `samples`, 30 s of input at a time, yielded as each pass ends. This is
        Whisper's sequential decoding: when a pass ends inside a sentence the text after its last timestamp
        is dropped and the next pass starts there, and when it ends on a timestamp the next pass starts after
        the input it had. One addition: when the model stops early though voice activity heard speech
        after its last timestamp (Whisper often ends after a pause), decoding resumes from that timestamp."""
        seek = round(window.start_s * SPEECH_RATE)
        end = min(len(samples), round(window.end_s * SPEECH_RATE))
        while end - seek >= MIN_RESUME_SAMPLES or seek == round(window.start_s * SPEECH_RATE):
            chunk = samples[seek : min(end, seek + WHISPER_INPUT_SAMPLES)]
            if not len(chunk):
                return
            if check_speech and is_quiet(chunk):
                seek += len(chunk)
                continue
            features = self.features(transcriber, chunk)
            ids = self._decode(transcriber, features, language, speech_task, ctx)
            if check_speech and self.hears_no_speech(transcriber, features, ids):
                seek += len(chunk)
                continue
            found, complete = self._read_window(transcriber, ids, seek / SPEECH_RATE, len(chunk) / SPEECH_RATE)
            yield found
            if ctx.cancelled:
                return
            after_text = round(found[-1].end * SPEECH_RATE) if found else seek
            speech_after = (
                window.speech_end_s is not None and window.speech_end_s * SPEECH_RATE - after_text >= MIN_RESUME_SAMPLES
            )
            seek = after_text if after_text > seek and (not complete or speech_after) else seek + len(chunk)

    def _decode(
        self, transcriber: LoadedTranscriber, features: Any, language: str, speech_task: str, ctx: JobContext
    ) -> Any:
        """The ids Whisper writes for at most 30 s of audio's features, the prompt in front, with timestamps."""
        torch = torch_module()
        # One pass only: transformers would otherwise go on over the silence that pads the input to 30 s
        # (where Whisper makes words up), and the window loop above does the seeking.
        options: dict[str, Any] = {
            "return_timestamps": True,
            "force_unique_generate_call": True,
            "stopping_criteria": cancel_criteria(ctx),
        }
        if transcriber.multilingual:
            options.update(language=language or None, task=speech_task)
        with torch.inference_mode():
            return transcriber.model.generate(features, **options)[0]

    @staticmethod
    def _read_window(
        transcriber: LoadedTranscriber, ids: Any, offset_s: float, duration_s: float
    ) -> tuple[list[TranscriptSegment], bool]:
        """Timed segments of one decoded window, and whether the output ended on a timestamp (all the speech
        the model heard is in the segments)."""
        eos = transcriber.model.generation_config.eos_token_id
        is_time = [int(t) >= transcriber.timestamp_begin for t in ids if int(t) != eos]
        complete = is_time[-2:] == [False, True]  # text, then one timestamp: Whisper's "single timestamp ending"
        decoded = transcriber.processor.tokenizer.decode(ids, output_offsets=True, skip_special_tokens=True)
        return _segments(decoded, offset_s, duration_s), complete

    def hears_no_speech(self, transcriber: LoadedTranscriber, features: Any, ids: Any) -> bool:
        """Whisper's test, after decoding a window: <|nospeech|> likely, and what was written there unlikely."""
        if transcriber.no_speech_token is None:
            return False
        no_speech, average_logprob = self.confidence(transcriber, features, ids)
        return no_speech > NO_SPEECH_THRESHOLD and average_logprob < LOGPROB_THRESHOLD

    def confidence(self, transcriber: LoadedTranscriber, features: Any, ids: Any) -> tuple[float, float]:
        """<|nospeech|>'s probability at the start of the window, and the written tokens' average
        log-probability (Whisper's: the sum over one more than their count)."""
        model = transcriber.model
        if hasattr(model, "last_confidence"):  # a fast runner measured both in the generate call itself
            return model.last_confidence  # type: ignore[no-any-return]
        torch = torch_module()
        ids = ids.to(self.device)
        special = set(transcriber.processor.tokenizer.all_special_ids) - {model.generation_config.eos_token_id}
        prompt = next((i for i, t in enumerate(ids.tolist()) if t not in special), len(ids))
        with torch.inference_mode():  # one teacher-forced pass over what was written
            logits = model(input_features=features, decoder_input_ids=ids[None, :-1]).logits[0]
        logprobs = torch.log_softmax(logits.float(), -1)
        written = ids[max(prompt, 1) :]
        total = float(logprobs[max(prompt, 1) - 1 :].gather(1, written[:, None]).sum())
        return float(logprobs[0, transcriber.no_speech_token].exp()), total / (len(written) + 1)

    def detect_language(self, transcriber: LoadedTranscriber, samples: Any, window: tuple[float, float]) -> str:
        torch = torch_module()
        piece = samples[int(window[0] * SPEECH_RATE) : int(window[1] * SPEECH_RATE)]
        with torch.inference_mode():
            token = int(transcriber.model.detect_language(self.features(transcriber, piece))[0])
        by_id = {tid: code for code, tid in transcriber.languages.items()}
        return by_id.get(token, "")

    def features(self, transcriber: LoadedTranscriber, samples: np.ndarray) -> Any:
        """Whisper's input for at most 30 s of audio, as Whisper's own transcribe (and faster-whisper) makes it:
        the log-mel of the audio heard, normalised over it, then zeros up to 30 s. Padding the audio instead
        (what the extractor does by default) gives the padding a level of its own, after which a short window's
        last words went unwritten and its first misheard ("I'm left" for "Turn left")."""
        extractor = transcriber.processor.feature_extractor
        heard = np.asarray(samples, dtype=np.float32)[:WHISPER_INPUT_SAMPLES]
        hop = int(extractor.hop_length)
        # one hop more, so the last frame covers the end (as faster-whisper pads); a whole FFT's worth at least
        tail = max(hop, int(extractor.n_fft) + 1 - len(heard))
        mel = extractor(
            np.pad(heard, (0, tail)),
            sampling_rate=SPEECH_RATE,
            return_tensors="pt",
            padding="longest",
            truncation=False,
        ).input_features[:, :, : len(heard) // hop]
        features = torch_module().zeros(1, mel.shape[1], WHISPER_INPUT_SAMPLES // hop)
        features[:, :, : mel.shape[2]] = mel
        return features.to(self.device, input_dtype(transcriber.model))

    @staticmethod
    def _check_options(transcriber: LoadedTranscriber, language: str, speech_task: str) -> None:
        if transcriber.multilingual:
            if language and language not in transcriber.languages:
                raise InvalidRequestError(
                    arg(tr("%1 does not know the language '%2'."), transcriber.info.ref, language),
                    hint=tr("Leave the language on Auto to detect it."),
                )
            return
        if speech_task == "translate" or language not in ("", "en"):
            raise InvalidRequestError(
                arg(tr("%1 only transcribes English."), transcriber.info.ref),
                hint=tr("Choose a multilingual model such as whisper-base for other languages or for translation."),
            )


def is_quiet(samples: np.ndarray) -> bool:
    """Digital silence: nothing for Whisper to hear (it would make words up)."""
    return len(samples) == 0 or float(np.sqrt(np.mean(np.square(samples)))) < SILENCE_RMS


def _segments(decoded: dict[str, Any], offset_s: float, duration: float) -> list[TranscriptSegment]:
    """Timed segments of one decoded window, clamped to its audio and shifted to the clip's time."""
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
        segments.append(TranscriptSegment(round(offset_s, 3), round(offset_s + duration, 3), decoded["text"].strip()))
    return segments


def _same_time(seconds: float, is_end: bool = False) -> float:
    return seconds


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
