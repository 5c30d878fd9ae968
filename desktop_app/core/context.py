"""What an engine gets to talk back while it runs: a cancel flag, progress, and streamed partial output.

Every job is run as `run(request, context)`: the same engines and services run under the GUI's worker thread,
the command line and the benchmarks; only the context differs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from desktop_app.core.errors import JobCancelledError


class JobContext:
    def __init__(
        self,
        cancel_event: threading.Event | None = None,
        on_progress: Callable[[str, float | None], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.cancel_event = cancel_event or threading.Event()
        self._on_progress = on_progress
        self._on_partial = on_partial
        self._on_notice = on_notice
        self.notices: list[str] = []

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check_cancelled(self, partial_result: object | None = None) -> None:
        if self.cancel_event.is_set():
            raise JobCancelledError(partial_result)

    def progress(self, message: str, fraction: float | None = None) -> None:
        if self._on_progress is not None:
            self._on_progress(message, fraction)

    def stage(self, start: float, end: float) -> JobContext:
        """This job's context for one stage of it: the stage's fractions 0..1 land on start..end of the whole,
        so a job of several stages shows one percentage that only grows. Cancel, partials and notices are
        shared."""

        def progress(message: str, fraction: float | None) -> None:
            self.progress(message, None if fraction is None else start + (end - start) * fraction)

        return JobContext(self.cancel_event, progress, self._on_partial, self.notice)

    def partial(self, item: Any) -> None:
        if self._on_partial is not None:
            self._on_partial(item)

    def notice(self, text: str) -> None:
        """Something the user should know about how the job went, beside its result ("the damaged cached copy
        was rebuilt", "the audio was louder than full scale and was normalised")."""
        self.notices.append(text)
        if self._on_notice is not None:
            self._on_notice(text)
