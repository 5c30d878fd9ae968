"""Streamed answers decode each token once (`engines/token_stream.py`) and hand on the words transformers'
TextStreamer hands on, which decodes the whole line again at every token."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import transformers

from desktop_app.engines.token_stream import make_streamer

pytestmark = pytest.mark.slow  # the real SmolLM2 tokenizer (byte-level BPE, 49k tokens)

TEXTS = [
    "The keeper climbed the stairs, lit the lamp, and waited: the storm came at nine.",
    "First line.\nSecond line, after a break.\n\nA third, after an empty one.",
    "北京是中国的首都。我们明天见！",
    "Café naïve — 🎉 emoji and ümlauts, split across byte tokens.",
    "A word   with  odd spacing   and a trailing space ",
]


def streamed(streamer: object, ids: list[int]) -> None:
    streamer.put(torch.tensor([1, 2, 3]))  # type: ignore[attr-defined]  # the prompt, which generate sends first
    for token in ids:
        streamer.put(torch.tensor([token]))  # type: ignore[attr-defined]
    streamer.end()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def tokenizer(smollm2_dir: Path) -> object:
    return transformers.AutoTokenizer.from_pretrained(smollm2_dir)


@pytest.mark.parametrize("text", TEXTS)
def test_the_words_handed_on_are_text_streamers_and_add_up_to_the_answer(tokenizer, text: str):
    ids = tokenizer(text)["input_ids"] + [tokenizer.eos_token_id]  # the end token is skipped, as a special one
    ours: list[tuple[str, int]] = []
    streamer = make_streamer(tokenizer, lambda piece, count, _seconds: ours.append((piece, count)))
    assert not isinstance(streamer, transformers.TextStreamer), "the incremental decoder is used"
    streamed(streamer, ids)

    theirs: list[str] = []
    reference = transformers.TextStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
    reference.on_finalized_text = lambda piece, stream_end=False: theirs.append(piece) if piece else None
    streamed(reference, ids)

    assert [piece for piece, _count in ours] == theirs
    assert "".join(theirs) == tokenizer.decode(ids, skip_special_tokens=True)
    counts = [count for _piece, count in ours]
    assert counts == sorted(counts) and counts[-1] >= len(ids) - 1, "each piece carries the tokens written so far"
    assert streamer.token_count == len(ids) and streamer.first_token_s is not None


def test_a_tokenizer_that_cleans_up_spaces_keeps_text_streamer(tokenizer):
    tokenizer.clean_up_tokenization_spaces = True
    try:
        pieces: list[str] = []
        streamer = make_streamer(tokenizer, lambda piece, _count, _seconds: pieces.append(piece))
        assert isinstance(streamer, transformers.TextStreamer), "cleaning up needs the whole text: decoded again"
        ids = tokenizer("Hello , world .")["input_ids"]
        streamed(streamer, ids)
        assert "".join(pieces) == tokenizer.decode(ids, skip_special_tokens=True)
    finally:
        tokenizer.clean_up_tokenization_spaces = False
