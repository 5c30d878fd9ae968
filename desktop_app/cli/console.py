"""What the command line shows while a job runs, on standard error: progress where a person is watching, and
notices (things to know about how the job went) always."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.store.crash_reports import write_report


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


def clean_text(text: str, what: str = "the text") -> str:
    """Text as the models can take it: bytes that were not UTF-8 (they arrive as lone surrogates) become
    U+FFFD, with a note, instead of failing deep inside a tokenizer."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    count = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    print_notice(f"{count} byte(s) in {what} were not UTF-8 and were replaced with \ufffd.")
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def text_argument(value: str, what: str = "the text") -> str:
    """A text argument, or standard input when it is `-`; either way clean UTF-8 text."""
    if value == "-":
        return clean_text(sys.stdin.buffer.read().decode("utf-8", "surrogateescape"), "standard input")
    return clean_text(value, what)


def read_text_file(path: Path, what: str) -> str:
    try:
        data = path.expanduser().read_bytes()
    except OSError as exc:
        raise InvalidRequestError(
            f"Could not read {what} {path}: {exc.strerror or exc}.", hint="Check the path and the file's permissions."
        ) from exc
    return clean_text(data.decode("utf-8", "surrogateescape"), str(path))


def print_notice(text: str) -> None:
    print(f"note: {text}", file=sys.stderr, flush=True)


def console_context(
    on_partial: Callable[[Any], None] | None = None, progress: Callable[[str, float | None], None] | None = None
) -> JobContext:
    return JobContext(on_progress=progress or ConsoleProgress(), on_partial=on_partial, on_notice=print_notice)


def print_crash(error: BaseException, folder: Path, context: dict[str, Any] | None = None) -> None:
    """The command line's last word on an unexpected error: one sentence and where the details are."""
    path = write_report(folder, error, context)
    where = f" The details are in {path}." if path else " The details are in the log."
    print(f"error: unexpected error ({type(error).__name__}: {error}).{where}", file=sys.stderr)


def print_json(payload: Any) -> None:
    """A command's --json result on standard output: one indented object, text as it is (not escaped)."""
    import json

    print(json.dumps(payload, ensure_ascii=False, indent=2))
