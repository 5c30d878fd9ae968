"""Voice activity with Silero VAD, for files and live audio.

The `silero-vad` package is used for its weights only (importing it would set torch to one thread for the
whole process): its sequence export, which takes any number of 32 ms frames in one ONNX Runtime call and
carries the recurrent state between calls. So a whole file is one pass, exactly what the model computes frame by
frame, with no torch and no TorchScript warm-up.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.errors import ModelNotFoundError
from desktop_app.core.i18n import arg, tr

FRAME = 512  # samples per VAD step at 16 kHz (32 ms), what the model was trained on
CONTEXT = 64  # samples of the frame before that the model sees with each frame
STATE = (1, 1, 128)  # the recurrent layer's hidden and cell state
RATE = 16_000
FRAME_S = FRAME / RATE
VAD_PIN = "silero-vad==6.2.3"
WEIGHTS = "silero_vad_16k_sequence.onnx"
BLOCK = 4096 * FRAME  # samples a call takes at most from a clip in memory (131 s; its input is then 9 MB)


@dataclass(frozen=True)
class VadSettings:
    threshold: float = 0.5  # a frame above this starts speech
    neg_threshold: float = 0.35  # speech goes on until frames fall below this...
    min_silence_s: float = 0.5  # ...for this long
    min_speech_s: float = 0.25  # shorter bursts are noise
    pad_s: float = 0.2  # kept around each region so word edges are not cut


DEFAULT_VAD = VadSettings()


def vad_weights(name: str = WEIGHTS) -> Path:
    spec = importlib.util.find_spec("silero_vad")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "data" / name
        if candidate.is_file():
            return candidate
    raise ModelNotFoundError(
        tr("The voice activity model (Silero VAD) is not installed."),
        hint=arg(tr("Install it with:  pip install --no-deps %1   (or turn off 'Skip silence')."), VAD_PIN),
    )


class SpeechDetector:
    """Speech probability per 32 ms frame. Stateful across calls (the model is recurrent, and each frame sees
    the end of the one before); `reset()` between unrelated audio."""

    def __init__(self) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # a recurrent pass over frames: a second thread gains nothing
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # the export's unused initializers are reported at warning level
        self._session: Any = onnxruntime.InferenceSession(
            str(vad_weights()), options, providers=["CPUExecutionProvider"]
        )
        self.reset()

    def reset(self) -> None:
        self._state = [np.zeros(STATE, np.float32), np.zeros(STATE, np.float32)]
        self._context = np.zeros(CONTEXT, np.float32)
        self._tail = np.zeros(0, dtype=np.float32)

    def probabilities(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities of the whole frames in `tail + samples`, in one call however many there are; a partial
        last frame waits for the next call."""
        audio = np.concatenate([self._tail, np.asarray(samples, dtype=np.float32).reshape(-1)])
        count = len(audio) // FRAME
        self._tail = audio[count * FRAME :]
        if count == 0:
            return np.zeros(0, np.float32)
        frames = audio[: count * FRAME].reshape(count, FRAME)
        before = np.concatenate([self._context[None], frames[:-1, -CONTEXT:]])
        self._context = frames[-1, -CONTEXT:].copy()
        inputs = {"input": np.concatenate([before, frames], axis=1), "h": self._state[0], "c": self._state[1]}
        probs, *self._state = self._session.run(None, inputs)
        return np.asarray(probs, dtype=np.float32).reshape(-1)

    def whole_file_probabilities(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities of a whole clip in memory, a block at a time (what a call holds stays small). Resets the
        state."""
        return self.stream_probabilities(samples[i : i + BLOCK] for i in range(0, len(samples), BLOCK))

    def stream_probabilities(self, blocks: Iterable[np.ndarray]) -> np.ndarray:
        """Probabilities of a clip that arrives in consecutive blocks, each block one call: only a block is held
        at a time, and the result is the same as frame by frame. Resets the state."""
        self.reset()
        try:
            found = [self.probabilities(block) for block in blocks]
        finally:
            self.reset()
        return np.concatenate(found) if found else np.zeros(0, np.float32)


class SpeechTracker:
    """Hysteresis over frame probabilities, one frame at a time: speech starts at a frame above `threshold`
    and ends after `min_silence_s` of frames below `neg_threshold`. Shared by files and live sessions."""

    def __init__(self, settings: VadSettings = DEFAULT_VAD) -> None:
        self.settings = settings
        self.min_quiet = max(1, round(settings.min_silence_s / FRAME_S))
        self.frame = 0  # frames seen so far
        self.start: int | None = None  # first frame of the speech going on, if any
        self.quiet = 0  # quiet frames since the last speech frame

    def step(self, p: float) -> tuple[int, int] | None:
        """Take one frame; returns (start, end) frames of the speech this frame ended, if it ended one."""
        i = self.frame
        self.frame += 1
        if self.start is None:
            if p >= self.settings.threshold:
                self.start, self.quiet = i, 0
        elif p < self.settings.neg_threshold:
            self.quiet += 1
            if self.quiet >= self.min_quiet:
                return self._end(i - self.quiet + 1)
        else:
            self.quiet = 0
        return None

    def flush(self) -> tuple[int, int] | None:
        """End the speech going on at the last speech frame (end of input)."""
        return None if self.start is None else self._end(self.frame - self.quiet)

    def split(self) -> tuple[int, int]:
        """Cut the speech going on here and go on with a new stretch from this frame."""
        assert self.start is not None
        region = (self.start, self.frame)
        self.start, self.quiet = self.frame, 0
        return region

    def _end(self, end: int) -> tuple[int, int]:
        assert self.start is not None
        region = (self.start, end)
        self.start, self.quiet = None, 0
        return region


def speech_regions(
    probs: np.ndarray, settings: VadSettings = DEFAULT_VAD, duration_s: float | None = None
) -> list[tuple[float, float]]:
    """(start_s, end_s) of each stretch of speech, padded, shorter ones dropped, overlaps merged."""
    tracker = SpeechTracker(settings)
    regions = [region for p in probs if (region := tracker.step(float(p))) is not None]
    if (last := tracker.flush()) is not None:
        regions.append(last)
    end_limit = duration_s if duration_s is not None else len(probs) * FRAME_S
    padded = [
        (max(0.0, a * FRAME_S - settings.pad_s), min(end_limit, b * FRAME_S + settings.pad_s))
        for a, b in regions
        if (b - a) * FRAME_S >= settings.min_speech_s
    ]
    return _merge_overlaps(padded)


def _merge_overlaps(regions: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in regions:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


@dataclass(frozen=True)
class SpeechTimeline:
    """A clip's speech regions laid end to end, and the way back to the clip's own time. Whisper then hears
    speech only, as in faster-whisper's VAD filter: silence costs no encoder pass, and each 30 s input is
    full of words."""

    spans: tuple[tuple[int, int], ...]  # (first sample, end sample) of each region in the clip, in order

    @classmethod
    def of(cls, regions: list[tuple[float, float]]) -> SpeechTimeline:
        return cls(tuple((round(a * RATE), round(b * RATE)) for a, b in regions if round(b * RATE) > round(a * RATE)))

    def join(self, samples: Any) -> np.ndarray:
        return JoinedSpeech(samples, self)[:]

    def to_clip_time(self, seconds: float, is_end: bool = False) -> float:
        """The clip's time of a time in the joined speech. A time on the seam of two regions is the end of
        the first when `is_end`, else the start of the second."""
        position = round(seconds * RATE)
        passed = 0
        for a, b in self.spans:
            length = b - a
            if position < passed + length or (is_end and position == passed + length):
                return (a + max(0, position - passed)) / RATE
            passed += length
        return self.spans[-1][1] / RATE if self.spans else 0.0


@dataclass(frozen=True)
class JoinedSpeech:
    """The speech of `source` laid end to end, read on demand: a slice reads only the regions it covers, so a
    long file's speech is never held whole. `source` is anything that slices in 16 kHz samples (an array, an
    AudioFile)."""

    source: Any
    timeline: SpeechTimeline

    def __len__(self) -> int:
        return sum(b - a for a, b in self.timeline.spans)

    def __getitem__(self, key: slice) -> np.ndarray:
        start, stop, _ = key.indices(len(self))
        pieces, passed = [], 0
        for a, b in self.timeline.spans:
            low, high = max(start - passed, 0), min(stop - passed, b - a)
            if low < high:
                pieces.append(np.asarray(self.source[a + low : a + high], dtype=np.float32))
            passed += b - a
            if passed >= stop:
                break
        return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
