"""Whisper on CTranslate2, the engine faster-whisper runs on, as a fast runner beside the transformers model.

The transformers Whisper folder is converted once (engines/ctranslate2_copies.py) and loaded with the compute
type the precision asks for. The wrapper answers the calls the transcription engine makes of a Whisper model
(generate with timestamps, language detection, the no-speech probability), so files, windows, segments and
live sessions run unchanged; attention and explanations keep the transformers model and read back what this
one wrote.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.engines.ctranslate2_copies import Runner
from desktop_app.engines.fast_runners import parameters_in
from desktop_app.engines.runtime import torch_module, transformers_module


class CT2Whisper(Runner):
    """A CTranslate2 Whisper that answers like the transformers one where the transcription engine asks."""

    ctranslate2_class = "models.Whisper"

    def __init__(
        self, ct2_folder: Path, hf_folder: Path, compute_type: str, threads: int, _processor: Any = None
    ) -> None:
        super().__init__(ct2_folder, compute_type, threads)
        transformers = transformers_module()
        self.generation_config = transformers.GenerationConfig.from_pretrained(hf_folder)
        self.dtype = torch_module().float32  # the features it takes
        self.parameters = parameters_in(hf_folder)
        self._last: tuple[bytes, Any] = (b"", None)  # the last window's features' digest, and its encoding
        self.last_confidence = (0.0, 0.0)  # the last window's no-speech probability and average log-probability

    def _prompt(self, language: str | None, task: str | None) -> list[int]:
        config = self.generation_config
        prompt = [int(config.decoder_start_token_id)]
        if getattr(config, "is_multilingual", False):
            lang_to_id = config.lang_to_id
            prompt.append(int(lang_to_id.get(f"<|{language}|>", lang_to_id.get("<|en|>"))))
            prompt.append(int(config.task_to_id[task or "transcribe"]))
        return prompt

    def generate(self, features: Any, language: str | None = None, task: str | None = None, **_options: Any) -> Any:
        """Greedy decoding with timestamps of one 30 s window, as ids with the prompt in front (as transformers
        gives them). A multilingual model with no language given detects it first."""
        view = self._encoded(features)
        if language is None and getattr(self.generation_config, "is_multilingual", False):
            language = self._detected(view)
        prompt = self._prompt(language, task)
        result = self.runner.generate(
            view, [prompt], beam_size=1, max_length=448, return_scores=True, return_no_speech_prob=True
        )[0]
        written = result.sequences_ids[0]
        # What the engine's no-speech test reads (faster-whisper's figures): <|nospeech|>'s probability, and the
        # average log-probability (CTranslate2's score is the sum over the count; Whisper's over one more).
        self.last_confidence = (
            float(result.no_speech_prob),
            float(result.scores[0]) * len(written) / (len(written) + 1),
        )
        eos = int(self.generation_config.eos_token_id)
        return torch_module().tensor([[*prompt, *written, eos]])

    def detect_language(self, features: Any) -> Any:
        code = self._detected(self._encoded(features))
        return torch_module().tensor([int(self.generation_config.lang_to_id[f"<|{code}|>"])])

    def _encoded(self, features: Any) -> Any:
        """The encoder's output for these features: the engine asks about one window up to twice (which
        language, what words), and CTranslate2 takes the encoding in place of the features, so the encoder runs
        once a window."""
        array = np.ascontiguousarray(features.detach().cpu().float().numpy())
        digest = hashlib.blake2b(array.tobytes(), digest_size=16).digest()
        if self._last[0] != digest:
            import ctranslate2

            self._last = (digest, self.runner.encode(ctranslate2.StorageView.from_array(array)))
        return self._last[1]

    def _detected(self, view: Any) -> str:
        token, _probability = self.runner.detect_language(view)[0][0]
        return str(token).strip("<|>")
