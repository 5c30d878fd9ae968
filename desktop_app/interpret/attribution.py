"""Attribution of each answer token of a causal language model to every earlier token, by captum, because
attention is not explanation:

- gradient x input (captum's InputXGradient on the input embeddings): how much each earlier token's embedding
  moves the log-probability of each answer token (|gradient . embedding|), a batch of answer tokens per
  backward pass, each copy of the sequence targeting its own token;
- occlusion (captum's FeatureAblation, one feature per prompt token, baseline zero): how much each answer
  token's log-probability drops when one prompt token's embedding is blanked; captum scores the whole answer
  at once, since the forward pass returns every answer token's log-probability;
- the top next tokens and their probabilities at each answer step.

Every function takes the whole sequence `ids` (1, n), prompt first, and `prompt` = how many tokens the
prompt has; answer token i is ids[prompt + i], predicted from the logits at position prompt + i - 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

BATCH = 8  # copies of the sequence per forward pass: bounds memory on long prompts
Step = Callable[[float], None]  # called after each batch with the share done; may raise to stop


def _nothing(done: float) -> None:
    return None


def _answer_positions(ids: Any, prompt: int) -> list[int]:
    return list(range(max(prompt, 1), int(ids.shape[1])))


def answer_log_probs(model: Any, embeds: Any, ids: Any, prompt: int) -> Any:
    """(batch, answer) log-probability of each answer token, given a batch of input embeddings."""
    import torch

    positions = torch.tensor(_answer_positions(ids, prompt))
    n = int(ids.shape[1])
    keep = n - int(positions[0]) + 1  # the vocabulary projection only where answer tokens are predicted
    logits = model(inputs_embeds=embeds, use_cache=False, logits_to_keep=keep).logits.float()
    targets = ids[0, positions].to(logits.device)
    chosen = torch.log_softmax(logits[:, positions - 1 - (n - keep)], dim=-1)
    return chosen.gather(-1, targets.expand(chosen.shape[0], -1).unsqueeze(-1)).squeeze(-1)


def gradient_x_input(model: Any, ids: Any, prompt: int, on_batch: Step = _nothing) -> np.ndarray:
    """(answer, n) float32, each row normalised to sum to 1: token j's share in answer token i."""
    import torch
    from captum.attr import InputXGradient

    positions = _answer_positions(ids, prompt)
    ids = ids.clone()  # generate's output is an inference tensor, which autograd cannot record
    with torch.no_grad():
        embeds = model.get_input_embeddings()(ids)
    explainer = InputXGradient(lambda batch: answer_log_probs(model, batch, ids, prompt))
    rows: list[np.ndarray] = []
    for first in range(0, len(positions), BATCH):
        chunk = positions[first : first + BATCH]
        batch = embeds.expand(len(chunk), -1, -1).clone()
        with torch.enable_grad():  # copy k's target is its own answer token
            scores = explainer.attribute(batch, target=[p - positions[0] for p in chunk])
        rows.append(scores.detach().sum(dim=-1).abs().float().cpu().numpy())
        on_batch((first + len(chunk)) / len(positions))
    matrix = np.concatenate(rows) if rows else np.zeros((0, int(ids.shape[1])), np.float32)
    for row, position in enumerate(positions):
        matrix[row, position:] = 0.0  # a token cannot depend on itself or later ones (causal mask)
    return np.asarray(matrix / matrix.sum(axis=1, keepdims=True).clip(1e-12), dtype=np.float32)


def occlusion(model: Any, ids: Any, prompt: int, on_batch: Step = _nothing) -> np.ndarray:
    """(answer, prompt) float32: the drop in each answer token's log-probability (nats) when that prompt token
    is blanked; positive = the token supported the answer."""
    import torch
    from captum.attr import FeatureAblation

    answer = len(_answer_positions(ids, prompt))
    if prompt == 0:
        return np.zeros((answer, 0), np.float32)
    n = int(ids.shape[1])
    passes = {"done": 0, "total": -(-(prompt + 1) // BATCH) + 1}

    def forward(batch: Any) -> Any:
        log_probs = answer_log_probs(model, batch, ids, prompt)
        passes["done"] += 1
        on_batch(min(passes["done"] / passes["total"], 1.0))
        return log_probs

    # one feature per prompt token; the answer's tokens, one more feature, blanked together and dropped
    mask = torch.arange(n).clamp(max=prompt).reshape(1, n, 1)
    with torch.inference_mode():
        embeds = model.get_input_embeddings()(ids)
        drops = FeatureAblation(forward).attribute(
            embeds, baselines=0.0, feature_mask=mask.to(embeds.device), perturbations_per_eval=BATCH
        )  # (answer, n, hidden): each token's drop, repeated over its embedding
    return np.asarray(drops[:, :prompt, 0].float().cpu().numpy(), dtype=np.float32)


def top_k_steps(
    model: Any, tokenizer: Any, ids: Any, prompt: int, k: int = 5
) -> tuple[tuple[tuple[str, float], ...], ...]:
    """At each answer step, the k likeliest next tokens (as text) and their probabilities."""
    import torch

    positions = torch.tensor(_answer_positions(ids, prompt))
    with torch.inference_mode():
        logits = model(input_ids=ids, use_cache=False).logits[0].float()
        probs = torch.softmax(logits[positions - 1], dim=-1)
        values, indices = probs.topk(min(k, probs.shape[-1]), dim=-1)
    return tuple(
        tuple((tokenizer.decode([int(i)]), round(float(p), 4)) for p, i in zip(row_p, row_i, strict=True))
        for row_p, row_i in zip(values, indices, strict=True)
    )
