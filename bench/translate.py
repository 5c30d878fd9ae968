"""Translation speed: generated tokens per second, as ratios measured in the same run.

Rows, on the same sentences:
  raw batched        tokenizer + generate on a batch of sentences at a time (the model call alone): baseline
  raw one-by-one     the same, one sentence per call
  app batched        the app's engine (Workbench): sentence splitting, batches, cross-attention kept
  app one-by-one     the app with batch size 1
  app no attention   the app without keeping the alignment for the hover and the Attention panel
  ... fp32 and int8 dynamic quantization (torch.ao quantize_dynamic of the Linear layers)
  ctranslate2 raw         CTranslate2's Translator on the same converted weights, batched (int8, float32)
  app ctranslate2         the app's fast runner on it (Models > Precision > CTranslate2), without and with
                          the alignment (which the float32 transformers model reads back)
Printed: seconds, tokens/s, the ratio of time to raw batched fp32, and how many sentences agree with it; then
the app's CTranslate2 runs against raw CTranslate2's. Goal (issue 22): within 1.2x of CTranslate2's time.

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
from desktop_app.core.precision_requests import FAST_RUNNERS
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
    fast_rows = ctranslate2_rows(args, model_dir, sentences, translator, service, app)
    rows += fast_rows
    baseline, reference = rows[0][1], rows[0][2]
    tokens = sum(len(translator.tokenizer(t, add_special_tokens=False).input_ids) for t in reference)
    print(
        f"{len(sentences)} sentences ({tokens} target tokens), batch size {args.batch_size}, model "
        f"{model_dir.name}, torch threads {torch.get_num_threads()}, best of {args.repeats}"
    )
    print(f"  {'path':<38}{'seconds':>8}{'tokens/s':>10}{'time vs raw batched fp32':>26}  same sentences")
    for name, seconds, out in rows:
        same = sum(a == b for a, b in zip(out, reference, strict=True))
        print(
            f"  {name:<38}{seconds:>8.3f}{tokens / seconds:>10.0f}{seconds / baseline:>25.2f}x  {same}/{len(reference)}"
        )
    times = {name: seconds for name, seconds, _ in rows}
    against = {}
    print("  the app on CTranslate2 against raw CTranslate2 (goal: at most 1.2x its time)")
    for compute in FAST_RUNNERS["translate"].values():
        raw_s = times[f"ctranslate2 raw {compute}"]
        for name in (f"app ctranslate2 {compute}", f"app ctranslate2 {compute} + alignment"):
            against[figure_key(name, "over_ct2_raw")] = round(times[name] / raw_s, 2)
            print(f"    {name:<40}{times[name] / raw_s:>6.2f}x")
    best = min(v for k, v in against.items() if "alignment" not in k)
    final_line(
        "translate",
        "app on CTranslate2 within 1.2x of raw CTranslate2",
        best <= 1.2,
        **{figure_key(name, "over_raw_fp32"): round(s / baseline, 2) for name, s, _ in rows},
        **against,
    )


def ctranslate2_rows(args, model_dir, sentences, translator, service, app) -> list:
    """Raw CTranslate2 on the converted weights, and the app's fast runner on the same copy."""
    import ctranslate2
    import torch

    from desktop_app.engines.ctranslate2_copies import converted

    folder = converted(model_dir, service.store.converted_models_dir / "ctranslate2", JobContext())
    tokenizer = translator.tokenizer
    if translator.multilingual and args.src:
        tokenizer.src_lang = args.src
    prefix = [tokenizer.convert_ids_to_tokens(translator.languages[args.tgt])] if translator.multilingual else []
    rows = []
    for precision, compute in FAST_RUNNERS["translate"].items():
        runner = ctranslate2.Translator(
            str(folder), device="cpu", compute_type=compute, intra_threads=torch.get_num_threads()
        )

        def raw(runner=runner) -> list[str]:
            out = []  # text in, text out, as CTranslate2 documents it for transformers models
            for first in range(0, len(sentences), args.batch_size):
                batch = [
                    tokenizer.convert_ids_to_tokens(ids)
                    for ids in tokenizer(sentences[first : first + args.batch_size]).input_ids
                ]
                results = runner.translate_batch(
                    batch, target_prefix=[prefix] * len(batch) if prefix else None, beam_size=1,
                    max_decoding_length=64,
                )  # fmt: skip
                ids = [tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
                out += [t.strip() for t in tokenizer.batch_decode(ids, skip_special_tokens=True)]
            return out

        rows.append((f"ctranslate2 raw {compute}", *best_of(args.repeats, raw)))
        with service.engines.translation.runtime.pinned("translate", precision):
            rows += [
                (f"app ctranslate2 {compute}", *best_of(args.repeats, lambda: app(args.batch_size, False))),
                (f"app ctranslate2 {compute} + alignment", *best_of(args.repeats, lambda: app(args.batch_size))),
            ]
    return rows


if __name__ == "__main__":
    main()
