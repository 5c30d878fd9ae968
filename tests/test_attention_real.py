"""Attention capture on real models: the MiniLM BERT reading text, SmolLM2 answering a prompt (with its
attribution), Whisper's words over the audio, a translation's and a caption's cross-attention; the command
line's heatmaps and JSON."""

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
from desktop_app.interpret.alignment import group_rows
from desktop_app.interpret.capture import rollout
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(minilm_dir: Path, smollm2_dir: Path) -> Workbench:
    assert minilm_dir.parent == smollm2_dir.parent
    return Workbench(ModelStore(minilm_dir.parent))


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
    maps = service.run(
        AttentionRequest("What is the capital of France?", source_task="generate", max_new_tokens=8), JobContext()
    )
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
    with pytest.raises(InvalidRequestError, match="nothing to look at"):
        service.run(AttentionRequest("  "), JobContext())
    with pytest.raises(InvalidRequestError, match="not built"):
        service.run(AttentionRequest("hi", source_task="summarise"), JobContext())


def test_generation_attribution_points_at_the_copied_words(service):
    maps = service.run(
        AttentionRequest("What is the capital of France?", source_task="generate", max_new_tokens=8), JobContext()
    )
    attribution, prompt = maps.attribution, maps.prompt_tokens
    assert attribution is not None
    answer = maps.tokens[prompt:]
    n = len(maps.tokens)
    assert attribution.gradient_x_input.shape == (len(answer), n)
    assert attribution.occlusion.shape == (len(answer), prompt) and len(attribution.top_k) == len(answer)
    grads = attribution.gradient_x_input
    assert np.allclose(grads.sum(axis=1), 1.0, atol=1e-4)
    for i in range(len(answer)):
        assert grads[i, prompt + i :].max() == 0.0  # nothing from the token itself or later
        # greedy decoding: the likeliest next token at each step is the one written
        assert attribution.top_k[i][0][0] == maps.tokens[prompt + i].replace("Ġ", " ").replace("Ċ", "\n")
        assert 0 < sum(p for _, p in attribution.top_k[i]) <= 1.0001
    # blanking the prompt's "France" hurts the answer's "France" more than blanking any other prompt token
    step = answer.index("ĠFrance")
    assert maps.tokens[int(np.argmax(attribution.occlusion[step]))] == "ĠFrance"
    assert attribution.occlusion[step].max() > 1.0  # nats: a real drop, not noise
    read_back = service.run(
        AttentionRequest(
            "What is the capital of France?", source_task="generate", answer=maps.generated, attribution=False
        ),
        JobContext(),
    )
    # the same answer, read back (less the end-of-turn token, which the answer's text leaves out)
    assert read_back.tokens == maps.tokens[: len(read_back.tokens)] and len(read_back.tokens) >= n - 1
    assert read_back.attribution is None


def test_cancel_during_attribution_keeps_the_attention(service):
    import threading

    from desktop_app.core.errors import JobCancelledError

    stop, seen = threading.Event(), []

    def progress(message: str, fraction: float | None) -> None:
        seen.append((message, fraction))
        if message.startswith("Attribution"):
            stop.set()  # Cancel pressed once the first batch is done

    with pytest.raises(JobCancelledError) as cancelled:
        service.run(
            AttentionRequest("Name three colours.", source_task="generate", max_new_tokens=24),
            JobContext(stop, on_progress=progress),
        )
    kept = cancelled.value.partial_result
    assert kept is not None and kept.attribution is None and kept.weights.shape[-1] == len(kept.tokens)
    assert [m for m, _ in seen].count("Attribution: gradient x input") == 1  # stopped after one batch


def test_transcription_attention_follows_the_words_through_the_audio(service, whisper_tiny_dir, tmp_path):
    clip = tmp_path / "weather.wav"
    subprocess.run(
        [
            "espeak-ng",
            "-w",
            str(clip),
            "The weather is lovely today. We walked along the river and watched the boats go by, then we had lunch.",
        ],
        check=True,
    )
    maps = service.run(AttentionRequest(str(clip), source_task="transcribe", model=str(whisper_tiny_dir)), JobContext())
    assert "river" in maps.generated and maps.seconds_per_key == pytest.approx(0.04)
    layers, heads, rows, columns = maps.weights.shape
    duration = len(maps.waveform) * maps.seconds_per_key
    assert (layers, heads, rows) == (4, 6, len(maps.tokens)) and columns == len(maps.keys) == len(maps.waveform)
    assert 4.0 < duration < 8.0  # the audio only, not Whisper's 30 s of padding
    assert np.allclose(maps.weights.astype(np.float32).sum(axis=-1), 1.0, atol=5e-3)
    words, matrix = group_rows(maps.tokens, maps.weights[1:].astype(np.float32).mean(axis=(0, 1)))
    peaks = matrix.argmax(axis=1)
    assert spearman(np.arange(len(peaks)), peaks) > 0.9  # each word listens later in the audio than the last
    river = next(i for i, w in enumerate(words) if "river" in w)
    assert 0.3 < peaks[river] * maps.seconds_per_key / duration < 0.8  # "river" is in the middle of the clip
    later = service.run(
        AttentionRequest(str(clip), source_task="transcribe", model=str(whisper_tiny_dir), start_s=2.0), JobContext()
    )
    assert later.keys[0] == "2.00 s" and "weather" not in later.generated
    with pytest.raises(InvalidRequestError, match="past its end"):
        service.run(
            AttentionRequest(str(clip), source_task="transcribe", model=str(whisper_tiny_dir), start_s=60), JobContext()
        )


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ranks = [np.argsort(np.argsort(x, kind="stable")).astype(float) for x in (a, b)]
    return float(np.corrcoef(*ranks)[0, 1])


