"""One live recording's voice-activity state: audio goes in as it arrives, finished utterances come out."""

from __future__ import annotations

import numpy as np

from desktop_app.audio.vad import DEFAULT_VAD, FRAME, FRAME_S, RATE, SpeechDetector, SpeechTracker, VadSettings


class LiveSession:
    """Cuts the stream at pauses. An utterance ends after `min_silence_s` of quiet, or is cut at
    `max_utterance_s` so that text keeps coming while someone talks without a break."""

    def __init__(
        self, detector: SpeechDetector, settings: VadSettings = DEFAULT_VAD, max_utterance_s: float = 20.0
    ) -> None:
        detector.reset()
        self.detector = detector
        self.settings = settings
        self.max_frames = round(max_utterance_s / FRAME_S)
        self.pad = round(settings.pad_s * RATE)
        self.tracker = SpeechTracker(settings)
        self.language = ""  # detected on the first utterance, then kept
        self._audio = np.zeros(0, dtype=np.float32)
        self._audio_start = 0  # sample index (from the session start) of _audio[0]

    @property
    def pending_s(self) -> float:
        start = self.tracker.start
        return 0.0 if start is None else (self.tracker.frame - start) * FRAME_S

    def feed(self, samples: np.ndarray, final: bool = False) -> list[tuple[float, np.ndarray]]:
        """Returns (start_s, audio) of each utterance that ended within `samples` (all of them when final)."""
        self._audio = np.concatenate([self._audio, np.asarray(samples, dtype=np.float32)])
        utterances: list[tuple[float, np.ndarray]] = []
        tracker = self.tracker
        for p in self.detector.probabilities(samples):
            ended = tracker.step(float(p))
            if ended is not None:
                utterances += self._cut(*ended)
            elif tracker.start is not None and tracker.quiet == 0 and tracker.frame - tracker.start >= self.max_frames:
                utterances += self._cut(*tracker.split(), continuing=True)
        if final and (last := tracker.flush()) is not None:
            utterances += self._cut(*last)
        self._trim()
        return utterances

    def _cut(self, start_frame: int, end_frame: int, continuing: bool = False) -> list[tuple[float, np.ndarray]]:
        if (end_frame - start_frame) * FRAME_S < self.settings.min_speech_s:
            return []
        first = max(self._audio_start, start_frame * FRAME - (0 if continuing else self.pad))
        last = end_frame * FRAME + (0 if continuing else self.pad)
        piece = self._audio[first - self._audio_start : last - self._audio_start].copy()
        return [(first / RATE, piece)]

    def _trim(self) -> None:
        """Keep only what a future utterance can still need: its start, and the padding before it."""
        end = self._audio_start + len(self._audio)
        start = self.tracker.start
        keep_from = end - self.pad if start is None else start * FRAME - self.pad
        keep_from = max(keep_from, self._audio_start)
        self._audio = self._audio[keep_from - self._audio_start :]
        self._audio_start = keep_from
