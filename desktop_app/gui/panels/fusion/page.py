"""What every Fusion page has: a message banner and a job row (run, Cancel, progress, status)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.gui.job_row import JobRow
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.store.history import HistoryEntry
from desktop_app.workers.inference_worker import InferenceWorker


class FusionPage(QWidget):
    def __init__(self, worker: InferenceWorker, run_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = MessageBanner()
        self.row = JobRow(worker, run_label, self.banner)
        self.job, self.run_button, self.status = self.row.job, self.row.run_button, self.row.status
        self.job.cancelled.connect(self._on_job_cancelled)

    def _on_job_cancelled(self, event: object) -> None:
        """Pages that keep partial results show them here."""

    def load_entry(self, entry: HistoryEntry) -> None:
        """Show a job of this page's kind from history."""
        raise NotImplementedError

    def set_state(self, status: str | None = None) -> None:
        self.row.set_state(status)
