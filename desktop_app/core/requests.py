"""Job requests: frozen snapshots of what the user asked for, safe to hand to the worker thread.

Each option a person sets is declared once, here, on its field (`core/options.py`): its range, default, words,
settings key and command-line flag. The panels, the settings, the command line and the history derive theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from desktop_app.core.chat import ROLES, ChatTurn
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.options import Option, check_options, coerce, option, options_of
from desktop_app.core.tasks import SpeechTask, Task


@dataclass(frozen=True)
class Request:
    """Base of every job request. `task` names the job; `input_fields` are what history shows as inputs;
    `recorded` says whether a finished job of this kind is the user's content and goes into the history."""

    task: ClassVar[Task]
    input_fields: ClassVar[tuple[str, ...]] = ()
    recorded: ClassVar[bool] = False

    def inputs(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.input_fields}  # in this order: the first titles history

    def parameters(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in self.input_fields}

    def validate(self) -> None:
        """Raise InvalidRequestError with a user-facing message when the request cannot run."""
        check_options(self)

    @classmethod
    def option_values(cls, parameters: dict[str, Any]) -> dict[str, Any]:
        """The options in a history entry's parameters, as their declared types (older entries may lack some)."""
        return {name: coerce(spec, parameters[name]) for name, spec in options_of(cls).items() if name in parameters}


def _require(checks: list[tuple[bool, str]]) -> None:
    """Raise the message of the first check that fails."""
    for ok, message in checks:
        if not ok:
            raise InvalidRequestError(message)


# -- generation ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GenerationRequest(Request):
    task: ClassVar[Task] = Task.GENERATE
    input_fields: ClassVar[tuple[str, ...]] = ("prompt", "system_prompt")
    recorded: ClassVar[bool] = True

    prompt: str
    model: str = ""  # a model reference; "" means the task's default
    history: tuple[ChatTurn, ...] = ()  # the conversation before `prompt`, oldest first (chat template only)
    conversation_id: int = 0  # the chat conversation this turn belongs to (0: none): history reopens it
    system_prompt: str = option(
        "",
        label=QT_TR_NOOP("System prompt"),
        setting="generate/system_prompt",
        flag="--system",
        help=QT_TR_NOOP("how the assistant should behave"),
    )
    use_chat_template: bool = option(
        True,
        label=QT_TR_NOOP("Use the model's chat template"),
        flag="--no-chat-template",
        setting="generate/use_chat_template",
        help=QT_TR_NOOP("send the prompt as raw text instead"),
    )
    max_new_tokens: int = option(
        256,
        1,
        8192,
        label=QT_TR_NOOP("Max new tokens"),
        setting="generate/max_new_tokens",
        help=QT_TR_NOOP("the longest answer, in tokens"),
    )
    temperature: float = option(
        0.7,
        0.0,
        5.0,
        label=QT_TR_NOOP("Temperature"),
        step=0.05,
        setting="generate/temperature",
        cli_default=0.0,
        help=QT_TR_NOOP(
            "0 = greedy (always the most likely token); the command "
            "line is greedy by default, so scripts get repeatable output"
        ),
    )
    top_p: float = option(
        0.9,
        0.0,
        1.0,
        label=QT_TR_NOOP("Top-p"),
        step=0.05,
        exclusive_minimum=True,
        setting="generate/top_p",
        help=QT_TR_NOOP("sample only from the smallest set of tokens whose probabilities add up to this"),
    )
    top_k: int = option(
        50,
        0,
        1000,
        label=QT_TR_NOOP("Top-k"),
        setting="generate/top_k",
        help=QT_TR_NOOP("sample only from the k most likely tokens (0 = off)"),
    )
    repetition_penalty: float = option(
        1.1,
        0.5,
        3.0,
        label=QT_TR_NOOP("Repetition penalty"),
        step=0.05,
        setting="generate/repetition_penalty",
        help=QT_TR_NOOP("above 1 discourages repeating tokens"),
    )
    seed: int | None = option(
        None,
        0,
        2**32 - 1,
        label=QT_TR_NOOP("Seed"),
        none_text=QT_TR_NOOP("random"),
        setting="generate/seed",
        help=QT_TR_NOOP("the same seed and options give the same text; 'random' picks a new one"),
    )

    def validate(self) -> None:
        if not self.prompt.strip():
            raise InvalidRequestError(tr("The prompt is empty."), hint=tr("Type something to generate from."))
        if any(turn.role not in ROLES for turn in self.history):
            raise InvalidRequestError(tr("A conversation turn is neither the user's nor the assistant's."))
        super().validate()

    def parameters(self) -> dict[str, Any]:
        # The history is in the conversation it came from (conversation_id), not copied into every entry.
        return {**super().parameters(), "history": len(self.history)}


