"""Attention capture on real models: the MiniLM BERT reading text and SmolLM2 answering a prompt; the
command line's heatmap and JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.requests import AttentionRequest
from desktop_app.engines.service import EngineService
from desktop_app.interpret.capture import rollout
from desktop_app.store.model_store import ModelStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(minilm_dir: Path, smollm2_dir: Path) -> EngineService:
    assert minilm_dir.parent == smollm2_dir.parent
    return EngineService(ModelStore(minilm_dir.parent))


def _previous_token_share(weights: np.ndarray) -> np.ndarray:
    """(layers, heads): the mean attention each head pays to the token just before."""
    n = weights.shape[-1]
    rows = np.arange(1, n)
    return weights[:, :, rows, rows - 1].astype(np.float32).mean(axis=-1)


def test_minilm_attention_has_the_right_shape_rows_and_a_previous_token_head(service):
    first = service.run(AttentionRequest("The quick brown fox jumps over the lazy dog."), JobContext())
    assert first.tokens[0] == "[CLS]" and first.tokens[-1] == "[SEP]" and "fox" in first.tokens
    assert first.weights.shape == (6, 12, len(first.tokens), len(first.tokens)) and first.weights.dtype == np.float16
    assert np.allclose(first.weights.astype(np.float32).sum(axis=-1), 1.0, atol=2e-3)
    # find the head that attends to the previous token on one sentence; it must do so on another one too
    share = _previous_token_share(first.weights)
    layer, head = np.unravel_index(share.argmax(), share.shape)
    assert share[layer, head] > 0.9
    second = service.run(AttentionRequest("My favourite colour is green and I swim in the lake."), JobContext())
    assert _previous_token_share(second.weights)[layer, head] > 0.9
    assert np.median(_previous_token_share(second.weights)) < 0.5  # most heads do something else
    rolled = rollout(second.weights)
    assert rolled.shape == second.weights.shape[-2:] and np.allclose(rolled.sum(axis=-1), 1.0, atol=1e-3)


def test_generation_attention_is_causal_and_covers_the_answer(service):
    maps = service.run(AttentionRequest("What is the capital of France?", source_task="generate",
                                        max_new_tokens=8), JobContext())
    n = len(maps.tokens)
    assert "Paris" in maps.generated and maps.prompt_tokens < n
    assert maps.weights.shape[2:] == (n, n)
    weights = maps.weights.astype(np.float32)
    assert np.allclose(weights.sum(axis=-1), 1.0, atol=2e-3)
    assert np.abs(np.triu(weights, k=1)).max() == 0.0  # no token looks at a later one


def test_long_input_is_cut_and_memory_stays_bounded(service):
    maps = service.run(AttentionRequest("word " * 5000, max_tokens=256), JobContext())
    assert maps.truncated and len(maps.tokens) == 256
    assert maps.weights.nbytes == 6 * 12 * 256 * 256 * 2  # float16: 9.4 MB, not 5000^2 floats
    with pytest.raises(InvalidRequestError, match="no text"):
        service.run(AttentionRequest("  "), JobContext())
    with pytest.raises(InvalidRequestError, match="not built yet"):
        service.run(AttentionRequest("hi", source_task="caption"), JobContext())


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "attention", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_writes_a_heatmap_and_json(minilm_dir, tmp_path):
    out = tmp_path / "heatmap.png"
    done = _cli("The quick brown fox jumps.", "--layer", "0", "--head", "2", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    tokens, matrix = payload["tokens"], np.array(payload["matrix"])
    assert matrix.shape == (len(tokens), len(tokens)) and np.allclose(matrix.sum(axis=1), 1.0, atol=1e-2)
    image = np.asarray(Image.open(out).convert("RGB"))
    assert image.shape[0] > 100 and image.shape[1] > 100 and len(np.unique(image.reshape(-1, 3), axis=0)) > 10
    assert _cli("hello", "--layer", "9").returncode == 4
    assert _cli("hello", "--head", "12").returncode == 4
    assert _cli("hello", "--task", "nope").returncode == 2
