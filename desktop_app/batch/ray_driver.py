"""A batch job's Ray driver, in a process of its own (core/child_process.stream_in_child).

Ray's C++ core ends the process that called ray.init, with exit code 1 and nothing for Python to catch, when it
loses its cluster: 60 s after the cluster's GCS went away ("Failed to connect to GCS ... The program will
terminate"), or at once when its node's raylet dies. In the window that took the whole app down, silently; on
the command line it ended without a word. Here only the driver goes: the job fails with Ray's own reason, every
row that came back is already in the results file, and a rerun does the rest. A fresh driver per job also
keeps nothing of the cluster before it (its GCS connections, Ray Data's state).

The child says when Ray is up, then sends each batch's rows as they come. Ray's own log goes to a file of
the job's, where the reason for an unexpected end is read back from.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import signal
import tempfile
import time
import warnings
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.batch.results_file import ResultRow
from desktop_app.batch.task_worker import TaskWorker
from desktop_app.core.child_process import ChildStoppedError, stream_in_child
from desktop_app.core.errors import AppError, InvalidRequestError
from desktop_app.core.i18n import arg, tr

if TYPE_CHECKING:
    from desktop_app.batch.runner import BatchJob
    from desktop_app.core.context import JobContext

WORKER_START_LIMIT_S = 600
# Why Ray ended a driver, in Ray's words, where its core's log says it. The other error lines it writes as the
# cluster goes ("Failed to push error to driver for task …", ":info_message: Attempting to recover 12 lost
# objects …") follow from the loss and say nothing a person can act on; a raylet that died logs no reason.
_RAY_REASON = re.compile(r"Failed to connect to GCS within \d+ seconds")


class RayStoppedError(AppError):
    """The job's Ray driver ended without finishing: its cluster went away, or Ray crashed."""

    kind = "ray_stopped"


def ray_batches(job: BatchJob, todo: list[str]) -> tuple[Iterator[list[ResultRow]], float]:
    """The rows of `todo`, batch by batch, from a driver process started for this job; and how long Ray took to
    start or join (raised here when it could not). Closing the iterator stops the driver."""
    started = time.perf_counter()
    descriptor, name = tempfile.mkstemp(prefix="desktop-app-ray-", suffix=".log")
    os.close(descriptor)  # the driver opens it
    log = Path(name)
    said = _said(stream_in_child(drive, job, todo, str(log), what=tr("The batch job's Ray driver")), job, log)
    try:
        next(said)  # Ray is up: its start counts the driver's own
        ray_start_s = time.perf_counter() - started
    except BaseException:
        said.close()
        log.unlink(missing_ok=True)
        raise
    return _rows(said, log), ray_start_s


def _rows(said: Generator[Any, None, None], log: Path) -> Iterator[list[ResultRow]]:
    try:
        yield from said
    finally:
        said.close()  # (a no-op when it ended by itself) stops the driver when the job stops early
        log.unlink(missing_ok=True)


def _said(items: Iterator[Any], job: BatchJob, log: Path) -> Generator[Any, None, None]:
    """The driver's items; its unexpected end said with Ray's reason, and with where the rows done are."""
    try:
        yield from items
    except ChildStoppedError as stopped:
        reason = ray_reason(log) or tr("its cluster stopped or could no longer be reached.")
        raise RayStoppedError(
            arg(tr("Ray stopped the batch job: %1"), reason),
            hint=arg(tr("Every file done so far is kept in %1. Run the job again to do the rest."), job.out),
            detail=stopped.detail,
        ) from stopped


def ray_reason(log: Path) -> str:
    """Ray's last stated reason for ending the driver in its log, or "" where it gave none."""
    try:
        found = _RAY_REASON.findall(log.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return ""
    return f"{found[-1]}." if found else ""


def drive(job: BatchJob, todo: list[str], log: str, ctx: JobContext) -> Iterator[Any]:
    """The child's side: Ray started or joined (said first), then Ray Data's map_batches with
    TaskWorker as the actor class, each batch's rows yielded as they come back; Ray shut down at the end, or
    when the parent cancels."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's: it stops the job in its own way
    with open(log, "ab", buffering=0) as stream:
        os.dup2(stream.fileno(), 2)  # Ray's C++ core writes to the process's stderr
    # Errors and worse, to the job's log (the terminal and the window say it in the app's words); a level set
    # by the person wins.
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "error")
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise InvalidRequestError(
            tr("Batch jobs on Ray need the 'batch' extra."), hint="pip install 'desktop-app[batch]'"
        ) from exc
    _start_ray(ray, job)
    try:
        yield "started"
        for batch in _mapped(ray, job, todo).iter_batches(batch_size=None, batch_format="numpy"):
            yield [ResultRow.from_json(str(row)) for row in batch["row"]]
            if ctx.cancelled:
                break
    finally:
        with contextlib.suppress(Exception):  # the cluster may be the reason it ends
            ray.shutdown()  # the Ray this job started stops; a cluster joined stays up, without this driver


def _mapped(ray: Any, job: BatchJob, todo: list[str]) -> Any:
    """`workers` actors, one CPU each, restarted and their batches retried when a worker process dies (Ray
    Data's defaults for actors)."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the job's own progress says it in the app's words
    context.print_on_execution_start = False
    # Every worker has its model loaded before the first batch goes out: the batches are shared among all of
    # them, not taken by the first to start. A cluster without room for them all fails within the limit.
    context.wait_for_min_actors_s = WORKER_START_LIMIT_S
    # Ray 2.60 picks a worker by where a batch's block lies, read "best effort": when Ray does not know it yet,
    # its scheduler fails with a KeyError (seen on a busy 2-core machine). The blocks are lists of file paths,
    # so locality gains nothing; the setting is deprecated, hence the warning kept quiet.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context.execution_options.actor_locality_enabled = False
    # One block per batch: a worker that dies takes only its batch with it, and Ray retries just that.
    dataset = ray.data.from_items(
        [{"input": path} for path in todo], override_num_blocks=math.ceil(len(todo) / job.batch_size)
    )
    threads = max(1, (os.cpu_count() or 1) // job.workers) if not job.ray_address else 0
    return dataset.map_batches(
        TaskWorker,
        fn_constructor_args=(job.task, job.model, job.options, job.models_dir, threads),
        batch_size=job.batch_size,
        compute=ray.data.ActorPoolStrategy(size=job.workers),
        num_cpus=1,
        batch_format="numpy",
    )


def _start_ray(ray: Any, job: BatchJob) -> None:
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # the job's progress is said in the app's words
    try:
        if job.ray_address:
            ray.init(address=job.ray_address, logging_level=logging.ERROR, log_to_driver=False)
        else:  # a Ray of our own on this machine, for this job: as many CPUs as there are, at least one per worker
            ray.init(
                num_cpus=max(job.workers, os.cpu_count() or 1),
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.ERROR,
            )
    except (ConnectionError, RuntimeError, ValueError, ray.exceptions.AuthenticationError) as exc:
        where = job.ray_address or tr("this computer")
        hint = (
            tr(
                "Check the address (ray://head:10001, or host:6379 on the cluster's network). A cluster with "
                "token authentication also needs RAY_AUTH_MODE=token and its token (RAY_AUTH_TOKEN)."
            )
            if job.ray_address
            else ""
        )
        raise AppError(arg(tr("Ray could not start or be reached at %1: %2"), where, exc), hint=hint) from exc
