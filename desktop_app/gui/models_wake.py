"""The models' process starts again when the user comes back to the window.

That process ends once the idle timer has unloaded its last model, so that an app left open all day gives all its
memory back (workers/worker_process.py). A fresh one takes ~3 s to import its runtime; started the moment the
window is active again, or at the first key or click in it (for someone who never left it), it is ready before
the user has typed what they came back for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.core.events import ModelsUnloaded
from desktop_app.core.model_requests import WarmUpRequest

_INPUT = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)


class ModelsWake(QObject):
    def __init__(self, worker: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.asleep = False  # the process ended idle and nothing has started it since
        worker.models_unloaded.connect(self.on_worker_models_unloaded)
        worker.job_started.connect(self.on_worker_job_started)
        self._app = QGuiApplication.instance()
        if self._app is not None:
            self._app.applicationStateChanged.connect(self.on_application_state_changed)  # type: ignore[attr-defined]

    def stop(self) -> None:
        """At shutdown: the application object outlives this window (tests build many)."""
        self._awake()
        if self._app is not None:
            self._app.applicationStateChanged.disconnect(self.on_application_state_changed)  # type: ignore[attr-defined]
            self._app = None

    def on_worker_models_unloaded(self, event: ModelsUnloaded) -> None:
        if event.process_ended and not self.asleep and self._app is not None:
            self.asleep = True
            self._app.installEventFilter(self)  # only while asleep: input costs nothing otherwise

    def on_worker_job_started(self, _event: Any) -> None:
        self._awake()  # any job starts the process

    def on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.wake()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.wake()
        return False

    def wake(self) -> None:
        if self.asleep:
            self._awake()
            self.worker.submit(WarmUpRequest())

    def _awake(self) -> None:
        if self.asleep and self._app is not None:
            self._app.removeEventFilter(self)
        self.asleep = False
