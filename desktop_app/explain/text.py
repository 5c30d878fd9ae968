"""Words as features: a causal model's prompt (generation) and a translation's source sentence.

The score explained is the answer's log-probability (teacher-forced, summed over its tokens, or over one
word's tokens when a word is in focus). A word is "removed" by putting the baseline token's embedding (the
pad token, else end-of-text) in place of each of its tokens' embeddings, so the sequence keeps its length
and the answer its positions; a mask weight between 0 and 1 mixes the two embeddings, which is the path
integrated gradients walks.

captum's own LLM helper (`LLMAttribution`) runs with transformers 5 (captum 0.9.0 and transformers 5.23,
its cached and uncached paths both tried), but it is not used: it takes one perturbed prompt per call and,
by default, decodes the answer one token per forward pass; here one teacher-forced, batched pass scores 16
perturbed prompts, and the features are the user's words inside the chat template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from desktop_app.explain.methods import ElementWeights, FeatureScore, answer_log_prob


@dataclass(frozen=True)
class Words:
    """Words made of tokens: each a name and the [start, end) range of its tokens."""

    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def words_of(tokenizer: Any, ids: Sequence[int], first: int = 0, stop: int | None = None) -> Words:
    """ids[first:stop] grouped into the words they spell, whatever the tokenizer: the text is decoded one
    token longer at a time, and a token whose new characters start with a space (or with a CJK character,
    since Chinese and Japanese put none between words) starts a word. A byte-level token that holds only
    part of a character belongs to the word of the token that completes it. The tokens outside (a chat
    template, BOS, EOS) are not features."""
    stop = len(ids) if stop is None else stop
    starts: list[tuple[int, int]] = []  # (token index, character offset) where each word begins
    done = ""  # the text decoded so far, without a trailing incomplete character ("\ufffd")
    pending: int | None = None  # the first of the tokens that hold an incomplete character
    for index in range(first, stop):
        text = tokenizer.decode(list(ids[first : index + 1]), skip_special_tokens=False).rstrip("\ufffd")
        if len(text) <= len(done) or not text.startswith(done):
            pending = index if pending is None else pending  # nothing complete yet: decided by a later token
            continue
        added, owner = text[len(done) :], index if pending is None else pending
        if not starts or added[:1].isspace() or _is_cjk(added.lstrip()[:1]):
            starts.append((owner, len(done)))
        done, pending = text, None
    names, spans = [], []
    for number, (index, offset) in enumerate(starts):
        end_index, end_offset = starts[number + 1] if number + 1 < len(starts) else (stop, len(done))
        names.append(done[offset:end_offset].strip() or tokenizer.decode([ids[index]]).strip() or "·")
        spans.append((index, end_index))
    return Words(tuple(names), tuple(spans))


def _is_cjk(char: str) -> bool:
    return bool(char) and ("\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af")


def focus_span(tokenizer: Any, ids: Sequence[int], word: str) -> tuple[int, int] | None:
    """The [start, end) tokens of the first word of `ids` that is `word` (ignoring case and punctuation)."""
    wanted = _bare(word)
    found = words_of(tokenizer, ids)
    for name, span in zip(found.names, found.spans, strict=True):
        if _bare(name) == wanted:
            return span
    return None


def _bare(word: str) -> str:
    return "".join(char for char in word.casefold() if char.isalnum())


def token_words(length: int, words: Words) -> ElementWeights:
    """Word masks to token weights: each word's tokens take its mask; a chat template's tokens stay."""
    import torch

    word_of = torch.full((length,), -1, dtype=torch.long)
    for word, (start, end) in enumerate(words.spans):
        word_of[start:end] = word
    return ElementWeights(word_of)


@contextmanager
def mixed_embeddings(module: Any, weights: Any, baseline: Any) -> Iterator[None]:
    """During the next forward pass through the embedding `module` (and only that one: an encoder-decoder's
    decoder may share it), each token's embedding becomes baseline + weight x (embedding - baseline)."""
    fired = False

    def mix(_module: Any, _inputs: Any, output: Any) -> Any:
        nonlocal fired
        if fired or tuple(output.shape[:2]) != tuple(weights.shape):
            return None
        fired = True
        return baseline + weights.to(output.dtype).unsqueeze(-1) * (output - baseline)

    handle = module.register_forward_hook(mix)
    try:
        yield
    finally:
        handle.remove()


def baseline_embedding(module: Any, token: int) -> Any:
    import torch

    weight = module.weight
    with torch.no_grad():
        return module(torch.tensor([[token]], device=weight.device))[0, 0].detach()


class WordMix:
    """Word masks applied to one embedding layer: during the next pass through it, each word's tokens take
    the mix of their embedding and the baseline token's that the word's mask says."""

    def __init__(self, embedding: Any, baseline: int, length: int, words: Words) -> None:
        self.embedding = embedding
        self.baseline = baseline_embedding(embedding, baseline)
        self.tokens = token_words(length, words)

    def applied(self, masks: Any) -> Any:
        weights = self.tokens(masks.to(self.baseline.device))
        return mixed_embeddings(self.embedding, weights, self.baseline)


class AnswerScore(FeatureScore):
    """A causal model: log p(answer | prompt with some words removed). `ids` (1, n) is prompt then answer."""

    def __init__(
        self,
        model: Any,
        ids: Any,
        prompt: int,
        words: Words,
        baseline: int,
        on_batch: Callable[[int], None],
        focus: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(words.names, on_batch)
        self.model, self.ids, self.prompt, self.focus = model, ids, prompt, focus
        self.words = WordMix(model.get_input_embeddings(), baseline, int(ids.shape[1]), words)

    def forward(self, masks: Any) -> Any:
        ids = self.ids.expand(masks.shape[0], -1)
        with self.words.applied(masks):
            logits = self.model(input_ids=ids, use_cache=False).logits
        return answer_log_prob(logits[:, self.prompt - 1 : -1], ids[:, self.prompt :], self.focus)


class SourceScore(FeatureScore):
    """An encoder-decoder translator: log p(translation | source with some words removed). `source` (1, m)
    is the encoder's input, `target` (1, t) the decoder's (its start token, then the translation)."""

    def __init__(
        self,
        model: Any,
        source: Any,
        target: Any,
        words: Words,
        baseline: int,
        on_batch: Callable[[int], None],
        focus: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(words.names, on_batch)
        self.model, self.source, self.target, self.focus = model, source, target, focus
        embedding = getattr(model.get_encoder(), "embed_tokens", None) or model.get_input_embeddings()
        self.words = WordMix(embedding, baseline, int(source.shape[1]), words)

    def forward(self, masks: Any) -> Any:
        count = masks.shape[0]
        source, target = self.source.expand(count, -1), self.target.expand(count, -1)
        with self.words.applied(masks):
            logits = self.model(input_ids=source, decoder_input_ids=target, use_cache=False).logits
        return answer_log_prob(logits[:, :-1], target[:, 1:], self.focus)
