"""What the worker tells the window about a job, in order: started, progress, partial output, and one of
finished, failed or cancelled; and which models are loaded. All frozen: they cross from the worker thread to
the GUI thread as signal payloads. (The exception an engine raises to stop is `core.errors.JobCancelledError`;
the worker turns it into the `JobCancelled` event here.)"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.errors import ErrorInfo
from desktop_app.core.requests import Request
from desktop_app.core.results import LoadedModel


@dataclass(frozen=True)
class ModelsChanged:
    loaded: tuple[LoadedModel, ...]


@dataclass(frozen=True)
class ModelsUnloaded:
    """Models the worker unloaded because no job had used them for `idle_s` seconds."""

    models: tuple[LoadedModel, ...]
    idle_s: float
    process_ended: bool = False  # the models' process went with its last model (workers/worker_process.py)


@dataclass(frozen=True)
class JobStarted:
    job_id: int
    request: Request


@dataclass(frozen=True)
class JobProgress:
    job_id: int
    message: str
    fraction: float | None = None  # None: indeterminate


@dataclass(frozen=True)
class JobPartial:
    """Streamed output, batched so that the GUI gets at most ~20 of these a second."""

    job_id: int
    items: tuple[Any, ...]


@dataclass(frozen=True)
class JobFinished:
    job_id: int
    request: Request
    result: Any
    wall_s: float
    notices: tuple[str, ...] = ()  # what the user should know about how it went (JobContext.notice)


@dataclass(frozen=True)
class JobFailed:
    job_id: int
    request: Request
    error: ErrorInfo


@dataclass(frozen=True)
class JobCancelled:
    job_id: int
    request: Request
    partial_result: Any = None
