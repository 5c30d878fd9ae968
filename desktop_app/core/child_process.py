"""Work that holds the GIL in long stretches, run in a process of its own so that the window keeps running.

Converting a model spends hundreds of milliseconds at a time in C code that holds the GIL: CTranslate2's
converter builds its vocabulary from a Python dict the tokenizers library fills (~300 ms for Whisper's), and
copies each weight into bytes; the GGUF reader dequantizes with numpy. In the worker thread each such call froze
the window. In a child process it cannot, and the child's memory (a whole float32 copy of the model while it is
converted) goes back to the system when it ends.

The child is this program started again (`python -m desktop_app`, or the bundle's own executable) with a socket
to its parent named in its environment; it is never forked, since the parent has Qt's and torch's threads,
which a fork copies half-held, and it does not run the parent's main script again, as multiprocessing's spawn
would. Progress comes back to the job's own context, Cancel reaches the child (and ends it if it does not stop
by itself), and an error comes back as itself, so the user reads the same message as before.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, Any

from desktop_app import CHILD_ENV
from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, JobCancelledError
from desktop_app.core.i18n import arg, tr

if TYPE_CHECKING:
    import subprocess
    from multiprocessing.connection import Connection

# What only a parent or only a child needs is imported where it is used.
POLL_S = 0.1  # how often the parent looks at Cancel while it waits
GRACE_S = 3.0  # how long a cancelled child may take to stop by itself before it is ended


class ChildStoppedError(AppError):
    """The child process ended without a result or an error: killed (out of memory), or crashed in C code."""

    kind = "child_stopped"


def run_in_child(function: Callable[..., None], *args: Any, ctx: JobContext, what: str) -> None:
    """`function(*args, ctx)` in a process of its own; returns when it has returned there, raises what it
    raised. `function` must be importable by name (a module-level function); `what` names the work."""
    child, connection = start_child(CHILD_ENV)
    outcome: tuple[str, Any] | None = None
    try:
        connection.send((function, args))
        while outcome is None and not ctx.cancelled:
            if not connection.poll(POLL_S):
                continue
            message = connection.recv()
            if message[0] == "progress":
                ctx.progress(message[1], message[2])
            else:
                outcome = message
    except (EOFError, OSError):  # the child ended without a word
        pass
    finally:
        _end(child, connection, asked_to_stop=outcome is None)
    if outcome is not None and outcome[0] == "done":
        return
    if outcome is not None:
        raise outcome[1]
    if ctx.cancelled:
        raise JobCancelledError()
    raise _stopped(what, child.returncode)


def stream_in_child(function: Callable[..., Iterator[Any]], *args: Any, what: str) -> Generator[Any, None, None]:
    """What the generator `function(*args, ctx)` yields in a process of its own, each item as soon as it is
    yielded there; raises what it raised. Closing this iterator early cancels the child's work (its ctx says
    so at its next check) and ends the child. Whatever the child does, even dying in C code with the whole
    process, reaches this process as an exception: the caller keeps running."""
    child, connection = start_child(CHILD_ENV)
    outcome: tuple[str, Any] | None = None
    try:
        connection.send((function, args))
        while outcome is None:
            message = _received(connection)
            if message is None:
                break
            if message[0] == "item":
                yield message[1]
            elif message[0] != "progress":
                outcome = message
    finally:  # also when the caller closes the iterator: the child is asked to stop, then ended
        _end(child, connection, asked_to_stop=outcome is None)
    if outcome is not None and outcome[0] == "error":
        raise outcome[1]
    if outcome is None:
        raise _stopped(what, child.returncode)


def _received(connection: Connection) -> tuple[Any, ...] | None:
    """The child's next message, or None when it has ended without one."""
    try:
        message: tuple[Any, ...] = connection.recv()
    except (EOFError, OSError):
        return None
    return message


def _end(child: subprocess.Popen[bytes], connection: Connection, asked_to_stop: bool) -> None:
    """The child ended and reaped: sent Cancel first when its work is not over, and given GRACE_S to stop by
    itself, then killed."""
    import subprocess

    if asked_to_stop and child.poll() is None:
        with contextlib.suppress(OSError):
            connection.send(("cancel",))
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(GRACE_S)
    if child.poll() is None:
        child.kill()
    child.wait()
    connection.close()


def _stopped(what: str, returncode: int | None) -> ChildStoppedError:
    return ChildStoppedError(
        arg(tr("%1 stopped unexpectedly."), what),
        hint=tr("The computer may be short of memory. Close other programs and try again."),
        detail=f"exit code {returncode}",
    )


def start_child(env_name: str) -> tuple[subprocess.Popen[bytes], Connection]:
    """This program started again, with a socket to it named in its environment under `env_name` (which its
    entry point reads); returns the process and the parent's end of the socket."""
    import socket
    import subprocess
    from multiprocessing.connection import Connection

    ours, theirs = socket.socketpair()
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop_app"]
    env = {**os.environ, env_name: str(theirs.fileno())}
    # stdout is the command line's answer (`--json`): nothing of the child's may land in it; stderr is shared
    quiet = subprocess.DEVNULL
    child = subprocess.Popen(command, env=env, pass_fds=(theirs.fileno(),), stdin=quiet, stdout=quiet)
    theirs.close()
    return child, Connection(ours.detach())


def connect_to_parent(env_name: str) -> Connection:
    """The child's end of the socket `start_child` made (popped: the child's own children are not ones)."""
    from multiprocessing.connection import Connection

    return Connection(int(os.environ.pop(env_name)))


class ParentCancel:
    """The child's cancel flag: set once the parent has sent Cancel (read without waiting), or has gone (the
    socket closed: nobody is left to want the result)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.cancelled = False

    def is_set(self) -> bool:
        if self.cancelled:
            return True
        try:
            if self.connection.poll(0):
                self.cancelled = self.connection.recv()[0] == "cancel"
        except (EOFError, OSError):
            self.cancelled = True
        return self.cancelled


def serve() -> int:
    """The child's side: run the one job the parent sends, and send back its progress and how it ended."""
    connection = connect_to_parent(CHILD_ENV)
    function, args = connection.recv()
    ctx = JobContext(
        cancel_event=ParentCancel(connection),  # type: ignore[arg-type]
        on_progress=lambda message, fraction: connection.send(("progress", message, fraction)),
    )
    try:
        produced = function(*args, ctx)
        for item in produced if isinstance(produced, Iterator) else ():  # a generator's items go as they come
            connection.send(("item", item))
    except BaseException as error:  # everything goes back to the parent, which raises it
        connection.send(("error", portable(error)))
        return 1
    connection.send(("done", None))
    return 0


def portable(error: BaseException) -> BaseException:
    """The error itself where it survives pickling (the app's own errors do), else one that says what it was."""
    import pickle

    try:
        same: BaseException = pickle.loads(pickle.dumps(error))
    except Exception:  # a third-party exception with a constructor pickle cannot call
        return RuntimeError(f"{type(error).__name__}: {error}")
    return same
