"""Which task a model folder or Hub repo is for, read from its `config.json` (and processor files), so that
an added model lands in the panel that can run it and nowhere else."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.i18n import QT_TR_NOOP
from desktop_app.core.tasks import MODEL_TASKS

# model_type -> task, for the families the engines run.
_BY_MODEL_TYPE: dict[str, str] = {
    "whisper": "transcribe",
    "marian": "translate",
    "m2m_100": "translate",
    "nllb-moe": "translate",
    "fsmt": "translate",
    "blip": "caption",
    "vision-encoder-decoder": "caption",
    "florence2": "caption",
    "smolvlm": "caption",
    "idefics3": "caption",
    "clip": "embed",
    "siglip": "embed",
    "siglip2": "embed",
    "vision-text-dual-encoder": "embed",
    "chinese_clip": "embed",
    "altclip": "embed",
    "bert": "encode",
    "roberta": "encode",
    "distilbert": "encode",
    "xlm-roberta": "encode",
    "electra": "encode",
    "mpnet": "encode",
}
# Architecture name endings -> task, for families the table does not name (any causal LM generates).
_BY_ARCHITECTURE = (
    ("ForCausalLM", "generate"),
    ("LMHeadModel", "generate"),
    ("ForSpeechSeq2Seq", "transcribe"),
    ("ForImageTextToText", "caption"),
    ("ForVision2Seq", "caption"),
)
_OPUS_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})(?![a-z])")


@dataclass(frozen=True)
class ModelKind:
    """What a config says: the tasks it can serve (one when it is clear), and a one-pair translator's
    languages."""

    tasks: tuple[str, ...]
    model_type: str = ""
    language_pair: tuple[str, str] | None = None

    @property
    def task(self) -> str:
        """The task when the config leaves no doubt; '' when the user must choose."""
        return self.tasks[0] if len(self.tasks) == 1 else ""


def read_config(folder: Path, name: str = "config.json") -> dict[str, Any]:
    """A folder's JSON settings file (config.json, tokenizer_config.json) as a dict; {} when missing or broken."""
    try:
        config = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def kind_of_config(config: dict[str, Any], name: str = "", tokenizer_config: dict[str, Any] | None = None) -> ModelKind:
    """The tasks a config can serve. `name` (a folder or repo name) and the tokenizer settings give a
    Marian model's language pair."""
    model_type = str(config.get("model_type", ""))
    architectures = [str(a) for a in config.get("architectures") or []]
    tasks: list[str] = []
    if model_type in _BY_MODEL_TYPE:
        tasks.append(_BY_MODEL_TYPE[model_type])
    for ending, task in _BY_ARCHITECTURE:
        if any(arch.endswith(ending) for arch in architectures) and task not in tasks:
            tasks.append(task)
    if not tasks:  # nothing says: every task is a candidate and the person chooses
        tasks = list(MODEL_TASKS)
    pair = marian_pair(tokenizer_config or {}, name) if model_type == "marian" else None
    return ModelKind(tuple(tasks), model_type, pair)


def kind_of_folder(folder: Path, name: str = "") -> ModelKind:
    return kind_of_config(read_config(folder), f"{name} {folder}", read_config(folder, "tokenizer_config.json"))


def marian_pair(tokenizer_config: dict[str, Any], name: str) -> tuple[str, str] | None:
    """A Marian model's (source, target): MarianTokenizer records them; else its opus-mt-xx-yy name says."""
    if tokenizer_config.get("source_lang") and tokenizer_config.get("target_lang"):
        return str(tokenizer_config["source_lang"]), str(tokenizer_config["target_lang"])
    match = _OPUS_PAIR.search(name)
    return (match.group(1), match.group(2)) if match else None


# How each captioning family reads its prompt, for the Caption panel's placeholder and tooltip.
CAPTION_PROMPTS: dict[str, tuple[str, str]] = {
    "florence2": (
        QT_TR_NOOP("<CAPTION>, <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION> or <OCR>"),
        QT_TR_NOOP(
            "Florence-2 takes a task: <CAPTION> (the default), <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION>, "
            "or <OCR> to read the text in the image"
        ),
    ),
    "chat-vlm": (
        QT_TR_NOOP("a question about the image, e.g. What is the person holding?"),
        QT_TR_NOOP("SmolVLM answers a question about each image; empty asks for a one-sentence description"),
    ),
    "prefix": (
        QT_TR_NOOP("optional, e.g. a photograph of"),
        QT_TR_NOOP("Conditional captioning: every caption starts with these words"),
    ),
}


def caption_prompt_style(model_type: str) -> str:
    return {"florence2": "florence2", "smolvlm": "chat-vlm", "idefics3": "chat-vlm"}.get(model_type, "prefix")


def model_type_of(ref: str) -> str:
    """A model's config model_type: from the catalog, or a local folder's config (cheap: one small file)."""
    from desktop_app.store.catalog import catalog_entry

    entry = catalog_entry(ref)
    if entry is not None:
        return entry.model_type
    folder = Path(ref).expanduser()
    return str(read_config(folder).get("model_type", "")) if folder.is_dir() else ""
