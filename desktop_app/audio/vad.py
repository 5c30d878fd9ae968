"""Voice activity with Silero VAD (the `silero-vad` package's TorchScript model), for files and live audio.

The package is used for its weights only: importing it would set torch to one thread for the whole process.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.errors import ModelNotFoundError
from desktop_app.core.i18n import arg, tr

FRAME = 512  # samples per VAD step at 16 kHz (32 ms), what the model was trained on
RATE = 16_000
FRAME_S = FRAME / RATE
VAD_PIN = "silero-vad==6.2.3"


@dataclass(frozen=True)
class VadSettings:
    threshold: float = 0.5  # a frame above this starts speech
    neg_threshold: float = 0.35  # speech goes on until frames fall below this...
    min_silence_s: float = 0.5  # ...for this long
    min_speech_s: float = 0.25  # shorter bursts are noise
    pad_s: float = 0.2  # kept around each region so word edges are not cut


DEFAULT_VAD = VadSettings()


def vad_weights() -> Path:
    spec = importlib.util.find_spec("silero_vad")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "data" / "silero_vad.jit"
        if candidate.is_file():
            return candidate
    raise ModelNotFoundError(
        tr("The voice activity model (Silero VAD) is not installed."),
        hint=arg(tr("Install it with:  pip install --no-deps %1   (or turn off 'Skip silence')."), VAD_PIN),
    )


class SpeechDetector:
    """Speech probability per 32 ms frame. Stateful across calls (the model is recurrent); `reset()` between
    unrelated audio."""

    def __init__(self) -> None:
        import torch

        self._torch = torch
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.jit.load's deprecation notice; the file is TorchScript
            self._model: Any = torch.jit.load(str(vad_weights()), map_location="cpu").eval()
        self._tail = np.zeros(0, dtype=np.float32)

    def reset(self) -> None:
        self._model.reset_states()
        self._tail = np.zeros(0, dtype=np.float32)

    def probabilities(self, samples: np.ndarray) -> np.ndarray:
        """Probabilities of the whole frames in `tail + samples`; a partial last frame waits for the next call."""
        audio = np.concatenate([self._tail, np.asarray(samples, dtype=np.float32)])
        whole = len(audio) // FRAME * FRAME
        self._tail = audio[whole:]
        probs = np.empty(whole // FRAME, dtype=np.float32)
        torch = self._torch
        with torch.inference_mode():
            frames = torch.from_numpy(np.ascontiguousarray(audio[:whole])).reshape(-1, FRAME)
            for i in range(len(probs)):
                probs[i] = float(self._model(frames[i], RATE))
        return probs

    def whole_file_probabilities(
        self, samples: np.ndarray, chunk_frames: int = 256, warmup_frames: int = 64
    ) -> np.ndarray:
        """Probabilities of a whole clip in memory (see `stream_probabilities`). Resets the state."""
        return self.stream_probabilities([samples], chunk_frames, warmup_frames)

    def stream_probabilities(
        self, blocks: Iterable[np.ndarray], chunk_frames: int = 256, warmup_frames: int = 64, batch_chunks: int = 64
    ) -> np.ndarray:
        """Probabilities of a clip that arrives in consecutive blocks, many times faster than `probabilities`:
        the clip is cut into chunks run side by side as one batch. Each chunk after the first starts
        `warmup_frames` early, from a fresh state, and those frames' outputs are dropped, so every chunk has
        seen 2 s of audio before its first kept frame (a fresh state at the start of real audio is what the
        model does at a clip's start). Only the chunks in flight are held: memory does not grow with the
        clip. Resets the state."""
        span = chunk_frames + warmup_frames
        held = np.zeros((0, FRAME), np.float32)  # frames from `held_from` on
        held_from, total, next_chunk = 0, 0, 0
        partial = np.zeros(0, np.float32)
        kept: list[np.ndarray] = []
        for block in blocks:
            audio = np.concatenate([partial, np.asarray(block, dtype=np.float32)])
            whole = len(audio) // FRAME * FRAME
            partial = audio[whole:]
            held = np.concatenate([held, audio[:whole].reshape(-1, FRAME)])
            total += whole // FRAME
            ready = max(0, (total - span) // chunk_frames + 1 - next_chunk)  # chunks whose input is all here
            while ready >= batch_chunks:
                take = min(ready, batch_chunks)
                kept += self._run_chunks(
                    held, held_from, range(next_chunk, next_chunk + take), chunk_frames, span, warmup_frames
                )
                next_chunk, ready = next_chunk + take, ready - take
                drop = next_chunk * chunk_frames - held_from
                held, held_from = held[drop:], held_from + drop
        if total <= span:  # a short clip: one chunk from the start, frame by frame
            self.reset()
            probs = self.probabilities(held.reshape(-1))
            self.reset()
            return probs
        last = range(next_chunk, len(range(0, total - warmup_frames, chunk_frames)))
        if len(last):
            pad = last[-1] * chunk_frames + span - total
            held = np.concatenate([held, np.zeros((max(pad, 0), FRAME), np.float32)])
            kept += self._run_chunks(held, held_from, last, chunk_frames, span, warmup_frames)
        return np.concatenate(kept)[:total]

    def _run_chunks(
        self, held: np.ndarray, held_from: int, chunks: range, chunk_frames: int, span: int, warmup_frames: int
    ) -> list[np.ndarray]:
        starts = [k * chunk_frames - held_from for k in chunks]
        batch = self._torch.from_numpy(np.stack([held[s : s + span] for s in starts]))
        out = np.empty((len(starts), span), dtype=np.float32)
        self.reset()
        with self._torch.inference_mode():
            for i in range(span):
                out[:, i] = self._model(batch[:, i], RATE).reshape(-1).numpy()
        self.reset()
        return [out[row] if k == 0 else out[row, warmup_frames:] for row, k in enumerate(chunks)]


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
