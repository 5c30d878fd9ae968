"""The window's models in a process of their own, so that nothing they do can stall the window.

Python runs one thread at a time (the GIL), and much of what a model's life needs holds it for long stretches
in C code that cannot let go: the Rust tokenizers library parsing tokenizer.json (~100 ms for a 49k
vocabulary), building a model's modules, dequantizing. In the worker thread each such stretch froze the window
for as long. `ProcessRunner` is the worker thread's job runner with the models somewhere else: it hands each job
to a child process (this program started again, as `core/child_process.py` starts one) that builds the same
Workbench the command line uses and keeps it, with its loaded models, between jobs. The worker thread only waits
on a socket, which lets go of the GIL; what reaches the window is the job's progress, partial output, notices and
result, all plain data.

Cancel reaches the child at its next check; an error comes back as the message the worker thread would have
shown (an unexpected one written up in the same crash report, with the child's traceback); a child that dies
(out of memory, a crash in C code) fails its job with a clear message, and the next job starts a fresh one; one
that dies between jobs is started again by the next job, which says so.

When the idle timer has unloaded the child's last model (or the child has had no model and no job for as long),
the child ends: unloading gives back a model's memory, but not the ~100 MB of code, allocator pages and runtime
state its first jobs brought in (bench/memory.py), nor the ~770 MB of the runtime itself. The next job, or the
window becoming active again, starts a fresh one (~3 s, most of it importing torch). A fresh child is given the
settings the last one held in memory (device, threads, unload time, precisions) before any job, whether the last
one ended idle or died.
"""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app import WORKER_ENV
from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, ErrorInfo, JobCancelledError
from desktop_app.core.i18n import tr
from desktop_app.core.model_requests import RuntimeRequest
from desktop_app.core.precision_requests import PrecisionRequest
from desktop_app.core.requests import Request
from desktop_app.core.results import LoadedModel

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)
POLL_S = 0.05  # how often the waiting worker thread looks at Cancel
STOP_GRACE_S = 10.0  # how long a child asked to stop may take to end by itself

# Jobs whose whole effect is a setting the child keeps in memory: what a fresh child is given again.
SETTINGS: tuple[type[Request], ...] = (RuntimeRequest, PrecisionRequest)

# What the child is built with: a module-level function (sent by name) and its arguments; it returns the runner.
Builder = tuple[Callable[..., Any], tuple[Any, ...]]


class WorkerStoppedError(AppError):
    """The models' process ended without an answer: killed (out of memory) or crashed in C code."""

    kind = "worker_stopped"


class FailedInWorker(Exception):
    """A job that failed in the child: carries what the user is shown, worked out there with its traceback."""

    def __init__(self, info: ErrorInfo) -> None:
        super().__init__(info.message)
        self.info = info


class ProcessRunner:
    """A job runner (workers/inference_worker.JobRunner) whose runner lives in a child process."""

    def __init__(self, builder: Builder, reports_dir: Path | None = None) -> None:
        self._builder = builder
        self._reports_dir = reports_dir  # where the child writes up a job's unexpected error
        self._child: subprocess.Popen[bytes] | None = None
        self._connection: Connection | None = None
        self._models: tuple[LoadedModel, ...] = ()
        self._settings: dict[tuple[str, str], Request] = {}  # the last of each setting the child took
        self._last_job_end = time.monotonic()
        self.unload_after_s = 0.0
        self._connect()  # the child starts importing torch now, before the first job asks for it

    @property
    def pid(self) -> int | None:
        return self._child.pid if self._child is not None else None

    @property
    def running(self) -> bool:
        """Whether the child is there (it ends when idle has unloaded its last model)."""
        return self._child is not None and self._child.poll() is None

    def run(self, request: Request, ctx: JobContext) -> Any:
        if self._child is not None and self._child.poll() is not None:  # it died between jobs (out of memory)
            self._lost()
            ctx.notice(tr("The models' process had stopped while idle; it was started again for this job."))
        if self._connection is None:  # ended idle, or died: a fresh one imports its runtime first (~3 s)
            ctx.progress(tr("Starting the inference runtime"), None)
        cancel_sent = False
        try:
            connection = self._connect()
            connection.send(("run", request))
            while True:
                if ctx.cancelled and not cancel_sent:
                    connection.send(("cancel",))
                    cancel_sent = True
                if connection.poll(POLL_S):
                    message = connection.recv()
                    if message[0] == "models":  # loaded as the job began: the status bar names it while it runs
                        self._models = message[1]
                    elif message[0] in _STREAMED:
                        _STREAMED[message[0]](ctx, *message[1:])
                    else:
                        result = self._outcome(message, ctx)
                        if isinstance(request, SETTINGS):
                            self._settings[_setting_key(request)] = request
                        return result
        except (EOFError, OSError):
            raise self._lost() from None
        finally:
            self._last_job_end = time.monotonic()

    def loaded_models(self) -> tuple[LoadedModel, ...]:
        return self._models

    def unload_idle(self) -> tuple[LoadedModel, ...]:
        if self._connection is None:
            return ()
        try:
            self._connection.send(("unload_idle",))
            _, unloaded, self.unload_after_s, self._models, holds_nothing = self._connection.recv()
        except (EOFError, OSError):
            self._lost()
            return ()
        # Its last model went, or it has had none and no job for as long (models not loaded at start): the whole
        # process's memory goes back with it.
        unused = 0 < self.unload_after_s <= time.monotonic() - self._last_job_end
        if holds_nothing and (unloaded or unused):
            self.close()
            log.info("the models' process ended: idle, with no model loaded")
        return tuple(unloaded)

    def close(self) -> None:
        """Ends the child: asked first, so it lets go of its models itself; ended if it does not."""
        child, connection = self._child, self._connection
        self._child = self._connection = None
        if child is None or connection is None:
            return
        try:
            connection.send(("stop",))
            child.wait(STOP_GRACE_S)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
            child.wait()
        finally:
            connection.close()

    def _connect(self) -> Connection:
        if self._connection is None:
            from desktop_app.core.child_process import start_child

            self._child, self._connection = start_child(WORKER_ENV)
            self._connection.send((self._builder, self._reports_dir))
            log.info("the models' process started (pid %s)", self._child.pid)
            self._restore_settings(self._connection)
        return self._connection

    def _restore_settings(self, connection: Connection) -> None:
        """The settings the last child held, given to a fresh one before its first job, as they were given."""
        for request in self._settings.values():
            connection.send(("run", request))
            while (message := connection.recv())[0] in _DURING_JOB:
                pass
            try:
                self._outcome(message, JobContext())  # its notices were said when the setting was first given
            except (FailedInWorker, JobCancelledError) as refused:  # it took it before; a fresh one should too
                log.warning("a fresh models' process refused a %s setting: %s", request.task, refused)

    def _outcome(self, message: tuple[Any, ...], ctx: JobContext) -> Any:
        kind, value, notices, self._models, self.unload_after_s = message
        for notice in notices:
            ctx.notice(notice)
        if kind == "done":
            return value
        if kind == "cancelled":
            raise JobCancelledError(value)
        raise FailedInWorker(value)

    def _lost(self) -> WorkerStoppedError:
        """The child has gone: its models with it. The next job starts a fresh one."""
        child = self._child
        code = None
        if child is not None:
            if child.poll() is None:
                child.kill()
            code = child.wait()
        if self._connection is not None:
            self._connection.close()
        self._child = self._connection = None
        self._models = ()
        log.error("the models' process ended (exit code %s)", code)
        return WorkerStoppedError(
            tr("The models' process stopped unexpectedly; the models it had loaded were unloaded."),
            hint=tr("The computer may be short of memory. Close other programs and try again."),
            detail=f"exit code {code}",
        )


