"""Peak resident memory with every default model loaded, and how much comes back when they are unloaded.

Two ways, in one run:
- **the window's way** (the goal): the models in their own process, run by the same `ProcessRunner` the window
  uses. Idle is that process with its runtime started (torch and transformers imported, the window's settings
  given), plus this one; then every default model that is on this machine is loaded and runs one short job; then
  the idle timer's own path unloads them, after which the models' process ends. Memory is this process's resident
  set plus the models' process's while it runs. Also timed: the next job after the end (a fresh process starts)
  against the same job with the process there and its model unloaded.
- **in one process** (the command line's and the Python API's way): the same in a Workbench here, where
  unloading gives back the models' memory but not what their first jobs brought in (code, allocator pages).

Goal: after unloading, within 10% of idle.

    .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import final_line

# A short job per task, so that each model's first-run buffers count too (the text encoder's only job is
# loading: Inspect runs it).
TASKS = ("generate", "transcribe", "caption", "translate", "embed", "encode")


def _memory_mb(field: str, pid: int | str = "self") -> float:
    """VmRSS (now) or VmHWM (the peak so far) of a process, from the kernel."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} is not in /proc/{pid}/status")


def _job(task: str, model: str, clip: Path) -> object:
    from desktop_app.core.requests import GenerationRequest, TranscriptionRequest

    if task == "generate":
        return GenerationRequest("Name three colours.", model=model, max_new_tokens=16, temperature=0.0)
    if task == "transcribe":
        return TranscriptionRequest(str(clip), model=model)
    return None


def _spoken_clip(folder: Path) -> Path:
    import subprocess

    path = folder / "sentence.wav"
    subprocess.run(["espeak-ng", "-w", str(path), "Please open the window and let the fresh air in."], check=True)
    return path


def _load_every_default(runner: object, clip: Path, now_mb: object) -> tuple[list[str], list[str]]:
    """Each task's default model loaded and run once; the tasks loaded and those whose default is not here."""
    from desktop_app.core.context import JobContext
    from desktop_app.core.errors import AppError
    from desktop_app.core.model_requests import LoadModelRequest
    from desktop_app.workers.worker_process import FailedInWorker

    loaded, missing = [], []
    for task in TASKS:
        try:
            info = runner.run(LoadModelRequest(for_task=task), JobContext())  # type: ignore[attr-defined]
        except (AppError, FailedInWorker) as exc:  # a default not on this machine (a download): said, not counted
            missing.append(task)
            print(f"  {task}: not here ({exc})")
            continue
        job = _job(task, info.ref, clip)
        if job is not None:
            runner.run(job, JobContext())  # type: ignore[attr-defined]
        loaded.append(task)
        print(f"  {task}: {info.ref} loaded, {now_mb():.0f} MB now")  # type: ignore[operator]
    return loaded, missing


