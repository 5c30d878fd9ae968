"""The key/value cache of a model's last conversation, kept between chat turns as llama.cpp's prompt cache does:
a follow-up turn's prompt starts with the tokens of every earlier turn, so only the new message and the template
around it are encoded, and the time to its first token stays flat however long the conversation grows."""

from __future__ import annotations

import weakref
from typing import Any

from desktop_app.engines.runtime import torch_module, transformers_module


class PromptCache:
    """One conversation's cache for one loaded model. It is only reused for the same model object (the
    compression lab swaps a model in place), and only up to the tokens the new prompt shares with it."""

    def __init__(self) -> None:
        self._ids: Any = None  # (n,) the tokens the cache holds keys and values for, in order
        self._cache: Any = None
        self._model: weakref.ref[Any] | None = None
        self.reused = 0  # tokens the last prompt did not have to encode

    def take(self, model: Any, ids: Any) -> Any:
        """A cache for generating after the prompt `ids` (1, n): the kept one cut back to the shared prefix, or
        a fresh one. At least the last prompt token is left to encode: generation starts from its logits."""
        kept, self._cache = self._cache, None  # a failed generation must not leave a half-updated cache here
        self.reused = 0
        if kept is not None and self._model is not None and self._model() is model and _can_cut(kept):
            held = int(kept.get_seq_length())
            shared = min(shared_prefix(self._ids, ids[0]), held, int(ids.shape[1]) - 1)
            if shared > 0:
                kept.crop(shared - held)  # a negative count: the tokens to drop from the end
                self.reused = shared
                return kept
        return transformers_module().DynamicCache(config=model.config)

    def keep(self, model: Any, sequence: Any, cache: Any) -> None:
        """After generation: `sequence` (1, n) is the prompt and the answer; `cache` holds all but the tokens
        it has not fed through the model yet."""
        self._ids, self._cache, self._model = sequence[0].detach(), cache, weakref.ref(model)

    def read_ahead(self, model: Any, ids: Any) -> None:
        """Encodes `ids` (1, n), which continue the kept conversation, into the kept cache now."""
        cache = self.take(model, ids)
        if self.reused == 0:  # nothing kept to continue: not worth a whole encode now
            return
        with torch_module().inference_mode():
            model(input_ids=ids[:, self.reused :], past_key_values=cache, use_cache=True)
        self.keep(model, ids, cache)

    def clear(self) -> None:
        self._ids = self._cache = None


def _can_cut(cache: Any) -> bool:
    """A sliding-window layer has forgotten its oldest tokens: such a cache cannot be cut back to a prefix."""
    return getattr(cache, "is_croppable", True) and not any(getattr(cache, "is_sliding", ()) or ())


def shared_prefix(old: Any, new: Any) -> int:
    """How many tokens at the start of `new` (n,) `old` (m,) has too, on the tensors' own device."""
    if old is None:
        return 0
    length = min(int(old.shape[0]), int(new.shape[0]))
    if length == 0:
        return 0
    torch = torch_module()
    differs = torch.nonzero(old[:length] != new[:length])
    return int(differs[0, 0]) if differs.numel() else length