# -- speech --------------------------------------------------------------------------------------------------
def _check_speech_options(speech_task: str, language: str) -> None:
    if speech_task not in tuple(SpeechTask):
        raise InvalidRequestError(
            arg(tr("Unknown speech task '%1'."), speech_task), hint=tr("Use 'transcribe' or 'translate'.")
        )
    if language and not ((language.isalpha() and 2 <= len(language) <= 3) or language.lower() == "haw"):
        raise InvalidRequestError(
            arg(tr("'%1' is not a language code."), language), hint=tr("Use a code such as en, fr or de.")
        )


@dataclass(frozen=True)
class TranscriptionRequest(Request):
    """Transcribe an audio file (a recording is a WAV file in the user data folder)."""

    task: ClassVar[Task] = Task.TRANSCRIBE
    input_fields: ClassVar[tuple[str, ...]] = ("audio_path",)
    recorded: ClassVar[bool] = True

    audio_path: str
    model: str = ""
    language: str = option(
        "",
        label=QT_TR_NOOP("Language"),
        setting="speech/language",
        help=QT_TR_NOOP("a code such as en or fr; empty detects it (multilingual models)"),
    )
    speech_task: str = option(
        SpeechTask.TRANSCRIBE.value,
        label=QT_TR_NOOP("Task"),
        flag="--task",
        setting="speech/task",
        choices=(
            (SpeechTask.TRANSCRIBE.value, QT_TR_NOOP("Transcribe")),
            (SpeechTask.TO_ENGLISH.value, QT_TR_NOOP("Translate to English")),
        ),
        help=QT_TR_NOOP("translate: speech in any language to English text (multilingual models)"),
    )
    use_vad: bool = option(
        True,
        label=QT_TR_NOOP("Skip silence"),
        flag="--no-vad",
        setting="speech/skip_silence",
        help=QT_TR_NOOP("do not skip silence; cut every 30 s instead"),
    )

    def validate(self) -> None:
        if not self.audio_path.strip():
            raise InvalidRequestError(
                tr("No audio file was given."), hint=tr("Record something or open an audio file.")
            )
        _check_speech_options(self.speech_task, self.language)
        super().validate()


@dataclass(frozen=True, eq=False)
class LiveTranscriptionRequest(Request):
    """A slice of a recording in progress. The engine keeps each session's voice-activity state, transcribes
    every utterance that has ended, and flushes what is left when `final` is set."""

    task: ClassVar[Task] = Task.TRANSCRIBE_LIVE

    session_id: str
    samples: Any  # float32 mono numpy array (not a history input: the recording's file is)
    sample_rate: int
    final: bool = False
    model: str = ""
    language: str = ""
    speech_task: str = SpeechTask.TRANSCRIBE.value

    def validate(self) -> None:
        if self.sample_rate <= 0:
            raise InvalidRequestError(tr("The audio has no sample rate."))
        _check_speech_options(self.speech_task, self.language)


