"""Batch throughput: the same folder transcribed three ways, each a fresh `desktop-app batch` command as a
person runs it, in one run of this script:
  in process      --in-process: no Ray, one worker in the command's own process (the baseline)
  Ray, 1 worker   a local Ray started for the job, one actor with the model loaded
  Ray, 2 workers  the same with two actors, each with half the cores
Printed per row: the command's wall time, files/s, the ratio of time to the baseline, and what Ray's start-up
costs (ray.init, and the time until the first results: the actors' processes starting and loading the model).
The goal: Ray with one worker under 1.2x the in-process time for 200 files. The last lines estimate a cluster
of N nodes from the measured per-file cost and Ray's fixed costs; the very last line is the result as JSON.

The inputs are spoken sentences from espeak-ng, transcribed by the default Whisper tiny.en.

    .venv/bin/python bench/batch.py [--files 200] [--batch-size 8]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import figure_key, final_line

GOAL = 1.2  # Ray with one worker, against the in-process time


def run_mode(folder: Path, out: Path, flags: list[str], batch_size: int) -> dict[str, float]:
    command = [sys.executable, "-m", "desktop_app", "batch", "transcribe", str(folder), "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--batch-size", str(batch_size), "--json", *flags], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"batch {' '.join(flags)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    summary: dict[str, float] = json.loads(done.stdout)
    return {**summary, "wall_s": round(wall, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    from tests.batch_helpers import speak_clips

    subprocess.run([sys.executable, "-m", "desktop_app", "models", "prepare", "--task", "transcribe"], check=True)
    folder = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    speak_clips(folder / "clips", args.files)
    modes = {
        "in process": ["--in-process"],
        "Ray, 1 worker": ["--workers", "1"],
        "Ray, 2 workers": ["--workers", "2"],
    }
    results = {
        name: run_mode(folder / "clips", folder / f"{i}.jsonl", flags, args.batch_size)
        for i, (name, flags) in enumerate(modes.items())
    }
    base = results["in process"]["wall_s"]
    print(f"\n{args.files} spoken sentences, Whisper tiny.en, batch size {args.batch_size}, {os.cpu_count()} CPUs")
    print(f"{'':16} {'wall s':>8} {'files/s':>8} {'× in-process':>13} {'Ray start s':>12} {'first rows s':>13}")
    for name, result in results.items():
        print(
            f"{name:16} {result['wall_s']:8.1f} {args.files / result['wall_s']:8.2f} {result['wall_s'] / base:13.2f} "
            f"{result['ray_start_s']:12.2f} {result['first_row_s']:13.2f}"
        )
    one = results["Ray, 1 worker"]
    ratio = one["wall_s"] / base
    verdict = "met" if ratio < GOAL else "NOT met"
    print(f"\nRay with one worker: {ratio:.2f}× the in-process time (goal: under {GOAL}×): {verdict}")

    # A cluster of N nodes like this one: Ray's fixed start (joining, the actors loading the model), then the
    # files shared at the rate one node reached with two workers (its per-batch scheduling included).
    two = results["Ray, 2 workers"]
    per_file = (base - results["in process"]["first_row_s"]) / args.files  # the model's own work, per file
    node_rate = args.files / max(two["work_s"] - two["first_row_s"], 1e-9)
    fixed = two["ray_start_s"] + two["first_row_s"]
    overhead = (one["work_s"] - one["first_row_s"]) / args.files - per_file  # what Ray adds per file
    print(
        f"per file {per_file:.3f} s in process; Ray adds {overhead * 1000:.0f} ms per file; fixed start {fixed:.1f} s"
    )
    for nodes in (1, 4, 16):
        minutes = (fixed + 10_000 / (nodes * node_rate)) / 60
        print(f"  10000 files on {nodes:2} node(s) like this one, 2 workers each: about {minutes:.0f} min")
    final_line(
        "batch",
        f"Ray with one worker < {GOAL}x in-process",
        ratio < GOAL,
        files=args.files,
        **{figure_key(name, "wall_s"): result["wall_s"] for name, result in results.items()},
        ray_one_worker_ratio=round(ratio, 3),
        ray_start_s=one["ray_start_s"],
        first_rows_s=one["first_row_s"],
        per_file_s=round(per_file, 4),
    )


if __name__ == "__main__":
    main()
