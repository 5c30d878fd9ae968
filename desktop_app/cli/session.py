"""What every command shares: the app's folders, the engines (built on first use), running a job with progress
and cancel, and recording it in the history after its result is out (results first: a history that cannot
be written is a warning, never a lost result)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from desktop_app.cli.console import console_context, print_notice
from desktop_app.core.errors import AppError, JobCancelledError
from desktop_app.core.requests import Request
from desktop_app.store.paths import AppPaths

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_MODEL, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def fail(error: AppError, code: int) -> int:
    print(f"error: {error.message}", file=sys.stderr)
    if error.hint:
        print(f"hint: {error.hint}", file=sys.stderr)
    return code


class Session:
    def __init__(self, paths: AppPaths, args: argparse.Namespace) -> None:
        self.paths = paths
        self.args = args
        self._service: Any = None

    def service(self) -> Any:
        """The engines and what is built on them (torch is imported here, on first use)."""
        if self._service is None:
            from desktop_app.services.dispatch import Workbench
            from desktop_app.store.model_store import ModelStore

            store = ModelStore(self.paths.converted_models_dir)
            store.remove_leftovers()
            self._service = Workbench(store, self.paths.embeddings_dir)
        return self._service

    def run(
        self,
        request: Request,
        show: Callable[[Any, str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        progress: Callable[[str, float | None], None] | None = None,
    ) -> tuple[Any, str]:
        """Run `request`; `show(result, status)` prints or saves the result (a stopped job shows what it
        had), then the job goes into the history unless --no-history. Returns the result and its status."""
        request.validate()  # before any model loads: bad input fails in milliseconds
        status = "finished"
        try:
            result = self.service().run(request, console_context(on_partial, progress))
        except JobCancelledError as cancelled:
            result, status = cancelled.partial_result, "cancelled"
        if show is not None and result is not None:
            show(result, status)
            sys.stdout.flush()
        if result is not None:
            self.record(request, result, status)
        return result, status

    def record(self, request: Request, result: Any, status: str) -> None:
        if not request.recorded or getattr(self.args, "no_history", False):
            return
        from desktop_app.store.history import HistoryStore
        from desktop_app.store.job_records import record_job

        history = HistoryStore(self.paths.history_db)
        try:
            if history.recovery is not None:
                print_notice(history.recovery.message())
            if not history.available:
                print(f"warning: not recorded in the history: {history.problem}", file=sys.stderr)
                return
            record_job(history, request, result, status)
        except Exception as exc:  # the result was printed or saved before this: it stands
            print(f"warning: the result is complete, but the history could not record it ({exc}).", file=sys.stderr)
        finally:
            history.close()
