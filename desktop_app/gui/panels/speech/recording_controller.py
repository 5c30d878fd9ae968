"""Drives a Recorder from the GUI thread: meter and waveform updates, and live audio handed out in slices."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.audio.recorder import Recorder, RecordingInfo
from desktop_app.core.i18n import arg, tr

UI_INTERVAL_MS = 50  # meter and waveform at 20 frames/s
LIVE_INTERVAL_S = 1.0  # how often new audio goes to the live transcriber


class RecordingController(QObject):
    level_changed = Signal(float)
    waveform_changed = Signal(object)  # numpy array of peaks
    elapsed_changed = Signal(float)
    live_audio = Signal(object, int)  # samples, rate: a new slice for live transcription
    failed = Signal(str)  # e.g. the disk filled up while writing

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.recorder: Recorder | None = None
        self.live = False
        self._timer = QTimer(self)
        self._timer.setInterval(UI_INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last_live = 0.0
        self._told = False

    @property
    def is_recording(self) -> bool:
        return self.recorder is not None and self.recorder.is_recording

    def start(self, path: Path, device: int | None, live: bool) -> None:
        """Raises AudioDeviceError (shown by the panel) when the device cannot be opened."""
        recorder = Recorder(path, device)
        recorder.start()
        self.recorder = recorder
        self.live = live
        self._last_live = time.monotonic()
        self._told = False
        self._timer.start()

    def stop(self) -> tuple[RecordingInfo, np.ndarray]:
        """Stops capture; returns the recording and the audio not yet handed to live transcription."""
        assert self.recorder is not None
        self._timer.stop()
        info = self.recorder.stop()
        rest = self.recorder.take_new_audio()
        self.level_changed.emit(0.0)
        return info, rest

    def _on_timer_timeout(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        self.level_changed.emit(recorder.level)
        self.waveform_changed.emit(recorder.waveform())
        self.elapsed_changed.emit(recorder.elapsed_s)
        if recorder.error is not None and not self._told:  # once: the recording goes on being heard
            self._told = True
            self.failed.emit(
                arg(
                    tr(
                        "The recording could not be written any further (%1). The first %2 s are saved in %3; "
                        "free some disk space to record more."
                    ),
                    recorder.error,
                    f"{recorder.written_s:.0f}",
                    recorder.path,
                )
            )
        now = time.monotonic()
        if self.live and now - self._last_live >= LIVE_INTERVAL_S:
            self._last_live = now
            samples = recorder.take_new_audio()
            if len(samples):
                self.live_audio.emit(samples, recorder.rate)
        elif not self.live:
            recorder.take_new_audio()  # nobody wants it: don't let it pile up
