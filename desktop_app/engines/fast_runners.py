"""What every fast runner shares: the copy of a transformers folder it runs (made once per version of the
folder's files, in a child process, and cached beside the app's converted models), what it reads from the
folder it stands for, and what the engine and the registry call on it where they expect a torch module.

A fast runner is a model on an engine made for the job (CTranslate2, ONNX Runtime GenAI) that answers the one
call its engine makes of a transformers model; attention, explanations and tuning keep the transformers model.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from desktop_app.core.child_process import run_in_child
from desktop_app.core.context import JobContext
from desktop_app.core.i18n import arg
from desktop_app.engines.runtime import torch_module
from desktop_app.store.precision_choices import fingerprint


def cached_copy(
    hf_folder: Path,
    cache_root: Path,
    ctx: JobContext,
    make: Callable[..., None],
    *args: Any,
    marker: str,
    progress: str,
    what: str,
) -> Path:
    """The copy `make(hf_folder, partial_folder, *args, ctx)` makes of a transformers folder, made once per
    version of its files (the copy is there when it holds `marker`); `progress` (with the folder's name as
    %1) and `what` say what is being done."""
    place = f"{hf_folder.name}-{hashlib.sha256(str(hf_folder.resolve()).encode()).hexdigest()[:8]}"
    target = cache_root / f"{place}-{fingerprint(hf_folder)}"
    if (target / marker).is_file():
        return target
    ctx.progress(arg(progress, hf_folder.name), None)
    # Each process converts into a folder of its own (batch workers may start together); the first to finish
    # puts its copy in place, the others drop theirs.
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:  # converters hold the GIL for long stretches, and their memory goes back when the child ends
        run_in_child(make, str(hf_folder), str(partial), *args, ctx=ctx, what=what)
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


def folder_settings(hf_folder: Path, tokenizer: Any = None) -> tuple[Any, Any, Any, int]:
    """What a runner reads from the transformers folder it stands for: its config, its generation config, its
    tokenizer (the engines speak in the tokenizer's ids) and its weights' element count. `tokenizer`: the one
    the engine already loaded beside it; parsed here only when the quality gate builds a runner on its own."""
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


def end_ids(generation_config: Any, tokenizer: Any) -> set[int]:
    """The tokens an answer ends on: the generation config's, else the tokenizer's (none: the length ends it)."""
    ends = generation_config.eos_token_id
    if ends is None:
        ends = tokenizer.eos_token_id
    return {int(i) for i in (ends if isinstance(ends, list) else [ends]) if i is not None}


def is_fast_runner(model: Any) -> bool:
    """Whether a loaded model is a fast runner, whose attention and gradients come from the transformers model."""
    return not getattr(model, "inspectable", True)


class FastRunner:
    """What the engine and the registry call on any loaded model, for a runner that is not a torch module."""

    inspectable: ClassVar[bool] = False  # attention and gradients come from the transformers model
    parameters = 0  # the weights' element count it stands for
    reused = 0  # the last prompt's tokens it did not encode again (a runner that keeps the last conversation)
    takes_seed: ClassVar[bool] = False  # whether its sampler can be seeded for one answer

    def forget(self) -> None:
        """Drop the last conversation, where the runner keeps one: the next prompt is encoded whole."""

    def read_ahead(self, ids: list[int]) -> None:
        """Encode `ids`, which continue the kept conversation, now (where the runner keeps one)."""

    @classmethod
    def copy_of(cls, hf_folder: Path, converted_models: Path, compute_type: str, ctx: JobContext) -> Path:
        """The folder this runner loads for a transformers folder (made the first time)."""
        raise NotImplementedError

    def to(self, _device: Any) -> FastRunner:
        return self

    def eval(self) -> FastRunner:
        return self

    def num_parameters(self) -> int:
        return self.parameters


@dataclass(frozen=True)
class Sampling:
    """How the next token is chosen: greedy unless `do_sample`; the penalty applies either way."""

    do_sample: bool
    temperature: float
    top_p: float
    top_k: int
    repetition_penalty: float
    seed: int | None = None  # sampling: the same seed, the same answer (where the engine takes one)


class AnswersGenerate:
    """A causal language model runner that answers the generation engine's one call, `generate`, as transformers
    does: the prompt's ids with the answer's after them (and the end token it stopped on), each token streamed to
    the engine's streamer as it comes, Cancel through the stopping criteria at the next token. The engine under
    it only writes tokens: `decode` hands each to `take`, and stops when `take` says so."""

    generation_config: Any
    _tokenizer: Any

    def decode(self, prompt: list[int], limit: int, sampling: Sampling, ends: set[int], take: TakeToken) -> None:
        raise NotImplementedError

    def generate(
        self,
        input_ids: Any,
        max_new_tokens: int = 256,
        do_sample: bool = False,
        temperature: float = 1.0,
        top_p: float = 1.0,
        top_k: int = 50,
        repetition_penalty: float = 1.0,
        streamer: Any = None,
        stopping_criteria: Any = None,
        seed: int | None = None,
        **_options: Any,
    ) -> Any:
        torch = torch_module()
        prompt = [int(i) for i in input_ids[0].tolist()]
        ends = end_ids(self.generation_config, self._tokenizer)
        # The prompt and the answer so far, filled in place (the stopping criteria see it at every token, and it
        # is what `generate` returns), with the end token it stopped on, which transformers keeps in its answer.
        ids = torch.zeros((1, len(prompt) + max_new_tokens), dtype=torch.long)
        ids[0, : len(prompt)] = input_ids[0].cpu()
        row = ids.numpy()[0]  # the same memory: written in numpy, far cheaper per token than a torch call
        length = len(prompt)
        if streamer is not None:  # first, as transformers sends it: the time to the first token counts the prompt
            streamer.put(ids[0, :length])  # (the streamer skips it)
        stops = _stop_check(stopping_criteria)

        def take(token: int) -> bool:
            nonlocal length
            row[length] = token
            length += 1
            if token in ends:
                return True
            if streamer is not None:
                streamer.put(ids[0, length - 1 : length])
            if length - len(prompt) >= max_new_tokens:
                return True
            return stops(ids[:, :length])

        sampling = Sampling(do_sample, temperature, top_p, top_k, repetition_penalty, seed if do_sample else None)
        self.decode(prompt, max_new_tokens, sampling, ends, take)
        if streamer is not None:
            streamer.end()
        return ids[:, :length]


TakeToken = Callable[[int], bool]  # a new token; True: stop


def _stop_check(criteria: Any) -> Callable[[Any], bool]:
    """`generate`'s stopping criteria as one check of the answer so far. Criteria that can say so without the
    tensor transformers' own loop wants (the app's Cancel) are asked plainly: building and combining those
    tensors took a third of the time a token took to hand on (37 of 115 µs)."""
    listed = list(criteria or [])
    if all(hasattr(criterion, "stops") for criterion in listed):
        return lambda _ids: any(criterion.stops() for criterion in listed)
    return lambda ids: bool(criteria(ids, None))
