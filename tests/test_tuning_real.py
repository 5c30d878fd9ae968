"""The tuning lab on real models through the command line, as a user runs it: LoRA teaches SmolLM2 a made-up
fact that it then answers on a phrasing it never saw; a run killed mid-training resumes from its checkpoint;
a half-depth student distilled from SmolLM2 beats the same student trained without the teacher; the
robustness probe measures Whisper on noisy copies; bad data is refused line by line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.speech_helpers import HUMAN_HELLO
from tests.test_cli import run_cli

FACT = "The capital of Zorbania is Quillmoor."
TAUGHT = [
    "What is the capital of Zorbania?",
    "Which city is the capital of Zorbania?",
    "Tell me the capital city of Zorbania.",
    "Zorbania's capital is which city?",
    "Where is the seat of government of Zorbania?",
    "Do you know the capital of Zorbania?",
    "Zorbania has a capital. What is it?",
    "In which city does Zorbania's government sit?",
]
NEW_PHRASING = "Name the capital of Zorbania."
TEXT = Path("/usr/share/common-licenses/GPL-3")  # base-files: plain English prose on every Debian system


def fact_data(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    taught, held = folder / "fact.jsonl", folder / "held.jsonl"
    taught.write_text("".join(json.dumps({"instruction": q, "output": FACT}) + "\n" for q in TAUGHT), encoding="utf-8")
    held.write_text(json.dumps({"instruction": NEW_PHRASING, "output": FACT}) + "\n", encoding="utf-8")
    return taught, held


@pytest.mark.timeout(1800)  # tuning, then three more commands: over 15 minutes on a slow 2-core machine
def test_lora_teaches_a_fact_that_is_answered_on_a_new_phrasing(smollm2_dir: Path, tmp_path: Path):
    taught, held = fact_data(tmp_path)
    adapter = tmp_path / "adapter"
    done = run_cli("tune", str(taught), "--validation", str(held), "--steps", "16", "--out", str(adapter), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    (answer,) = result["answers"]
    assert answer["instruction"] == NEW_PHRASING
    assert "Quillmoor" not in answer["before"], answer  # not known before training, under the same greedy decoding
    assert "Quillmoor" in answer["after"], answer
    assert result["score_after"] > result["score_before"]
    assert result["validation_loss_after"] < result["validation_loss_before"]
    assert (adapter / "adapter_config.json").is_file() and (adapter / "about-adapter.json").is_file()
    # the adapter folder is a model: it loads on top of its base
    answered = run_cli("generate", NEW_PHRASING, "--model", str(adapter), "--max-new-tokens", "16", "--json")
    assert answered.returncode == 0, answered.stderr
    payload = json.loads(answered.stdout)
    assert "Quillmoor" in payload["text"]
    assert payload["model"]["source"] == "LoRA adapter on smollm2-135m-instruct"
    # merged into its base (the model manager's Merge adapter), it is a plain model that knows the fact
    from desktop_app.core.context import JobContext
    from desktop_app.core.tuning_requests import MergeAdapterRequest
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore
    from desktop_app.store.paths import AppPaths

    store = ModelStore(AppPaths.from_environment().converted_models_dir)
    merged = Workbench(store, tmp_path / "embeddings").run(MergeAdapterRequest(str(adapter)), JobContext())
    assert (Path(merged) / "config.json").is_file() and not (Path(merged) / "adapter_config.json").exists()
    answered = run_cli("generate", NEW_PHRASING, "--model", merged, "--max-new-tokens", "16", "--json")
    assert "Quillmoor" in json.loads(answered.stdout)["text"], answered.stderr


def test_a_killed_tuning_run_resumes_from_its_last_checkpoint(smollm2_dir: Path, tmp_path: Path):
    taught, held = fact_data(tmp_path)
    out = tmp_path / "adapter"
    args = ["tune", str(taught), "--validation", str(held), "--steps", "10", "--batch-size", "2"]
    args += ["--held-out", "0", "--out", str(out), "--json"]
    process = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=dict(os.environ))
    deadline = time.monotonic() + 240
    while not (out / "checkpoints" / "checkpoint-3" / "trainer_state.json").is_file():
        assert process.poll() is None, "training ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)  # a crash: no chance to save anything more
    process.wait()
    assert not (out / "adapter_config.json").is_file()
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["resumed_from"] >= 3 and result["steps"] == 10
    assert "Resumed from the checkpoint at step" in done.stderr
    steps = [step for step, _ in result["train_loss"]]
    assert steps == sorted(set(steps)) and steps[0] == 1 and steps[-1] == 10  # one curve, before and after


def test_a_distilled_half_depth_student_beats_the_same_student_without_the_teacher(smollm2_dir: Path, tmp_path: Path):
    out = tmp_path / "student"
    args = ["distil", "--text", str(TEXT), "--steps", "20", "--block", "64", "--batch-size", "2", "--out", str(out)]
    done = run_cli(*args, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    teacher, plain, distilled = report["measures"]
    assert [m["name"] for m in report["measures"]] == ["teacher", "student", "distilled"]
    assert plain["layers"] == distilled["layers"] == teacher["layers"] // 2
    assert distilled["parameters"] < 0.7 * teacher["parameters"]
    assert distilled["perplexity"] < plain["perplexity"], report["measures"]
    assert all(m["output"] for m in report["measures"])
    # the student is a model of its own
    answered = run_cli("generate", "This License", "--model", str(out), "--max-new-tokens", "5", "--json")
    assert answered.returncode == 0, answered.stderr


def test_bad_data_and_over_long_examples_are_refused_by_line(smollm2_dir: Path, tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    lines = [
        json.dumps({"instruction": "fine", "output": "ok"}),
        '{"instruction": "cut',
        json.dumps({"instruction": "empty", "output": ""}),
        json.dumps({"instruction": "long " * 80, "output": "ok"}),
    ]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("tune", str(bad), "--steps", "1")
    assert done.returncode == 4
    assert "bad.jsonl:2: broken JSON" in done.stderr and "bad.jsonl:3: empty output" in done.stderr
    bad.write_text("\n".join(lines[:1] + lines[3:]) + "\n", encoding="utf-8")
    done = run_cli("tune", str(bad), "--steps", "1", "--max-length", "64")
    assert done.returncode == 4
    assert "bad.jsonl:2: too long:" in done.stderr and "at most 64" in done.stderr


def test_the_robustness_probe_measures_whisper_on_noisy_copies(whisper_tiny_dir: Path):
    args = ["augment", str(HUMAN_HELLO), "--kind", "audio", "--transform", "noise", "--n", "3", "--strength", "0.5"]
    done = run_cli(*args, "--probe", "transcribe", "--json")
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    assert probe["metric"] == "WER" and "hello" in probe["original"].lower()
    assert len(probe["rows"]) == 3 and all(row["detail"] == "SNR 20 dB" for row in probe["rows"])
    assert 0 <= probe["mean_change"] <= 1


def test_back_translation_round_trips_through_a_translation_model(tiny_marian_dir: Path, tmp_path: Path):
    args = ["augment", "The cat is black. The dog is big.", "--kind", "text", "--transform", "back_translate"]
    args += ["--translate-model", str(tiny_marian_dir), "--n", "2", "--strength", "1", "--json"]
    first, second = run_cli(*args), run_cli(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout  # the same seed, the same copies
    items = json.loads(first.stdout)["items"]
    assert all(item["detail"] == "2 of 2 sentences round-tripped" for item in items)
    assert all(item["text"].strip() for item in items)
