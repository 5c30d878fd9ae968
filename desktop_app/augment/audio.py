"""Speech augmentation with torchaudio: noise at a chosen signal-to-noise ratio, speed and pitch change, and
reverberation through a synthetic room response. The sample rate never changes; every copy is mono float32
within full scale."""

from __future__ import annotations

import random
from typing import Any

import numpy as np


def _torch() -> tuple[Any, Any]:
    import torch
    import torchaudio.functional as functional

    return torch, functional


def noise(samples: np.ndarray, rate: int, strength: float, rng: random.Random) -> tuple[np.ndarray, str]:
    """White noise at an SNR from 40 dB (strength 0) down to 0 dB (strength 1)."""
    torch, functional = _torch()
    snr = 40 - 40 * strength
    generator = torch.Generator().manual_seed(rng.randrange(2**31))
    wave = torch.from_numpy(samples).float().unsqueeze(0)
    hiss = torch.randn(wave.shape, generator=generator)
    noisy = functional.add_noise(wave, hiss, torch.tensor([snr]))
    return _clip(noisy), f"SNR {snr:.0f} dB"


def speed(samples: np.ndarray, rate: int, strength: float, rng: random.Random) -> tuple[np.ndarray, str]:
    """Faster or slower by up to ±30% (pitch moves with it, as on tape)."""
    torch, functional = _torch()
    factor = round(1 + rng.uniform(-0.3, 0.3) * strength, 2)
    wave = torch.from_numpy(samples).float().unsqueeze(0)
    changed, _ = functional.speed(wave, rate, factor)
    return _clip(changed), f"× {factor:.2f}"


def pitch(samples: np.ndarray, rate: int, strength: float, rng: random.Random) -> tuple[np.ndarray, str]:
    """Up or down by up to 4 semitones, the length kept: resampled by the pitch ratio, then stretched back in
    time with a phase vocoder. (torchaudio's pitch_shift does the same with a resampling ratio of large
    co-prime rates, which takes seconds per second of audio; a ratio of small integers takes milliseconds.)"""
    torch, functional = _torch()
    steps = round(rng.uniform(-4, 4) * strength) or (1 if strength > 0 else 0)
    wave = torch.from_numpy(samples).float().unsqueeze(0)
    if steps == 0:
        return samples.copy(), "+0 semitones"
    high, low = round(40 * 2 ** (steps / 12)), 40
    shifted = functional.resample(wave, high, low)  # played at `rate`, the pitch moves by high / low
    n_fft, hop = 512, 128
    window = torch.hann_window(n_fft)
    spectrum = torch.stft(shifted, n_fft, hop, window=window, return_complex=True)
    advance = torch.linspace(0, torch.pi * hop, spectrum.shape[-2])[..., None]
    stretched = functional.phase_vocoder(spectrum, low / high, advance)
    restored = torch.istft(stretched, n_fft, hop, window=window, length=wave.shape[-1])
    return _clip(restored), f"{steps:+d} semitones"


def reverb(samples: np.ndarray, rate: int, strength: float, rng: random.Random) -> tuple[np.ndarray, str]:
    """A room's echo: the sound convolved with exponentially decaying noise (RT60 up to 0.8 s), mixed wet by
    the strength; the length kept."""
    torch, functional = _torch()
    rt60 = 0.1 + 0.7 * strength * rng.random()
    length = int(rate * rt60)
    generator = torch.Generator().manual_seed(rng.randrange(2**31))
    t = torch.arange(length) / rate
    response = torch.randn(length, generator=generator) * torch.exp(-6.9 * t / rt60)  # -60 dB at rt60
    response[0] = 1.0
    response = response / response.norm()
    wave = torch.from_numpy(samples).float().unsqueeze(0)
    wet = functional.fftconvolve(wave, response.unsqueeze(0))[..., : wave.shape[-1]]
    mixed = (1 - strength) * wave + strength * wet * (wave.abs().max() / max(float(wet.abs().max()), 1e-9))
    return _clip(mixed), f"RT60 {rt60:.2f} s"


def _clip(wave: Any) -> np.ndarray:
    samples: np.ndarray = wave.squeeze(0).numpy().astype(np.float32)
    peak = float(np.abs(samples).max()) if samples.size else 0.0
    return (samples / peak * 0.99).astype(np.float32) if peak > 1.0 else samples
