"""Causal language models on CTranslate2's Generator, as a fast runner beside the transformers model.

The transformers folder is converted once (engines/ctranslate2_copies.py) and loaded with the compute type the
precision asks for. The wrapper answers the one call the generation engine makes of a model, `generate`, as
transformers answers it: the prompt's ids with the answer's after them, the tokens streamed to the engine's
streamer as they come, Cancel through the stopping criteria, the sampling options. Inspect and Explain keep the
transformers model and read back what this one wrote. (CTranslate2 seeds its sampler once per thread, so a seed
cannot be repeated here: the engine samples a seeded answer on the transformers model.)

It keeps no keys and values between calls (CTranslate2 caches only a fixed prompt, and never lets one go), so
each chat turn encodes the whole conversation again: automatic precision does not choose it for chat
(core/precision_requests.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.engines.ctranslate2_copies import Runner
from desktop_app.engines.fast_runners import AnswersGenerate, Sampling, TakeToken, folder_settings


class CT2Generator(Runner, AnswersGenerate):
    """A CTranslate2 Generator that answers `generate` like a transformers causal language model."""

    ctranslate2_class = "Generator"

    def __init__(
        self, ct2_folder: Path, hf_folder: Path, compute_type: str, threads: int, tokenizer: Any = None
    ) -> None:
        super().__init__(ct2_folder, compute_type, threads)
        self.config, self.generation_config, self._tokenizer, self.parameters = folder_settings(hf_folder, tokenizer)
        # what one token's decoding reads: the weights in the format they run in (int8 a quarter of float32's)
        size = (ct2_folder / "model.bin").stat().st_size
        self.bytes_per_token = size // 4 if compute_type.startswith("int8") else size

    def decode(self, prompt: list[int], limit: int, sampling: Sampling, ends: set[int], take: TakeToken) -> None:
        """The repetition penalty counts the answer's tokens only (transformers' counts the prompt's too), as
        llama.cpp's counts the last few."""
        self.runner.generate_batch(  # it lets the GIL go while it computes
            [self._tokenizer.convert_ids_to_tokens(prompt)],
            max_length=limit,
            sampling_topk=sampling.top_k if sampling.do_sample else 1,  # 0: no top-k cut, in both
            sampling_topp=sampling.top_p if sampling.do_sample else 1.0,
            sampling_temperature=sampling.temperature if sampling.do_sample else 1.0,
            repetition_penalty=sampling.repetition_penalty,
            end_token=sorted(ends),  # [] (none known): the length ends it
            include_prompt_in_result=False,
            callback=lambda step: take(int(step.token_id)),
        )
