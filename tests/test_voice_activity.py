"""Voice activity with the real Silero model: the fast whole-file pass, and speech laid end to end."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.audio.decoding import load_audio
from desktop_app.audio.vad import FRAME_S, RATE, SpeechDetector, SpeechTimeline, speech_regions


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


def test_whole_file_pass_finds_the_same_speech_as_frame_by_frame(long_samples: np.ndarray):
    detector = SpeechDetector()
    detector.reset()
    one_by_one = detector.probabilities(long_samples)
    batched = detector.whole_file_probabilities(long_samples)
    assert batched.shape == one_by_one.shape
    exact, fast = speech_regions(one_by_one), speech_regions(batched)
    assert len(fast) == len(exact) >= 6
    # chunks start from a fresh state after 2 s of warm-up: region edges may move by a frame, not more
    shifts = [abs(a - b) for pair in zip(exact, fast, strict=True) for a, b in zip(*pair, strict=True)]
    assert max(shifts) <= FRAME_S + 1e-9


def test_whole_file_pass_of_a_short_clip_and_of_silence():
    detector = SpeechDetector()
    assert detector.whole_file_probabilities(np.zeros(RATE, np.float32)).max() < 0.1
    assert detector.whole_file_probabilities(np.zeros(100, np.float32)).size == 0
