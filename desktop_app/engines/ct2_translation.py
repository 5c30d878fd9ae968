"""Marian, NLLB and M2M100 on CTranslate2, the engine made for these models, as a fast runner beside the
transformers model.

The transformers folder is converted once (engines/ctranslate2_copies.py) and loaded with the compute type the
precision asks for. The wrapper answers the one call the translation engine makes of a model, `generate`, with
ids laid out as transformers lays them out (the decoder's start token, the forced target language token, the
words, the end token, padding), so sentence splitting, batches, streaming and the unknown-word note run
unchanged. The alignment the Translate panel hovers, Inspect and Explain keep the transformers model and read
back what this one wrote (teacher-forced on its ids).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.engines.ctranslate2_copies import Runner
from desktop_app.engines.fast_runners import folder_settings
from desktop_app.engines.runtime import torch_module


class CT2Translator(Runner):
    """A CTranslate2 translator that answers `generate` like a transformers sequence-to-sequence model."""

    ctranslate2_class = "Translator"

    def __init__(
        self, ct2_folder: Path, hf_folder: Path, compute_type: str, threads: int, tokenizer: Any = None
    ) -> None:
        super().__init__(ct2_folder, compute_type, threads)
        self.config, self.generation_config, self._tokenizer, self.parameters = folder_settings(hf_folder, tokenizer)

    def generate(
        self,
        input_ids: Any,
        attention_mask: Any = None,
        max_new_tokens: int = 256,
        num_beams: int = 1,
        forced_bos_token_id: int | None = None,
        **_options: Any,
    ) -> Any:
        """Translate a padded batch; sampling options are not taken (the engine decodes greedily or by beam)."""
        tokenizer = self._tokenizer
        rows = input_ids.tolist()  # plain lists: reading a tensor element by element costs more than the model
        masks = attention_mask.tolist() if attention_mask is not None else [[1] * len(row) for row in rows]
        sources = [
            tokenizer.convert_ids_to_tokens([i for i, keep in zip(row, mask, strict=True) if keep])
            for row, mask in zip(rows, masks, strict=True)
        ]
        prefix = [tokenizer.convert_ids_to_tokens(int(forced_bos_token_id))] if forced_bos_token_id is not None else []
        results = self.runner.translate_batch(
            sources,
            target_prefix=[prefix] * len(sources) if prefix else None,
            beam_size=max(1, num_beams),
            max_decoding_length=max_new_tokens,  # both count the forced language token as a new one
        )
        written = [tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
        return self._as_generated(written, max_new_tokens)

    def _as_generated(self, rows: list[list[int]], limit: int) -> Any:
        """Output ids as transformers' generate gives them: the decoder's start token first, the end token
        last (unless the length ran out), padded to the longest row."""
        config = self.generation_config
        ends = config.eos_token_id if isinstance(config.eos_token_id, list) else [config.eos_token_id]
        start, end = int(config.decoder_start_token_id), int(ends[0])
        pad = int(config.pad_token_id if config.pad_token_id is not None else end)
        full = [[start, *row, *([end] if len(row) < limit else [])] for row in rows]
        width = max(len(row) for row in full)
        return torch_module().tensor([row + [pad] * (width - len(row)) for row in full])
