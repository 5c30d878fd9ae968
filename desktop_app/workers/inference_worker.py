"""One long-lived thread that owns every model and runs jobs one at a time from a queue.

The GUI submits frozen requests and gets frozen events back through signals; cancel is a per-job
threading.Event set straight from the GUI thread and checked by the engines at every step.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ErrorInfo, JobCancelledError
from desktop_app.core.events import (
    JobCancelled,
    JobFailed,
    JobFinished,
    JobPartial,
    JobProgress,
    JobStarted,
    ModelsChanged,
    ModelsUnloaded,
)
from desktop_app.core.requests import Request
from desktop_app.core.results import LoadedModel
from desktop_app.workers.failures import describe_failure
from desktop_app.workers.throttle import PartialBatcher, ProgressThrottle
from desktop_app.workers.worker_process import FailedInWorker

log = logging.getLogger(__name__)


class JobRunner(Protocol):
    """What the worker runs jobs with: the real Workbench, or a fake in fast GUI tests."""

    def run(self, request: Request, ctx: JobContext) -> Any: ...

    def loaded_models(self) -> tuple[LoadedModel, ...]: ...

    def unload_idle(self) -> tuple[LoadedModel, ...]: ...


@dataclass(frozen=True)
class _Job:
    job_id: int
    request: Request
    cancel_event: threading.Event


_STOP = object()  # queue sentinel that ends the worker loop


class _ServingThread(QThread):
    """Runs the worker loop as the thread's body.

    Not `thread.started.connect(worker._serve)`: PySide can route a new connection to a bound method of an
    earlier, garbage-collected worker at the same address, leaving a fresh thread serving a dead queue.
    The worker QObject itself stays on the GUI thread; its signals, emitted from here, arrive queued.
    """

    def __init__(self, serve: Callable[[], None]) -> None:
        super().__init__()
        self._serve_loop = serve

    def run(self) -> None:
        self._serve_loop()


class InferenceWorker(QObject):
    job_started = Signal(object)  # JobStarted
    job_progress = Signal(object)  # JobProgress
    job_partial = Signal(object)  # JobPartial
    job_finished = Signal(object)  # JobFinished
    job_failed = Signal(object)  # JobFailed
    job_cancelled = Signal(object)  # JobCancelled
    models_changed = Signal(object)  # ModelsChanged
    models_unloaded = Signal(object)  # ModelsUnloaded: unused for the runtime's time
    busy_changed = Signal(bool)

    def __init__(self, runner_factory: Callable[[], JobRunner], reports_dir: Path | None = None) -> None:
        super().__init__()
        self._runner_factory = runner_factory
        self._reports_dir = reports_dir  # where a job's unexpected error is written up (store/crash_reports.py)
        self._runner: JobRunner | None = None
        self._queue: queue.Queue[Any] = queue.Queue()
        self._ids = itertools.count(1)
        self._events: dict[int, threading.Event] = {}
        self._events_lock = threading.Lock()
        self._thread: QThread | None = None
        self._last_models: tuple[LoadedModel, ...] = ()
        self._said_ended = False  # models_unloaded has said the models' process ended, and it has not started since
        self.idle_check_s = 15.0  # how often an idle worker looks for models unused too long

    # ---- GUI-thread API -------------------------------------------------------------------------------
    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        thread = _ServingThread(self._serve)
        thread.setObjectName("InferenceWorker")
        self._thread = thread
        thread.start()

    def submit(self, request: Request) -> int:
        job_id = next(self._ids)
        event = threading.Event()
        with self._events_lock:
            self._events[job_id] = event
        self._queue.put(_Job(job_id, request, event))
        return job_id

    def cancel(self, job_id: int) -> None:
        with self._events_lock:
            event = self._events.get(job_id)
        if event is not None:
            event.set()

    def cancel_all(self) -> None:
        with self._events_lock:
            for event in self._events.values():
                event.set()

    def pending_jobs(self) -> int:
        with self._events_lock:
            return len(self._events)

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Cancel everything, let the current job reach its next cancel point, and end the thread."""
        self.cancel_all()
        self._queue.put(_STOP)
        if self._thread is None:
            return True
        finished = self._thread.wait(timeout_ms)
        if finished:
            self._thread = None
        return bool(finished)

    def disconnect_all(self) -> None:
        for signal in (
            self.job_started,
            self.job_progress,
            self.job_partial,
            self.job_finished,
            self.job_failed,
            self.job_cancelled,
            self.models_changed,
            self.models_unloaded,
            self.busy_changed,
        ):
            with contextlib.suppress(RuntimeError, TypeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # PySide warns when a signal had no receiver
                signal.disconnect()

    # ---- worker thread --------------------------------------------------------------------------------
    def _serve(self) -> None:
        while True:
            try:
                job = self._queue.get(timeout=self.idle_check_s)
            except queue.Empty:
                self._unload_idle()
                continue
            if job is _STOP:
                break
            self.busy_changed.emit(True)
            try:
                self._run(job)
            finally:
                with self._events_lock:
                    self._events.pop(job.job_id, None)
                    idle = not self._events
                if idle:
                    self.busy_changed.emit(False)
        close = getattr(self._runner, "close", None)
        if close is not None:  # the models' process (workers/worker_process.py) is asked to end
            close()
        self._runner = None  # drop the models in the thread that used them

    def _run(self, job: _Job) -> None:
        if job.cancel_event.is_set():
            self.job_cancelled.emit(JobCancelled(job.job_id, job.request))
            return
        self.job_started.emit(JobStarted(job.job_id, job.request))
        throttled = ProgressThrottle(lambda m, f: self.job_progress.emit(JobProgress(job.job_id, m, f)))

        def progress(message: str, fraction: float | None) -> None:
            self._emit_models_if_changed()  # a model the job has loaded: the status bar names it while it runs
            throttled(message, fraction)

        partial = PartialBatcher(lambda items: self.job_partial.emit(JobPartial(job.job_id, items)))
        ctx = JobContext(job.cancel_event, progress, partial)
        started = time.perf_counter()
        try:
            if self._runner is None:
                self._runner = self._runner_factory()
            result = self._runner.run(job.request, ctx)
        except JobCancelledError as cancelled:
            partial.flush()
            self.job_cancelled.emit(JobCancelled(job.job_id, job.request, cancelled.partial_result))
        except FailedInWorker as failed:  # its traceback was logged in the models' process
            log.error("job %s (%s) failed: %s", job.job_id, job.request.task, failed.info.message)
            partial.flush()
            self.job_failed.emit(JobFailed(job.job_id, job.request, failed.info))
        except Exception as exc:  # a failing job must never take the worker down
            log.exception("job %s (%s) failed", job.job_id, job.request.task)
            partial.flush()
            self.job_failed.emit(JobFailed(job.job_id, job.request, self._error_info(exc, job.request)))
        else:
            partial.flush()
            self.job_finished.emit(
                JobFinished(job.job_id, job.request, result, time.perf_counter() - started, tuple(ctx.notices))
            )
        self._emit_models_if_changed()

    def _unload_idle(self) -> None:
        """Between jobs: give back the memory of models no job has used for a while (the runner's setting)."""
        if self._runner is None:
            return
        try:
            unloaded = self._runner.unload_idle()
        except Exception:  # housekeeping must never take the worker down
            log.exception("unloading idle models failed")
            return
        ended = not getattr(self._runner, "running", True)  # the models' process went too (worker_process.py)
        if unloaded or (ended and not self._said_ended):
            idle_s = getattr(self._runner, "unload_after_s", 0.0)
            self.models_unloaded.emit(ModelsUnloaded(unloaded, idle_s, ended))
            self._emit_models_if_changed()
        self._said_ended = ended

    def _error_info(self, exc: Exception, request: Request) -> ErrorInfo:
        return describe_failure(exc, request, self._reports_dir)

    def _emit_models_if_changed(self) -> None:
        if self._runner is None:
            return
        loaded = self._runner.loaded_models()
        if loaded != self._last_models:
            self._last_models = loaded
            self.models_changed.emit(ModelsChanged(loaded))
