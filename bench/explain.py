"""What an explanation costs, per method and task, as a multiple of one plain forward pass measured in the same
run, and how many samples LIME, Kernel SHAP and Shapley value sampling need before two seeds rank the features alike.

task        model (default: the app's own or the tests' tiny trained one)     features
generate    SmolLM2-135M-Instruct, "Who wrote Romeo and Juliet?"                the prompt's words
translate   the tiny Marian en-es, "the black horse runs ."                     the source words
caption     the tiny shapes captioner, a fresh picture                          SLIC superpixels
transcribe  Whisper tiny.en, a 4 s espeak-ng sentence                           time segments
match       the tiny shapes CLIP, a picture and its caption                     superpixels and words

cost: seconds of the method / seconds of one forward pass over the unperturbed input (best of --repeats);
LIME, Kernel SHAP and integrated gradients at --samples. stable at: the smallest sample count on the --ladder
at which the rankings of seeds 0 and 1 agree with Spearman's rho >= 0.9 ("-" when none on the ladder does).

  .venv/bin/python bench/explain.py [--tasks generate,translate,caption,transcribe,match] [--samples 200]
      [--ladder 25,50,100,200,400] [--repeats 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_of, final_line
from desktop_app.core.context import JobContext
from desktop_app.core.explain_requests import ExplainRequest
from desktop_app.explain.faithfulness import agreement
from desktop_app.explain.methods import FeatureScore, attribute
from desktop_app.services.dispatch import Workbench
from desktop_app.services.explain_subjects import subject_of
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths

STABLE = 0.9


def requests(folder: Path) -> dict[str, ExplainRequest]:
    from tests.caption_helpers import build_tiny_captioner, fresh_examples
    from tests.clip_helpers import build_tiny_clip
    from tests.translation_helpers import build_tiny_marian

    trained = AppPaths.from_environment().cache_dir / "trained"
    image = folder / "shape.png"
    picture, caption = fresh_examples(1, seed=7)[0]
    picture.save(image)
    clip = folder / "speech.wav"
    subprocess.run(["espeak-ng", "-w", str(clip), "The weather is lovely today."], check=True)
    return {
        "generate": ExplainRequest("Who wrote Romeo and Juliet?", max_new_tokens=12),
        "translate": ExplainRequest(
            "the black horse runs .", source_task="translate", model=str(build_tiny_marian(trained))
        ),
        "caption": ExplainRequest(str(image), source_task="caption", model=str(build_tiny_captioner(trained))),
        "transcribe": ExplainRequest(str(clip), source_task="transcribe"),
        "match": ExplainRequest(str(image), source_task="match", target=caption, model=str(build_tiny_clip(trained))),
    }


def stable_at(score: FeatureScore, method: str, ladder: list[int]) -> str:
    for samples in ladder:
        first, second = (attribute(score, method, samples, seed) for seed in (0, 1))
        if agreement(first, second) >= STABLE - 1e-9:  # five features, one swap: rho is 0.9 up to rounding
            return str(samples)
    return "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", default="generate,translate,caption,transcribe,match")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--ladder", default="25,50,100,200,400")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import torch

    ladder = [int(n) for n in args.ladder.split(",")]
    service = Workbench(ModelStore(AppPaths.from_environment().ensure().converted_models_dir))
    ctx = JobContext()
    chosen = requests(Path(tempfile.mkdtemp(prefix="bench-explain-")))
    print(f"torch threads {torch.get_num_threads()}, {args.samples} samples, best of {args.repeats}")
    print(f"  {'task':<11}{'features':>9}{'forward s':>11}  {'method':<11}{'s':>8}{'cost':>9}{'stable at':>11}")
    figures: dict[str, float] = {}
    for task in args.tasks.split(","):
        subject = subject_of(service.engines, chosen[task], ctx)
        score = subject.score
        count = len(score.names)
        whole = torch.ones(1, count)
        with torch.no_grad():
            score.forward(whole)  # warm: the first pass pays for lazy set-up
            forward, _ = best_of(args.repeats, partial(score.forward, whole))
        for method in ("ablation", "ig", "lime", "kernelshap", "shapley", "attention"):
            if method == "attention" and subject.attention is None:
                continue
            began = time.perf_counter()
            if method == "attention":
                assert subject.attention is not None
                subject.attention()
            else:
                attribute(score, method, args.samples)
            took = time.perf_counter() - began
            steady = stable_at(score, method, ladder) if method in ("lime", "kernelshap", "shapley") else ""
            print(
                f"  {task:<11}{count:>9}{forward:>11.4f}  {method:<11}{took:>8.2f}{took / forward:>8.0f}x{steady:>11}"
            )
            figures[f"{task}_{method}_forwards"] = round(took / forward)
    final_line("explain", "", None, **figures)


if __name__ == "__main__":
    main()
