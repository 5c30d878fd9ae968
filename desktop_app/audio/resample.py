"""Band-limited resampling to the speech models' 16 kHz, in plain torch.

This is torchaudio's `functional.resample` (windowed-sinc interpolation, Hann window, 6 zero crossings,
roll-off 0.99; BSD 2-Clause, after Julius by Alexandre Défossez), kept here so that the app needs torch and
not torchaudio: torchaudio ties the app to one torch build, and a CPU-only bundle cannot load it. The
output is the same, sample for sample, as the torchaudio call it replaces, so transcripts do not change.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np

ZERO_CROSSINGS = 6  # the filter's half-width, in zero crossings of the sinc: sharper with more
ROLLOFF = 0.99  # the cut-off, as a share of the lower rate's Nyquist frequency


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    samples = np.asarray(samples, dtype=np.float32)
    if source_rate == target_rate or len(samples) == 0:
        return samples
    import torch

    gcd = math.gcd(source_rate, target_rate)
    step_in, step_out = source_rate // gcd, target_rate // gcd
    kernel, width = _kernel(step_in, step_out)
    with torch.inference_mode():
        wave = torch.nn.functional.pad(torch.from_numpy(samples)[None], (width, width + step_in))
        out = torch.nn.functional.conv1d(wave[:, None], kernel, stride=step_in)
        out = out.transpose(1, 2).reshape(-1)[: math.ceil(step_out * len(samples) / step_in)]
    return np.asarray(out.numpy(), dtype=np.float32)


@lru_cache(maxsize=8)
def _kernel(step_in: int, step_out: int) -> tuple[Any, int]:
    """One filter per output phase: y[j] is x convolved with the sinc centred at j / step_out."""
    import torch

    base = min(step_in, step_out) * ROLLOFF
    width = math.ceil(ZERO_CROSSINGS * step_in / base)
    index = torch.arange(-width, width + step_in, dtype=torch.float32)[None, None] / step_in
    t = torch.arange(0, -step_out, -1, dtype=torch.float32)[:, None, None] / step_out + index
    t = (t * base).clamp_(-ZERO_CROSSINGS, ZERO_CROSSINGS)
    window = torch.cos(t * math.pi / ZERO_CROSSINGS / 2) ** 2
    t *= math.pi
    kernels = torch.where(t == 0, torch.tensor(1.0), t.sin() / t)
    return kernels * (window * (base / step_in)), width
