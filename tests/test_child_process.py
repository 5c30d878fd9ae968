"""Work run apart in a child process (core/child_process.py, where model conversions run so that the window
keeps running, and where a batch job's Ray driver runs): a real child of this program, its progress, its
errors, Cancel, and a child that dies; and a child's items streamed back as they come."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from desktop_app.core import child_process
from desktop_app.core.child_process import ChildStoppedError, run_in_child, stream_in_child
from desktop_app.core.context import JobContext
from desktop_app.core.errors import JobCancelledError, ModelLoadError
from tests import child_jobs


def recording_context(cancel_on: str | None = None) -> tuple[JobContext, list[tuple[str, float | None]]]:
    seen: list[tuple[str, float | None]] = []
    cancel = threading.Event()

    def progress(message: str, fraction: float | None) -> None:
        seen.append((message, fraction))
        if message == cancel_on:
            cancel.set()

    return JobContext(cancel_event=cancel, on_progress=progress), seen


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_work_runs_in_another_process_and_reports_progress(tmp_path: Path) -> None:
    ctx, seen = recording_context()
    run_in_child(child_jobs.write_and_report, str(tmp_path), ctx=ctx, what="Writing")
    pid = int((tmp_path / "written-by.txt").read_text())
    assert pid != os.getpid()
    assert seen == [("reading", 0.25), ("writing", 0.75)]
    assert gone(pid)  # ended and reaped


def test_an_error_for_the_user_comes_back_as_itself() -> None:
    ctx, _seen = recording_context()
    with pytest.raises(ModelLoadError) as raised:
        run_in_child(child_jobs.fail_for_the_user, ctx=ctx, what="Converting")
    assert (raised.value.message, raised.value.hint, raised.value.detail) == (
        "The weights do not fit the model.",
        "Reinstall it.",
        "3 tensors missing",
    )


def test_an_error_pickle_cannot_carry_still_says_what_it_was() -> None:
    ctx, _seen = recording_context()
    with pytest.raises(RuntimeError, match="LibraryError: vocabulary of size 30 but the model expected 29"):
        run_in_child(child_jobs.fail_in_a_library, ctx=ctx, what="Converting")


def test_cancel_reaches_the_child(tmp_path: Path) -> None:
    ctx, seen = recording_context(cancel_on="waiting")
    pid_file = tmp_path / "pid"
    with pytest.raises(JobCancelledError):
        run_in_child(child_jobs.wait_for_cancel, str(pid_file), ctx=ctx, what="Waiting")
    assert seen == [("waiting", None)]
    assert gone(int(pid_file.read_text()))


def test_a_child_that_does_not_stop_is_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child_process, "GRACE_S", 0.2)
    ctx, _seen = recording_context(cancel_on="busy in C code")
    pid_file = tmp_path / "pid"
    with pytest.raises(JobCancelledError):
        run_in_child(child_jobs.ignore_cancel, str(pid_file), ctx=ctx, what="Converting")
    assert gone(int(pid_file.read_text()))


def test_a_child_that_dies_is_a_clear_error() -> None:
    ctx, _seen = recording_context()
    with pytest.raises(ChildStoppedError) as raised:
        run_in_child(child_jobs.die, ctx=ctx, what="Converting the model")
    assert raised.value.message == "Converting the model stopped unexpectedly."
    assert "memory" in raised.value.hint
    assert raised.value.detail == "exit code -9"


def test_a_childs_items_come_back_as_they_come_and_the_child_ends(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    assert list(stream_in_child(child_jobs.count_to, 3, str(pid_file), what="Counting")) == [1, 2, 3]
    assert gone(int(pid_file.read_text()))


def test_closing_the_stream_early_stops_the_child(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    items = stream_in_child(child_jobs.count_to, 1_000_000, str(pid_file), what="Counting")
    assert [next(items), next(items)] == [1, 2]
    items.close()  # as a job stopped by the person
    assert gone(int(pid_file.read_text()))
    assert int(Path(f"{pid_file}.stopped").read_text()) >= 2  # it saw Cancel and ended by itself


def test_a_streams_error_comes_after_its_items_and_as_itself() -> None:
    got: list[int] = []
    with pytest.raises(ModelLoadError, match="The second file's model is gone"):
        got.extend(stream_in_child(child_jobs.count_then_fail, what="Counting"))
    assert got == [1]


def test_a_streaming_child_that_dies_is_a_clear_error_after_its_items() -> None:
    got: list[int] = []
    with pytest.raises(ChildStoppedError) as raised:
        got.extend(stream_in_child(child_jobs.count_then_die, what="Counting"))
    assert got == [1] and raised.value.detail == "exit code -9"
