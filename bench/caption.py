"""Captioning speed: images per second for a batch of images, as ratios measured in the same run.

Rows, each on the same images (PNG files on disk):
  raw batched        what a script with transformers does: open each file with PIL, the image processor,
                     then generate, a batch at a time: the baseline
  raw in memory      the same on images already decoded (the model call alone)
  raw one-by-one     the same, one image per call
  app batched        the app's engine (Workbench): read each file, check it, batch, generate, captions
  app one-by-one     the app with batch size 1
  app no attention   the app without keeping cross-attention for the Attention panel
  ... fp32 and int8 dynamic quantization (torch.ao quantize_dynamic of the Linear layers; GPT-2's Conv1D
  layers are turned into Linear first, or nothing in the decoder is quantized)
Printed: seconds, images/s, the ratio of time to raw batched fp32, and how many captions agree with it.

No captioning weights install offline, so by default this trains the tests' tiny model (ViT 2 layers +
GPT-2 2 layers, ~30 s once, cached). Its tiny size makes overheads look large; give a real model folder
(e.g. a copy of Salesforce/blip-image-captioning-base) with --model to measure one.

    .venv/bin/python bench/caption.py [--images 64] [--batch-size 16] [--repeats 3] [--model DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_of, figure_key, final_line, quantize_int8
from desktop_app.core.context import JobContext
from desktop_app.core.requests import CaptionRequest
from desktop_app.images.loading import load_image
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model", default="", help="a captioning model folder (default: the tiny test model)")
    args = parser.parse_args()
    import torch

    from tests.caption_helpers import build_tiny_captioner, fresh_examples

    paths = AppPaths.from_environment().ensure()
    model_dir = Path(args.model) if args.model else build_tiny_captioner(paths.cache_dir / "trained")
    folder = Path(tempfile.mkdtemp(prefix="caption-bench-"))
    files = []
    for i, (image, _) in enumerate(fresh_examples(args.images, seed=7)):
        files.append(folder / f"{i:03d}.png")
        image.resize((256, 256)).save(files[-1])
    service = Workbench(ModelStore(paths.converted_models_dir))
    captioner = service.engines.captioning.load(str(model_dir), JobContext())
    fp32 = captioner.model
    images = [load_image(f).image for f in files]

    def raw(batch_size: int, in_memory: bool = False) -> list[str]:
        from PIL import Image

        out = []
        for first in range(0, len(files), batch_size):
            batch = (
                images[first : first + batch_size]
                if in_memory
                else [Image.open(f).convert("RGB") for f in files[first : first + batch_size]]
            )
            pixels = captioner.image_processor(batch, return_tensors="pt").pixel_values
            with torch.inference_mode():
                ids = captioner.model.generate(pixel_values=pixels, max_new_tokens=30, num_beams=1)
            out += [t.strip() for t in captioner.tokenizer.batch_decode(ids, skip_special_tokens=True)]
        return out

    def app(batch_size: int, keep_attention: bool = True) -> list[str]:
        request = CaptionRequest(
            tuple(map(str, files)),
            model=str(model_dir),
            num_beams=1,
            max_new_tokens=30,
            batch_size=batch_size,
            keep_attention=keep_attention,
        )
        return [item.caption for item in service.run(request, JobContext()).items]

    rows = []
    for label, model in (("fp32", fp32), ("int8", quantize_int8(fp32))):
        captioner.model = model  # the loaded model, swapped for its quantized copy
        rows += [
            (f"raw batched {label}", *best_of(args.repeats, lambda: raw(args.batch_size))),
            (f"raw in memory {label}", *best_of(args.repeats, lambda: raw(args.batch_size, True))),
            (f"raw one-by-one {label}", *best_of(args.repeats, lambda: raw(1))),
            (f"app batched {label}", *best_of(args.repeats, lambda: app(args.batch_size))),
            (f"app one-by-one {label}", *best_of(args.repeats, lambda: app(1))),
            (f"app no attention {label}", *best_of(args.repeats, lambda: app(args.batch_size, False))),
        ]
    captioner.model = fp32
    baseline, reference = rows[0][1], rows[0][2]
    print(
        f"{len(files)} images, batch size {args.batch_size}, model {model_dir.name}, torch threads "
        f"{torch.get_num_threads()}, best of {args.repeats}"
    )
    print(f"  {'path':<26}{'seconds':>8}{'images/s':>10}{'time vs raw batched fp32':>26}  same captions")
    for name, seconds, captions in rows:
        same = sum(a == b for a, b in zip(captions, reference, strict=True))
        print(
            f"  {name:<26}{seconds:>8.3f}{len(files) / seconds:>10.1f}{seconds / baseline:>25.2f}x  "
            f"{same}/{len(reference)}"
        )
    final_line(
        "caption", "", None, **{figure_key(name, "over_raw_fp32"): round(s / baseline, 2) for name, s, _ in rows}
    )


if __name__ == "__main__":
    main()
