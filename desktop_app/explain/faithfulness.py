"""How far to trust an explanation.

- Faithfulness: remove the k words an explanation ranks highest and measure how much the explained score
  falls, against removing k words at random; averaged over k = 1…K this is the AOPC (area over the
  perturbation curve). A method whose top words matter falls far more than random.
- Agreement: Spearman's rank correlation between two methods' scores over the same words (1: the same order,
  0: unrelated, -1: reversed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

RANDOM_DRAWS = 8  # random subsets per k: the random curve's noise shrinks with their number


class Faithfulness:
    """AOPC for each method's ranking against one random baseline: the full input's score and the random
    removals are scored once, and each ranking costs `top` more forward passes."""

    def __init__(self, score: Callable[[Any], Any], count: int, top: int, seed: int = 0) -> None:
        self.score, self.count, self.top = score, count, max(1, min(top, count))
        rng = np.random.default_rng(seed)
        masks = [np.ones(count, np.float32)]
        for k in range(1, self.top + 1):
            for _ in range(RANDOM_DRAWS):
                drawn = np.ones(count, np.float32)
                drawn[rng.choice(count, size=k, replace=False)] = 0
                masks.append(drawn)
        values = self._scores(masks)
        self.full, self.random = float(values[0]), float(np.mean(values[0] - values[1:]))

    def _scores(self, masks: list[np.ndarray]) -> np.ndarray:
        import torch

        return np.asarray(self.score(torch.tensor(np.stack(masks))).detach().float().cpu().numpy())

    def of(self, ranking: np.ndarray) -> tuple[float, float]:
        """(AOPC of removing the ranking's top 1…top features, AOPC of removing as many at random)."""
        masks = []
        for k in range(1, self.top + 1):
            ranked = np.ones(self.count, np.float32)
            ranked[np.argsort(-np.asarray(ranking))[:k]] = 0
            masks.append(ranked)
        return float(np.mean(self.full - self._scores(masks))), self.random


def aopc(score: Callable[[Any], Any], ranking: np.ndarray, top: int, seed: int = 0) -> tuple[float, float]:
    """(AOPC of `ranking`, AOPC of random removals) for k = 1…top; `score` maps feature masks to the score."""
    return Faithfulness(score, len(ranking), top, seed).of(ranking)


def agreement(first: np.ndarray, second: np.ndarray) -> float:
    """Spearman's rank correlation (0 when either has no spread)."""
    from scipy.stats import spearmanr

    if len(first) < 2 or np.ptp(first) == 0 or np.ptp(second) == 0:
        return 0.0
    return float(spearmanr(first, second).statistic)
