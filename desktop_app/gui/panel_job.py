"""One job at a time on the worker: it submits the request, passes on the worker's events for that job only,
and shows the job's progress on a bar and a status line. Under every panel (gui/job_panel.py), the model
manager and the model banner's downloads."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished, JobPartial, JobProgress
from desktop_app.core.i18n import tr
from desktop_app.core.requests import Request
from desktop_app.gui.widgets.elided_label import ElidedLabel
from desktop_app.gui.widgets.progress import progress_text, show_fraction, streamed_fraction
from desktop_app.workers.inference_worker import InferenceWorker


class PanelJob(QObject):
    partial = Signal(object)  # JobPartial
    finished = Signal(object)  # JobFinished; `running` is already False when it arrives
    failed = Signal(object)  # JobFailed
    cancelled = Signal(object)  # JobCancelled, with any partial result

    def __init__(
        self,
        worker: InferenceWorker,
        progress: QProgressBar,
        status: QLabel | ElidedLabel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.progress, self.status = worker, progress, status
        self.job_id: int | None = None
        self.request: Request | None = None
        worker.job_progress.connect(self._on_worker_job_progress)
        worker.job_partial.connect(self._on_worker_job_partial)
        worker.job_finished.connect(self._on_worker_job_finished)
        worker.job_failed.connect(self._on_worker_job_failed)
        worker.job_cancelled.connect(self._on_worker_job_cancelled)

    @property
    def running(self) -> bool:
        return self.job_id is not None

    def submit(self, request: Request) -> int:
        assert self.job_id is None, tr("one job at a time per panel")
        self.job_id = self.worker.submit(request)
        self.request = request
        self.progress.setRange(0, 0)  # busy until the job says how far it is
        self.status.setText(tr("Waiting for the worker…"))
        return self.job_id

    def cancel(self) -> None:
        if self.job_id is not None:
            self.worker.cancel(self.job_id)
            self.status.setText(tr("Stopping…"))

    def _mine(self, job_id: int) -> bool:
        return job_id == self.job_id and job_id is not None

    def _on_worker_job_progress(self, event: JobProgress) -> None:
        if self._mine(event.job_id):
            self.status.setText(progress_text(event.message, event.fraction))
            show_fraction(self.progress, event.fraction)

    def _on_worker_job_partial(self, event: JobPartial) -> None:
        if self._mine(event.job_id):
            fraction = streamed_fraction(self.request, event.items)
            if fraction is not None:
                show_fraction(self.progress, fraction)
            self.partial.emit(event)

    def _on_worker_job_finished(self, event: JobFinished) -> None:
        if self._mine(event.job_id):
            self.job_id = None
            self.finished.emit(event)

    def _on_worker_job_failed(self, event: JobFailed) -> None:
        if self._mine(event.job_id):
            self.job_id = None
            self.failed.emit(event)

    def _on_worker_job_cancelled(self, event: JobCancelled) -> None:
        if self._mine(event.job_id):
            self.job_id = None
            self.cancelled.emit(event)
