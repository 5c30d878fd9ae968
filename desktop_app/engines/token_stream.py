"""Streamed answers: the tokens a model writes, handed on as finished words while it writes them.

transformers' `TextStreamer` decodes every token written since the last line break again at each new token (in
Python, through the tokenizer's wrapper), so a token costs more the longer its paragraph, and between two tokens
of a fast runner that is time the model waits. Here each token is decoded once, by the tokenizers library's own
incremental decoder (`DecodeStream`, which holds back a character split across tokens until it is whole), and
the text is handed on as TextStreamer hands it on: up to the last space, a whole line at a line break, a CJK
character at once, the rest at the end. A tokenizer without the Rust backend, or one that cleans up spaces
around punctuation after decoding (which needs the whole text), keeps TextStreamer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from desktop_app.engines.runtime import transformers_module

OnText = Callable[[str, int, float], None]  # finished text, the tokens written so far, seconds since the prompt

# CJK ideographs, as TextStreamer tells them (a word of its own: handed on at once, there is no space to wait for)
_CJK = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


def is_cjk(character: str) -> bool:
    code = ord(character)
    return any(low <= code <= high for low, high in _CJK)


def make_streamer(tokenizer: Any, on_text: OnText) -> Any:
    """A `generate` streamer that times the first token and hands finished text to `on_text`; it skips the
    prompt, which `generate` sends first."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None or getattr(tokenizer, "clean_up_tokenization_spaces", False):
        return _line_streamer(tokenizer, on_text)
    return _word_streamer(backend, on_text)


class _Clock:
    """What the engine reads off a streamer, and what goes with each piece: when the prompt went in, how long the
    first token took, how many tokens have come."""

    def _start_clock(self) -> None:
        self.started = time.perf_counter()
        self.first_token_s: float | None = None
        self.token_count = 0

    def _prompt_in(self) -> None:
        self.started = time.perf_counter()

    def _tokens_out(self, count: int) -> None:
        self.token_count += count
        if self.first_token_s is None:
            self.first_token_s = time.perf_counter() - self.started

    def _hand_on_text(self, on_text: OnText, text: str) -> None:
        on_text(text, self.token_count, time.perf_counter() - self.started)


def _word_streamer(backend: Any, on_text: OnText) -> Any:
    from tokenizers.decoders import DecodeStream

    class WordStreamer(_Clock, transformers_module().generation.BaseStreamer):  # type: ignore[misc]
        def __init__(self) -> None:
            self._start_clock()
            self._prompt_next = True
            self._stream = DecodeStream(skip_special_tokens=True)
            self._pending = ""

        def put(self, value: Any) -> None:
            if self._prompt_next:
                self._prompt_next = False
                self._prompt_in()
                return
            tokens = value.reshape(-1).tolist()
            self._tokens_out(len(tokens))
            for token in tokens:
                piece = self._stream.step(backend, token)
                if piece:
                    self._pending += piece
            self._hand_on(whole=False)

        def end(self) -> None:
            self._hand_on(whole=True)
            self._prompt_next = True

        def _hand_on(self, whole: bool) -> None:
            text = self._pending
            at_once = whole or text.endswith("\n") or (text and is_cjk(text[-1]))
            cut = len(text) if at_once else text.rfind(" ") + 1
            if cut:
                self._pending = text[cut:]
                self._hand_on_text(on_text, text[:cut])

    return WordStreamer()


def _line_streamer(tokenizer: Any, on_text: OnText) -> Any:
    class LineStreamer(_Clock, transformers_module().TextStreamer):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(tokenizer, skip_prompt=True, skip_special_tokens=True)
            self._start_clock()

        def put(self, value: Any) -> None:
            if self.next_tokens_are_prompt:
                self._prompt_in()
            else:
                self._tokens_out(int(value.numel()))
            super().put(value)

        def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
            if text:
                self._hand_on_text(on_text, text)

    return LineStreamer()
