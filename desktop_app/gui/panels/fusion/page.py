"""What every Fusion page has: a message banner, a run/cancel row with progress, and its own job."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from desktop_app.core.results import JobCancelled, JobFailed
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.workers.inference_worker import InferenceWorker


class FusionPage(QWidget):
    def __init__(self, worker: InferenceWorker, run_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = MessageBanner()
        self.run_button = QPushButton(run_label)
        self.run_button.setToolTip(f"{run_label} (Ctrl+Enter)")
        self.cancel_button = QPushButton("Cancel")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        self.cancel_button.clicked.connect(self.job.cancel)

    def run_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in (self.run_button, self.cancel_button, self.progress):
            row.addWidget(widget)
        row.addWidget(self.status, 1)
        return row

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
