"""Chat in the window against the same runner called in-process: what the window's own work costs the model
writing the answer (its models' process and the socket to it, the answer drawn as Markdown as it streams, the
figures and the bars).

The same answers, in one run, alternating two rounds of each, each in a fresh process:
- **the window**: the real Application with its models in their own process, as `desktop-app` runs them; each
  answer is typed into the Chat panel and sent, with the window's own sampling settings and a fixed seed;
- **in-process**: the requests the window sent, run again by the app's Workbench called directly, as the
  command line runs them.
On two cores the window's process takes its share of a core from the two threads writing the answer, so what
it does per batch of streamed tokens shows in the tokens a second.

Prints tokens a second (the median of the answers), the window's over in-process, and the share of a core the
window's process used while the answers streamed. Qt draws offscreen unless QT_QPA_PLATFORM says otherwise
(under Xvfb the X server's drawing is another process's time).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/chat_window.py [--precision ort_int4] [--answers 3] [--tokens 256]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PROMPTS = (
    "Write a long, detailed story about a lighthouse keeper and a storm.",
    "Explain in detail how a bicycle works, part by part.",
    "Describe a walk through a busy market in the morning.",
)
SAMPLING = {"temperature": 0.7, "top_p": 0.9, "top_k": 50, "repetition_penalty": 1.1}


def window_answers(precision: str, answers: int, requests_file: Path, tokens: int) -> dict[str, object]:
    """The answers sent from the Chat panel; the requests it sent are written to `requests_file`."""
    from PySide6.QtWidgets import QApplication

    from bench.common import job_end
    from desktop_app.app import Application, configure_environment
    from desktop_app.core.precision_requests import PrecisionRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.store.paths import AppPaths

    configure_environment()
    real = AppPaths.from_environment()
    scratch = Path(tempfile.mkdtemp(prefix="bench-chat-window-"))
    qt_app = QApplication.instance() or QApplication([])
    paths = AppPaths(scratch / "data", real.cache_dir, scratch / "config")
    app = Application(paths, preload_models=False, models_process=True)
    app.window.resize(1200, 800)
    app.show()

    def finished(job: int) -> object:
        event = job_end(app.worker, job)
        if not hasattr(event, "result"):
            raise RuntimeError(f"the job did not finish: {event}")
        return event

    app.start_worker()
    finished(app.worker.submit(PrecisionRequest("generate", precision)))
    finished(app.worker.submit(GenerationRequest("Hi", max_new_tokens=4, temperature=0.0)))  # loaded and warm
    chat = app.window.show_panel("Chat")
    sent: list[GenerationRequest] = []
    submit = app.worker.submit

    def submitted(request: object) -> int:  # what the panel sends, as it sends it
        if isinstance(request, GenerationRequest):
            sent.append(request)
        return submit(request)

    app.worker.submit = submitted  # type: ignore[method-assign]
    rates, shares = [], []
    for index in range(answers):
        chat.new_conversation()
        chat.options.show({**SAMPLING, "max_new_tokens": tokens, "seed": index + 1})
        chat.prompt.setPlainText(PROMPTS[index % len(PROMPTS)])
        cpu, wall = time.process_time(), time.perf_counter()
        chat.send()
        assert chat.job.job_id is not None and len(sent) == index + 1
        event = finished(chat.job.job_id)
        shares.append((time.process_time() - cpu) / (time.perf_counter() - wall))
        rates.append(event.result.timings["tokens_per_s"])  # type: ignore[attr-defined]
    app.shutdown()
    qt_app.processEvents()
    requests_file.write_bytes(pickle.dumps(sent))
    return {"tokens_per_s": statistics.median(rates), "window_cpu_share": statistics.median(shares)}


def in_process_answers(precision: str, requests_file: Path) -> dict[str, object]:
    """The window's requests, run by the app's Workbench in this process."""
    from desktop_app.app import configure_environment, default_runner_factory
    from desktop_app.core.context import JobContext
    from desktop_app.core.precision_requests import PrecisionRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.store.paths import AppPaths

    configure_environment()
    service = default_runner_factory(AppPaths.from_environment())()
    service.run(PrecisionRequest("generate", precision), JobContext())
    service.run(GenerationRequest("Hi", max_new_tokens=4, temperature=0.0), JobContext())
    rates = []
    for request in pickle.loads(requests_file.read_bytes()):
        streamed: list[object] = []
        result = service.run(request, JobContext(on_partial=streamed.append))  # the tokens handed on, as sent
        rates.append(result.timings["tokens_per_s"])
    return {"tokens_per_s": statistics.median(rates)}


def run_child(kind: str, precision: str, answers: int, requests_file: Path, tokens: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", kind, "--precision", precision, "--answers", str(answers)]
    command += ["--requests", str(requests_file), "--tokens", str(tokens)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{kind}: {(done.stderr.strip().splitlines() or ['no output'])[-1]}")
    figures: dict[str, object] = json.loads(lines[-1])
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--precision", default="ort_int4", help="the fastest, where the window's share shows most")
    parser.add_argument("--answers", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--tokens", type=int, default=256, help="each answer's length limit")
    parser.add_argument("--child", choices=("window", "in-process"))
    parser.add_argument("--requests", type=Path)
    args = parser.parse_args()
    if args.child == "window":
        print(json.dumps(window_answers(args.precision, args.answers, args.requests, args.tokens)))
        return 0
    if args.child == "in-process":
        print(json.dumps(in_process_answers(args.precision, args.requests)))
        return 0

    from bench.common import final_line

    requests_file = Path(tempfile.mkdtemp(prefix="bench-chat-window-")) / "requests.pickle"
    window, in_process, shares = [], [], []
    for round_ in range(args.rounds):  # the window first: the in-process row runs the requests it sent
        shown = run_child("window", args.precision, args.answers, requests_file, args.tokens)
        called = run_child("in-process", args.precision, args.answers, requests_file, args.tokens)
        window.append(float(shown["tokens_per_s"]))  # type: ignore[arg-type]
        shares.append(float(shown["window_cpu_share"]))  # type: ignore[arg-type]
        in_process.append(float(called["tokens_per_s"]))  # type: ignore[arg-type]
        print(
            f"round {round_ + 1}: the window {window[-1]:.1f} tok/s, in-process {in_process[-1]:.1f} tok/s;"
            f" the window's process used {shares[-1]:.0%} of a core while answers streamed",
            flush=True,
        )
    ratio = statistics.median(w / c for w, c in zip(window, in_process, strict=True))
    print(f"chat in the window on {args.precision}: {ratio:.2f}x the tokens a second of the same runner in-process")
    final_line(
        "chat_window",
        "chat in the window at least 0.9x the tokens a second of the same runner in-process",
        ratio >= 0.9,
        precision=args.precision,
        window_tok_s=round(statistics.median(window), 1),
        in_process_tok_s=round(statistics.median(in_process), 1),
        window_over_in_process=round(ratio, 2),
        window_cpu_share=round(statistics.median(shares), 3),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
