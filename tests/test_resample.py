"""Resampling to 16 kHz (audio/resample.py): the right length, the tone kept, what cannot be kept removed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop_app.audio.resample import resample


def _tone(hz: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    return np.sin(2 * np.pi * hz * np.arange(int(rate * seconds)) / rate).astype(np.float32)


@pytest.mark.parametrize("source_rate", [8000, 11025, 22050, 32000, 44100, 48000])
def test_a_tone_comes_out_the_same_tone_at_16_khz(source_rate):
    out = resample(_tone(440, source_rate, 1.3), source_rate, 16_000)
    assert out.dtype == np.float32 and len(out) == math.ceil(16_000 * int(source_rate * 1.3) / source_rate)
    expected = _tone(440, 16_000, 1.3)[: len(out)]
    middle = slice(800, len(out) - 800)  # away from the edges, where the filter sees the zero padding
    assert np.abs(out[middle] - expected[middle]).max() < 2e-3


def test_what_16_khz_cannot_hold_is_filtered_out_not_folded_back():
    out = resample(_tone(10_000, 44_100), 44_100, 16_000)  # above the 8 kHz Nyquist frequency
    assert np.sqrt(np.mean(out[800:-800] ** 2)) < 0.01  # under -40 dB of the 0.707 a kept tone has


def test_same_rate_and_empty_input_pass_through():
    samples = _tone(440, 16_000)
    assert resample(samples, 16_000, 16_000) is not None and np.array_equal(resample(samples, 16_000, 16_000), samples)
    assert resample(np.zeros(0, np.float32), 44_100, 16_000).size == 0
