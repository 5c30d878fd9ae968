"""Peak resident memory with every default model loaded, and how much comes back when they are unloaded.

One process, the real Workbench: the runtime started (torch and transformers imported) is the idle baseline;
then every default model that is on this machine is loaded and runs one short job; then the models are unloaded
through the same path as the app's "unload unused models after" timer. Printed: idle, peak and after-unload
resident memory, and the after/idle ratio. Goal: after unloading, within 10% of idle.

    .venv/bin/python bench/memory.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import final_line

# A short job per task, so that each model's first-run buffers count too (the text encoder's only job is
# loading: Inspect runs it).
TASKS = ("generate", "transcribe", "caption", "translate", "embed", "encode")


def _memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (the peak so far) of this process, from the kernel."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} is not in /proc/self/status")


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


def main() -> int:
    from desktop_app.core.context import JobContext
    from desktop_app.core.errors import AppError
    from desktop_app.core.model_requests import LoadModelRequest, WarmUpRequest
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore
    from desktop_app.store.paths import AppPaths

    paths = AppPaths.from_environment()
    bench = Workbench(ModelStore(paths.converted_models_dir), data_dir=Path(tempfile.mkdtemp(prefix="bench-mem-")))
    bench.run(WarmUpRequest(), JobContext())
    clip = _spoken_clip(Path(tempfile.mkdtemp(prefix="bench-mem-clip-")))
    idle, idle_heap = _memory_mb("VmRSS"), _memory_mb("RssAnon")
    print(f"idle (runtime started, no model): {idle:.0f} MB")
    loaded, missing = [], []
    for task in TASKS:
        try:
            info = bench.run(LoadModelRequest(for_task=task), JobContext())
        except AppError as exc:  # a default that is not on this machine (a download): said, not counted
            missing.append(task)
            print(f"  {task}: not here ({exc.message})")
            continue
        job = _job(task, info.ref, clip)
        if job is not None:
            bench.run(job, JobContext())
        loaded.append(task)
        print(f"  {task}: {info.ref} loaded, {_memory_mb('VmRSS'):.0f} MB now")
    peak = _memory_mb("VmHWM")
    bench.runtime.unload_after_s = 1e-9  # the timer's own path, with no wait
    unloaded = bench.unload_idle()
    after, after_heap = _memory_mb("VmRSS"), _memory_mb("RssAnon")
    ratio = after / idle
    print(f"peak with {len(unloaded)} models loaded: {peak:.0f} MB ({peak / idle:.2f}x idle)")
    print(f"after unloading them: {after:.0f} MB ({ratio:.3f}x idle; goal <= 1.10)")
    # What stays is mostly code: the modules and library pages the first jobs brought in, not model memory.
    print(f"  of which private memory: {after_heap:.0f} MB against {idle_heap:.0f} MB idle")
    final_line(
        "memory",
        "after unloading <= 1.10x idle",
        ratio <= 1.10,
        idle_mb=round(idle),
        peak_mb=round(peak),
        after_unload_mb=round(after),
        after_over_idle=round(ratio, 3),
        private_after_over_idle=round(after_heap / idle_heap, 3),
        models=loaded,
        not_here=missing,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
