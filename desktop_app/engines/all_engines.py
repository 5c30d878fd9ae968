"""Every leaf engine on one model store, one registry of loaded models and one runtime: what the services and
the tuning lab combine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.tasks import Task
from desktop_app.engines.base import Engine
from desktop_app.engines.captioning import CaptionEngine
from desktop_app.engines.embedding import JointEmbedder
from desktop_app.engines.encoder import EncoderEngine
from desktop_app.engines.generation import GenerationEngine
from desktop_app.engines.registry import ModelRegistry
from desktop_app.engines.runtime import Runtime
from desktop_app.engines.transcription import TranscriptionEngine
from desktop_app.engines.translation import TranslationEngine
from desktop_app.store.model_store import ModelStore


@dataclass
class Engines:
    """Every leaf engine, on one model store, one registry of loaded models and one runtime."""

    generation: GenerationEngine
    transcription: TranscriptionEngine
    captioning: CaptionEngine
    translation: TranslationEngine
    encoder: EncoderEngine
    embedding: JointEmbedder

    @staticmethod
    def build(store: ModelStore, registry: ModelRegistry, runtime: Runtime) -> Engines:
        place = (store, registry, runtime)
        return Engines(
            GenerationEngine(*place),
            TranscriptionEngine(*place),
            CaptionEngine(*place),
            TranslationEngine(*place),
            EncoderEngine(*place),
            JointEmbedder(*place),
        )

    def by_task(self) -> dict[Task, Engine[Any]]:
        return {engine.task: engine for engine in vars(self).values()}
