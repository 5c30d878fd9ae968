"""Job requests: frozen snapshots of what the user asked for, safe to hand to the worker thread."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from desktop_app.core.errors import InvalidRequestError


@dataclass(frozen=True)
class Request:
    """Base of every job request. `task` names the engine; `input_fields` are what history shows as inputs."""

    task: ClassVar[str] = ""
    input_fields: ClassVar[tuple[str, ...]] = ()

    def inputs(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.input_fields}  # in this order: the first titles history

    def parameters(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in self.input_fields}

    def validate(self) -> None:
        """Raise InvalidRequestError with a user-facing message when the request cannot run."""


@dataclass(frozen=True)
class GenerationRequest(Request):
    task: ClassVar[str] = "generate"
    input_fields: ClassVar[tuple[str, ...]] = ("prompt", "system_prompt")

    prompt: str
    model: str = ""  # a model reference; "" means the task's default
    system_prompt: str = ""
    use_chat_template: bool = True
    max_new_tokens: int = 256
    temperature: float = 0.7  # 0 means greedy decoding
    top_p: float = 0.9
    top_k: int = 50
    repetition_penalty: float = 1.1
    seed: int | None = None

    def validate(self) -> None:
        if not self.prompt.strip():
            raise InvalidRequestError("The prompt is empty.", hint="Type something to generate from.")
        checks = [
            (1 <= self.max_new_tokens <= 8192, "Max new tokens must be between 1 and 8192."),
            (0.0 <= self.temperature <= 5.0, "Temperature must be between 0 and 5."),
            (0.0 < self.top_p <= 1.0, "Top-p must be above 0 and at most 1."),
            (self.top_k >= 0, "Top-k must be 0 (off) or more."),
            (0.5 <= self.repetition_penalty <= 3.0, "Repetition penalty must be between 0.5 and 3."),
            (self.seed is None or 0 <= self.seed < 2**32, "The seed must be between 0 and 4294967295."),
        ]
        _require(checks)


@dataclass(frozen=True)
class WarmUpRequest(Request):
    """Import the inference runtime (torch, transformers) once, while the user has nothing running yet."""

    task: ClassVar[str] = "warm_up"


@dataclass(frozen=True)
class LoadModelRequest(Request):
    """Load (and keep loaded) a task's model ahead of use, so the first real job starts at once."""

    task: ClassVar[str] = "load_model"
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    for_task: str
    model: str = ""


@dataclass(frozen=True)
class UnloadModelRequest(Request):
    task: ClassVar[str] = "unload_model"
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    for_task: str
    model: str = ""  # "" unloads every model of the task


@dataclass(frozen=True)
class DownloadModelRequest(Request):
    """Fetch a model (and convert it once) so that its task runs offline from now on."""

    task: ClassVar[str] = "download_model"
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    for_task: str
    model: str

    def validate(self) -> None:
        _require([(bool(self.model.strip()), "Say which model to download.")])


@dataclass(frozen=True)
class InspectRepoRequest(Request):
    """List a Hub repo before downloading it: its size, licence, formats and the task its config names."""

    task: ClassVar[str] = "inspect_repo"
    input_fields: ClassVar[tuple[str, ...]] = ("model",)

    model: str  # a Hugging Face id


SPEECH_TASKS = ("transcribe", "translate")


@dataclass(frozen=True)
class TranscriptionRequest(Request):
    """Transcribe an audio file (a recording is a WAV file in the user data folder)."""

    task: ClassVar[str] = "transcribe"
    input_fields: ClassVar[tuple[str, ...]] = ("audio_path",)

    audio_path: str
    model: str = ""
    language: str = ""  # "" detects it (multilingual models); a code such as "en", "fr"
    speech_task: str = "transcribe"  # or "translate": speech in any language to English text
    use_vad: bool = True  # skip silence and cut the audio at pauses rather than every 30 s

    def validate(self) -> None:
        if not self.audio_path.strip():
            raise InvalidRequestError("No audio file was given.", hint="Record something or open an audio file.")
        _check_speech_options(self.speech_task, self.language)