# -- captioning and translation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CaptionRequest(Request):
    """Caption these image files, a batch at a time; each image's caption (or its error) streams back."""

    task: ClassVar[Task] = Task.CAPTION
    input_fields: ClassVar[tuple[str, ...]] = ("image_paths", "prompt")
    recorded: ClassVar[bool] = True

    image_paths: tuple[str, ...]
    model: str = ""
    prompt: str = option(
        "",
        label=QT_TR_NOOP("Prompt"),
        setting="caption/prompt",
        help=QT_TR_NOOP(
            "BLIP, ViT-GPT2: the caption starts with these words; Florence-2: a task such as "
            "<DETAILED_CAPTION>; SmolVLM: a question about the image"
        ),
    )
    num_beams: int = option(
        3,
        1,
        16,
        label=QT_TR_NOOP("Beams"),
        flag="--beams",
        setting="caption/num_beams",
        help=QT_TR_NOOP("beam search width: more beams give better captions, slower"),
    )
    max_new_tokens: int = option(
        30,
        1,
        256,
        label=QT_TR_NOOP("Max length"),
        flag="--max-length",
        suffix=QT_TR_NOOP(" tokens"),
        setting="caption/max_new_tokens",
        help=QT_TR_NOOP("most new tokens per caption"),
    )
    repetition_penalty: float = option(
        1.2,
        0.5,
        3.0,
        label=QT_TR_NOOP("Repetition penalty"),
        step=0.05,
        setting="caption/repetition_penalty",
        help=QT_TR_NOOP("above 1 discourages repeating words"),
    )
    batch_size: int = option(
        8,
        1,
        64,
        label=QT_TR_NOOP("Batch size"),
        setting="caption/batch_size",
        help=QT_TR_NOOP("images per model call: larger batches are faster per image, use more memory"),
    )
    keep_attention: bool = True  # the cross-attention over image patches, for the Attention panel
    attention_heads: bool = False  # keep every head's weights, not only their mean (one image, inspected)

    def validate(self) -> None:
        if not self.image_paths:
            raise InvalidRequestError(tr("There are no images to caption."), hint=tr("Drop or open some images."))
        super().validate()


# How the files to caption are gathered: an option of the command and the panel, not of the model's job.
CAPTION_RECURSIVE = Option(
    label=QT_TR_NOOP("Include subfolders"),
    default=True,
    kind=bool,
    name="recursive",
    setting="caption/recursive",
    flag="--no-recursive",
    help=QT_TR_NOOP("only the images directly inside each folder"),
)


@dataclass(frozen=True)
class TranslationRequest(Request):
    """Translate text: it is split into sentences, translated in batches, and put back in its lines."""

    task: ClassVar[Task] = Task.TRANSLATE
    input_fields: ClassVar[tuple[str, ...]] = ("text",)
    recorded: ClassVar[bool] = True

    text: str
    model: str = ""
    source_lang: str = option(
        "",
        label=QT_TR_NOOP("From"),
        flag="--src",
        setting="translate/source_lang",
        initial="en",
        help=QT_TR_NOOP("source language code (en, or eng_Latn for NLLB); empty: a one-pair model's own"),
    )
    target_lang: str = option(
        "",
        label=QT_TR_NOOP("To"),
        flag="--tgt",
        setting="translate/target_lang",
        initial="de",
        help=QT_TR_NOOP("target language code (de, or deu_Latn for NLLB)"),
    )
    num_beams: int = option(
        4,
        1,
        16,
        label=QT_TR_NOOP("Beams"),
        flag="--beams",
        setting="translate/num_beams",
        help=QT_TR_NOOP("beam search width: more beams translate better, slower"),
    )
    max_new_tokens: int = option(
        256,
        1,
        1024,
        label=QT_TR_NOOP("Max length"),
        flag="--max-length",
        suffix=QT_TR_NOOP(" tokens"),
        setting="translate/max_new_tokens",
        help=QT_TR_NOOP("most new tokens per sentence"),
    )
    batch_size: int = 8  # sentences per model call
    keep_attention: bool = True  # each sentence's source x target cross-attention, for alignment views
    attention_heads: bool = False  # keep every head's weights, not only their mean (one text, inspected)

    def validate(self) -> None:
        if not self.text.strip():
            raise InvalidRequestError(tr("There is nothing to translate."), hint=tr("Type or paste some text."))
        _require([(1 <= self.batch_size <= 64, tr("Batch size must be between 1 and 64."))])
        super().validate()


# -- looking inside ------------------------------------------------------------------------------------------
ATTENTION_TASKS = (Task.ENCODE, Task.GENERATE, Task.TRANSLATE, Task.CAPTION, Task.TRANSCRIBE)
FILE_TASKS = (Task.CAPTION, Task.TRANSCRIBE)  # their input is an image or an audio file, not text


