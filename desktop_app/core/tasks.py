"""What a job is, by name. A `Task` is a `str` (its value), so history rows, settings and JSON keep plain words,
while the code names each one once."""

from __future__ import annotations

from enum import StrEnum

from desktop_app.core.i18n import QT_TR_NOOP, tr


class Task(StrEnum):
    # the six kinds of model, each with its engine and its models
    GENERATE = "generate"
    TRANSCRIBE = "transcribe"
    CAPTION = "caption"
    TRANSLATE = "translate"
    EMBED = "embed"  # joint image-text (CLIP, SigLIP)
    ENCODE = "encode"  # a text encoder to look inside (BERT)
    # jobs built on those
    TRANSCRIBE_LIVE = "transcribe_live"
    ATTENTION = "attention"
    FUSE = "fuse"
    MATCH = "match"
    SEARCH = "search"
    COMPRESS = "compress"
    EXPLAIN = "explain"
    DATASET = "dataset"  # the tuning lab: import instruction data, augment it, teach and distil models
    AUGMENT = "augment"
    PROBE = "probe"
    TUNE = "tune"
    DISTIL = "distil"
    # housekeeping
    WARM_UP = "warm_up"
    LOAD_MODEL = "load_model"
    UNLOAD_MODEL = "unload_model"
    DOWNLOAD_MODEL = "download_model"
    INSPECT_REPO = "inspect_repo"
    SERVER_MODELS = "server_models"  # what an OpenAI-compatible server offers
    RUNTIME = "runtime"
    COUNT_TOKENS = "count_tokens"
    PRECISION = "precision"  # which number format a task's models run in
    PRECISION_GATE = "precision_gate"  # measure each format's speed and quality on the evaluation set


MODEL_TASKS: dict[str, str] = {  # keyed by Task (a str), so a stored task name looks it up too
    Task.GENERATE: QT_TR_NOOP("Text generation"),
    Task.TRANSLATE: QT_TR_NOOP("Translation"),
    Task.CAPTION: QT_TR_NOOP("Image captioning"),
    Task.TRANSCRIBE: QT_TR_NOOP("Speech recognition"),
    Task.EMBED: QT_TR_NOOP("Image-text embedding"),
    Task.ENCODE: QT_TR_NOOP("Text encoder (attention)"),
}


# The jobs a person starts, in their words: announced to a screen reader when they end. The others (loading,
# counting tokens, warming up) are the app's housekeeping and pass silently.
JOB_WORDS: dict[str, str] = {
    **MODEL_TASKS,
    Task.TRANSCRIBE_LIVE: QT_TR_NOOP("Live transcription"),
    Task.ATTENTION: QT_TR_NOOP("Attention"),
    Task.FUSE: QT_TR_NOOP("Late fusion"),
    Task.MATCH: QT_TR_NOOP("Image-text matching"),
    Task.SEARCH: QT_TR_NOOP("Image search"),
    Task.COMPRESS: QT_TR_NOOP("Compression"),
    Task.EXPLAIN: QT_TR_NOOP("Explanation"),
    Task.DOWNLOAD_MODEL: QT_TR_NOOP("Model download"),
    Task.DATASET: QT_TR_NOOP("Dataset import"),
    Task.AUGMENT: QT_TR_NOOP("Data augmentation"),
    Task.PROBE: QT_TR_NOOP("Robustness probe"),
    Task.TUNE: QT_TR_NOOP("Instruction tuning"),
    Task.DISTIL: QT_TR_NOOP("Distillation"),
    Task.PRECISION_GATE: QT_TR_NOOP("Precision measurement"),
}

# The worker's own jobs, which the status bar names while they run ("Running: Model loading"), never announced:
# a screen reader would otherwise say "Done: Precision settings" four times as the app starts.
WORKER_JOB_WORDS: dict[str, str] = {
    Task.WARM_UP: QT_TR_NOOP("Runtime start-up"),
    Task.LOAD_MODEL: QT_TR_NOOP("Model loading"),
    Task.UNLOAD_MODEL: QT_TR_NOOP("Model unloading"),
    Task.INSPECT_REPO: QT_TR_NOOP("Model inspection"),
    Task.SERVER_MODELS: QT_TR_NOOP("Server model list"),
    Task.RUNTIME: QT_TR_NOOP("Device settings"),
    Task.COUNT_TOKENS: QT_TR_NOOP("Token count"),
    Task.PRECISION: QT_TR_NOOP("Precision settings"),
}


# A history entry's status, in words.
STATUS_WORDS: dict[str, str] = {
    "finished": QT_TR_NOOP("finished"),
    "cancelled": QT_TR_NOOP("stopped"),
    "failed": QT_TR_NOOP("failed"),
}


def status_words(status: str) -> str:
    return tr(STATUS_WORDS.get(status, status))


def job_words(task: str) -> str:
    """A job's name as a person says it ("Speech recognition", not "transcribe")."""
    words = JOB_WORDS.get(task) or WORKER_JOB_WORDS.get(task)
    return tr(words) if words else task.replace("_", " ")


class SpeechTask(StrEnum):
    """What Whisper does with speech: write it down, or write it in English (Whisper calls this "translate";
    it is not the Translate panel's text translation)."""

    TRANSCRIBE = "transcribe"
    TO_ENGLISH = "translate"
