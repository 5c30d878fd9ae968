"""Word alignment from a translation's cross-attention: which source words each target word looked at.

Models see subword tokens ("▁mount", "ains"); people see words. Tokens are grouped into the words they
spell (a SentencePiece "▁" or a byte-level "Ġ" starts a word; a tokenizer without markers has one token per
word), and the token weights are summed over source words and averaged over target words and layers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_app.core.results import TranslationAttention

_WORD_STARTS = ("▁", "Ġ")


@dataclass(frozen=True, eq=False)
class WordAlignment:
    source_words: tuple[str, ...]
    target_words: tuple[str, ...]
    weights: np.ndarray  # float32, (target words, source words); each row sums to 1

    def strongest(self, target_word: int, count: int = 3) -> list[tuple[int, float]]:
        """The source words the target word attended to most, with their weights."""
        row = self.weights[target_word]
        order = np.argsort(row)[::-1][:count]
        return [(int(i), float(row[i])) for i in order]


def word_groups(tokens: tuple[str, ...]) -> list[int]:
    """The word index of each token."""
    marked = any(token.startswith(_WORD_STARTS) for token in tokens)
    groups, word = [], -1
    for i, token in enumerate(tokens):
        if i == 0 or not marked or token.startswith(_WORD_STARTS):
            word += 1
        groups.append(word)
    return groups


def _words(tokens: tuple[str, ...], groups: list[int]) -> tuple[str, ...]:
    words = [""] * (max(groups) + 1 if groups else 0)
    for token, group in zip(tokens, groups, strict=True):
        words[group] += token.lstrip("".join(_WORD_STARTS)) if not words[group] else token
    return tuple(words)


def group_rows(tokens: tuple[str, ...], matrix: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    """Rows of subword tokens -> rows of the words they spell: averaged, each renormalised to sum to 1."""
    groups = word_groups(tokens)
    words = max(groups) + 1 if groups else 0
    grouped = np.zeros((words, matrix.shape[1]), np.float32)
    counts = np.zeros(words, np.float32)
    for row, group in enumerate(groups):
        grouped[group] += matrix[row]
        counts[group] += 1
    grouped /= counts.clip(1)[:, None]
    grouped /= grouped.sum(axis=1, keepdims=True).clip(1e-9)
    return _words(tokens, groups), grouped


def word_alignment(attention: TranslationAttention) -> WordAlignment:
    weights = np.asarray(attention.weights, dtype=np.float32).mean(axis=0)  # over layers: (target, source)
    source_groups = word_groups(attention.source_tokens)
    by_source = np.zeros((weights.shape[0], max(source_groups) + 1), np.float32)
    for column, group in enumerate(source_groups):
        by_source[:, group] += weights[:, column]
    targets, matrix = group_rows(attention.target_tokens, by_source)
    return WordAlignment(_words(attention.source_tokens, source_groups), targets, matrix)
