"""Every setting the app keeps, with its type and default, in one registry with a version number.

Reads are coerced to the declared type (QSettings hands back strings such as "true"); a missing or
corrupt value gives its default and leaves every other setting alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

SETTINGS_VERSION = 2


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    minimum: float | None = None
    maximum: float | None = None

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


class Keys:
    """The registry: every key is declared once here."""

    version = Setting("meta/version", int, SETTINGS_VERSION)
    window_geometry = Setting("window/geometry", bytes, b"")
    window_state = Setting("window/state", bytes, b"")
    current_panel = Setting("window/current_panel", int, 0, 0, 5)

    model_generate = Setting("models/generate", str, "")
    model_transcribe = Setting("models/transcribe", str, "")
    model_caption = Setting("models/caption", str, "")
    model_translate = Setting("models/translate", str, "")
    model_embed = Setting("models/embed", str, "")  # the Fusion panel's CLIP or SigLIP
    runtime_device = Setting("runtime/device", str, "cpu")  # cpu or cuda
    runtime_threads = Setting("runtime/threads", int, 0, 0, 256)  # 0: PyTorch's choice
    recent_models = Setting("models/recent", list, [])  # "task<TAB>ref" (version 1 had bare refs)

    gen_system_prompt = Setting("generate/system_prompt", str, "")
    gen_use_chat_template = Setting("generate/use_chat_template", bool, True)
    gen_max_new_tokens = Setting("generate/max_new_tokens", int, 256, 1, 8192)
    gen_temperature = Setting("generate/temperature", float, 0.7, 0.0, 5.0)
    gen_top_p = Setting("generate/top_p", float, 0.9, 0.01, 1.0)
    gen_top_k = Setting("generate/top_k", int, 50, 0, 1000)
    gen_repetition_penalty = Setting("generate/repetition_penalty", float, 1.1, 0.5, 3.0)
    gen_seed = Setting("generate/seed", int, -1, -1, 2**32 - 1)  # -1: a new random seed each time

    speech_device = Setting("speech/input_device", str, "")  # the device's name; "" is the system default
    speech_language = Setting("speech/language", str, "")  # "" detects it
    speech_task = Setting("speech/task", str, "transcribe")
    speech_live = Setting("speech/live", bool, True)
    speech_skip_silence = Setting("speech/skip_silence", bool, True)
    speech_export_dir = Setting("speech/export_dir", str, "")

    caption_prompt = Setting("caption/prompt", str, "")
    caption_num_beams = Setting("caption/num_beams", int, 3, 1, 16)
    caption_max_new_tokens = Setting("caption/max_new_tokens", int, 30, 1, 256)
    caption_repetition_penalty = Setting("caption/repetition_penalty", float, 1.2, 0.5, 3.0)
    caption_batch_size = Setting("caption/batch_size", int, 8, 1, 64)
    caption_recursive = Setting("caption/recursive", bool, True)
    caption_export_dir = Setting("caption/export_dir", str, "")

    translate_source = Setting("translate/source_lang", str, "en")
    translate_target = Setting("translate/target_lang", str, "de")
    translate_num_beams = Setting("translate/num_beams", int, 4, 1, 16)
    translate_max_new_tokens = Setting("translate/max_new_tokens", int, 256, 1, 1024)
    translate_as_you_type = Setting("translate/as_you_type", bool, True)
    translate_text = Setting("translate/text", str, "")  # what was in the source pane: nothing lost on quit

    preload_default_models = Setting("models/preload", bool, True)


ALL_SETTINGS: tuple[Setting, ...] = tuple(v for v in vars(Keys).values() if isinstance(v, Setting))
