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
conversation. Each token is chosen here from ONNX Runtime's logits, as transformers chooses it (the repetition
penalty; greedy, or drawn with temperature, top-k and top-p from a generator seeded for the answer): ONNX
Runtime fixes a generator's options and seed when it is made, and a new generator would encode the whole
conversation again (the chat window seeds every answer).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections.abc import Iterable
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
    """The generator that wrote the last answer: its keys and values have room for `capacity` tokens (ONNX
    Runtime sets it aside when the generator is made)."""

    generator: Any
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
        """Each token is chosen here from the generator's logits and appended to it: the most likely after the
        repetition penalty, or drawn as transformers draws it. ONNX Runtime fixes a generator's search options
        and seed when it is made, and a new one would encode the whole conversation again; so one plain
        generator stays kept whatever each answer asks for (the chat window seeds every answer)."""
        conversation = self._continue(prompt, limit)
        generator = conversation.generator
        draws = np.random.default_rng(sampling.seed)  # no seed: fresh entropy
        seen = SeenTokens(prompt)  # the penalty counts the prompt's tokens too, as transformers' does
        for _ in range(limit):
            logits = np.asarray(generator.get_logits())
            token = next_token(logits.reshape(-1, logits.shape[-1])[-1], seen, sampling, draws)
            if take(token):
                break
            seen.add(token)
            generator.append_tokens([[token]])
        self._kept = conversation  # only a finished (or cancelled) answer is kept

    def forget(self) -> None:
        self._kept = None

    def _continue(self, prompt: list[int], limit: int) -> _Conversation:
        """The kept conversation cut back to the tokens `prompt` shares with it, with the rest of the prompt
        encoded; or a new one when there is none or it cannot hold this turn."""
        kept, self._kept = self._kept, None  # a failed answer must not leave half an update here
        self.reused = 0
        needed = len(prompt) + limit
        if kept is not None and kept.capacity >= needed and self._extend(kept, prompt):
            return kept
        # Room for twice this turn, so that a growing conversation is made again only now and then (each time
        # it outgrows its room, all of it is encoded once more).
        capacity = max(needed, min(self.context, max(ROOM, 1 << (2 * needed - 1).bit_length())))
        params = self._og.GeneratorParams(self.runner)
        params.set_search_options(max_length=capacity)  # its own search is never run: `decode` chooses
        generator = self._og.Generator(self.runner, params)
        generator.append_tokens([prompt])
        return _Conversation(generator, capacity)

    def _extend(self, kept: _Conversation, prompt: list[int]) -> bool:
        """`kept` cut back to the tokens `prompt` shares with it and the rest of `prompt` encoded, if it shares
        any. Every token it holds has been encoded (tokens are only ever appended); at least one prompt token is
        encoded again, for the logits the answer starts from."""
        generator = kept.generator
        held = int(generator.token_count())
        shared = min(shared_prefix(generator.get_sequence(0), prompt), held, len(prompt) - 1)
        if shared <= 0:
            return False
        if shared < held:
            generator.rewind_to(shared)
        generator.append_tokens([prompt[shared:]])
        self.reused = shared
        return True

    def read_ahead(self, ids: list[int]) -> None:
        kept, self._kept = self._kept, None  # a failed encode must not leave half an update here
        if kept is None:
            return
        if kept.capacity > len(ids):
            self._extend(kept, ids)  # sharing nothing, it changes nothing
        self._kept = kept


class SeenTokens:
    """The distinct tokens the repetition penalty counts, the prompt's and the answer's so far, as one array that
    grows only by a token not seen before (sorting the whole list again at every token took as long as the rest of
    the choice)."""

    def __init__(self, tokens: Iterable[int]) -> None:
        self._known = {int(token) for token in tokens}
        self.ids = np.fromiter(self._known, dtype=np.int64, count=len(self._known))

    def add(self, token: int) -> None:
        if token not in self._known:
            self._known.add(token)
            self.ids = np.append(self.ids, token)


def next_token(logits: Any, seen: SeenTokens | Iterable[int], sampling: Sampling, draws: np.random.Generator) -> int:
    """Greedy: the most likely token after the repetition penalty; sampling: one drawn from `token_chances`."""
    if not sampling.do_sample:  # in the logits' float32, as transformers' penalty computes it
        return int(np.argmax(penalized(logits, seen, sampling.repetition_penalty, np.float32)))
    order, chances = token_chances(logits, seen, sampling)
    return int(order[draws.choice(order.size, p=chances)])


def penalized(logits: Any, seen: SeenTokens | Iterable[int], penalty: float, dtype: Any = np.float64) -> Any:
    """transformers' repetition penalty: each token in `seen` made less likely by `penalty` (a copy in `dtype`)."""
    if penalty == 1.0:
        return np.asarray(logits, dtype=dtype)
    scores = np.array(logits, dtype=dtype)
    ids = seen.ids if isinstance(seen, SeenTokens) else SeenTokens(seen).ids
    picked = scores[ids]
    scores[ids] = np.where(picked < 0, picked * penalty, picked / penalty)
    return scores


def token_chances(logits: Any, seen: SeenTokens | Iterable[int], sampling: Sampling) -> tuple[Any, Any]:
    """The tokens that may be drawn, the most likely first, and their probabilities, as transformers' `generate`
    makes them: the repetition penalty over `seen`, temperature, top-k, top-p, in that order. In numpy: torch's
    thread pool would contend with ONNX Runtime's for the same cores between tokens (it halved the speed here)."""
    scores = penalized(logits, seen, sampling.repetition_penalty) / sampling.temperature
    candidates = np.arange(scores.size)
    if 0 < sampling.top_k < scores.size:
        candidates = np.argpartition(scores, -sampling.top_k)[-sampling.top_k :]
    order = candidates[np.argsort(scores[candidates])[::-1]]  # the most likely first
    chances = np.exp(scores[order] - scores[order[0]])
    chances /= chances.sum()
    if sampling.top_p < 1.0:  # the least likely go while together they make at most 1 - top_p
        dropped = int(np.count_nonzero(np.cumsum(chances[::-1]) <= 1 - sampling.top_p))
        kept = max(order.size - dropped, 1)
        order, chances = order[:kept], chances[:kept] / chances[:kept].sum()
    return order, chances


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
