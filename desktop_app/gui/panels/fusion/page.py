"""What every Fusion page has: the job shape every panel shares (banner, bar, status, Esc), with its run
button and Cancel in one row."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from desktop_app.gui.job_panel import JobPanel
from desktop_app.workers.inference_worker import InferenceWorker


class FusionPage(QWidget, JobPanel):
    run_button: QPushButton
    cancel_button: QPushButton

    def __init__(self, worker: InferenceWorker, run_label: str, run_icon: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.init_job(worker)
        self.row = self.job_row(run_label, run_icon)
