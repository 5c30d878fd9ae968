"""Writes each job's result to the history database the moment it arrives on the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop_app.core.events import JobCancelled, JobFinished
from desktop_app.store.history import HistoryStore
from desktop_app.store.job_records import record_job

log = logging.getLogger(__name__)


class HistoryRecorder(QObject):
    entry_added = Signal(int)

    def __init__(self, history: HistoryStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history

    def on_worker_job_finished(self, event: JobFinished) -> None:
        self._record(event.request, event.result, "finished")

    def on_worker_job_cancelled(self, event: JobCancelled) -> None:
        if event.partial_result is not None:  # a stopped generation's text is still the user's work
            self._record(event.request, event.partial_result, "cancelled")

    def _record(self, request: object, result: object, status: str) -> None:
        try:
            entry_id = record_job(self.history, request, result, status)  # type: ignore[arg-type]
        except Exception:  # a full disk must not take the window down; the result is still on screen
            log.exception("could not write the history entry")
            return
        if entry_id is not None:
            self.entry_added.emit(entry_id)