def _setting_key(request: Request) -> tuple[str, str]:
    return request.task, str(getattr(request, "for_task", ""))  # one precision per task, one runtime


def _partials(ctx: JobContext, items: tuple[Any, ...]) -> None:
    for item in items:
        ctx.partial(item)


_STREAMED: dict[str, Callable[..., None]] = {
    "progress": JobContext.progress,
    "partial": _partials,  # the child's batch, handed on item by item (the worker thread batches them again)
}
_DURING_JOB = {*_STREAMED, "models"}  # what the child sends before a job's outcome


# ---- the child's side ----------------------------------------------------------------------------------------
def serve() -> int:
    """The models' process: build the runner the parent names, then run its jobs one at a time until it says
    stop or goes away."""
    from desktop_app.core.child_process import connect_to_parent

    connection = connect_to_parent(WORKER_ENV)
    (function, args), reports_dir = connection.recv()
    runner = function(*args)
    try:
        while True:
            message = connection.recv()
            if message[0] == "run":
                _answer(connection, _run(runner, message[1], connection, reports_dir), message[1], reports_dir)
            elif message[0] == "unload_idle":
                unloaded = runner.unload_idle()
                holds_nothing = runner.holds_nothing()
                connection.send(("unloaded", unloaded, runner.unload_after_s, runner.loaded_models(), holds_nothing))
            elif message[0] == "stop":
                return 0
            # else: a Cancel that arrived after its job had ended
    except (EOFError, OSError):  # the parent has gone
        return 0


def _answer(connection: Connection, reply: tuple[Any, ...], request: Request, reports_dir: Path | None) -> None:
    """Sends a job's outcome; one that cannot be sent (a result pickle cannot copy: a bug) fails the job."""
    import pickle

    from desktop_app.workers.failures import describe_failure

    try:
        connection.send(reply)  # pickled whole before anything is written: a failure sends nothing
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        log.exception("the result of a %s job could not be sent", request.task)
        connection.send(("failed", describe_failure(exc, request, reports_dir), *reply[2:]))


def _run(runner: Any, request: Request, connection: Connection, reports_dir: Path | None) -> tuple[Any, ...]:
    from desktop_app.core.child_process import ParentCancel
    from desktop_app.workers.failures import describe_failure
    from desktop_app.workers.throttle import PartialBatcher

    # Streamed items cross in batches, ~20 a second, as the window shows them: a message per token made each
    # token pickled here and woke the window's process, whose thread then took a core from the model's.
    partial = PartialBatcher(lambda items: connection.send(("partial", items)))
    said_loaded = runner.loaded_models()

    def progress(text: str, fraction: float | None) -> None:
        nonlocal said_loaded
        if (loaded := runner.loaded_models()) != said_loaded:  # a model the job loaded: said before its words
            said_loaded = loaded
            connection.send(("models", loaded))
        connection.send(("progress", text, fraction))

    ctx = JobContext(
        cancel_event=ParentCancel(connection),  # type: ignore[arg-type]
        on_progress=progress,
        on_partial=partial,
    )
    try:
        outcome: tuple[str, Any] = ("done", runner.run(request, ctx))
    except JobCancelledError as cancelled:
        outcome = ("cancelled", cancelled.partial_result)
    except Exception as exc:  # a failing job must never take the models' process down
        log.exception("job (%s) failed in the models' process", request.task)
        outcome = ("failed", describe_failure(exc, request, reports_dir))
    partial.flush()  # what is left goes before the outcome: nothing streamed is lost
    return (*outcome, tuple(ctx.notices), runner.loaded_models(), runner.unload_after_s)