@dataclass(frozen=True)
class AttentionRequest(Request):
    """Look inside a model on an input: the attention of every layer and head on the tokens it saw (text
    tasks), or its words' cross-attention over the image patches (caption) or the audio frames (transcribe).
    For generate, also attribution: gradient x input, occlusion and the top next tokens at each step."""

    task: ClassVar[Task] = Task.ATTENTION
    input_fields: ClassVar[tuple[str, ...]] = ("text",)

    text: str  # the text; for caption and transcribe, the image or audio file
    source_task: str = Task.ENCODE.value  # encode: a text encoder reads the text; generate: an LM answers it
    model: str = ""
    max_tokens: int = option(
        512,
        2,
        2048,
        label=QT_TR_NOOP("Max tokens"),
        help=QT_TR_NOOP("longer inputs are cut here: attention grows with the square of the length"),
    )
    max_new_tokens: int = option(
        32, 1, 512, label=QT_TR_NOOP("Max new tokens"), help=QT_TR_NOOP("generate: length of the answer")
    )
    answer: str = ""  # generate: the answer the user got, read back instead of generating a new one
    history: tuple[ChatTurn, ...] = ()  # generate: the conversation before the prompt, as the chat sent it
    system_prompt: str = ""  # generate: as the chat sent it
    use_chat_template: bool = True
    attribution: bool = True  # generate: gradient x input and occlusion for each answer token
    source_lang: str = ""  # translate
    target_lang: str = ""
    start_s: float = option(
        0.0,
        0.0,
        None,
        label=QT_TR_NOOP("Start"),
        flag="--start",
        help=QT_TR_NOOP("transcribe: the 30 s of audio from this second"),
    )

    def validate(self) -> None:
        if not self.text.strip():
            raise InvalidRequestError(
                tr("There is nothing to look at."),
                hint=tr("Choose a file.") if self.source_task in FILE_TASKS else tr("Type some text."),
            )
        if self.source_task not in ATTENTION_TASKS:
            raise InvalidRequestError(
                arg(tr("Attention on '%1' jobs is not built."), self.source_task),
                hint=tr("Use ") + ", ".join(ATTENTION_TASKS) + ".",
            )
        super().validate()


# -- fusion --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MatchRequest(Request):
    """Score images against texts with a joint image-text model: rank candidate captions for an image, or
    zero-shot labels (each label put into `template`, e.g. "a photo of a {}")."""

    task: ClassVar[Task] = Task.MATCH
    input_fields: ClassVar[tuple[str, ...]] = ("image_paths", "texts", "template")
    recorded: ClassVar[bool] = True

    image_paths: tuple[str, ...]
    texts: tuple[str, ...]
    model: str = ""
    template: str = "{}"

    def prompts(self) -> tuple[str, ...]:
        return tuple(self.template.replace("{}", text.strip()) for text in self.texts)

    def validate(self) -> None:
        texts = [t for t in self.texts if t.strip()]
        _require(
            [
                (bool(self.image_paths), tr("There is no image to match.")),
                (len(texts) >= 1 and len(texts) == len(self.texts), tr("Give at least one text, and no empty ones.")),
                ("{}" in self.template, tr("The template needs {} where each label goes, e.g. 'a photo of a {}'.")),
                (len(self.texts) <= 1000, tr("At most 1000 texts at a time.")),
            ]
        )


@dataclass(frozen=True)
class ImageSearchRequest(Request):
    """Find the images of a folder (and its subfolders) that best match a text; the images' embeddings are
    cached on disk, so a second search over the same folder reads only new or changed files."""

    task: ClassVar[Task] = Task.SEARCH
    input_fields: ClassVar[tuple[str, ...]] = ("folder", "query")
    recorded: ClassVar[bool] = True

    folder: str
    query: str
    model: str = ""
    top_k: int = option(
        24,
        1,
        1000,
        label=QT_TR_NOOP("Results"),
        flag="--top",
        cli_default=10,
        help=QT_TR_NOOP("how many of the best images to show (a grid of 24 in the window, 10 lines here)"),
    )

    def validate(self) -> None:
        _require(
            [
                (bool(self.query.strip()), tr("Type what to search for.")),
                (bool(self.folder.strip()), tr("Choose a folder of images.")),
            ]
        )
        super().validate()


