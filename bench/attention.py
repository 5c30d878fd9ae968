"""What looking inside costs: attention capture as a ratio to the plain run, per task, in the same run.

  encode     MiniLM BERT on a 128-token text: a plain forward pass (fast attention kernels) against the app's
             capture (eager attention, every layer and head, reduced to float16)
  generate   SmolLM2 answering a prompt (32 new tokens): plain greedy generate against the app's job
             (the same generate, then one eager pass over prompt + answer)

    .venv/bin/python bench/attention.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_of
from desktop_app.core.context import JobContext
from desktop_app.core.requests import AttentionRequest
from desktop_app.engines.service import EngineService
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths

TEXT = ("Offline tools keep private data on the machine that made it, and a local model can explain which "
        "words it looked at when it answered. ") * 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import torch

    service = EngineService(ModelStore(AppPaths.from_environment().ensure().converted_models_dir))
    ctx = JobContext()
    encoder = service.inspection.load("", ctx)
    inputs = encoder.tokenizer(TEXT, return_tensors="pt", truncation=True, max_length=128)

    def plain_encode() -> int:
        with torch.inference_mode():
            encoder.model(**inputs)
        return 0

    generator = service.generation.load("", ctx)
    from desktop_app.core.requests import GenerationRequest

    prompt = service.generation.encode_prompt(generator, GenerationRequest("Why do people run models offline?"))

    def plain_generate() -> int:
        with torch.inference_mode():
            generator.model.generate(**prompt, max_new_tokens=32, do_sample=False)  # same greedy answer as the app
        return 0

    def app(task: str, text: str) -> int:
        service.run(AttentionRequest(text, source_task=task, max_tokens=128, max_new_tokens=32), ctx)
        return 0

    rows = [("encode", best_of(args.repeats, plain_encode)[0], best_of(args.repeats, lambda: app("encode", TEXT))[0]),
            ("generate", best_of(args.repeats, plain_generate)[0],
             best_of(args.repeats, lambda: app("generate", "Why do people run models offline?"))[0])]
    print(f"torch threads {torch.get_num_threads()}, best of {args.repeats}")
    print(f"  {'task':<10}{'plain s':>9}{'capture s':>11}{'capture / plain':>17}")
    for task, plain, captured in rows:
        print(f"  {task:<10}{plain:>9.3f}{captured:>11.3f}{captured / plain:>16.2f}x")


if __name__ == "__main__":
    main()
