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
conversation again (the chat window seeds every answer). Only a greedy answer with the penalty the kept
generator was made with is left to ONNX Runtime's own search, which chooses the same token.
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
    Runtime sets it aside when the generator is made), and its own greedy search applies `penalty`."""

    generator: Any
    capacity: int
    penalty: float


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
        settings = json.loads((ort_folder / MARKER).read_text())["model"]
        self.context = int(settings["context_length"])
        ends = settings.get("eos_token_id", [])
        self._engine_ends = {int(end) for end in (ends if isinstance(ends, list) else [ends])}
        self._kept: _Conversation | None = None

    def decode(self, prompt: list[int], limit: int, sampling: Sampling, ends: set[int], take: TakeToken) -> None:
        """Each token is chosen from the generator's logits and appended to it: the most likely after the
        repetition penalty, or drawn as transformers draws it. ONNX Runtime fixes a generator's search options
        and seed when it is made, and a new one would encode the whole conversation again; so the generator stays
        kept whatever each answer asks for (the chat window seeds every answer), and the tokens are chosen here.
        A greedy answer with the penalty the generator was made with is left to its own search, which chooses
        as transformers does, in the logits' float32, without copying them out."""
        conversation = self._continue(prompt, limit, sampling.repetition_penalty)
        generator = conversation.generator
        if not sampling.do_sample and sampling.repetition_penalty == conversation.penalty and self._engine_ends <= ends:
            _own_greedy(generator, limit, take)
        else:
            _chosen_here(generator, prompt, limit, sampling, take)
        self._kept = conversation  # only a finished (or cancelled) answer is kept

    def forget(self) -> None:
        self._kept = None

    def _continue(self, prompt: list[int], limit: int, penalty: float) -> _Conversation:
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
        params.set_search_options(max_length=capacity, repetition_penalty=penalty)  # greedy, as `decode` says
        generator = self._og.Generator(self.runner, params)
        generator.append_tokens([prompt])
        return _Conversation(generator, capacity, penalty)

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


def _own_greedy(generator: Any, limit: int, take: TakeToken) -> None:
    """ONNX Runtime's greedy search chooses each token; the one it chose last is held but not yet encoded (it
    would be with the next), so it is let go: every token a kept generator holds has been encoded."""
    for _ in range(limit):
        generator.generate_next_token()
        if take(int(generator.get_next_tokens()[0])):
            break
    generator.rewind_to(int(generator.token_count()) - 1)


def _chosen_here(generator: Any, prompt: list[int], limit: int, sampling: Sampling, take: TakeToken) -> None:
    draws = np.random.default_rng(sampling.seed)  # no seed: fresh entropy
    seen = SeenTokens(prompt)  # the penalty counts the prompt's tokens too, as transformers' does
    for _ in range(limit):
        logits = np.asarray(generator.get_logits())
        token = next_token(logits.reshape(-1, logits.shape[-1])[-1], seen, sampling, draws)
        if take(token):
            break
        seen.add(token)
        generator.append_tokens([[token]])


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

    def positions_in(self, tokens: Any) -> list[int]:
        """Where in `tokens` (a few, such as top-k's) the tokens seen are."""
        return [at for at, token in enumerate(tokens.tolist()) if token in self._known]


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
    _penalize(scores, _seen(seen).ids, penalty)
    return scores


def _penalize(scores: Any, at: Any, penalty: float) -> None:
    picked = scores[at]
    scores[at] = np.where(picked < 0, picked * penalty, picked / penalty)


def _seen(seen: SeenTokens | Iterable[int]) -> SeenTokens:
    return seen if isinstance(seen, SeenTokens) else SeenTokens(seen)


