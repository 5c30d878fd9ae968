"""A text encoder (a BERT such as all-MiniLM-L6-v2) to look inside: it reads a text and its self-attention is
captured, every layer and head (services/inspection.py). Loading is all it does itself: a model and its
tokenizer, the base engine's defaults."""

from __future__ import annotations

from desktop_app.core.tasks import Task
from desktop_app.engines.base import Bundle, Engine, Family


class EncoderEngine(Engine[Bundle]):
    family = Family(
        Task.ENCODE,
        "AutoModel",
        "a text encoder",
        "Use a BERT-style encoder folder (config.json, weights, tokenizer), e.g. all-MiniLM-L6-v2.",
    )