@dataclass(frozen=True, eq=False)
class LiveTranscriptionRequest(Request):
    """A slice of a recording in progress. The engine keeps each session's voice-activity state, transcribes
    every utterance that has ended, and flushes what is left when `final` is set."""

    task: ClassVar[str] = "transcribe_live"

    session_id: str
    samples: Any  # float32 mono numpy array (not a history input: the recording's file is)
    sample_rate: int
    final: bool = False
    model: str = ""
    language: str = ""
    speech_task: str = "transcribe"

    def validate(self) -> None:
        if self.sample_rate <= 0:
            raise InvalidRequestError("The audio has no sample rate.")
        _check_speech_options(self.speech_task, self.language)


def _check_speech_options(speech_task: str, language: str) -> None:
    if speech_task not in SPEECH_TASKS:
        raise InvalidRequestError(f"Unknown speech task '{speech_task}'.", hint="Use 'transcribe' or 'translate'.")
    if language and not ((language.isalpha() and 2 <= len(language) <= 3) or language.lower() == "haw"):
        raise InvalidRequestError(f"'{language}' is not a language code.", hint="Use a code such as en, fr or de.")


@dataclass(frozen=True)
class CaptionRequest(Request):
    """Caption these image files, a batch at a time; each image's caption (or its error) streams back."""

    task: ClassVar[str] = "caption"
    input_fields: ClassVar[tuple[str, ...]] = ("image_paths", "prompt")

    image_paths: tuple[str, ...]
    model: str = ""
    prompt: str = ""  # conditional captioning: the caption starts with these words, e.g. "a photograph of"
    num_beams: int = 1
    max_new_tokens: int = 30
    repetition_penalty: float = 1.0
    batch_size: int = 8
    keep_attention: bool = True  # the cross-attention over image patches, for the Attention panel
    attention_heads: bool = False  # keep every head's weights, not only their mean (one image, inspected)

    def validate(self) -> None:
        if not self.image_paths:
            raise InvalidRequestError("There are no images to caption.", hint="Drop or open some images.")
        checks = [
            (1 <= self.num_beams <= 16, "Beams must be between 1 and 16."),
            (1 <= self.max_new_tokens <= 256, "Max length must be between 1 and 256 tokens."),
            (0.5 <= self.repetition_penalty <= 3.0, "Repetition penalty must be between 0.5 and 3."),
            (1 <= self.batch_size <= 64, "Batch size must be between 1 and 64."),
        ]
        _require(checks)


@dataclass(frozen=True)
class TranslationRequest(Request):
    """Translate text: it is split into sentences, translated in batches, and put back in its lines."""

    task: ClassVar[str] = "translate"
    input_fields: ClassVar[tuple[str, ...]] = ("text",)

    text: str
    model: str = ""
    source_lang: str = ""  # a language code the model knows (en, fr, eng_Latn...); "" for one-pair models
    target_lang: str = ""
    num_beams: int = 4
    max_new_tokens: int = 256  # per sentence
    batch_size: int = 8  # sentences per model call
    keep_attention: bool = True  # each sentence's source x target cross-attention, for alignment views
    attention_heads: bool = False  # keep every head's weights, not only their mean (one text, inspected)

    def validate(self) -> None:
        if not self.text.strip():
            raise InvalidRequestError("There is nothing to translate.", hint="Type or paste some text.")
        checks = [
            (1 <= self.num_beams <= 16, "Beams must be between 1 and 16."),
            (1 <= self.max_new_tokens <= 1024, "Max length must be between 1 and 1024 tokens."),
            (1 <= self.batch_size <= 64, "Batch size must be between 1 and 64."),
        ]
        _require(checks)


