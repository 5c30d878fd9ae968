"""Causal language models on ONNX Runtime GenAI with 8- or 4-bit weights, as a fast runner beside the
transformers model.

ONNX Runtime GenAI's own model builder turns the transformers folder into an ONNX model whose linear layers
keep their weights in 8 or 4 bits, in blocks of 32 with a float scale each, and multiply them in kernels made
for that (MatMulNBits: weight-only quantization, activations stay float32), as llama.cpp's Q8_0 and Q4 formats
do. The copy is made once per version of the folder's files, in a child process, and cached beside the
CTranslate2 copies.

The wrapper answers the one call the generation engine makes of a model, `generate`, as transformers answers
it: the prompt's ids with the answer's after them, each token streamed to the engine's streamer as it comes,
Cancel through the stopping criteria at the next token, the sampling options, the model's end tokens. Inspect
and Explain keep the transformers model and read back what this one wrote. Like CTranslate2 it keeps no keys
and values between calls, so automatic precision does not choose it for chat (core/precision_requests.py).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

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


class OrtGenerator(FastRunner, AnswersGenerate):
    """An ONNX Runtime GenAI model that answers `generate` like a transformers causal language model."""

    @classmethod
    def copy_of(cls, hf_folder: Path, converted_models: Path, compute_type: str, ctx: JobContext) -> Path:
        return cached_copy(
            hf_folder,
            converted_models / f"onnxruntime-genai-{compute_type}",
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

    def decode(self, prompt: list[int], limit: int, sampling: Sampling, ends: set[int], take: TakeToken) -> None:
        """The repetition penalty counts the prompt's tokens too, as transformers' does."""
        params = self._og.GeneratorParams(self.runner)
        search: dict[str, Any] = {"max_length": len(prompt) + limit, "do_sample": sampling.do_sample}
        if sampling.do_sample:
            search.update(temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k)
        if sampling.repetition_penalty != 1.0:
            search["repetition_penalty"] = sampling.repetition_penalty
        params.set_search_options(**search)
        generator = self._og.Generator(self.runner, params)
        generator.append_tokens([prompt])
        while not generator.is_done():  # done: its own end token (the config's), or the length
            generator.generate_next_token()
            if take(int(generator.get_next_tokens()[0])):
                break


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
    import shutil

    os.environ["TQDM_DISABLE"] = "1"  # its progress bars would go to the app's terminal, line by line
    logging.getLogger("onnxruntime").setLevel(logging.CRITICAL)  # "only 4 bits for Gather": it keeps that in float
    cache = str(Path(partial) / ".builder-cache")
    argv = sys.argv
    sys.argv = ["builder", "-m", Path(hf_folder).name, "-i", hf_folder, "-o", partial, "-p", compute_type]
    sys.argv += ["-e", "cpu", "-c", cache]
    try:
        runpy.run_module("onnxruntime_genai.models.builder", run_name="__main__", alter_sys=True)
    finally:
        sys.argv = argv
    shutil.rmtree(cache, ignore_errors=True)
