"""Every setting the app keeps, with its type and default, in one registry with a version number.

Reads are coerced to the declared type (QSettings hands back strings such as "true"); a missing or
corrupt value gives its default and leaves every other setting alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop_app.core.model_requests import RuntimeRequest
from desktop_app.core.options import Option, options_of
from desktop_app.core.precision_requests import AUTO, GATED_TASKS, PRECISIONS
from desktop_app.core.requests import (
    CAPTION_RECURSIVE,
    CaptionRequest,
    GenerationRequest,
    TranscriptionRequest,
    TranslationRequest,
)

SETTINGS_VERSION = 2


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] = ()  # when not empty, the only values it may hold

    def coerce(self, raw: Any) -> Any:
        """The stored value as this setting's type, or the default when it cannot be read as one."""
        return self.read(raw)[0]

    def read(self, raw: Any) -> tuple[Any, bool]:
        """(value, ok): ok is False when a stored value was unreadable or out of range."""
        if raw is None:
            return self.default, True
        try:
            value = _convert(self.type, raw)
        except (TypeError, ValueError):
            return self.default, False
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            return self.default, False
        if self.choices and value not in self.choices:
            return self.default, False
        return value, True


def _convert(kind: type, raw: Any) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes", "on"):
            return True
        if text in ("false", "0", "no", "off"):
            return False
        raise ValueError(raw)
    if kind is list:
        value = json.loads(raw) if isinstance(raw, str) else list(raw)
        if not isinstance(value, list):
            raise ValueError(raw)
        return [str(item) for item in value]
    if kind is bytes:
        return bytes(raw)
    return kind(raw)


def setting_of(request_class: type, name: str) -> Setting:
    """The setting an option of a request is remembered under, derived from its declaration (core/options)."""
    spec = options_of(request_class)[name]
    return setting_for(spec)


def setting_for(spec: Option) -> Setting:
    low = spec.minimum
    if spec.exclusive_minimum and low is not None:
        low += 10**-spec.decimals  # the smallest value a widget with these decimals can hold above it
    if spec.none_text:  # None ("random") is kept as one below the minimum
        assert spec.minimum is not None
        below = int(spec.minimum) - 1
        return Setting(
            spec.setting, spec.kind, below if spec.first_value is None else spec.first_value, below, spec.maximum
        )
    return Setting(
        spec.setting, spec.kind, spec.first_value, low, spec.maximum, tuple(value for value, _ in spec.choices)
    )


class Keys:
    """The registry: every key is declared once here, or on the request option it remembers."""

    version = Setting("meta/version", int, SETTINGS_VERSION)
    window_geometry = Setting("window/geometry", bytes, b"")
    window_state = Setting("window/state", bytes, b"")
    current_panel = Setting("window/current_panel", int, 0, 0, 5)
    theme = Setting("appearance/theme", str, "system", choices=("system", "light", "dark"))
    language = Setting("appearance/language", str, "system", choices=("system", "en", "zh_CN"))

    model_generate = Setting("models/generate", str, "")
    model_transcribe = Setting("models/transcribe", str, "")
    model_caption = Setting("models/caption", str, "")
    model_translate = Setting("models/translate", str, "")
    model_embed = Setting("models/embed", str, "")  # the Fusion panel's CLIP or SigLIP
    runtime_device = setting_of(RuntimeRequest, "device")
    runtime_threads = setting_of(RuntimeRequest, "threads")
    runtime_unload_after_s = setting_of(RuntimeRequest, "unload_after_s")
    recent_models = Setting("models/recent", list, [])  # "task<TAB>ref" (version 1 had bare refs)
    servers = Setting("models/servers", list, [])  # OpenAI-compatible servers' addresses (keys: the keyring)

    gen_system_prompt = setting_of(GenerationRequest, "system_prompt")
    gen_use_chat_template = setting_of(GenerationRequest, "use_chat_template")
    gen_max_new_tokens = setting_of(GenerationRequest, "max_new_tokens")
    gen_temperature = setting_of(GenerationRequest, "temperature")
    gen_top_p = setting_of(GenerationRequest, "top_p")
    gen_top_k = setting_of(GenerationRequest, "top_k")
    gen_repetition_penalty = setting_of(GenerationRequest, "repetition_penalty")
    gen_seed = setting_of(GenerationRequest, "seed")  # -1: a new random seed each time
    chat_conversation = Setting("chat/conversation", int, 0, 0)  # the conversation open at quit (0: a new one)

    speech_device = Setting("speech/input_device", str, "")  # the device's name; "" is the system default
    speech_language = setting_of(TranscriptionRequest, "language")
    speech_task = setting_of(TranscriptionRequest, "speech_task")
    speech_live = Setting("speech/live", bool, True)
    speech_skip_silence = setting_of(TranscriptionRequest, "use_vad")
    speech_export_dir = Setting("speech/export_dir", str, "")

    caption_prompt = setting_of(CaptionRequest, "prompt")
    caption_num_beams = setting_of(CaptionRequest, "num_beams")
    caption_max_new_tokens = setting_of(CaptionRequest, "max_new_tokens")
    caption_repetition_penalty = setting_of(CaptionRequest, "repetition_penalty")
    caption_batch_size = setting_of(CaptionRequest, "batch_size")
    caption_recursive = setting_for(CAPTION_RECURSIVE)
    caption_export_dir = Setting("caption/export_dir", str, "")

    translate_source = setting_of(TranslationRequest, "source_lang")
    translate_target = setting_of(TranslationRequest, "target_lang")
    translate_num_beams = setting_of(TranslationRequest, "num_beams")
    translate_max_new_tokens = setting_of(TranslationRequest, "max_new_tokens")
    translate_as_you_type = Setting("translate/as_you_type", bool, True)
    translate_text = Setting("translate/text", str, "")  # what was in the source pane: nothing lost on quit

    preload_default_models = Setting("models/preload", bool, True)
    show_getting_started = Setting("window/getting_started", bool, True)  # Help ▸ Getting started at start


# Models ▸ Precision, by task: "auto" (the quality gate's choice) or a precision the user picked.
PRECISION_KEYS: dict[str, Setting] = {
    task: Setting(f"precision/{task}", str, AUTO, choices=tuple(PRECISIONS)) for task in GATED_TASKS
}

# The model each picker remembers, by task: the tasks that have a model picker in the window.
MODEL_KEYS: dict[str, Setting] = {
    "generate": Keys.model_generate,
    "transcribe": Keys.model_transcribe,
    "caption": Keys.model_caption,
    "translate": Keys.model_translate,
    "embed": Keys.model_embed,
}

ALL_SETTINGS: tuple[Setting, ...] = (
    *(v for v in vars(Keys).values() if isinstance(v, Setting)),
    *PRECISION_KEYS.values(),
)
