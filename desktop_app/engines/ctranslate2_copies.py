"""The CTranslate2 copy of a transformers model folder, the form the CTranslate2 runners load (CTranslate2's own
converter, run once per version of the folder's files and cached beside the app's converted models)."""

from __future__ import annotations

import operator
from pathlib import Path
from typing import ClassVar

from desktop_app.core.context import JobContext
from desktop_app.core.i18n import tr
from desktop_app.engines.fast_runners import FastRunner, cached_copy


def converted(hf_folder: Path, cache_root: Path, ctx: JobContext) -> Path:
    """The CTranslate2 copy of a transformers model folder, made once per version of its files."""
    return cached_copy(
        hf_folder,
        cache_root,
        ctx,
        _convert,
        marker="model.bin",
        progress=tr("Converting %1 for CTranslate2 (once)"),
        what=tr("Converting for CTranslate2"),
    )


def _convert(hf_folder: str, partial: str, _ctx: JobContext) -> None:
    from ctranslate2.converters import TransformersConverter

    TransformersConverter(hf_folder).convert(partial, force=True)


class Runner(FastRunner):
    """A fast runner on CTranslate2: the class it runs, built on the folder's copy with the compute type asked."""

    ctranslate2_class: ClassVar[str] = ""  # "Generator", "Translator", "models.Whisper"

    @classmethod
    def copy_of(cls, hf_folder: Path, converted_models: Path, compute_type: str, ctx: JobContext) -> Path:
        return converted(hf_folder, converted_models / "ctranslate2", ctx)

    def __init__(self, ct2_folder: Path, compute_type: str, threads: int) -> None:
        import ctranslate2

        runs = operator.attrgetter(self.ctranslate2_class)(ctranslate2)
        self.runner = runs(str(ct2_folder), device="cpu", compute_type=compute_type, intra_threads=threads)
