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

from desktop_app.engines.ctranslate2_copies import Runner, folder_settings
from desktop_app.engines.runtime import torch_module


class CT2Generator(Runner):
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
        **_options: Any,
    ) -> Any:
        """One prompt (1, n) and its answer, as transformers lays them out; the answer ends with the end token
        unless the length ran out or it was cancelled. The repetition penalty counts the answer's tokens only
        (transformers' counts the prompt's too), as llama.cpp's counts the last few."""
        torch = torch_module()
        prompt = [int(i) for i in input_ids[0].tolist()]
        ends = self._end_ids()
        written: list[int] = []
        ended: list[int] = []  # the end token it stopped on, which transformers keeps in its answer
        if streamer is not None:
            streamer.put(input_ids[0].cpu())  # the streamer skips the prompt, as transformers sends it first

        def step(result: Any) -> bool:  # called with each new token; True stops the decoding
            token = int(result.token_id)
            if token in ends:
                ended.append(token)
                return True
            written.append(token)
            if streamer is not None:
                streamer.put(torch.tensor([token]))
            return stopping_criteria is not None and bool(stopping_criteria(torch.tensor([prompt + written]), None))

        self.runner.generate_batch(  # it lets the GIL go while it computes: the window keeps running
            [self._tokenizer.convert_ids_to_tokens(prompt)],
            max_length=max_new_tokens,
            sampling_topk=top_k if do_sample else 1,  # 0: no top-k cut, in both
            sampling_topp=top_p if do_sample else 1.0,
            sampling_temperature=temperature if do_sample else 1.0,
            repetition_penalty=repetition_penalty,
            end_token=sorted(ends),  # [] (none known): the length ends it
            include_prompt_in_result=False,
            callback=step,
        )
        if streamer is not None:
            streamer.end()
        return torch.tensor([prompt + written + ended])

    def _end_ids(self) -> set[int]:
        """The tokens an answer ends on: the generation config's, else the tokenizer's (none: the length ends it)."""
        ends = self.generation_config.eos_token_id
        if ends is None:
            ends = self._tokenizer.eos_token_id
        return {int(i) for i in (ends if isinstance(ends, list) else [ends]) if i is not None}