FUSION_FIELDS = ("image", "voice", "text")  # what a late-fusion template can name, as {image}, {voice}, {text}


def template_fields(template: str) -> set[str]:
    """The {names} a template uses ("" for a bare {}); an unmatched brace is said, not raised as ValueError."""
    import string

    try:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    except ValueError as exc:
        raise InvalidRequestError(
            tr("The template has a { or } without its pair."),
            hint=tr("Write {{ or }} for a literal brace."),
            detail=str(exc),
        ) from exc


@dataclass(frozen=True)
class FusionRequest(Request):
    """Late fusion: an image (through its caption), a voice note (through its transcript) and typed text,
    put into one prompt by `template` for the generation model, whose answer streams back."""

    task: ClassVar[Task] = Task.FUSE
    input_fields: ClassVar[tuple[str, ...]] = ("text", "image_path", "audio_path", "template")
    recorded: ClassVar[bool] = True

    template: str
    image_path: str = ""
    audio_path: str = ""
    text: str = ""
    model: str = ""  # the generation model
    caption_model: str = ""
    transcribe_model: str = ""
    max_new_tokens: int = option(
        200, 1, 2048, label=QT_TR_NOOP("Max new tokens"), help=QT_TR_NOOP("the longest answer, in tokens")
    )
    temperature: float = option(
        0.0, 0.0, 2.0, label=QT_TR_NOOP("Temperature"), step=0.05, help=QT_TR_NOOP("0 = greedy")
    )

    def validate(self) -> None:
        unknown = sorted(template_fields(self.template) - set(FUSION_FIELDS))
        given = {"image": bool(self.image_path), "voice": bool(self.audio_path), "text": bool(self.text.strip())}
        _require(
            [
                (bool(self.template.strip()), tr("The template is empty.")),
                (
                    not unknown,
                    tr("The template names ")
                    + ", ".join("{" + u + "}" for u in unknown)
                    + tr("; it can use {image}, {voice} and {text}."),
                ),
                (any(given.values()), tr("Add an image, a voice note or some text to combine.")),
            ]
        )
        super().validate()


# -- making models smaller, and the runtime --------------------------------------------------------------------
COMPRESSION_TASKS = (Task.GENERATE, Task.TRANSLATE, Task.CAPTION, Task.TRANSCRIBE)
COMPRESSION_METHODS = {"int8": QT_TR_NOOP("int8 dynamic quantization"), "prune": QT_TR_NOOP("magnitude pruning")}


@dataclass(frozen=True)
class CompressionRequest(Request):
    """Make a loaded model smaller: int8 dynamic quantization or magnitude pruning, measured before and
    after on the same input (size on disk and in memory, load time, speed, and the outputs themselves).
    A measurement, not content: it stays out of the history."""

    task: ClassVar[Task] = Task.COMPRESS
    input_fields: ClassVar[tuple[str, ...]] = ("sample",)

    for_task: str
    model: str = ""
    method: str = "int8"
    amount: float = option(
        0.3,
        0.05,
        0.95,
        label=QT_TR_NOOP("Amount"),
        step=0.05,
        help=QT_TR_NOOP("prune: the share of the smallest weights set to zero"),
    )
    sample: str = ""  # the input both versions run on: text (generate, translate) or a file (caption, transcribe)
    source_lang: str = ""  # translate, for models that take language codes
    target_lang: str = ""
    keep: bool = False  # use the compressed model for later jobs until it is unloaded

    def validate(self) -> None:
        file_task = self.for_task in FILE_TASKS
        _require(
            [
                (
                    self.for_task in COMPRESSION_TASKS,
                    tr("Compression works on ") + ", ".join(COMPRESSION_TASKS) + " models.",
                ),
                (self.method in COMPRESSION_METHODS, tr("The method is int8 or prune.")),
                (
                    not file_task or bool(self.sample.strip()),
                    tr("Choose an image or audio file to compare the outputs on."),
                ),
            ]
        )
        super().validate()