ATTENTION_TASKS = ("encode", "generate", "translate", "caption", "transcribe")
FILE_TASKS = ("caption", "transcribe")  # their input is an image or an audio file, not text


@dataclass(frozen=True)
class AttentionRequest(Request):
    """Look inside a model on an input: the attention of every layer and head on the tokens it saw (text
    tasks), or its words' cross-attention over the image patches (caption) or the audio frames (transcribe).
    For generate, also attribution: gradient x input, occlusion and the top next tokens at each step."""

    task: ClassVar[str] = "attention"
    input_fields: ClassVar[tuple[str, ...]] = ("text",)

    text: str  # the text; for caption and transcribe, the image or audio file
    source_task: str = "encode"  # encode: a text encoder (MiniLM BERT) reads the text; generate: an LM answers it
    model: str = ""
    max_tokens: int = 512  # longer inputs are cut here: attention grows with the square of the length
    max_new_tokens: int = 32  # generate: the answer whose attention is shown
    answer: str = ""  # generate: the answer the user got, read back instead of generating a new one
    system_prompt: str = ""  # generate: as the Generate panel sent it
    use_chat_template: bool = True
    attribution: bool = True  # generate: gradient x input and occlusion for each answer token
    source_lang: str = ""  # translate
    target_lang: str = ""
    start_s: float = 0.0  # transcribe: the 30 s of audio from here

    def validate(self) -> None:
        if not self.text.strip():
            raise InvalidRequestError("There is nothing to look at.",
                                      hint="Choose a file." if self.source_task in FILE_TASKS else "Type some text.")
        if self.source_task not in ATTENTION_TASKS:
            raise InvalidRequestError(f"Attention on '{self.source_task}' jobs is not built.",
                                      hint="Use " + ", ".join(ATTENTION_TASKS) + ".")
        _require([(2 <= self.max_tokens <= 2048, "Max tokens must be between 2 and 2048."),
                  (1 <= self.max_new_tokens <= 512, "Max new tokens must be between 1 and 512."),
                  (self.start_s >= 0, "The start time cannot be negative.")])


def _require(checks: list[tuple[bool, str]]) -> None:
    """Raise the message of the first check that fails."""
    for ok, message in checks:
        if not ok:
            raise InvalidRequestError(message)


@dataclass(frozen=True)
class MatchRequest(Request):
    """Score images against texts with a joint image-text model: rank candidate captions for an image, or
    zero-shot labels (each label put into `template`, e.g. "a photo of a {}")."""

    task: ClassVar[str] = "match"
    input_fields: ClassVar[tuple[str, ...]] = ("image_paths", "texts", "template")

    image_paths: tuple[str, ...]
    texts: tuple[str, ...]
    model: str = ""
    template: str = "{}"

    def prompts(self) -> tuple[str, ...]:
        return tuple(self.template.replace("{}", text.strip()) for text in self.texts)

    def validate(self) -> None:
        texts = [t for t in self.texts if t.strip()]
        _require([(bool(self.image_paths), "There is no image to match."),
                  (len(texts) >= 1 and len(texts) == len(self.texts), "Give at least one text, and no empty ones."),
                  ("{}" in self.template, "The template needs {} where each label goes, e.g. 'a photo of a {}'."),
                  (len(self.texts) <= 1000, "At most 1000 texts at a time.")])


@dataclass(frozen=True)
class ImageSearchRequest(Request):
    """Find the images of a folder (and its subfolders) that best match a text; the images' embeddings are
    cached on disk, so a second search over the same folder reads only new or changed files."""

    task: ClassVar[str] = "search"
    input_fields: ClassVar[tuple[str, ...]] = ("folder", "query")

    folder: str
    query: str
    model: str = ""
    top_k: int = 20

    def validate(self) -> None:
        _require([(bool(self.query.strip()), "Type what to search for."),
                  (bool(self.folder.strip()), "Choose a folder of images."),
                  (1 <= self.top_k <= 1000, "Show between 1 and 1000 results.")])


