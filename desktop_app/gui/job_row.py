"""A run button, Cancel, a progress bar and a status line over one PanelJob: the row every Fusion page and
the compression lab share. `submit` checks the request first, so bad input is said, never sent."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.requests import Request
from desktop_app.core.results import JobCancelled, JobFailed
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.workers.inference_worker import InferenceWorker


class JobRow(QWidget):
    def __init__(self, worker: InferenceWorker, run_label: str, banner: MessageBanner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.run_button = QPushButton(run_label)
        self.run_button.setToolTip(f"{run_label} (Ctrl+Enter)")
        self.cancel_button = QPushButton("Cancel")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        # a long status must not widen the window: it is cut, and whole in the tooltip
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.run_button, self.cancel_button, self.progress):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.cancel_button.clicked.connect(self.job.cancel)
        self.set_state()

    def submit(self, request: Request, status: str) -> bool:
        """Validate, then send; an invalid request is explained in the banner and not sent."""
        if self.job.running:
            return False
        try:
            request.validate()
        except InvalidRequestError as error:
            self.banner.show_message(error.message, "warning")
            return False
        self.banner.hide()
        self.job.submit(request)
        self.set_state(status)
        return True

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self.set_state("Failed")

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        self.set_state("Stopped")

    def set_state(self, status: str | None = None) -> None:
        running = self.job.running
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if status is not None:
            self.status.setText(status)
            self.status.setToolTip(status)
