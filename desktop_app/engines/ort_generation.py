"""Causal language models on ONNX Runtime GenAI with 8- or 4-bit weights, as a fast runner beside the
transformers model.

ONNX Runtime GenAI's own model builder turns the transformers folder into an ONNX model whose linear layers
keep their weights in 8 or 4 bits, in blocks of 32 with a float scale each, and multiply them in kernels made
for that (MatMulNBits; on the CPU the builder asks for accuracy level 4: each row of activations is quantized to
8 bits too, and the products are integer dot products), as llama.cpp's Q8_0 and Q4 formats do. The output head
is computed for the prompt's last token only (`prune_lm_head`). The copy is made once per version of the
folder's files, in a child process, and cached beside the CTranslate2 copies.

The wrapper answers the one call the generation engine makes of a model, `generate`, as transformers answers
it: the prompt's ids with the answer's after them, each token streamed to the engine's streamer as it comes,
Cancel through the stopping criteria at the next token, the sampling options, the model's end tokens. Inspect
and Explain keep the transformers model and read back what this one wrote.

It keeps the last conversation between calls, as the transformers path keeps its key/value cache
(engines/prompt_cache.py): ONNX Runtime GenAI's generator is cut back (`rewind_to`) to the tokens the next prompt
shares with what it holds, and only the rest is encoded, so a chat turn's first token does not wait for the whole
conversation. (A seeded answer starts a new generator: the seed is given when one is made.)
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.i18n import tr
from desktop_app.engines.fast_runners import (
    AnswersGenerate,
    FastRunner,
    Sampling,
    TakeToken,
    cached_copy,
    folder_settings,
)

MARKER = "genai_config.json"  # the builder writes it last
BUILD = 2  # raised when the builder's options change: copies made with other options are made again
ROOM = 1024  # the fewest tokens a conversation's keys and values are made room for


@dataclass
class _Conversation:
    """The generator that wrote the last answer, with what it was made for: its keys and values have room for
    `capacity` tokens (ONNX Runtime sets it aside when the generator is made), and its search options are fixed."""

    generator: Any
    sampling: Sampling
    capacity: int


class OrtGenerator(FastRunner, AnswersGenerate):
    """An ONNX Runtime GenAI model that answers `generate` like a transformers causal language model."""

    takes_seed = True

    @classmethod
    def copy_of(cls, hf_folder: Path, converted_models: Path, compute_type: str, ctx: JobContext) -> Path:
        for old in converted_models.glob(f"onnxruntime-genai-*{compute_type}"):  # copies made with other options
            if old.name != f"onnxruntime-genai-{BUILD}-{compute_type}":
                shutil.rmtree(old, ignore_errors=True)
        return cached_copy(
            hf_folder,
            converted_models / f"onnxruntime-genai-{BUILD}-{compute_type}",
            ctx,
            _build,
            compute_type,
            marker=MARKER,
            progress=tr("Converting %1 for ONNX Runtime (once)"),
            what=tr("Converting for ONNX Runtime"),
        )

    def __init__(self, ort_folder: Path, hf_folder: Path, compute_type: str, threads: int, tokenizer: Any = None):
        import onnxruntime_genai as og

        self.config, self.generation_config, self._tokenizer, self.parameters = folder_settings(hf_folder, tokenizer)
        config = og.Config(str(ort_folder))
        config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": threads}}}}))
        self.runner = og.Model(config)
        self._og = og
        self.bytes_per_token = bytes_per_token(ort_folder)
        self.context = int(json.loads((ort_folder / MARKER).read_text())["model"]["context_length"])
        self._kept: _Conversation | None = None

    def decode(self, prompt: list[int], limit: int, sampling: Sampling, ends: set[int], take: TakeToken) -> None:
        """The repetition penalty counts the prompt's tokens too, as transformers' does."""
        conversation = self._continue(prompt, limit, sampling)
        generator = conversation.generator
        while not generator.is_done():  # done: its own end token (the config's), or the length
            generator.generate_next_token()
            if take(int(generator.get_next_tokens()[0])):
                break
        self._kept = conversation  # only a finished (or cancelled) answer is kept

    def forget(self) -> None:
        self._kept = None

    def _continue(self, prompt: list[int], limit: int, sampling: Sampling) -> _Conversation:
        """The kept conversation cut back to the tokens `prompt` shares with it, with the rest of the prompt
        encoded; or a new one when there is none, it cannot hold this turn, or the search options changed."""
        kept, self._kept = self._kept, None  # a failed answer must not leave half an update here
        self.reused = 0
        needed = len(prompt) + limit
        # a seed is given to a new generator: a kept one's sampler has already drawn
        if kept is not None and kept.sampling == sampling and sampling.seed is None and kept.capacity >= needed:
            generator = kept.generator
            # the last token written has no keys and values yet; at least one prompt token is encoded, for
            # the logits the answer starts from
            held = int(generator.token_count()) - 1
            shared = min(shared_prefix(generator.get_sequence(0), prompt), held, len(prompt) - 1)
            if shared > 0:
                generator.rewind_to(shared)
                generator.append_tokens([prompt[shared:]])
                self.reused = shared
                return kept
        # Room for twice this turn, so that a growing conversation is made again only now and then (each time
        # it outgrows its room, all of it is encoded once more).
        capacity = max(needed, min(self.context, max(ROOM, 1 << (2 * needed - 1).bit_length())))
        params = self._og.GeneratorParams(self.runner)
        search: dict[str, Any] = {"max_length": capacity, "do_sample": sampling.do_sample}
        if sampling.do_sample:
            search.update(temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k)
            if sampling.seed is not None:
                search["random_seed"] = sampling.seed
        if sampling.repetition_penalty != 1.0:
            search["repetition_penalty"] = sampling.repetition_penalty
        params.set_search_options(**search)
        generator = self._og.Generator(self.runner, params)
        generator.append_tokens([prompt])
        return _Conversation(generator, sampling, capacity)


def shared_prefix(held: Any, prompt: list[int]) -> int:
    """How many tokens at the start of `prompt` the generator's sequence `held` already has."""
    length = min(len(held), len(prompt))
    differs = np.flatnonzero(np.asarray(held[:length]) != np.asarray(prompt[:length], dtype=np.int64))
    return int(differs[0]) if differs.size else length


