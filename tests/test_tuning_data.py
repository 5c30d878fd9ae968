"""Instruction data and augmentation, with no model: every problem in a data file gets its file and line,
nothing is dropped in silence, and every augmentation transform is deterministic under its seed and keeps
shapes, sample rates and text encodings valid."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.augment.registry import TRANSFORMS, copy_rng
from desktop_app.core.errors import InvalidRequestError
from desktop_app.tuning.instruction_data import import_data, split
from desktop_app.tuning.stored_datasets import store_dataset, stored_datasets, training_splits


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_csv_and_chat_examples_import_from_a_folder(tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    write_lines(
        folder / "a.jsonl",
        [
            json.dumps({"instruction": "Say hi", "input": "to Ann", "output": "Hi Ann"}),
            json.dumps(
                {
                    "messages": [
                        {"role": "system", "content": "Be brief."},
                        {"role": "user", "content": "2+2?"},
                        {"role": "assistant", "content": "4"},
                    ]
                }
            ),
        ],
    )
    (folder / "b.csv").write_text('instruction,input,output\n"Name a colour","","Blue"\n', encoding="utf-8")
    (folder / ".hidden.jsonl").write_text("not json\n", encoding="utf-8")
    imported = import_data(folder)
    assert not imported.problems
    assert [e.instruction for e in imported.examples] == ["Say hi\n\nto Ann", "2+2?", "Name a colour"]
    assert imported.examples[1].messages[0] == ("system", "Be brief.")
    assert [e.where for e in imported.examples] == ["a.jsonl:1", "a.jsonl:2", "b.csv:2"]


def test_bad_lines_are_each_named_by_file_and_line(tmp_path: Path):
    data = write_lines(
        tmp_path / "bad.jsonl",
        [
            json.dumps({"instruction": "ok", "output": "fine"}),
            '{"instruction": "broken", "output": ',
            json.dumps({"instruction": "no answer", "output": "  "}),
            json.dumps({"messages": [{"role": "user", "content": "hi"}]}),
            json.dumps(["a list"]),
            json.dumps({"prompt": "wrong keys"}),
        ],
    )
    imported = import_data(data)
    assert [str(p).split(":")[0:2] for p in imported.problems] == [["bad.jsonl", f"{n}"] for n in (2, 3, 4, 5, 6)]
    assert "broken JSON" in str(imported.problems[0])
    assert "empty output" in str(imported.problems[1])
    assert "last message must be the assistant" in str(imported.problems[2])
    with pytest.raises(InvalidRequestError) as raised:
        imported.raise_problems()
    assert "5 problem(s)" in raised.value.message and "bad.jsonl:3: empty output" in raised.value.message
    assert len(imported.examples) == 1  # counted, and the import as a whole refused: nothing lost silently


def test_csv_without_the_columns_and_text_that_is_not_utf8(tmp_path: Path):
    csv_file = tmp_path / "d.csv"
    csv_file.write_text("question,answer\nq,a\n", encoding="utf-8")
    assert "needs a header" in str(import_data(csv_file).problems[0])
    latin = tmp_path / "e.jsonl"
    latin.write_bytes(b'{"instruction": "ok", "output": "fine"}\n{"instruction": "caf\xe9", "output": "x"}\n')
    assert str(import_data(latin).problems[0]).startswith("e.jsonl:2: not UTF-8")


def test_split_is_seeded_and_the_dataset_is_kept_in_the_data_folder(tmp_path: Path):
    data = write_lines(
        tmp_path / "d.jsonl", [json.dumps({"instruction": f"q{i}", "output": f"a{i}"}) for i in range(10)]
    )
    imported = import_data(data)
    train, held = split(imported.examples, 0.2, seed=3)
    assert (len(train), len(held)) == (8, 2)
    assert split(imported.examples, 0.2, seed=3) == (train, held)
    stored = store_dataset(tmp_path / "app-data", imported, "my data", str(data), 0.2, 3)
    assert Path(stored.folder) == tmp_path / "app-data" / "datasets" / "my-data"
    assert [d.name for d in stored_datasets(tmp_path / "app-data")] == ["my-data"]
    # the kept split, not a new one, each example still saying where it came from
    assert training_splits(Path(stored.folder), 0.5, 0) == (train, held)


TEXT = "The quick brown fox jumps over the lazy dog near the quiet river bank."


@pytest.mark.parametrize("name", [n for n in TRANSFORMS["text"] if TRANSFORMS["text"][n].apply is not None])
def test_text_transforms_are_deterministic_and_give_valid_text(name: str):
    apply = TRANSFORMS["text"][name].apply
    assert apply is not None
    first = [apply(TEXT, 0.3, copy_rng(7, i)) for i in range(4)]
    assert first == [apply(TEXT, 0.3, copy_rng(7, i)) for i in range(4)]
    assert any(copy != TEXT for copy, _ in first), first
    for copy, detail in first:
        copy.encode("utf-8")  # valid text: no lone surrogates
        assert copy.strip() and detail
    if name == "synonym":  # the synonyms come from WordNet: "lazy" has "slothful", "indolent", ...
        from desktop_app.augment.text import synonyms

        assert {"slothful", "indolent"} <= set(synonyms("lazy"))


@pytest.mark.parametrize("name", list(TRANSFORMS["image"]))
def test_image_transforms_keep_the_size_and_rgb_and_repeat_under_a_seed(name: str):
    picture = Image.fromarray((np.random.default_rng(0).random((48, 64, 3)) * 255).astype(np.uint8))
    apply = TRANSFORMS["image"][name].apply
    assert apply is not None
    copy, detail = apply(picture, 0.6, copy_rng(1, 2))
    again, _ = apply(picture, 0.6, copy_rng(1, 2))
    assert copy.size == picture.size and copy.mode == "RGB" and detail
    assert np.array_equal(np.asarray(copy), np.asarray(again))
    assert not np.array_equal(np.asarray(copy), np.asarray(picture))


@pytest.mark.parametrize("name", list(TRANSFORMS["audio"]))
def test_audio_transforms_keep_the_rate_and_full_scale_and_repeat_under_a_seed(name: str):
    rate = 16_000
    tone = (0.5 * np.sin(np.arange(rate) * 2 * np.pi * 220 / rate)).astype(np.float32)
    apply = TRANSFORMS["audio"][name].apply
    assert apply is not None
    copy, detail = apply(tone, rate, 0.8, copy_rng(3, 0))
    again, _ = apply(tone, rate, 0.8, copy_rng(3, 0))
    assert copy.dtype == np.float32 and copy.ndim == 1 and np.abs(copy).max() <= 1.0 and detail
    assert np.array_equal(copy, again)
    assert not np.allclose(copy[: len(tone)], tone[: len(copy)], atol=1e-3)
    if name != "speed":
        assert len(copy) == len(tone)
    if name == "pitch":  # the tone's frequency moved by the semitones the detail names
        steps = int(detail.split()[0])
        peak = np.argmax(np.abs(np.fft.rfft(copy))) * rate / len(copy)
        assert abs(peak - 220 * 2 ** (steps / 12)) < 6, (peak, detail)


def test_augmented_dataset_feeds_training(tmp_path: Path):
    from desktop_app.augment.jobs import augment
    from desktop_app.core.context import JobContext
    from desktop_app.core.tuning_requests import AugmentRequest

    data = write_lines(
        tmp_path / "d.jsonl", [json.dumps({"instruction": "Describe the lazy brown dog", "output": "Sleepy."})]
    )
    result = augment(AugmentRequest(str(data), "text", "swap", n=3, out_dir=str(tmp_path / "out")), None, JobContext())  # type: ignore[arg-type]
    written = Path(result.items[0].path)
    examples = import_data(written).examples
    assert len(examples) == 4 and examples[0].instruction == "Describe the lazy brown dog"
    assert {e.answer for e in examples} == {"Sleepy."}  # the answers are kept; the instructions vary
