"""Real-time factor of speech recognition: the app's path against the raw model call, in the same run.

For Whisper tiny.en and base, on a fixed 66 s clip (espeak-ng sentences and a human "hello world" with
pauses), times:
  raw        the raw transformers pipeline: the processor's features of the whole clip, then transformers'
             own long-form model.generate (what the ASR pipeline does once the file is read)
  raw generate only   the same without the feature extraction (features computed before timing)
  app        the app's engine (Workbench): read the file, voice activity, speech laid end to end, 30 s
             passes, segments mapped back to the clip's time
  app-novad  the app with voice activity off (30 s passes over the whole clip, like raw)
  ... each again with int8 dynamic quantization of the Linear layers (torch.ao quantize_dynamic)
  faster-whisper on the packages' own CTranslate2 files (float32 and int8; int8 again with its VAD filter), when
             it is installed
Printed: seconds, real-time factor (seconds of work per second of audio; lower is faster), the ratio to
raw fp32, and how much each transcript differs from raw fp32's (word error rate between the two).
Goal: app / raw under 1.10, and close to faster-whisper.

    .venv/bin/python bench/speech.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_of, figure_key, final_line, quantize_int8
from desktop_app.audio.decoding import load_audio
from desktop_app.core.context import JobContext
from desktop_app.core.precision_requests import PrecisionRequest
from desktop_app.core.requests import TranscriptionRequest
from desktop_app.services.dispatch import Workbench
from desktop_app.store.catalog import WHISPER_BASE, WHISPER_TINY_EN
from desktop_app.store.model_packages import build_from_package, package_weight_files
from desktop_app.store.model_store import ModelStore
from desktop_app.store.paths import AppPaths
from tests.speech_helpers import bench_clip, word_error_rate

REPO = Path(__file__).resolve().parent.parent
# The goal's pairs: the app's row, the faster-whisper row it is measured against, and the ratio's name. Both
# without voice activity, and both with their own (the app's default).
PAIRS = (
    ("app-novad ct2_int8", "faster-whisper int8", "app ct2_int8 over faster-whisper int8"),
    ("app ct2_int8", "faster-whisper int8 vad", "app ct2_int8 vad over faster-whisper int8 vad"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import torch

    paths = AppPaths.from_environment().ensure()
    folder = Path(tempfile.mkdtemp(prefix="speech-bench-"))
    clip, words = bench_clip(folder)
    audio = load_audio(clip).samples
    duration = len(audio) / 16_000
    print(f"clip: {duration:.1f} s; torch threads: {torch.get_num_threads()}; best of {args.repeats}")
    figures: dict[str, float] = {}
    for entry in (WHISPER_TINY_EN, WHISPER_BASE):
        figures |= bench_model(entry, paths, clip, audio, args.repeats, words)
    # The goal: the app's CTranslate2 int8 runner within faster-whisper int8's time on the same weights, writing
    # the clip's words as well as it does: a run that skips a window of speech is quick and wrong.
    ratios = {key: value for key, value in figures.items() if "_over_faster_whisper_" in key}
    as_good = {key: value <= 0.02 for key, value in figures.items() if key.endswith("_wer_over_faster_whisper")}
    for name, ratio in sorted(ratios.items()):
        print(f"{name}: {ratio:.2f}x (goal: at most 1.0x)")
    for name, good in sorted(as_good.items()):
        print(f"{name}: {figures[name]:+.3f} ({'as good as' if good else 'WORSE than'} faster-whisper int8's)")
    met = all(r <= 1.0 for r in ratios.values()) and all(as_good.values()) if ratios else None
    goal = "app CTranslate2 int8 <= 1.0x faster-whisper int8, without voice activity and with it"
    rest = {key: value for key, value in figures.items() if key not in ratios}
    final_line("speech", goal, met, clip_s=round(duration, 1), **ratios, **rest)  # the goal's figures first


def bench_model(entry, paths: AppPaths, clip: Path, audio: np.ndarray, repeats: int, words: str) -> dict[str, float]:
    """The model's rows, printed; returned as figures: each row's time against raw fp32, and the goal's two rows'
    word error rates against the words spoken in the clip."""
    import torch

    duration = len(audio) / 16_000
    if package_weight_files(entry.package) is None:
        print(f"{entry.key}: not installed ({entry.package.pins}); skipped")
        return {}
    folder_hf = build_from_package(entry, paths.converted_models_dir, JobContext())
    service = Workbench(ModelStore(paths.converted_models_dir))
    transcriber = service.engines.transcription.load(entry.key, JobContext())
    processor, fp32_model = transcriber.processor, transcriber.model
    lang = {"language": "en", "task": "transcribe"} if transcriber.multilingual else {}

    def features():
        return processor(
            audio,
            sampling_rate=16_000,
            return_tensors="pt",
            truncation=False,
            padding="longest",
            return_attention_mask=True,
        )

    computed = features()

    def raw(model=fp32_model, inputs=None) -> str:
        inputs = inputs if inputs is not None else features()  # what the ASR pipeline does: features, then generate
        with torch.inference_mode():
            ids = model.generate(
                inputs.input_features, attention_mask=inputs.attention_mask, return_timestamps=True, **lang
            )
        return processor.batch_decode(ids, skip_special_tokens=True)[0]

    def app(use_vad: bool = True) -> str:
        request = TranscriptionRequest(str(clip), model=entry.key, language=lang.get("language", ""), use_vad=use_vad)
        return service.run(request, JobContext()).text

    rows = []
    rows.append(("raw fp32", *best_of(repeats, raw)))
    rows.append(("raw generate only", *best_of(repeats, lambda: raw(inputs=computed))))
    rows.append(("app fp32", *best_of(repeats, app)))
    rows.append(("app-novad fp32", *best_of(repeats, lambda: app(False))))
    int8_model = quantize_int8(fp32_model)
    rows.append(("raw int8", *best_of(repeats, lambda: raw(int8_model))))
    transcriber.model = int8_model  # the app's loaded model, swapped for its quantized copy
    rows.append(("app int8", *best_of(repeats, app)))
    transcriber.model = fp32_model
    for runner in ("ct2_float32", "ct2_int8"):  # the app's fast runner, as Models > Precision picks it
        service.run(PrecisionRequest("transcribe", runner), JobContext())
        rows.append((f"app {runner}", *best_of(repeats, app)))
        rows.append((f"app-novad {runner}", *best_of(repeats, lambda: app(False))))
    service.run(PrecisionRequest("transcribe", "float32"), JobContext())
    rows += faster_whisper_rows(entry, repeats, clip)
    baseline, reference = rows[0][1], rows[0][2]
    print(f"\n{entry.display_name}  ({folder_hf.name})")
    print(f"  {'path':<24}{'seconds':>8}{'RTF':>8}{'vs raw fp32':>13}{'words':>7}  differs from raw fp32 (WER)")
    for name, seconds, text in rows:
        print(
            f"  {name:<24}{seconds:>8.2f}{seconds / duration:>8.3f}{seconds / baseline:>12.2f}x"
            f"{len(text.split()):>7}  {word_error_rate(reference, text):.3f}"
        )
    figures = {figure_key(f"{entry.key} {name}", "over_raw_fp32"): round(s / baseline, 2) for name, s, _ in rows}
    found = {name: (seconds, word_error_rate(words, text)) for name, seconds, text in rows}
    for app_row, their_row, ratio_name in PAIRS:
        if their_row in found:  # with unrounded seconds: the goal is a ratio near 1
            figures[figure_key(f"{entry.key} {ratio_name}")] = round(found[app_row][0] / found[their_row][0], 2)
            wer_more = found[app_row][1] - found[their_row][1]
            figures[figure_key(f"{entry.key} {app_row}", "wer_over_faster_whisper")] = round(wer_more, 3)
    return figures


def faster_whisper_rows(entry, repeats: int, clip: Path) -> list[tuple[str, float, str]]:
    """faster-whisper on the same CTranslate2 weights, run in the bench's own environment (make bench-env)."""
    import json

    python = REPO / "build" / "bench-env" / "bin" / "python"
    if not python.is_file():
        print("  (faster-whisper: build/bench-env does not exist; make bench-env installs it there)")
        return []
    files = package_weight_files(entry.package)
    source = files[0].parent
    if len(files) > 1:  # a model split across packages: join it once into a temporary folder
        import shutil

        joined = Path(tempfile.mkdtemp(prefix="ct2-"))
        with (joined / "model.bin").open("wb") as out:
            for part in files:
                out.write(part.read_bytes())
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copy(source / name, joined / name)
        source = joined
    import torch

    command = [str(python), str(REPO / "bench/faster_whisper_child.py"), str(source), str(clip), str(repeats)]
    done = subprocess.run([*command, str(torch.get_num_threads())], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"  (faster-whisper failed: {(done.stderr.strip().splitlines() or ['?'])[-1]})")
        return []
    return [(name, seconds, text) for name, seconds, text in json.loads(done.stdout.strip().splitlines()[-1])]


if __name__ == "__main__":
    main()
