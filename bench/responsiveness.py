"""How late a 16 ms heartbeat on the GUI thread fires while the real app loads a model and generates.

Runs the real Application offscreen with its real worker and the default model (SmolLM2 135M), in six
phases measured in the same run: the panels built after the window has shown (as `desktop-app` starts),
idle (the baseline), the one-time torch/transformers import (the app does it right after the window shows),
the model load, a 200-token generation, and the default speech model's conversion for CTranslate2 (which runs
in a child process of its own). Prints p50/p99/max lateness and ticks over 50/100 ms per phase.

    make bench      (or: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/responsiveness.py)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--idle-s", type=float, default=2.0)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.common import job_end
    from desktop_app.app import Application, configure_environment
    from desktop_app.core.model_requests import LoadModelRequest, WarmUpRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.gui.heartbeat import Heartbeat
    from desktop_app.store.paths import AppPaths

    configure_environment()
    real = AppPaths.from_environment()
    scratch = Path(tempfile.mkdtemp(prefix="bench-responsiveness-"))
    paths = AppPaths(scratch / "data", real.cache_dir, scratch / "config")  # real model cache, scratch history
    qt_app = QApplication.instance() or QApplication([])
    app = Application(paths, preload_models=False, panels_later=True, models_process=True)  # as `desktop-app` starts
    app.show()
    heartbeat = Heartbeat(16)

    def idle(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    results: dict[str, dict[str, float]] = {}
    heartbeat.start()
    app.build_panels_in_turn(then=app.start_after_panels)  # the window is up; its panels follow, then the worker
    while not app.worker.started:
        idle(0.01)
    results["panels built after the window shows"] = heartbeat.summary()

    heartbeat.start()
    idle(args.idle_s)
    results["idle (baseline)"] = heartbeat.summary()

    heartbeat.start()
    started = time.perf_counter()
    job = app.worker.submit(WarmUpRequest())
    job_end(app.worker, job)
    warm_s = time.perf_counter() - started
    results["first torch/transformers import"] = heartbeat.summary()

    heartbeat.start()
    started = time.perf_counter()
    job = app.worker.submit(LoadModelRequest(for_task="generate"))
    event = job_end(app.worker, job)
    load_s = time.perf_counter() - started
    results["load model"] = heartbeat.summary()
    if type(event).__name__ != "JobFinished":
        print(f"model load failed: {event}", file=sys.stderr)
        return 1

    heartbeat.start()
    request = GenerationRequest(
        prompt="Write a long, detailed story about a lighthouse keeper and a storm.",
        temperature=0.0,
        max_new_tokens=args.tokens,
        repetition_penalty=1.2,
    )
    job = app.worker.submit(request)
    event = job_end(app.worker, job)
    results[f"generate {args.tokens} tokens"] = heartbeat.summary()
    result = getattr(event, "result", None)

    heartbeat.start()
    started = time.perf_counter()
    converting = convert_beside(real, scratch)  # a thread, as the worker's: CTranslate2's copy of Whisper
    while converting.is_alive():
        idle(0.02)
    convert_s = time.perf_counter() - started
    results["convert a model for CTranslate2"] = heartbeat.summary()
    heartbeat.stop()
    app.shutdown()
    qt_app.processEvents()

    tokens = getattr(result, "new_tokens", "?")
    rate = getattr(result, "timings", {}).get("tokens_per_s", 0)
    print(
        f"one-time imports: {warm_s:.2f} s; model load: {load_s:.2f} s; generated {tokens} tokens at {rate:.1f} tok/s;"
        f" converted Whisper for CTranslate2 in {convert_s:.2f} s"
    )
    print(
        f"{'phase':<34}{'ticks':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'>50ms':>7}{'>100ms':>8}"
        f"{'p99 / idle p99':>16}"
    )
    base_p99 = max(results["idle (baseline)"].get("p99_ms", 0.0), 0.01)
    for phase, s in results.items():
        print(
            f"{phase:<34}{s['ticks']:>7}{s['p50_ms']:>9.2f}{s['p99_ms']:>9.2f}{s['max_ms']:>9.2f}"
            f"{s['over_50ms']:>7}{s['over_100ms']:>8}{s['p99_ms'] / base_p99:>15.1f}x"
        )
    worst = 0.0
    for phase, s in results.items():  # every phase but the idle baseline, the panels' turns among them
        if phase == "idle (baseline)":
            continue
        worst = max(worst, s["max_ms"])
        print(f"goal (no tick later than 50 ms) during {phase}: {'met' if s['max_ms'] <= 50 else 'NOT met'}")
    from bench.common import figure_key, final_line

    final_line(
        "responsiveness",
        "no heartbeat tick later than 50 ms",
        worst <= 50,
        **{figure_key(phase, "max_ms"): round(s["max_ms"], 1) for phase, s in results.items()},
    )
    return 0


def convert_beside(real: object, scratch: Path) -> threading.Thread:
    """The default speech model converted for CTranslate2 into a scratch cache, in a thread of its own, as the
    worker converts one the first time its precision asks for it."""
    from desktop_app.core.context import JobContext
    from desktop_app.engines.ctranslate2_copies import converted
    from desktop_app.store.catalog import WHISPER_TINY_EN
    from desktop_app.store.model_packages import build_from_package

    folder = build_from_package(WHISPER_TINY_EN, real.converted_models_dir, JobContext())  # type: ignore[attr-defined]
    thread = threading.Thread(target=converted, args=(folder, scratch / "ctranslate2", JobContext()), daemon=True)
    thread.start()
    return thread


if __name__ == "__main__":
    sys.exit(main())
