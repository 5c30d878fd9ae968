"""A tokenizer folder saved by transformers 5 loads with its added tokens read from the head of tokenizer.json,
not by transformers parsing the whole file with Python's json (a GIL-held stall that froze the window while a
model loaded), and loads exactly as transformers itself would load it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.engines.runtime import transformers_module
from desktop_app.engines.tokenizer_files import HEAD_CHARS, load_tokenizer

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
TEXT = "<|im_start|>the cat sat<|im_end|> on the mat<|endoftext|>"


def save_tokenizer(folder: Path, extra_tokens: int = 0) -> Path:
    """A byte-level BPE tokenizer with chat special tokens, saved as transformers 5 saves one."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    vocab = {token: i for i, token in enumerate(SPECIALS)}
    for word in ("the", "cat", "sat", "on", "mat", "Ġthe", "Ġcat", "Ġsat", "Ġon", "Ġmat", "Ġ"):
        vocab.setdefault(word, len(vocab))
    for char in "abcdefghijklmnopqrstuvwxyz":
        vocab.setdefault(char, len(vocab))
    core = Tokenizer(models.BPE(vocab=vocab, merges=[]))
    core.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    core.decoder = decoders.ByteLevel()
    transformers = transformers_module()
    tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=core, bos_token="<|im_start|>", eos_token="<|im_end|>", unk_token="<|endoftext|>"
    )
    tokenizer.add_special_tokens({"additional_special_tokens": SPECIALS})
    if extra_tokens:
        tokenizer.add_tokens([f"<extra_{i:05d}>" for i in range(extra_tokens)])
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture
def json_parses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every parse by Python's json from here on: the text's length and where the parse starts in it."""
    seen: list[tuple[int, int]] = []
    decode = json.JSONDecoder.raw_decode

    def recording(self: json.JSONDecoder, text: str, idx: int = 0) -> tuple[object, int]:
        seen.append((len(text), idx))
        return decode(self, text, idx)

    monkeypatch.setattr(json.JSONDecoder, "raw_decode", recording)
    return seen


def same_tokenizer(ours: object, theirs: object) -> None:
    assert type(ours) is type(theirs)
    assert ours.added_tokens_decoder == theirs.added_tokens_decoder  # type: ignore[attr-defined]
    assert ours.special_tokens_map == theirs.special_tokens_map  # type: ignore[attr-defined]
    assert len(ours) == len(theirs)  # type: ignore[arg-type]
    assert ours(TEXT).input_ids == theirs(TEXT).input_ids  # type: ignore[operator]
    assert ours.eos_token_id == theirs.eos_token_id  # type: ignore[attr-defined]


def test_added_tokens_come_from_the_head_of_the_file(tmp_path: Path, json_parses: list[tuple[int, int]]) -> None:
    folder = save_tokenizer(tmp_path / "tok")
    config = json.loads((folder / "tokenizer_config.json").read_text())
    assert "added_tokens_decoder" not in config  # transformers 5 writes none: the case this is for
    whole = len((folder / "tokenizer.json").read_text(encoding="utf-8"))
    json_parses.clear()
    ours = load_tokenizer(folder)
    assert (whole, 0) not in json_parses, "tokenizer.json was parsed whole by Python's json"
    same_tokenizer(ours, transformers_module().AutoTokenizer.from_pretrained(folder))
    assert ours.convert_ids_to_tokens(ours(TEXT).input_ids)[0] == "<|im_start|>"  # still one special token


def test_a_legacy_special_tokens_file_is_left_to_transformers(tmp_path: Path) -> None:
    folder = save_tokenizer(tmp_path / "tok")
    (folder / "special_tokens_map.json").write_text(json.dumps({"pad_token": "<|endoftext|>"}))
    ours = load_tokenizer(folder)
    assert ours.pad_token == "<|endoftext|>"  # transformers' own legacy reading, which passing tokens would skip
    same_tokenizer(ours, transformers_module().AutoTokenizer.from_pretrained(folder))


def test_a_list_longer_than_the_head_is_read_as_before(tmp_path: Path) -> None:
    folder = save_tokenizer(tmp_path / "tok", extra_tokens=1000)
    head = (folder / "tokenizer.json").read_text(encoding="utf-8")[:HEAD_CHARS]
    assert '"added_tokens"' in head and "<extra_00999>" not in head
    same_tokenizer(load_tokenizer(folder), transformers_module().AutoTokenizer.from_pretrained(folder))
