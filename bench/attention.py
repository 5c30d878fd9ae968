"""What looking inside costs: attention capture as a ratio to the plain run, per task, in the same run.

encode     MiniLM BERT on a 128-token text: a plain forward pass (fast attention kernels) against the app's
           capture (eager attention, every layer and head, reduced to float16)
generate   SmolLM2 answering a prompt (32 new tokens): plain greedy generate against the app's job
           (the same generate, then one eager pass over prompt + answer)
+ attrib.  the same job with attribution too: gradient x input, occlusion and the top-k per step
translate  a translation job without attention against the Attention panel's (every head kept); the tests'
           tiny Marian model unless --translate-model gives a real one
caption    a caption job without attention against the Attention panel's; the tests' tiny captioner unless
           --caption-model gives a real one
transcribe Whisper tiny.en on a 6 s clip: the raw model call (features + greedy generate) against the
           Attention panel's job (audio decoded, the same generate, one eager pass, pooled to 40 ms columns)

  .venv/bin/python bench/attention.py [--repeats 3] [--translate-model DIR] [--caption-model DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_of, final_line
from desktop_app.core.context import JobContext
from desktop_app.core.requests import AttentionRequest, CaptionRequest, TranslationRequest
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths

TEXT = (
    "Offline tools keep private data on the machine that made it, and a local model can explain which "
    "words it looked at when it answered. "
) * 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--translate-model", default="", help="a Marian/NLLB/M2M folder (default: the tiny one)")
    parser.add_argument("--caption-model", default="", help="a captioning model folder (default: the tiny one)")
    args = parser.parse_args()
    import torch

    service = Workbench(ModelStore(AppPaths.from_environment().ensure().converted_models_dir))
    ctx = JobContext()
    encoder = service.engines.encoder.load("", ctx)
    inputs = encoder.tokenizer(TEXT, return_tensors="pt", truncation=True, max_length=128)

    def plain_encode() -> int:
        with torch.inference_mode():
            encoder.model(**inputs)
        return 0

    generator = service.engines.generation.load("", ctx)
    from desktop_app.core.requests import GenerationRequest

    prompt = service.engines.generation.encode_prompt(generator, GenerationRequest("Why do people run models offline?"))

    def plain_generate() -> int:
        with torch.inference_mode():
            generator.model.generate(**prompt, max_new_tokens=32, do_sample=False)  # same greedy answer as the app
        return 0

    def app(task: str, text: str, **options: object) -> int:
        service.run(AttentionRequest(text, source_task=task, max_tokens=128, max_new_tokens=32, **options), ctx)
        return 0

    question = "Why do people run models offline?"
    rows = [
        ("encode", best_of(args.repeats, plain_encode)[0], best_of(args.repeats, lambda: app("encode", TEXT))[0]),
        (
            "generate",
            best_of(args.repeats, plain_generate)[0],
            best_of(args.repeats, lambda: app("generate", question, attribution=False))[0],
        ),
    ]
    rows.append(("+ attrib.", rows[-1][1], best_of(args.repeats, lambda: app("generate", question))[0]))
    rows += _cross_attention_rows(service, ctx, args)
    print(f"torch threads {torch.get_num_threads()}, best of {args.repeats}")
    print(f"  {'task':<10}{'plain s':>9}{'capture s':>11}{'capture / plain':>17}")
    for task, plain, captured in rows:
        print(f"  {task:<10}{plain:>9.3f}{captured:>11.3f}{captured / plain:>16.2f}x")
    final_line("attention", "", None, **{f"{task}_capture_over_plain": round(c / p, 2) for task, p, c in rows})


def _cross_attention_rows(
    service: Workbench, ctx: JobContext, args: argparse.Namespace
) -> list[tuple[str, float, float]]:
    import subprocess
    import tempfile

    import torch

    from tests.caption_helpers import build_tiny_captioner, fresh_examples
    from tests.translation_helpers import build_tiny_marian

    trained = AppPaths.from_environment().cache_dir / "trained"
    marian = args.translate_model or str(build_tiny_marian(trained))
    captioner = args.caption_model or str(build_tiny_captioner(trained))
    folder = Path(tempfile.mkdtemp(prefix="bench-attention-"))
    image = folder / "shape.png"
    fresh_examples(1, seed=7)[0][0].save(image)
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
    sentence = "the red circle is big ."
    transcriber = service.engines.transcription.load("", ctx)
    from desktop_app.audio.decoding import load_audio

    samples = load_audio(clip).samples

    def plain_transcribe() -> int:
        with torch.inference_mode():
            transcriber.model.generate(
                service.engines.transcription.features(transcriber, samples), force_unique_generate_call=True
            )
        return 0

    def plain(request: object) -> int:
        service.run(request, ctx)  # type: ignore[arg-type]
        return 0

    def inspected(task: str, text: str, model: str) -> int:
        service.run(AttentionRequest(text, source_task=task, model=model), ctx)
        return 0

    translate = TranslationRequest(sentence, model=marian, keep_attention=False)
    caption = CaptionRequest((str(image),), model=captioner, keep_attention=False)
    return [
        (
            "translate",
            best_of(args.repeats, lambda: plain(translate))[0],
            best_of(args.repeats, lambda: inspected("translate", sentence, marian))[0],
        ),
        (
            "caption",
            best_of(args.repeats, lambda: plain(caption))[0],
            best_of(args.repeats, lambda: inspected("caption", str(image), captioner))[0],
        ),
        (
            "transcribe",
            best_of(args.repeats, plain_transcribe)[0],
            best_of(args.repeats, lambda: inspected("transcribe", str(clip), ""))[0],
        ),
    ]


if __name__ == "__main__":
    main()
