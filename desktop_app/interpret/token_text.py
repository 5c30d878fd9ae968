"""Tokens as a person reads them, whatever the tokenizer.

Byte-level BPE (GPT-2, Qwen, SmolLM, Whisper) spells each byte as a printable character, so a token of
Chinese text arrives as "åĮĹ" for 北 and a space as "Ġ". SentencePiece (Marian, T5) marks a word's start
with "▁". `readable()` turns both back into text: the bytes of a byte-level token are decoded as UTF-8
(a token that holds part of a character shows "�" for the missing part), "▁" and "Ġ" become a space.
A token that is not byte-level (BERT's WordPiece, SentencePiece) is left as it is, so "café" stays "café".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache


@cache
def _byte_of() -> dict[str, int]:
    """GPT-2's `bytes_to_unicode`, reversed: the character each byte is spelled with, to the byte."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    shifted = 0
    spelled = {}
    for byte in range(256):
        if byte in printable:
            spelled[chr(byte)] = byte
        else:
            spelled[chr(256 + shifted)] = byte
            shifted += 1
    return spelled


def readable(token: str) -> str:
    byte_of = _byte_of()
    if token and all(char in byte_of for char in token):
        raw = bytes(byte_of[char] for char in token)
        if any(ord(char) > 255 for char in token):  # "Ġthe", "åĮĹ": spelled bytes, for certain
            return _shown(raw.decode("utf-8", errors="replace"))
        try:
            return _shown(raw.decode("utf-8"))  # "äº¬": Latin-1 look-alikes, but the bytes of 京
        except UnicodeDecodeError:
            return token  # plain Latin-1 text ("café" from a WordPiece vocabulary)
    return _shown(token.replace("▁", " "))


def _shown(text: str) -> str:
    return text.replace("\n", "↵").replace("\t", "→")


def readable_all(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(readable(token) for token in tokens)