def token_chances(logits: Any, seen: SeenTokens | Iterable[int], sampling: Sampling) -> tuple[Any, Any]:
    """The tokens that may be drawn and their probabilities (the most likely first where top-p ranked them), as
    transformers' `generate` makes them: the repetition penalty over `seen`, temperature, top-k, top-p, in that
    order. In numpy: torch's thread pool would contend with ONNX Runtime's for the same cores between tokens (it
    halved the speed here)."""
    logits, seen, penalty = np.asarray(logits), _seen(seen), sampling.repetition_penalty
    if 0 < sampling.top_k < logits.size:
        candidates = _top_k(logits, seen, sampling)
        scores = logits[candidates].astype(np.float64)
        if penalty != 1.0:
            _penalize(scores, seen.positions_in(candidates), penalty)
        scores /= sampling.temperature
    else:  # (a new array: `penalized` may hand back the caller's own)
        candidates, scores = np.arange(logits.size), penalized(logits, seen, penalty) / sampling.temperature
    chances = np.exp(scores - scores.max())
    chances /= chances.sum()
    if sampling.top_p >= 1.0:
        return candidates, chances
    return _top_p(candidates, chances, 1.0 - sampling.top_p)


_RANKED = 1024  # top-p without top-k: how many of the likeliest tokens are ranked, where that is enough


def _top_p(candidates: Any, chances: Any, cut: float) -> tuple[Any, Any]:
    """What transformers' top-p keeps, the most likely first: ranked from the least likely up, the tokens go while
    together they make at most `cut`; the most likely always stays. Ranking a whole vocabulary took 4 ms a token,
    so where the likeliest `_RANKED` alone leave at most `cut` outside, those alone are ranked."""
    below = 0.0  # the chances of the tokens below those ranked: all of them go
    if chances.size > _RANKED:
        likeliest = np.argpartition(chances, -_RANKED)[-_RANKED:]
        outside = 1.0 - float(chances[likeliest].sum())
        if outside <= cut:
            candidates, chances, below = candidates[likeliest], chances[likeliest], outside
    rising = np.argsort(chances, kind="stable")
    kept = rising[below + np.cumsum(chances[rising]) > cut][::-1]
    if kept.size == 0:
        kept = rising[-1:]
    return candidates[kept], chances[kept] / chances[kept].sum()


def _top_k(logits: Any, seen: SeenTokens, sampling: Sampling) -> Any:
    """The tokens transformers' top-k keeps: those scoring at least the k-th best after the penalty and the
    temperature, in the logits' float32 as its processors score them (ties with the k-th kept too). Only these
    are then scored in float64: scoring the whole vocabulary so took 0.30 ms a token, 7% of a 4-bit token."""
    scores = penalized(logits, seen, sampling.repetition_penalty, np.float32) / np.float32(sampling.temperature)
    kth = np.partition(scores, -sampling.top_k)[-sampling.top_k]
    return np.flatnonzero(scores >= kth)


def shared_prefix(held: Any, prompt: list[int]) -> int:
    """How many tokens at the start of `prompt` the generator's sequence `held` already has."""
    length = min(len(held), len(prompt))
    differs = np.flatnonzero(np.asarray(held[:length]) != np.asarray(prompt[:length], dtype=np.int64))
    return int(differs[0]) if differs.size else length


def bytes_per_token(ort_folder: Path) -> int:
    """What decoding one token reads: every weight in the format it is stored in, but a table only looked up
    (the token embedding, one row a token; the rotary cos/sin tables, one row a position) unless a layer
    multiplies by it too (a tied output head)."""
    import onnx

    graph = onnx.load(str(ort_folder / "model.onnx"), load_external_data=False).graph
    looked_up: set[str] = set()
    multiplied: set[str] = set()
    for node in graph.node:
        lookups = _LOOKUP_INPUTS.get(node.op_type, ())
        for index, name in enumerate(node.input):
            (looked_up if lookups == "all" or index in lookups else multiplied).add(name)
    looked_up_only = looked_up - multiplied
    return sum(tensor_bytes(weight) for weight in graph.initializer if weight.name not in looked_up_only)


def tensor_bytes(weight: Any) -> int:
    """The size of an ONNX initializer in the format it is stored in."""
    from onnx.helper import tensor_dtype_to_np_dtype

    count = 1
    for dim in weight.dims:
        count *= int(dim)
    return count * tensor_dtype_to_np_dtype(weight.data_type).itemsize


# inputs read a row at a time: every input of a gather; the cos/sin caches of the fused attention and rotary ops
_LOOKUP_INPUTS: dict[str, str | tuple[int, ...]] = {
    "Gather": "all",
    "GatherBlockQuantized": "all",
    "GroupQueryAttention": (7, 8),
    "RotaryEmbedding": (2, 3),
}


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
