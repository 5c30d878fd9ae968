"""Voice activity with the real Silero model: the fast whole-file pass, and speech laid end to end."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from desktop_app.audio.decoding import load_audio
from desktop_app.audio.vad import FRAME, RATE, SpeechDetector, SpeechTimeline, speech_regions, vad_weights


def test_timeline_joins_regions_and_maps_times_back():
    samples = np.arange(10 * RATE, dtype=np.float32)
    timeline = SpeechTimeline.of([(1.0, 2.0), (5.0, 5.5), (8.0, 10.0)])
    joined = timeline.join(samples)
    assert len(joined) == round(3.5 * RATE)
    assert joined[0] == samples[RATE] and joined[RATE] == samples[5 * RATE]  # the second region follows the first
    assert timeline.to_clip_time(0.0) == 1.0
    assert timeline.to_clip_time(0.5) == 1.5
    assert timeline.to_clip_time(1.0) == 5.0  # a start on the seam belongs to the next region...
    assert timeline.to_clip_time(1.0, is_end=True) == 2.0  # ...an end to the one before
    assert timeline.to_clip_time(1.25) == 5.25
    assert timeline.to_clip_time(3.5, is_end=True) == 10.0
    assert timeline.to_clip_time(99.0) == 10.0  # past the end: the end of the last region
    assert SpeechTimeline.of([]).join(samples).size == 0


@pytest.fixture(scope="module")
def long_samples(speech_clips) -> np.ndarray:
    return load_audio(speech_clips.long_clip).samples


def silero_as_shipped(samples: np.ndarray) -> np.ndarray:
    """The reference: the package's own TorchScript model, called frame by frame as its README calls it."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.jit.load's deprecation notice; the file is TorchScript
        model = torch.jit.load(str(vad_weights("silero_vad.jit")), map_location="cpu").eval()
    frames = torch.from_numpy(np.ascontiguousarray(samples[: len(samples) // FRAME * FRAME])).reshape(-1, FRAME)
    with torch.inference_mode():
        return np.array([float(model(frame, RATE)) for frame in frames], dtype=np.float32)


def test_the_one_pass_over_a_file_is_silero_frame_by_frame(long_samples: np.ndarray):
    reference = silero_as_shipped(long_samples)
    detector = SpeechDetector()
    whole = detector.whole_file_probabilities(long_samples)
    assert whole.shape == reference.shape
    assert np.abs(whole - reference).max() < 1e-4
    assert len(speech_regions(whole)) >= 6
    assert speech_regions(whole) == speech_regions(reference)
    # In blocks of any size, frames cut across blocks included (a file read a block at a time, a live
    # recording as it arrives): the same, since the state and each frame's context carry over.
    sizes = np.random.default_rng(0).integers(1, 3 * RATE, size=len(long_samples) // RATE)
    cuts = np.cumsum(sizes)
    blocks = np.split(long_samples, cuts[cuts < len(long_samples)])
    assert np.abs(detector.stream_probabilities(blocks) - reference).max() < 1e-4
    detector.reset()
    pieces = [detector.probabilities(block) for block in blocks]
    assert np.abs(np.concatenate(pieces) - reference).max() < 1e-4


def test_whole_file_pass_of_a_short_clip_and_of_silence():
    detector = SpeechDetector()
    assert detector.whole_file_probabilities(np.zeros(RATE, np.float32)).max() < 0.1
    assert detector.whole_file_probabilities(np.zeros(100, np.float32)).size == 0