FUSION_FIELDS = ("image", "voice", "text")  # what a late-fusion template can name, as {image}, {voice}, {text}


def template_fields(template: str) -> set[str]:
    """The {names} a template uses ("" for a bare {}); an unmatched brace is said, not raised as ValueError."""
    import string

    try:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    except ValueError as exc:
        raise InvalidRequestError("The template has a { or } without its pair.",
                                  hint="Write {{ or }} for a literal brace.", detail=str(exc)) from exc


@dataclass(frozen=True)
class FusionRequest(Request):
    """Late fusion: an image (through its caption), a voice note (through its transcript) and typed text,
    put into one prompt by `template` for the generation model, whose answer streams back."""

    task: ClassVar[str] = "fuse"
    input_fields: ClassVar[tuple[str, ...]] = ("text", "image_path", "audio_path", "template")

    template: str
    image_path: str = ""
    audio_path: str = ""
    text: str = ""
    model: str = ""  # the generation model
    caption_model: str = ""
    transcribe_model: str = ""
    max_new_tokens: int = 200
    temperature: float = 0.0

    def validate(self) -> None:
        unknown = sorted(template_fields(self.template) - set(FUSION_FIELDS))
        given = {"image": bool(self.image_path), "voice": bool(self.audio_path), "text": bool(self.text.strip())}
        _require([(bool(self.template.strip()), "The template is empty."),
                  (not unknown, "The template names " + ", ".join("{" + u + "}" for u in unknown) +
                   "; it can use {image}, {voice} and {text}."),
                  (any(given.values()), "Add an image, a voice note or some text to combine."),
                  (1 <= self.max_new_tokens <= 2048, "Max new tokens must be between 1 and 2048."),
                  (0.0 <= self.temperature <= 2.0, "Temperature must be between 0 and 2.")])


COMPRESSION_TASKS = ("generate", "translate", "caption", "transcribe")
COMPRESSION_METHODS = {"int8": "int8 dynamic quantization", "prune": "magnitude pruning"}


@dataclass(frozen=True)
class CompressionRequest(Request):
    """Make a loaded model smaller: int8 dynamic quantization or magnitude pruning, measured before and
    after on the same input (size on disk and in memory, load time, speed, and the outputs themselves)."""

    task: ClassVar[str] = "compress"
    input_fields: ClassVar[tuple[str, ...]] = ("sample",)

    for_task: str
    model: str = ""
    method: str = "int8"
    amount: float = 0.3  # prune: the share of the smallest weights set to zero
    sample: str = ""  # the input both versions run on: text (generate, translate) or a file (caption, transcribe)
    source_lang: str = ""  # translate, for models that take language codes
    target_lang: str = ""
    keep: bool = False  # use the compressed model for later jobs until it is unloaded

    def validate(self) -> None:
        file_task = self.for_task in ("caption", "transcribe")
        _require([(self.for_task in COMPRESSION_TASKS, "Compression works on " + ", ".join(COMPRESSION_TASKS) +
                   " models."),
                  (self.method in COMPRESSION_METHODS, "The method is int8 or prune."),
                  (0.05 <= self.amount <= 0.95, "Prune between 5% and 95% of the weights."),
                  (not file_task or bool(self.sample.strip()),
                   "Choose an image or audio file to compare the outputs on.")])


DEVICES = {"cpu": "CPU", "cuda": "CUDA GPU"}


@dataclass(frozen=True)
class RuntimeRequest(Request):
    """Where models run and with how many CPU threads. A new device unloads the models: they load again
    there on their next job."""

    task: ClassVar[str] = "runtime"

    device: str = "cpu"
    threads: int = 0  # 0: PyTorch's own choice (the physical cores)

    def validate(self) -> None:
        _require([(self.device in DEVICES, "The device is cpu or cuda."),
                  (0 <= self.threads <= 256, "Threads must be between 0 (automatic) and 256.")])
