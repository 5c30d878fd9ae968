"""The CTranslate2 copy of a transformers model folder, the form the fast runners load (CTranslate2's own
converter, run once per version of the folder's files and cached beside the app's converted models), and what
a runner on it answers where the engine and the registry expect a torch module."""

from __future__ import annotations

import hashlib
import operator
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.child_process import run_in_child
from desktop_app.core.context import JobContext
from desktop_app.core.i18n import arg, tr
from desktop_app.store.precision_choices import fingerprint


def converted(hf_folder: Path, cache_root: Path, ctx: JobContext) -> Path:
    """The CTranslate2 copy of a transformers model folder, made once per version of its files."""
    place = f"{hf_folder.name}-{hashlib.sha256(str(hf_folder.resolve()).encode()).hexdigest()[:8]}"
    target = cache_root / f"{place}-{fingerprint(hf_folder)}"
    if (target / "model.bin").is_file():
        return target
    ctx.progress(arg(tr("Converting %1 for CTranslate2 (once)"), hf_folder.name), None)
    # Each process converts into a folder of its own (batch workers may start together); the first to finish
    # puts its copy in place, the others drop theirs.
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:  # the converter holds the GIL for long stretches: apart, the window keeps running
        run_in_child(_convert, str(hf_folder), str(partial), ctx=ctx, what=tr("Converting for CTranslate2"))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    for old in cache_root.glob(f"{place}-*"):  # earlier versions of the same folder's files
        if old.is_dir() and ".partial" not in old.name and old != target:
            shutil.rmtree(old, ignore_errors=True)
    try:
        partial.rename(target)
    except OSError:  # another process's copy is in place
        shutil.rmtree(partial, ignore_errors=True)
    return target


def _convert(hf_folder: str, partial: str, _ctx: JobContext) -> None:
    from ctranslate2.converters import TransformersConverter

    TransformersConverter(hf_folder).convert(partial, force=True)


def folder_settings(hf_folder: Path, tokenizer: Any = None) -> tuple[Any, Any, Any, int]:
    """What a runner reads from the transformers folder it stands for: its config, its generation config, its
    tokenizer (CTranslate2 speaks in token strings, the engines in the tokenizer's ids) and its weights' element
    count. `tokenizer`: the one the engine already loaded beside it; parsed here only when the quality gate
    builds a runner on its own."""
    from desktop_app.engines.runtime import transformers_module
    from desktop_app.engines.tokenizer_files import load_tokenizer

    transformers = transformers_module()
    return (
        transformers.AutoConfig.from_pretrained(hf_folder),
        transformers.GenerationConfig.from_pretrained(hf_folder),
        tokenizer if tokenizer is not None else load_tokenizer(hf_folder),
        parameters_in(hf_folder),
    )


def parameters_in(folder: Path) -> int:
    """The transformers weights' element count, read from the safetensors headers (nothing is loaded)."""
    from safetensors import safe_open

    total = 0
    for path in folder.glob("*.safetensors"):
        with safe_open(str(path), "np") as weights:
            for name in weights.keys():  # noqa: SIM118 (safe_open has no iterator)
                total += int(np.prod(weights.get_slice(name).get_shape()))
    return total


def is_fast_runner(model: Any) -> bool:
    """Whether a loaded model is a fast runner, whose attention and gradients come from the transformers model."""
    return not getattr(model, "inspectable", True)


class Runner:
    """What the engine and the registry call on any loaded model, for a runner that is not a torch module."""

    inspectable = False  # attention and gradients come from the transformers model
    parameters = 0  # the weights' element count it stands for
    ctranslate2_class = ""  # the CTranslate2 class it runs: "Generator", "Translator", "models.Whisper"

    def __init__(self, ct2_folder: Path, compute_type: str, threads: int) -> None:
        import ctranslate2

        runs = operator.attrgetter(self.ctranslate2_class)(ctranslate2)
        self.runner = runs(str(ct2_folder), device="cpu", compute_type=compute_type, intra_threads=threads)

    def to(self, _device: Any) -> Runner:
        return self

    def eval(self) -> Runner:
        return self

    def num_parameters(self) -> int:
        return self.parameters
