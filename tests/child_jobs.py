"""Jobs that tests/test_child_process.py runs in a child process: module-level, so the child imports them by
name, and light (no pytest), so the child starts quickly."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError


def write_and_report(folder: str, ctx: JobContext) -> None:
    ctx.progress("reading", 0.25)
    ctx.progress("writing", 0.75)
    Path(folder, "written-by.txt").write_text(str(os.getpid()))


def fail_for_the_user(ctx: JobContext) -> None:
    raise ModelLoadError("The weights do not fit the model.", hint="Reinstall it.", detail="3 tensors missing")


def fail_in_a_library(ctx: JobContext) -> None:
    class LibraryError(Exception):  # local: pickle cannot find it by name, as with many C extensions' errors
        pass

    raise LibraryError("vocabulary of size 30 but the model expected 29")


def wait_for_cancel(pid_file: str, ctx: JobContext) -> None:
    Path(pid_file).write_text(str(os.getpid()))
    ctx.progress("waiting", None)
    while True:
        ctx.check_cancelled()
        time.sleep(0.02)


def ignore_cancel(pid_file: str, ctx: JobContext) -> None:
    Path(pid_file).write_text(str(os.getpid()))
    ctx.progress("busy in C code", None)
    time.sleep(600)


def die(ctx: JobContext) -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer ends a process


def count_to(last: int, pid_file: str, ctx: JobContext) -> Iterator[int]:
    Path(pid_file).write_text(str(os.getpid()))
    for number in range(1, last + 1):
        yield number
        time.sleep(0.01)  # as work does between items (a full socket would block it before it sees Cancel)
        if ctx.cancelled:
            Path(pid_file + ".stopped").write_text(str(number))  # it stopped by itself, not killed
            return


def count_then_fail(ctx: JobContext) -> Iterator[int]:
    yield 1
    raise ModelLoadError("The second file's model is gone.")


def count_then_die(ctx: JobContext) -> Iterator[int]:
    yield 1
    os.kill(os.getpid(), signal.SIGKILL)
    yield 2
