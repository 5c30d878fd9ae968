"""What the command line shows while a job runs, on standard error: progress where a person is watching, and
notices (things to know about how the job went) always."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from desktop_app.core.context import JobContext


class ConsoleProgress:
    """Progress on standard error, only where a person is watching: a line per step, and a step that reports
    how far it is (a download) rewrites its own line."""

    def __init__(self) -> None:
        self.last = ""
        self.open_line = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, message: str, fraction: float | None) -> None:
        if not self.enabled or message == self.last:
            return
        self.last = message
        if fraction is None:
            self.end_line()
            print(f"[{message}]", file=sys.stderr, flush=True)
        else:
            print(f"\r[{message}]\x1b[K", end="", file=sys.stderr, flush=True)
            self.open_line = True

    def end_line(self) -> None:
        if self.open_line:
            print(file=sys.stderr)
            self.open_line = False


def print_notice(text: str) -> None:
    print(f"note: {text}", file=sys.stderr, flush=True)


def console_context(on_partial: Callable[[Any], None] | None = None,
                    progress: Callable[[str, float | None], None] | None = None) -> JobContext:
    return JobContext(on_progress=progress or ConsoleProgress(), on_partial=on_partial, on_notice=print_notice)
