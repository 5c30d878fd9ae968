"""Fusion on real models: a tiny CLIP trained here (zero-shot labels, ranked captions, folder search with
its on-disk cache) and late fusion of a real caption, a real transcript and text into SmolLM2's prompt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, ModelLoadError
from desktop_app.core.requests import FusionRequest, ImageSearchRequest, MatchRequest
from desktop_app.core.results import TokenDelta
from desktop_app.services.dispatch import Workbench
from desktop_app.services.late_fusion import DEFAULT_TEMPLATE, render
from desktop_app.store.model_store import ModelStore
from tests.caption_helpers import COLOURS, SHAPES, fresh_examples

pytestmark = pytest.mark.slow
LABELS = tuple(f"{colour} {shape}" for colour in COLOURS for shape in SHAPES)


@pytest.fixture(scope="module")
def workbench(smollm2_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Workbench:
    return Workbench(ModelStore(smollm2_dir.parent), tmp_path_factory.mktemp("embeddings"))


@pytest.fixture(scope="module")
def fresh_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """36 pictures the model never saw (3 of each of the 12 classes) and their labels."""
    folder = tmp_path_factory.mktemp("fresh-shapes")
    labels = []
    for i, (image, caption) in enumerate(fresh_examples(36, seed=4242)):
        image.save(folder / f"{i:02d}.png")
        labels.append(caption.removeprefix("a "))
    return folder, labels


def test_zero_shot_labels_on_fresh_pictures(workbench, tiny_clip_dir, fresh_folder):
    folder, truth = fresh_folder
    paths = tuple(str(folder / f"{i:02d}.png") for i in range(len(truth)))
    result = workbench.run(
        MatchRequest(paths, LABELS, model=str(tiny_clip_dir), template="a photo of a {}"), JobContext()
    )
    assert result.probabilities.shape == (36, 12) and np.allclose(result.probabilities.sum(axis=1), 1, atol=1e-4)
    assert result.prompts[0] == "a photo of a red circle"
    accuracy = np.mean(
        [LABELS[i] == label for i, label in zip(result.probabilities.argmax(axis=1), truth, strict=True)]
    )
    assert accuracy >= 0.75, accuracy  # chance is 1 in 12; an untrained model scores about that
    # ranking candidate captions for one picture: its own caption first
    ranked = workbench.run(
        MatchRequest((paths[4],), ("a blue square", f"a {truth[4]}", "a yellow circle"), model=str(tiny_clip_dir)),
        JobContext(),
    ).ranked(0)
    assert ranked[0][0] == f"a {truth[4]}"


def test_folder_search_ranks_matches_first_and_caches_embeddings(workbench, tiny_clip_dir, fresh_folder, tmp_path):
    folder, truth = fresh_folder
    local = tmp_path / "photos"
    local.mkdir()
    for picture in folder.iterdir():
        (local / picture.name).write_bytes(picture.read_bytes())
    (local / "notes.png").write_text("not an image")
    request = ImageSearchRequest(str(local), "a photo of a blue triangle", model=str(tiny_clip_dir), top_k=3)
    first = workbench.run(request, JobContext())
    assert first.images == 37 and first.embedded == 36 and first.skipped == (str(local / "notes.png"),)
    assert [truth[int(Path(hit.path).stem)] for hit in first.hits] == ["blue triangle"] * 3
    again = workbench.run(request, JobContext())
    assert again.embedded == 0 and [h.path for h in again.hits] == [h.path for h in first.hits]  # from the cache
    changed = local / "00.png"
    fresh_examples(13, seed=1)[11][0].save(changed)  # now a yellow triangle, a new modification time
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    assert workbench.run(request, JobContext()).embedded == 1  # only the changed file is read again
    with pytest.raises(InvalidRequestError, match="not a folder"):
        workbench.run(ImageSearchRequest(str(tmp_path / "missing"), "x", model=str(tiny_clip_dir)), JobContext())


def test_a_model_that_is_not_image_text_is_refused(workbench, minilm_dir, fresh_folder):
    folder, _ = fresh_folder
    with pytest.raises(ModelLoadError, match="image-text"):
        workbench.run(MatchRequest((str(folder / "00.png"),), ("a cat",), model=str(minilm_dir)), JobContext())


def test_late_fusion_puts_caption_transcript_and_text_into_one_prompt(
    workbench, tiny_captioner_dir, whisper_tiny_dir, speech_clips, shape_images
):
    image, caption = shape_images[0]
    deltas = []
    result = workbench.run(
        FusionRequest(
            DEFAULT_TEMPLATE,
            str(image),
            str(speech_clips.human_hello),
            "Reply in one short sentence.",
            caption_model=str(tiny_captioner_dir),
            transcribe_model=str(whisper_tiny_dir),
            max_new_tokens=24,
        ),
        JobContext(on_partial=deltas.append),
    )
    kinds = {part.kind: part for part in result.parts}
    assert kinds["image"].content == caption and kinds["image"].source == str(image)
    assert kinds["image"].caption is not None and kinds["image"].caption.attention is not None  # for Attention
    assert "hello" in kinds["voice"].content.lower() and kinds["voice"].model == str(whisper_tiny_dir)
    assert caption in result.prompt and kinds["voice"].content in result.prompt and "one short" in result.prompt
    streamed = "".join(d.text for d in deltas if isinstance(d, TokenDelta))
    assert result.answer.strip() and streamed.strip() == result.answer.strip()
    assert result.model.ref == "smollm2-135m-instruct"
    assert render("{image} / {voice} / {text}", {"text": "hi"}) == "(none) / (none) / hi"
    with pytest.raises(InvalidRequestError, match="can use"):
        workbench.run(FusionRequest("{picture}", text="x"), JobContext())
    with pytest.raises(InvalidRequestError, match="without its pair"):
        workbench.run(FusionRequest("{image", text="x"), JobContext())
    with pytest.raises(InvalidRequestError, match="Add an image"):
        workbench.run(FusionRequest(DEFAULT_TEMPLATE), JobContext())


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, timeout=300)


def test_cli_match_search_and_fuse(tiny_clip_dir, tiny_captioner_dir, fresh_folder, shape_images):
    folder, truth = fresh_folder
    done = _cli(
        "match",
        str(folder / "05.png"),
        "--texts",
        "|".join(LABELS),
        "--template",
        "a photo of a {}",
        "--model",
        str(tiny_clip_dir),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    ranked = json.loads(done.stdout)["ranked"][str(folder / "05.png")]
    assert len(ranked) == 12 and ranked[0][0] == truth[5]
    done = _cli("search", str(folder), "a photo of a red square", "--top", "2", "--model", str(tiny_clip_dir), "--json")
    assert done.returncode == 0, done.stderr
    assert [truth[int(Path(p).stem)] for p, _ in json.loads(done.stdout)["hits"]] == ["red square"] * 2
    done = _cli(
        "fuse",
        "--image",
        str(shape_images[2][0]),
        "--text",
        "What is in the picture?",
        "--caption-model",
        str(tiny_captioner_dir),
        "--max-new-tokens",
        "12",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["parts"][0]["content"] == shape_images[2][1] and shape_images[2][1] in payload["prompt"]
    assert _cli("fuse", "--text", "x", "--template", "{nope}").returncode == 4
    assert _cli("match", str(folder / "05.png"), "--texts", "a|", "--model", str(tiny_clip_dir)).returncode == 4