def test_translation_and_caption_keep_every_head(service, tiny_marian_dir, tiny_captioner_dir, shape_images):
    translated = service.run(
        AttentionRequest(
            "the red circle is big . the cat sleeps .", source_task="translate", model=str(tiny_marian_dir)
        ),
        JobContext(),
    )
    _layers, heads, rows, columns = translated.weights.shape
    assert heads > 1 and rows == len(translated.tokens) and columns == len(translated.keys)
    assert translated.truncated  # two sentences: the first is shown
    assert np.allclose(translated.weights.astype(np.float32).sum(axis=-1), 1.0, atol=5e-3)
    path, caption = shape_images[0]
    captioned = service.run(
        AttentionRequest(str(path), source_task="caption", model=str(tiny_captioner_dir)), JobContext()
    )
    assert captioned.generated == caption and captioned.grid is not None and captioned.input_path == str(path)
    rows_, cols_ = captioned.grid
    assert (
        captioned.weights.shape[2:]
        == (len(captioned.tokens), rows_ * cols_)
        == (len(caption.split()), len(captioned.keys))
    )


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "attention", *args], capture_output=True, text=True, timeout=300
    )


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


def test_cli_attention_over_audio_and_image(whisper_tiny_dir, tiny_captioner_dir, shape_images, speech_clips, tmp_path):
    out = tmp_path / "speech.png"
    done = _cli(
        str(speech_clips.human_hello),
        "--task",
        "transcribe",
        "--model",
        str(whisper_tiny_dir),
        "--layer",
        "2",
        "--head",
        "1",
        "--out",
        str(out),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert "hello" in payload["generated"].lower() and payload["seconds_per_key"] == pytest.approx(0.04)
    assert np.array(payload["matrix"]).shape == (len(payload["tokens"]), len(payload["keys"]))
    assert Image.open(out).size[0] >= 320
    image_out = tmp_path / "caption.png"
    path, caption = shape_images[1]
    done = _cli(str(path), "--task", "caption", "--model", str(tiny_captioner_dir), "--out", str(image_out))
    assert done.returncode == 0, done.stderr
    sheet = np.asarray(Image.open(image_out).convert("RGB"))
    assert sheet.shape[1] >= 100 * len(caption.split())  # one picture per word
    assert _cli(str(path), "--task", "caption", "--rollout").returncode == 4
    assert _cli(str(tmp_path / "missing.wav"), "--task", "transcribe").returncode == 4


def test_captum_attribution_agrees_with_its_definitions(smollm2_dir):
    """Gradient x input and occlusion now come from captum; each number must equal the definition computed by
    hand here: one backward pass per answer token, one blanked prompt token per forward pass."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from desktop_app.interpret.attribution import answer_log_probs, gradient_x_input, occlusion

    tokenizer = AutoTokenizer.from_pretrained(smollm2_dir)
    model = AutoModelForCausalLM.from_pretrained(smollm2_dir, dtype=torch.float32).eval()
    prompt = len(tokenizer("The capital of France is").input_ids)
    ids = tokenizer("The capital of France is Paris, a city", return_tensors="pt").input_ids
    embeds = model.get_input_embeddings()(ids).detach()
    answer = ids.shape[1] - prompt

    expected_gradients = np.zeros((answer, ids.shape[1]), np.float32)
    for i in range(answer):
        leaf = embeds.clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(answer_log_probs(model, leaf, ids, prompt)[0, i], leaf)
        row = (grad * embeds).sum(-1).abs()[0].numpy()
        row[prompt + i :] = 0.0
        expected_gradients[i] = row / row.sum()
    with torch.no_grad():
        full = answer_log_probs(model, embeds, ids, prompt)[0]
        expected_drops = np.zeros((answer, prompt), np.float32)
        for j in range(prompt):
            blanked = embeds.clone()
            blanked[0, j] = 0.0
            expected_drops[:, j] = (full - answer_log_probs(model, blanked, ids, prompt)[0]).numpy()

    assert np.allclose(gradient_x_input(model, ids, prompt), expected_gradients, atol=1e-4)
    assert np.allclose(occlusion(model, ids, prompt), expected_drops, atol=1e-3)
