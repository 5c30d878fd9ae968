"""Translation speed: generated tokens per second, as ratios measured in the same run.

Rows, on the same sentences:
  raw batched        tokenizer + generate on a batch of sentences at a time (the model call alone): baseline
  raw one-by-one     the same, one sentence per call
  app batched        the app's engine (Workbench): sentence splitting, batches, cross-attention kept
  app one-by-one     the app with batch size 1
  app no attention   the app without keeping the alignment for the hover and the Attention panel
  ... fp32 and int8 dynamic quantization (torch.ao quantize_dynamic of the Linear layers)
Printed: seconds, tokens/s, the ratio of time to raw batched fp32, and how many sentences agree with it.

No neural translation weights install offline, so by default this trains the tests' tiny Marian model
(d_model 64, 2+2 layers, ~30 s once, cached). Give a real Marian/NLLB/M2M folder with --model (and --src/--tgt
for the multilingual ones) to measure one.

    .venv/bin/python bench/translate.py [--sentences 200] [--batch-size 16] [--repeats 3] [--model DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_of, figure_key, final_line, quantize_int8
from desktop_app.core.context import JobContext
from desktop_app.core.requests import TranslationRequest
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default="")
    parser.add_argument("--src", default="")
    parser.add_argument("--tgt", default="")
    args = parser.parse_args()
    import torch

    from tests.translation_helpers import all_pairs, build_tiny_marian

    paths = AppPaths.from_environment().ensure()
    model_dir = Path(args.model) if args.model else build_tiny_marian(paths.cache_dir / "trained")
    pairs = all_pairs()
    sentences = [pairs[i % len(pairs)][0] for i in range(args.sentences)]
    service = Workbench(ModelStore(paths.converted_models_dir))
    translator = service.engines.translation.load(str(model_dir), JobContext())
    fp32 = translator.model
    forced = {"forced_bos_token_id": translator.languages[args.tgt]} if translator.multilingual else {}

    def raw(batch_size: int) -> list[str]:
        out = []
        for first in range(0, len(sentences), batch_size):
            inputs = translator.tokenizer(sentences[first : first + batch_size], return_tensors="pt", padding=True)
            with torch.inference_mode():
                ids = translator.model.generate(**inputs, num_beams=1, max_new_tokens=64, **forced)
            out += [t.strip() for t in translator.tokenizer.batch_decode(ids, skip_special_tokens=True)]
        return out

    def app(batch_size: int, keep_attention: bool = True) -> list[str]:
        request = TranslationRequest(
            " ".join(sentences),
            model=str(model_dir),
            source_lang=args.src,
            target_lang=args.tgt,
            num_beams=1,
            max_new_tokens=64,
            batch_size=batch_size,
            keep_attention=keep_attention,
        )
        return [s.target for s in service.run(request, JobContext()).sentences]

    rows = []
    for label, model in (("fp32", fp32), ("int8", quantize_int8(fp32))):
        translator.model = model  # the loaded model, swapped for its quantized copy
        rows += [
            (f"raw batched {label}", *best_of(args.repeats, lambda: raw(args.batch_size))),
            (f"raw one-by-one {label}", *best_of(args.repeats, lambda: raw(1))),
            (f"app batched {label}", *best_of(args.repeats, lambda: app(args.batch_size))),
            (f"app one-by-one {label}", *best_of(args.repeats, lambda: app(1))),
            (f"app no attention {label}", *best_of(args.repeats, lambda: app(args.batch_size, False))),
        ]
    translator.model = fp32
    baseline, reference = rows[0][1], rows[0][2]
    tokens = sum(len(translator.tokenizer(t, add_special_tokens=False).input_ids) for t in reference)
    print(
        f"{len(sentences)} sentences ({tokens} target tokens), batch size {args.batch_size}, model "
        f"{model_dir.name}, torch threads {torch.get_num_threads()}, best of {args.repeats}"
    )
    print(f"  {'path':<26}{'seconds':>8}{'tokens/s':>10}{'time vs raw batched fp32':>26}  same sentences")
    for name, seconds, out in rows:
        same = sum(a == b for a, b in zip(out, reference, strict=True))
        print(
            f"  {name:<26}{seconds:>8.3f}{tokens / seconds:>10.0f}{seconds / baseline:>25.2f}x  {same}/{len(reference)}"
        )
    final_line(
        "translate", "", None, **{figure_key(name, "over_raw_fp32"): round(s / baseline, 2) for name, s, _ in rows}
    )


if __name__ == "__main__":
    main()
