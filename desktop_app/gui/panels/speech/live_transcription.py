"""Live text while recording: slices of new audio go to the worker, one job at a time, and text comes back."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished
from desktop_app.core.requests import LiveTranscriptionRequest
from desktop_app.core.results import LiveTranscriptUpdate
from desktop_app.workers.inference_worker import InferenceWorker

# What the request needs beyond the audio: model, language, speech_task (read when each slice is sent).
RequestOptions = Callable[[], dict[str, str]]


class LiveTranscription(QObject):
    """One recording's live session. Only one live job is in flight at a time: audio that arrives meanwhile
    waits and goes with the next job, so a slow model never makes the worker's queue back up."""

    segments_ready = Signal(object)  # tuple[TranscriptSegment, ...] found in the latest slice
    failed = Signal(object)  # ErrorInfo; the session ends, the final pass after Stop still runs

    def __init__(self, worker: InferenceWorker, options: RequestOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.options = options
        self.session = ""
        self._jobs: set[int] = set()
        self._backlog: list[np.ndarray] = []
        self._rate = 0
        worker.job_finished.connect(self._on_worker_job_finished)
        worker.job_failed.connect(self._on_worker_job_failed)
        worker.job_cancelled.connect(self._on_worker_job_cancelled)

    @property
    def in_flight(self) -> bool:
        return bool(self._jobs)

    def start(self) -> None:
        self.session = uuid.uuid4().hex
        self._backlog.clear()

    def feed(self, samples: np.ndarray, rate: int) -> None:
        if self.session:
            self._submit(samples, rate, final=False)

    def finish(self, rest: np.ndarray, rate: int) -> None:
        """The recording stopped: the last audio goes with `final`, which ends the session on the worker."""
        if self.session:
            self._submit(rest, rate, final=True)
            self.session = ""

    def _submit(self, samples: np.ndarray, rate: int, final: bool) -> None:
        self._backlog.append(samples)
        self._rate = rate
        if self._jobs and not final:
            return
        audio = np.concatenate(self._backlog) if self._backlog else np.zeros(0, dtype=np.float32)
        self._backlog = []
        self._jobs.add(
            self.worker.submit(LiveTranscriptionRequest(self.session, audio, rate, final=final, **self.options()))
        )

    def _on_worker_job_finished(self, event: JobFinished) -> None:
        if event.job_id not in self._jobs:
            return
        self._jobs.discard(event.job_id)
        update: LiveTranscriptUpdate = event.result
        self.segments_ready.emit(update.segments)
        if self._backlog and self.session:  # audio that waited while this job ran
            self._submit(np.zeros(0, dtype=np.float32), self._rate, final=False)

    def _on_worker_job_failed(self, event: JobFailed) -> None:
        if event.job_id in self._jobs:
            self._jobs.discard(event.job_id)
            self.session = ""  # one message is enough
            self.failed.emit(event.error)

    def _on_worker_job_cancelled(self, event: JobCancelled) -> None:
        self._jobs.discard(event.job_id)
