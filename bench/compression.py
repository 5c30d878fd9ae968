"""int8 against fp32, per task, through the app's compression lab: the same job on the same input, with the
size and speed ratios and whether the output stayed the same, all from one run.

  generate    SmolLM2 135M Instruct (the default), a 48-token greedy answer
  transcribe  Whisper tiny.en (the default), a 6 s espeak-ng clip
  caption     the tests' tiny captioner (no captioning weights install offline; --caption-model for a real one)
  translate   the tests' tiny Marian en->es (likewise; --translate-model for a real one)

Each measure is the lab's: the job timed warm, best of --repeats runs of the lab; generation is compared
per new token, since the two models may write answers of different lengths.

    .venv/bin/python bench/compression.py [--repeats 2] [--caption-model DIR] [--translate-model DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import final_line
from desktop_app.core.context import JobContext
from desktop_app.core.requests import CompressionRequest
from desktop_app.core.results import CompressionReport
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--caption-model", default="")
    parser.add_argument("--translate-model", default="")
    args = parser.parse_args()
    import torch

    from tests.caption_helpers import build_tiny_captioner, fresh_examples
    from tests.translation_helpers import build_tiny_marian

    paths = AppPaths.from_environment().ensure()
    workbench = Workbench(ModelStore(paths.converted_models_dir), paths.embeddings_dir)
    trained = paths.cache_dir / "trained"
    folder = Path(tempfile.mkdtemp(prefix="bench-compression-"))
    image = folder / "shape.png"
    fresh_examples(1, seed=11)[0][0].save(image)
    clip = folder / "speech.wav"
    subprocess.run(
        [
            "espeak-ng",
            "-w",
            str(clip),
            "The weather is lovely today. We walked along the river and watched the boats go by.",
        ],
        check=True,
    )
    jobs = [
        CompressionRequest("generate"),
        CompressionRequest("transcribe", sample=str(clip)),
        CompressionRequest("caption", args.caption_model or str(build_tiny_captioner(trained)), sample=str(image)),
        CompressionRequest(
            "translate", args.translate_model or str(build_tiny_marian(trained)), sample="the red circle is big ."
        ),
    ]
    print(f"torch threads {torch.get_num_threads()}, best of {args.repeats}")
    print(
        f"  {'task':<11}{'model':<26}{'int8 speed-up':>16}{'size fp32/int8':>16}{'memory fp32/int8':>18}  same output"
    )
    figures: dict[str, object] = {}
    for job in jobs:
        reports = [workbench.run(job, JobContext()) for _ in range(args.repeats)]
        best: CompressionReport = min(reports, key=lambda r: r.after.run_s)
        # generation compares per token: the two models may write answers of different lengths
        speed = (lambda m: m.s_per_token) if job.for_task == "generate" else (lambda m: m.run_s)
        before_s = min(speed(r.before) for r in reports)
        after_s = min(speed(r.after) for r in reports)
        print(
            f"  {job.for_task:<11}{Path(best.model.ref).name[:25]:<26}{before_s / after_s:>15.2f}x"
            f"{best.before.disk_bytes / best.after.disk_bytes:>15.2f}x"
            f"{best.before.memory_bytes / best.after.memory_bytes:>17.2f}x  {'yes' if best.same_output else 'no'}"
        )
        if not best.same_output:
            print(f"{'':<13}fp32: {best.before.output[:90]!r}\n{'':<13}int8: {best.after.output[:90]!r}")
        figures[f"{job.for_task}_int8_speedup"] = round(before_s / after_s, 2)
        figures[f"{job.for_task}_int8_same_output"] = best.same_output
    final_line("compression", "", None, **figures)


if __name__ == "__main__":
    main()
