"""Captioning with a real trained model: right captions of pictures it never saw, batches with bad files,
prompts, beams, cross-attention, cancel, a real photo, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError, ModelLoadError, ModelNotFoundError
from desktop_app.core.requests import CaptionRequest
from desktop_app.core.results import CaptionResult, ImageCaption
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.caption_helpers import VOCAB

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(tiny_captioner_dir: Path) -> Workbench:
    return Workbench(ModelStore(tiny_captioner_dir.parent))


def _caption(service: Workbench, model: Path, paths, ctx: JobContext | None = None, **options) -> CaptionResult:
    request = CaptionRequest(tuple(str(p) for p in paths), model=str(model), **options)
    return service.run(request, ctx or JobContext())


def test_fresh_pictures_get_the_right_captions_in_batches(service, tiny_captioner_dir, shape_images):
    streamed: list[ImageCaption] = []
    result = _caption(
        service,
        tiny_captioner_dir,
        [p for p, _ in shape_images],
        JobContext(on_partial=streamed.append),
        batch_size=5,
        num_beams=2,
    )
    assert [item.path for item in result.items] == [str(p) for p, _ in shape_images]  # in order, all of them
    assert streamed == list(result.items)  # each streamed as its batch finished
    right = sum(item.caption == expected for item, (_, expected) in zip(result.items, shape_images, strict=True))
    assert right / len(shape_images) >= 0.9, [item.caption for item in result.items]
    assert all(item.seconds > 0 for item in result.items) and result.timings["images_per_s"] > 0


def test_bad_files_in_a_batch_get_messages_and_the_rest_go_on(service, tiny_captioner_dir, shape_images, tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "text.png").write_text("not an image")
    good = [p for p, _ in shape_images[:3]]
    paths = [good[0], tmp_path / "empty.jpg", good[1], tmp_path / "text.png", tmp_path / "missing.png", good[2]]
    result = _caption(service, tiny_captioner_dir, paths, batch_size=4)
    assert [item.ok for item in result.items] == [True, False, True, False, False, True]
    assert "0 bytes" in result.items[1].error.message and "not an image" in result.items[3].error.message
    assert "3 of 6 images could not be captioned" in result.note
    assert all(item.caption.startswith("a ") for item in result.items if item.ok)


def test_prompt_beams_and_length(service, tiny_captioner_dir, shape_images):
    red_circle = next(p for p, caption in shape_images if caption == "a red circle")
    prompted = _caption(service, tiny_captioner_dir, [red_circle], prompt="a blue")
    assert prompted.items[0].caption == "a blue circle"  # the prompt is kept; the model goes on from it
    beams = _caption(service, tiny_captioner_dir, [red_circle], num_beams=4)
    assert beams.items[0].caption == "a red circle"
    short = _caption(service, tiny_captioner_dir, [red_circle], max_new_tokens=1)
    assert short.items[0].caption == "a"


def test_cross_attention_is_kept_per_word_over_the_patches(service, tiny_captioner_dir, shape_images):
    item = _caption(service, tiny_captioner_dir, [shape_images[0][0]], num_beams=3).items[0]
    attention = item.attention
    assert attention is not None and attention.tokens == tuple(item.caption.split())
    layers, words, patches = attention.weights.shape
    assert (layers, words, patches) == (2, len(attention.tokens), 16) and attention.grid == (4, 4)
    assert attention.weights.dtype == np.float16
    assert np.allclose(attention.weights.astype(np.float32).sum(axis=-1), 1.0, atol=1e-2)
    off = _caption(service, tiny_captioner_dir, [shape_images[0][0]], keep_attention=False).items[0]
    assert off.attention is None and off.caption == item.caption


def test_cancel_between_batches_keeps_what_is_done(service, tiny_captioner_dir, shape_images):
    cancel = threading.Event()
    ctx = JobContext(cancel_event=cancel, on_partial=lambda item: cancel.set())
    with pytest.raises(JobCancelledError) as stopped:
        _caption(service, tiny_captioner_dir, [p for p, _ in shape_images], ctx, batch_size=4)
    partial = stopped.value.partial_result
    assert isinstance(partial, CaptionResult) and len(partial.items) == 4 and partial.note.startswith("Stopped")


def test_a_real_photo_goes_through_preprocessing(service, tiny_captioner_dir, tmp_path):
    from skimage import data

    photo = tmp_path / "astronaut.jpg"
    Image.fromarray(data.astronaut()).save(photo)  # 512 x 512 RGB, a real photograph
    cat = tmp_path / "chelsea.png"
    Image.fromarray(data.chelsea()).save(cat)
    grey = tmp_path / "camera.png"
    Image.fromarray(data.camera()).save(grey)  # greyscale
    result = _caption(service, tiny_captioner_dir, [photo, cat, grey])
    for item in result.items:
        assert item.ok and item.caption and set(item.caption.split()) <= set(VOCAB), item.caption
        assert item.attention is not None and item.attention.grid == (4, 4)


def test_models_that_cannot_caption_say_so(service, tmp_path, smollm2_dir):
    with pytest.raises(ModelLoadError, match="not an image captioning model"):
        _caption(service, smollm2_dir, [tmp_path / "x.png"])
    with pytest.raises(ModelNotFoundError):
        _caption(service, tmp_path / "no-such-model", [tmp_path / "x.png"])


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "caption", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_captions_a_folder_as_json_and_writes_sidecars(tiny_captioner_dir, shape_images, tmp_path):
    folder = tmp_path / "dataset"
    folder.mkdir()
    for path, _ in shape_images[:4]:
        (folder / path.name).write_bytes(path.read_bytes())
    done = _cli(str(folder), "--model", str(tiny_captioner_dir), "--json", "--sidecar", "--beams", "1")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    expected = {path.name: caption for path, caption in shape_images[:4]}
    got = {Path(row["path"]).name: row["caption"] for row in payload["captions"]}
    assert sum(got[name] == caption for name, caption in expected.items()) >= 3
    assert payload["model"]["ref"] == str(tiny_captioner_dir) and payload["timings"]["images_per_s"] > 0
    for name, caption in got.items():
        assert (folder / name).with_suffix(".txt").read_text() == caption + "\n"


def test_cli_bad_input_exits_non_zero(tiny_captioner_dir, shape_images, tmp_path):
    (tmp_path / "bad.png").write_text("nope")
    mixed = _cli(str(shape_images[0][0]), str(tmp_path / "bad.png"), "--model", str(tiny_captioner_dir))
    assert mixed.returncode == 4
    lines = mixed.stdout.splitlines()
    assert lines[0].endswith("\t" + shape_images[0][1]) and "error: bad.png is not an image" in lines[1]
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert _cli(str(empty), "--model", str(tiny_captioner_dir)).returncode == 4
    assert _cli(str(shape_images[0][0]), "--model", str(tmp_path / "nope")).returncode == 3
    assert _cli(str(shape_images[0][0]), "--beams", "0").returncode == 2


def test_blip_models_take_the_prompt_as_text_and_give_attention(shape_images, shared_cache_dir):
    from tests.caption_helpers import build_random_blip

    blip = build_random_blip(shared_cache_dir / "trained")  # random weights: the words mean nothing
    service = Workbench(ModelStore(blip.parent))
    result = _caption(
        service, blip, [p for p, _ in shape_images[:2]], prompt="a photograph of", max_new_tokens=4, num_beams=2
    )
    for item in result.items:
        assert item.ok and item.caption.startswith("a photograph of ")  # [CLS]/[SEP] handled: the prompt is whole
        assert item.attention is not None and item.attention.tokens[:3] == ("a", "photograph", "of")
        assert item.attention.weights.shape[1] == len(item.caption.split()) and item.attention.grid == (4, 4)


def test_cancel_within_a_batch_stops_its_generation(service, tiny_captioner_dir, shape_images):
    cancel = threading.Event()

    def on_progress(message: str, fraction: float | None) -> None:
        if message.startswith("Captioning image 9"):  # the second batch has started: stop inside it
            cancel.set()

    ctx = JobContext(cancel_event=cancel, on_progress=on_progress)
    with pytest.raises(JobCancelledError) as stopped:
        _caption(service, tiny_captioner_dir, [p for p, _ in shape_images], ctx, batch_size=8)
    partial = stopped.value.partial_result
    assert len(partial.items) == 8  # the first batch only: the cut one's captions are unfinished, so dropped


def test_florence2_takes_a_task_as_its_prompt(shape_images, shared_cache_dir):
    from tests.caption_helpers import build_random_florence2

    florence = build_random_florence2(shared_cache_dir / "trained")  # random weights: the words mean nothing
    service = Workbench(ModelStore(florence.parent))
    paths = [p for p, _ in shape_images[:2]]
    for prompt in ("", "<DETAILED_CAPTION>"):
        result = _caption(service, florence, paths, prompt=prompt, max_new_tokens=4, num_beams=2)
        assert [item.ok for item in result.items] == [True, True]
        assert all(0 < len(item.caption.split()) <= 4 and item.attention is None for item in result.items)
        assert "<image>" not in result.items[0].caption
    with pytest.raises(InvalidRequestError, match="cannot take this prompt") as refused:
        _caption(service, florence, paths[:1], prompt="<CAPTION> of a cat", max_new_tokens=2)
    assert "takes a task alone" in refused.value.hint


def test_smolvlm_answers_a_question_about_each_image(shape_images, shared_cache_dir):
    from tests.caption_helpers import build_random_smolvlm

    smolvlm = build_random_smolvlm(shared_cache_dir / "trained")
    service = Workbench(ModelStore(smolvlm.parent))
    paths = [p for p, _ in shape_images[:3]]
    result = _caption(
        service, smolvlm, paths, prompt="what is in this image?", max_new_tokens=3, num_beams=1, batch_size=3
    )
    assert len(result.items) == 3 and all(item.ok for item in result.items)
    # Only the answer: the prompt (a dozen tokens with the image's) is cut off what generate returns.
    assert all(len(item.caption.split()) <= 3 for item in result.items), [i.caption for i in result.items]


def test_smolvlm_without_torchvision_is_a_message_naming_what_to_do(shared_cache_dir, monkeypatch):
    from tests.caption_helpers import build_random_smolvlm

    smolvlm = build_random_smolvlm(shared_cache_dir / "trained")
    monkeypatch.setitem(sys.modules, "torchvision", None)  # as in the CPU-only bundle, which leaves it out
    service = Workbench(ModelStore(smolvlm.parent))
    with pytest.raises(ModelLoadError, match="needs torchvision") as raised:
        service.run(CaptionRequest((str(smolvlm / "config.json"),), model=str(smolvlm)), JobContext())
    assert "Florence-2 or BLIP" in raised.value.hint
