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


def aopc(score: Callable[[Any], Any], ranking: np.ndarray, top: int, seed: int = 0) -> tuple[float, float]:
    """(AOPC of `ranking`, AOPC of random removals) for k = 1…top; `score` maps word masks to the score."""
    import torch

    count = len(ranking)
    top = max(1, min(top, count))
    rng = np.random.default_rng(seed)
    masks = [np.ones(count, np.float32)]
    for k in range(1, top + 1):
        ranked = np.ones(count, np.float32)
        ranked[np.argsort(-ranking)[:k]] = 0
        masks.append(ranked)
        for _ in range(RANDOM_DRAWS):
            drawn = np.ones(count, np.float32)
            drawn[rng.choice(count, size=k, replace=False)] = 0
            masks.append(drawn)
    values = score(torch.tensor(np.stack(masks))).detach().float().numpy()
    full, rest = float(values[0]), values[1:].reshape(top, 1 + RANDOM_DRAWS)
    return float(np.mean(full - rest[:, 0])), float(np.mean(full - rest[:, 1:]))


def agreement(first: np.ndarray, second: np.ndarray) -> float:
    """Spearman's rank correlation (0 when either has no spread)."""
    from scipy.stats import spearmanr

    if len(first) < 2 or np.ptp(first) == 0 or np.ptp(second) == 0:
        return 0.0
    return float(spearmanr(first, second).statistic)
