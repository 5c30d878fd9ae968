"""Explanations of every task on real models: a translation's words find their source words, a caption rests
on the shape's superpixels rather than the background, a transcribed word on its own stretch of audio, a
match on the shape and the words; bad input gets a reason, and the command line draws the result."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.explain_requests import ExplainRequest, Explanation
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Workbench:
    folder = tmp_path_factory.mktemp("explain")
    return Workbench(ModelStore(folder / "models"), folder / "embeddings")


def _explain(service: Workbench, request: ExplainRequest) -> Explanation:
    result = service.run(request, JobContext())
    assert isinstance(result, Explanation)
    return result


def _top(result: Explanation, method: str) -> str:
    return result.ranked(method)[0][0]


def test_each_translated_word_rests_on_its_source_word(service, tiny_marian_dir):
    sentence = "the black horse runs ."  # a combination the translator never saw
    for spanish, english in (("negro", "black"), ("caballo", "horse"), ("corre", "runs")):
        request = ExplainRequest(
            sentence, source_task="translate", model=str(tiny_marian_dir), focus=spanish, samples=80,
            methods=("lime", "kernelshap", "ablation", "ig", "attention"),
        )  # fmt: skip
        result = _explain(service, request)
        assert result.answer == "el caballo negro corre ."
        assert result.features == ("the", "black", "horse", "runs", ".")
        assert _top(result, "kernelshap") == english and _top(result, "lime") == english, result.scores
        assert _top(result, "ablation") == english


def _shape_regions(result: Explanation) -> np.ndarray:
    """Which regions are mostly the shape: saturated pixels, where the background is near white."""
    view, labels = result.layout.picture, result.layout.regions
    assert view is not None and labels is not None
    saturated = (view.max(axis=-1).astype(int) - view.min(axis=-1)) > 80
    share = np.bincount(labels.ravel(), saturated.ravel(), minlength=labels.max() + 1)
    return np.asarray(share / np.bincount(labels.ravel()) > 0.5)


def test_a_caption_rests_on_the_shape_not_the_background(service, tiny_captioner_dir, shape_images):
    for path, caption in shape_images[:3]:  # a circle, a square, a triangle
        request = ExplainRequest(
            str(path), source_task="caption", model=str(tiny_captioner_dir), samples=300,
            methods=("kernelshap", "lime", "attention"),
        )  # fmt: skip
        result = _explain(service, request)
        assert result.answer == caption and result.layout.kind == "regions"
        shape = _shape_regions(result)
        assert shape.any() and (~shape).any()
        for method in ("kernelshap", "lime"):
            scores = np.asarray(result.scores[method])
            assert scores[shape].mean() > scores[~shape].mean(), (path.name, method, scores, shape)
            assert shape[int(np.argmax(scores))], (path.name, method, scores, shape)  # the top region is the shape


def test_a_transcribed_word_rests_on_its_own_stretch_of_audio(service, whisper_tiny_dir, tmp_path):
    from desktop_app.audio.decoding import load_audio
    from tests.speech_helpers import espeak

    pieces, spans, start = [], {}, 0.0
    for word in ("Seven", "yellow", "horses"):  # spoken apart, so each word's time is known
        samples = load_audio(espeak(word, tmp_path / f"{word}.wav")).samples
        spans[word] = (start, start + len(samples) / 16_000)
        pieces += [samples, np.zeros(12_000, np.float32)]
        start = spans[word][1] + 0.75
    clip = tmp_path / "three-words.wav"
    soundfile.write(clip, np.concatenate(pieces), 16_000)
    # 33 segments: at 60 samples, KernelSHAP's top segment was one segment's noise
    request = ExplainRequest(
        str(clip), source_task="transcribe", model=str(whisper_tiny_dir), focus="horses", samples=100,
        methods=("lime", "kernelshap"),
    )  # fmt: skip
    result = _explain(service, request)
    assert result.layout.kind == "segments" and len(result.layout.times) == len(result.features)
    low, high = spans["horses"]
    for method in ("lime", "kernelshap"):
        best = int(np.argmax(result.scores[method]))
        begins, ends = result.layout.times[best]
        assert begins < high and ends > low, (method, result.layout.times[best], spans)


def test_a_match_rests_on_the_shape_and_its_words(service, tiny_clip_dir, shape_images):
    path, caption = shape_images[0]
    request = ExplainRequest(
        str(path), source_task="match", target=caption, model=str(tiny_clip_dir), samples=300,
        methods=("kernelshap", "ablation"),
    )  # fmt: skip
    result = _explain(service, request)
    regions = len(result.features) - len(caption.split())
    assert result.features[regions:] == tuple(caption.split())
    shape = _shape_regions(result)
    scores = np.asarray(result.scores["kernelshap"])[:regions]
    assert scores[shape].mean() > scores[~shape].mean()
    with pytest.raises(InvalidRequestError, match="no attention"):
        _explain(service, ExplainRequest(str(path), source_task="match", target=caption, model=str(tiny_clip_dir),
                                         methods=("attention",)))  # fmt: skip


def test_bad_inputs_get_a_reason(service, tiny_captioner_dir, whisper_tiny_dir, tmp_path, speech_clips):
    from PIL import Image

    dot = tmp_path / "dot.png"
    Image.new("RGB", (1, 1), "red").save(dot)
    with pytest.raises(InvalidRequestError, match="1 × 1 pixels: too small"):
        _explain(service, ExplainRequest(str(dot), source_task="caption", model=str(tiny_captioner_dir)))
    with pytest.raises(InvalidRequestError, match="hears no speech"):
        _explain(service, ExplainRequest(str(speech_clips.silence), source_task="transcribe",
                                         model=str(whisper_tiny_dir)))  # fmt: skip
    square = tmp_path / "square.png"
    Image.new("RGB", (40, 40), "white").save(square)
    with pytest.raises(InvalidRequestError, match="'zebra' is not a word of the output"):
        _explain(service, ExplainRequest(str(square), source_task="caption", model=str(tiny_captioner_dir),
                                         focus="zebra"))  # fmt: skip


def test_the_command_line_draws_one_explanation_and_ranks_a_folder(tiny_captioner_dir, shape_images, tmp_path):
    command = [sys.executable, "-m", "desktop_app", "explain", "--task", "caption", "--model", str(tiny_captioner_dir)]
    drawn = tmp_path / "why.png"
    done = subprocess.run(
        [*command, str(shape_images[1][0]), "--method", "ablation", "--json", "--out", str(drawn)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["kind"] == "regions"
    from PIL import Image

    with Image.open(drawn) as picture:
        assert picture.width > 2 * picture.height - 20  # the model's view beside its heat
    folder = tmp_path / "pictures"
    folder.mkdir()
    for path, _ in shape_images[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    ranked = subprocess.run(
        [*command, "--global", str(folder), "--method", "ablation", "--json"], capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert ranked.returncode == 0, ranked.stderr
    places = {row["feature"] for row in json.loads(ranked.stdout)["features"]}
    assert places <= {f"{r} {c}" for r in ("top", "middle", "bottom") for c in ("left", "centre", "right")}
    missing = subprocess.run([*command, str(tmp_path / "nope.png")], capture_output=True, text=True, timeout=120)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr


def test_a_removed_stretch_of_speech_that_never_pauses_is_whisper_s_silence(service, whisper_tiny_dir):
    """Removing a segment sets it to the level the extractor gives silence, even where the clip has no pause
    (its quietest frame is speech, above that level)."""
    import torch

    from desktop_app.explain.audio import TranscriptScore, segment_times

    engine = service.engines.transcription
    transcriber = engine.load(str(whisper_tiny_dir), JobContext())
    speech = np.random.default_rng(0).normal(0, 0.1, 3 * 16_000).astype(np.float32)  # never quiet
    features = engine.features(transcriber, speech)
    ids = torch.zeros(1, 3, dtype=torch.long)
    score = TranscriptScore(None, features, segment_times(3.0), ids, [1], lambda _count: None)
    paused = engine.features(transcriber, np.concatenate([speech, np.zeros(16_000, np.float32)]))
    silence = paused[0, :, 320:390]  # inside the pause, clear of the last frames of speech
    assert float(features[0, :, :300].amin()) > float(score.floor) + 0.1
    assert torch.allclose(silence, score.floor.expand_as(silence), atol=1e-4)