def bytes_per_token(ort_folder: Path) -> int:
    """What decoding one token reads: every weight in the format it is stored in, but a table only looked up
    (the token embedding, one row a token) unless a layer multiplies by it too (a tied output head)."""
    import onnx
    from onnx.helper import tensor_dtype_to_np_dtype

    graph = onnx.load(str(ort_folder / "model.onnx"), load_external_data=False).graph
    lookups = ("Gather", "GatherBlockQuantized")
    looked_up = {name for node in graph.node if node.op_type in lookups for name in node.input}
    multiplied = {name for node in graph.node if node.op_type not in lookups for name in node.input}
    total = 0
    for weight in graph.initializer:
        if weight.name in looked_up and weight.name not in multiplied:
            continue
        count = 1
        for dim in weight.dims:
            count *= int(dim)
        total += count * tensor_dtype_to_np_dtype(weight.data_type).itemsize
    return total


def _build(hf_folder: str, partial: str, compute_type: str, _ctx: JobContext) -> None:
    """ONNX Runtime GenAI's model builder, run as its own command line runs it (its `__main__`), on the local
    folder: nothing is downloaded, with a folder as its input it reads only that."""
    import runpy

    os.environ["TQDM_DISABLE"] = "1"  # its progress bars would go to the app's terminal, line by line
    logging.getLogger("onnxruntime").setLevel(logging.CRITICAL)  # "only 4 bits for Gather": it keeps that in float
    cache = str(Path(partial) / ".builder-cache")
    argv = sys.argv
    sys.argv = ["builder", "-m", Path(hf_folder).name, "-i", hf_folder, "-o", partial, "-p", compute_type]
    sys.argv += ["-e", "cpu", "-c", cache, "--extra_options", "prune_lm_head=true"]
    try:
        runpy.run_module("onnxruntime_genai.models.builder", run_name="__main__", alter_sys=True)
    finally:
        sys.argv = argv
    shutil.rmtree(cache, ignore_errors=True)
