"""Split text into sentences for translation, and put translated sentences back in the same layout."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (or their CJK forms), possibly followed by a closing quote or bracket, then space.
_END = re.compile(r"(?<=[.!?。！？…])\s+|(?<=[.!?。！？…][\"'”’)\]])\s+")


@dataclass(frozen=True)
class TextLayout:
    """Sentences in order, and for each line how many of them it holds (0 for an empty line)."""

    sentences: tuple[str, ...]
    line_counts: tuple[int, ...]

    def join(self, translated: list[str]) -> str:
        """The translated sentences in the original lines: sentences on a line joined by a space."""
        assert len(translated) == len(self.sentences)
        lines, at = [], 0
        for count in self.line_counts:
            lines.append(" ".join(translated[at : at + count]))
            at += count
        return "\n".join(lines)


def split_sentences(text: str) -> TextLayout:
    sentences: list[str] = []
    counts: list[int] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        parts = [part.strip() for part in _END.split(line.strip()) if part.strip()]
        sentences.extend(parts)
        counts.append(len(parts))
    return TextLayout(tuple(sentences), tuple(counts))


def split_long(sentence: str, max_words: int) -> list[str]:
    """A sentence longer than a model can take, cut at word boundaries into pieces it can."""
    words = sentence.split()
    return [" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words)] or [sentence]
