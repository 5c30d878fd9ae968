"""Training speed and memory of the tuning lab on SmolLM2 135M Instruct (the default generation model), each
against a plain forward/backward pass of the same model measured in the same run:

  plain    the whole model: forward with labels, backward (no optimizer: the floor every method pays)
  lora     the app's LoRA (rank 8 on every linear layer, peft), forward, backward and an AdamW step
  distil   the app's half-depth student (layers dropped from the teacher), the teacher's forward and the
           student's forward, backward and AdamW step on the app's distillation loss

Each runs in its own process, so the peak resident memory the kernel reports is that method's alone. The
same batch (4 blocks of 128 tokens of real English text) goes through each; the first step is a warm-up,
then --steps steps are timed. Printed: training tokens/s and peak memory, and their ratios to plain; the
last line is one JSON object with every figure.

    .venv/bin/python bench/tune.py [--steps 5] [--batch 4] [--block 128]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import final_line

TEXT = Path("/usr/share/common-licenses/GPL-3")  # base-files: plain English prose on every Debian system
METHODS = ("plain", "lora", "distil")


def measure(method: str, steps: int, batch: int, block: int) -> dict[str, float]:
    """Tokens/s and peak resident bytes of one method, in this process."""
    import torch

    from desktop_app.core.context import JobContext
    from desktop_app.core.tasks import Task
    from desktop_app.engines.runtime import load_pretrained
    from desktop_app.engines.tokenizer_files import load_tokenizer
    from desktop_app.store.model_store import ModelStore
    from desktop_app.store.paths import AppPaths
    from desktop_app.tuning.distillation import distillation_loss, layer_dropped
    from desktop_app.tuning.lora import lora_config

    folder = (
        ModelStore(AppPaths.from_environment().ensure().converted_models_dir)
        .resolve("", Task.GENERATE, JobContext())
        .path
    )
    tokenizer = load_tokenizer(folder)
    model = load_pretrained(folder, torch.float32, "AutoModelForCausalLM")
    ids = torch.tensor(tokenizer(TEXT.read_text())["input_ids"][: batch * block]).reshape(batch, block)
    teacher: Any = None
    if method == "lora":
        from peft import get_peft_model

        model = get_peft_model(model, lora_config(8))
    elif method == "distil":
        teacher, model = model.eval(), layer_dropped(model, model.config.num_hidden_layers // 2)
    model.train()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=1e-4) if method != "plain" else None

    def step() -> None:
        out = model(input_ids=ids, labels=ids)
        loss = out.loss
        if teacher is not None:
            with torch.no_grad():
                target = teacher(input_ids=ids).logits
            loss = distillation_loss(out.logits, target, loss, 2.0)
        loss.backward()
        if optimizer is not None:
            optimizer.step()
        model.zero_grad(set_to_none=True)

    step()  # warm-up: first-call allocations and kernel choices
    started = time.perf_counter()
    for _ in range(steps):
        step()
    seconds = time.perf_counter() - started
    return {
        "tokens_per_s": batch * block * steps / seconds,
        "peak_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "trainable_parameters": sum(p.numel() for p in trainable),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--block", type=int, default=128)
    parser.add_argument("--one", choices=METHODS, help=argparse.SUPPRESS)  # a child process: one method
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.steps, args.batch, args.block)))
        return
    figures = {}
    for method in METHODS:
        child = [sys.executable, __file__, "--one", method, "--steps", str(args.steps)]
        child += ["--batch", str(args.batch), "--block", str(args.block)]
        done = subprocess.run(child, capture_output=True, text=True, check=True)
        figures[method] = json.loads(done.stdout.strip().splitlines()[-1])
    plain = figures["plain"]
    print(f"SmolLM2 135M, {args.batch} x {args.block} tokens per step, {args.steps} timed steps")
    for method, result in figures.items():
        speed, peak = result["tokens_per_s"], result["peak_bytes"]
        print(
            f"  {method:7s} {speed:7.0f} tokens/s ({speed / plain['tokens_per_s']:.2f}x plain)"
            f"  peak {peak / 1e6:6.0f} MB ({peak / plain['peak_bytes']:.2f}x plain)"
            f"  trainable {result['trainable_parameters'] / 1e6:.2f} M"
        )
    final_line("tune", "", None, **{f"{m}_{k}": v for m, r in figures.items() for k, v in r.items()})


if __name__ == "__main__":
    main()
