"""The methods, from captum, over any model's score of one output as a function of which input features are
present: the prompt's words, an image's superpixels, an audio's time segments.

Every task describes itself as a `FeatureScore`: `forward(masks)` takes a batch of masks, one weight per
feature in [0, 1] (1 = present, 0 = replaced by the baseline: a pad token, the picture's mean colour,
silence), and returns the explained score for each row, differentiably. Binary masks are what LIME, Kernel
SHAP and feature ablation perturb; integrated gradients walks the straight path from all-zero to all-one
masks, which is the path from the baseline input to the real one, so its per-feature sums are exactly
integrated gradients on the input summed over each feature's elements (the tokens' embeddings, the
superpixel's pixels, the segment's frames).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

BATCH = 16  # perturbed inputs per forward pass
METHODS = ("lime", "kernelshap", "shapley", "ablation", "ig")


class FeatureScore:
    """A model's score of one output given which features of its input are present."""

    def __init__(self, names: tuple[str, ...], on_batch: Callable[[int], None]) -> None:
        self.names, self.on_batch = names, on_batch

    def forward(self, masks: Any) -> Any:
        """(batch,) scores for (batch, features) masks; differentiable in the masks."""
        raise NotImplementedError

    def __call__(self, masks: Any) -> Any:
        """The scores of any number of masks, BATCH at a time, reporting each batch (which may stop the job)."""
        import torch

        scores = []
        with torch.no_grad():
            for first in range(0, masks.shape[0], BATCH):
                chunk = masks[first : first + BATCH].float()
                scores.append(self.forward(chunk))
                self.on_batch(int(chunk.shape[0]))
        return torch.cat(scores)


class ElementWeights:
    """Feature masks to one weight per element of the input (a token, a log-mel frame): the elements of
    feature f take mask f; those no feature covers (`feature_of` is -1 there) stay present (1)."""

    def __init__(self, feature_of: Any) -> None:
        self.feature_of = feature_of
        self.covered = feature_of >= 0

    def __call__(self, masks: Any) -> Any:
        import torch

        weights = torch.ones(masks.shape[0], len(self.feature_of), dtype=masks.dtype, device=masks.device)
        weights[:, self.covered] = masks[:, self.feature_of[self.covered]]
        return weights


def ig_steps(samples: int) -> int:
    """Integrated gradients' path steps for a sample budget: a gradient costs about what 8 forward passes do."""
    return max(samples // 8, 8)


def permutations(samples: int, features: int) -> int:
    """Shapley value sampling's permutations for a budget of forward passes: each costs features + 1."""
    return max(1, samples // (features + 1))


def attribute(score: FeatureScore, method: str, samples: int, seed: int = 0) -> np.ndarray:
    """One value per feature (how much it raises the score), by `method`. Shapley value sampling walks whole
    permutations, so at few features it spends the same budget on exact marginal contributions where Kernel
    SHAP fits a weighted regression; bench/explain.py shows which needs fewer samples where."""
    import torch
    from captum.attr import FeatureAblation, IntegratedGradients, KernelShap, Lime, ShapleyValueSampling

    torch.manual_seed(seed)
    count = len(score.names)
    present = torch.ones(1, count)
    absent = torch.zeros(1, count)
    if count == 1 and method in ("lime", "kernelshap", "shapley"):  # one feature: its whole effect, which both estimate
        values = score(present) - score(absent)
    elif method == "lime":
        values = Lime(score).attribute(present, baselines=absent, n_samples=samples, perturbations_per_eval=BATCH)
    elif method == "kernelshap":
        values = KernelShap(score).attribute(present, baselines=absent, n_samples=samples, perturbations_per_eval=BATCH)
    elif method == "shapley":
        values = ShapleyValueSampling(score).attribute(
            present, baselines=absent, n_samples=permutations(samples, count), perturbations_per_eval=BATCH
        )
    elif method == "ablation":
        values = FeatureAblation(score).attribute(present, baselines=absent, perturbations_per_eval=BATCH)
    elif method == "ig":
        steps = ig_steps(samples)
        with torch.enable_grad():
            values = IntegratedGradients(score.forward).attribute(
                present, baselines=absent, n_steps=steps, internal_batch_size=BATCH
            )
        score.on_batch(steps)
    else:
        raise ValueError(method)
    return np.asarray(values.detach().float().reshape(-1)[:count], np.float32)


def answer_log_prob(logits: Any, targets: Any, focus: tuple[int, int] | None = None) -> Any:
    """(batch,) the summed log-probability of `targets` (batch, t) under `logits` (batch, t, vocab), where
    logits[:, i] predicts targets[:, i]; `focus` keeps only the positions [start, end) (one word)."""
    import torch

    log_probs = torch.log_softmax(logits.float(), dim=-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    if focus is not None:
        log_probs = log_probs[:, focus[0] : focus[1]]
    return log_probs.sum(-1)
