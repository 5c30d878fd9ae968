"""Capture a model's self-attention on an input: eager attention only while capturing (the fast kernels
return no weights), every layer and head, reduced to float16 as soon as it is read."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from desktop_app.core.i18n import tr


@contextlib.contextmanager
def eager_attention(model: Any) -> Iterator[None]:
    """Eager attention (which returns its weights) for the passes inside, in inference mode; the model's
    own fast kernel afterwards."""
    import torch

    was = model.config._attn_implementation
    model.set_attn_implementation("eager")
    try:
        with torch.inference_mode():
            yield
    finally:
        model.set_attn_implementation(was)


def stack_layers(layers: Sequence[Any], keep_heads: bool = False) -> Any:
    """Per-layer attention tensors (batch, heads, queries, keys) -> (batch, layers, queries, keys) with the
    heads averaged, or (batch, layers, heads, queries, keys); float32."""
    import torch

    return torch.stack([layer.float() if keep_heads else layer.float().mean(dim=1) for layer in layers], dim=1)


def capture_self_attention(model: Any, inputs: dict[str, Any]) -> np.ndarray:
    """(layers, heads, tokens, tokens) float16 attention of one sequence."""
    with eager_attention(model):
        out = model(**inputs, output_attentions=True, use_cache=False)
    if not out.attentions:
        raise ValueError(tr("the model returned no attention weights"))
    return np.stack([layer[0].float().cpu().numpy().astype(np.float16) for layer in out.attentions])


def rollout(weights: np.ndarray) -> np.ndarray:
    """Attention rollout (Abnar & Zuidema, 2020): heads averaged, the residual connection added as an
    identity, rows renormalised, and the layers multiplied through: how much each output position draws on
    each input token across the whole stack."""
    layers = np.asarray(weights, dtype=np.float32).mean(axis=1)
    size = layers.shape[-1]
    result = np.eye(size, dtype=np.float32)
    for layer in layers:
        mixed = 0.5 * layer + 0.5 * np.eye(size, dtype=np.float32)
        mixed /= mixed.sum(axis=-1, keepdims=True)
        result = mixed @ result
    return result
