"""What a job is, by name. A `Task` is a `str` (its value), so history rows, settings and JSON keep plain words,
while the code names each one once."""

from __future__ import annotations

from enum import StrEnum


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
    # housekeeping
    WARM_UP = "warm_up"
    LOAD_MODEL = "load_model"
    UNLOAD_MODEL = "unload_model"
    DOWNLOAD_MODEL = "download_model"
    INSPECT_REPO = "inspect_repo"
    RUNTIME = "runtime"
    COUNT_TOKENS = "count_tokens"


MODEL_TASKS: dict[str, str] = {  # keyed by Task (a str), so a stored task name looks it up too
    Task.GENERATE: "Text generation",
    Task.TRANSLATE: "Translation",
    Task.CAPTION: "Image captioning",
    Task.TRANSCRIBE: "Speech recognition",
    Task.EMBED: "Image-text embedding",
    Task.ENCODE: "Text encoder (attention)",
}


class SpeechTask(StrEnum):
    """What Whisper does with speech: write it down, or write it in English (Whisper calls this "translate";
    it is not the Translate panel's text translation)."""

    TRANSCRIBE = "transcribe"
    TO_ENGLISH = "translate"