def the_window_s_way(clip: Path) -> dict[str, object]:
    from desktop_app.app import models_process_runner
    from desktop_app.core.context import JobContext
    from desktop_app.core.model_requests import RuntimeRequest, UnloadModelRequest, WarmUpRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.store.paths import AppPaths
    from desktop_app.workers.worker_process import ProcessRunner

    runner = ProcessRunner((models_process_runner, (AppPaths.from_environment(), "en")))

    def now_mb() -> float:
        return _memory_mb("VmRSS") + (_memory_mb("VmRSS", runner.pid) if runner.running and runner.pid else 0.0)

    runner.run(RuntimeRequest(unload_after_s=1), JobContext())  # the window's first job: its settings
    runner.run(WarmUpRequest(), JobContext())
    idle = now_mb()
    print(f"the window's way: idle (models' process with its runtime started, no model): {idle:.0f} MB")
    loaded, missing = _load_every_default(runner, clip, now_mb)
    assert runner.pid is not None
    peak = _memory_mb("VmHWM") + _memory_mb("VmHWM", runner.pid)
    time.sleep(1.1)  # the unload time given above
    unloaded = runner.unload_idle()  # the idle timer's own path
    after = now_mb()
    print(f"  peak with {len(loaded)} models loaded: {peak:.0f} MB ({peak / idle:.2f}x idle)")
    print(f"  after the idle timer unloaded {len(unloaded)}: {after:.0f} MB ({after / idle:.3f}x idle; goal <= 1.10)")
    print(f"  the models' process ended: {not runner.running}")

    answer = GenerationRequest("Name three colours.", max_new_tokens=16, temperature=0.0)
    started = time.perf_counter()
    runner.run(answer, JobContext())  # a fresh process, given the settings the last one had
    fresh_s = time.perf_counter() - started
    runner.run(UnloadModelRequest(for_task="generate"), JobContext())  # by hand: the process stays
    started = time.perf_counter()
    runner.run(answer, JobContext())
    kept_s = time.perf_counter() - started
    time.sleep(1.1)
    runner.unload_idle()  # ends it again: its setting of 1 s came back with it
    ended_again = not runner.running
    runner.run(WarmUpRequest(), JobContext())  # what the window sends when it is active again (gui/models_wake.py)
    started = time.perf_counter()
    runner.run(answer, JobContext())
    woken_s = time.perf_counter() - started
    print(
        f"  the next answer after the end: {fresh_s:.2f} s (a fresh process), against {kept_s:.2f} s with the "
        f"process kept and its model unloaded, and {woken_s:.2f} s after the window woke a fresh one; the fresh "
        f"one ended idle again: {ended_again}"
    )
    runner.close()
    return {
        "idle_mb": round(idle),
        "peak_mb": round(peak),
        "after_unload_mb": round(after),
        "after_over_idle": round(after / idle, 3),
        "process_ended": not runner.running and ended_again,
        "next_answer_fresh_s": round(fresh_s, 2),
        "next_answer_kept_s": round(kept_s, 2),
        "next_answer_woken_s": round(woken_s, 2),
        "models": loaded,
        "not_here": missing,
    }


def in_one_process(clip: Path) -> dict[str, float]:
    from desktop_app.core.context import JobContext
    from desktop_app.core.model_requests import WarmUpRequest
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore
    from desktop_app.store.paths import AppPaths

    paths = AppPaths.from_environment()
    bench = Workbench(ModelStore(paths.converted_models_dir), data_dir=Path(tempfile.mkdtemp(prefix="bench-mem-")))
    bench.run(WarmUpRequest(), JobContext())
    idle, idle_heap = _memory_mb("VmRSS"), _memory_mb("RssAnon")
    print(f"in one process: idle (runtime started, no model): {idle:.0f} MB")
    _load_every_default(bench, clip, lambda: _memory_mb("VmRSS"))
    bench.runtime.unload_after_s = 1e-9  # the timer's own path, with no wait
    bench.unload_idle()
    after, after_heap = _memory_mb("VmRSS"), _memory_mb("RssAnon")
    # What stays is mostly code: the modules and library pages the first jobs brought in, not model memory.
    print(f"  after unloading them: {after:.0f} MB ({after / idle:.3f}x idle)")
    print(f"  of which private memory: {after_heap:.0f} MB against {idle_heap:.0f} MB idle")
    return {"after_over_idle": round(after / idle, 3), "private_after_over_idle": round(after_heap / idle_heap, 3)}


def main() -> int:
    clip = _spoken_clip(Path(tempfile.mkdtemp(prefix="bench-mem-clip-")))
    window = the_window_s_way(clip)  # first: this process has not imported torch yet, as the window's has not
    one = in_one_process(clip)
    ratio = float(window["after_over_idle"])  # type: ignore[arg-type]
    final_line(
        "memory",
        "after unloading <= 1.10x idle",
        ratio <= 1.10,
        **window,
        in_one_process_after_over_idle=one["after_over_idle"],
        in_one_process_private_after_over_idle=one["private_after_over_idle"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
