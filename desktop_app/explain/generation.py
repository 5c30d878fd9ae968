"""Why a causal language model gave its answer, by methods that test what it uses: LIME, Kernel SHAP, feature
ablation and integrated gradients, from captum, over the prompt's words.

The score explained is the answer's log-probability given the prompt (teacher-forced, the sum over the
answer's tokens). A word is "removed" by putting the baseline token (the pad token, else end-of-text) in
place of each of its tokens, so the sequence keeps its length and the answer its positions. captum's own LLM
helper (`LLMAttribution`) runs with transformers 5 (captum 0.9.0 and transformers 5.23, its cached and
uncached paths both tried), but it is not used: it takes one perturbed prompt per call and, by default,
decodes the answer one token per forward pass; here one teacher-forced, batched pass scores 16 perturbed
prompts, and the features are the user's words inside the chat template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop_app.interpret.token_text import readable

BATCH = 16  # perturbed prompts per forward pass
METHODS = ("lime", "kernelshap", "ablation", "ig")


@dataclass(frozen=True)
class Words:
    """The prompt's words: each a name and the [start, end) range of its tokens."""

    names: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def prompt_words(tokens: list[str], skip: int = 0) -> Words:
    """Tokens grouped into the words they spell: a token that starts with a space starts a word; the first
    `skip` tokens (a chat template's head, a BOS) are not features."""
    names: list[str] = []
    spans: list[tuple[int, int]] = []
    for index in range(skip, len(tokens)):
        text = readable(tokens[index])
        if not spans or text.startswith((" ", "↵")) or not text.strip():
            names.append(text.strip() or text)
            spans.append((index, index + 1))
        else:
            names[-1] += text
            spans[-1] = (spans[-1][0], index + 1)
    return Words(tuple(names), tuple(spans))


class AnswerScore:
    """log p(answer | prompt with some words removed), for a batch of word masks (1 = kept)."""

    def __init__(self, model: Any, ids: Any, prompt: int, words: Words, baseline: int, on_batch: Callable[[int], None]):
        import torch

        self.model, self.ids, self.prompt, self.words, self.baseline = model, ids, prompt, words, baseline
        self.on_batch = on_batch
        self.token_word = torch.full((prompt,), -1, dtype=torch.long)
        for word, (start, end) in enumerate(words.spans):
            self.token_word[start:end] = word

    def ids_for(self, masks: Any) -> Any:
        """(batch, n) token ids: each removed word's tokens replaced by the baseline token."""
        import torch

        ids = self.ids.expand(masks.shape[0], -1).clone()
        covered = self.token_word >= 0
        kept = torch.ones(masks.shape[0], self.prompt, dtype=torch.bool)
        kept[:, covered] = masks[:, self.token_word[covered]].bool()
        ids[:, : self.prompt] = torch.where(
            kept, ids[:, : self.prompt], torch.full_like(ids[:, : self.prompt], self.baseline)
        )
        return ids

    def __call__(self, masks: Any) -> Any:
        import torch

        scores = []
        with torch.no_grad():
            for first in range(0, masks.shape[0], BATCH):
                chunk = self.ids_for(masks[first : first + BATCH])
                scores.append(self.of_ids(chunk))
                self.on_batch(int(chunk.shape[0]))
        return torch.cat(scores)

    def of_ids(self, ids: Any) -> Any:
        """The answer's log-probability for each row of full sequences `ids` (batch, n)."""
        import torch

        logits = self.model(input_ids=ids, use_cache=False).logits.float()
        answer = ids[:, self.prompt :]
        log_probs = torch.log_softmax(logits[:, self.prompt - 1 : -1], dim=-1)
        return log_probs.gather(-1, answer.unsqueeze(-1)).squeeze(-1).sum(-1)


def attribute(score: AnswerScore, method: str, samples: int, seed: int = 0) -> np.ndarray:
    """One score per word (how much it raises the answer's log-probability), by `method`."""
    import torch
    from captum.attr import FeatureAblation, KernelShap, LayerIntegratedGradients, Lime

    torch.manual_seed(seed)
    count = len(score.words.names)
    present = torch.ones(1, count)
    absent = torch.zeros(1, count)
    if method == "lime":
        values = Lime(score).attribute(present, baselines=absent, n_samples=samples, perturbations_per_eval=BATCH)
    elif method == "kernelshap":
        values = KernelShap(score).attribute(present, baselines=absent, n_samples=samples, perturbations_per_eval=BATCH)
    elif method == "ablation":
        values = FeatureAblation(score).attribute(present, baselines=absent, perturbations_per_eval=BATCH)
    elif method == "ig":
        values = _integrated_gradients(score, LayerIntegratedGradients, samples)
    else:
        raise ValueError(method)
    return np.asarray(values.detach().float().reshape(-1)[:count], np.float32)


def _integrated_gradients(score: AnswerScore, layer_ig: Any, steps: int) -> Any:
    """Integrated gradients on the token embeddings, from the baseline tokens to the prompt's, summed over
    each word's tokens and the embedding's dimensions."""
    import torch

    baseline = score.ids.clone()
    baseline[:, : score.prompt] = score.baseline
    ig = layer_ig(lambda ids: score.of_ids(ids), score.model.get_input_embeddings())
    with torch.enable_grad():
        per_token = ig.attribute(score.ids, baselines=baseline, n_steps=max(steps // 8, 8), internal_batch_size=BATCH)
    per_token = per_token.sum(-1)[0]  # (n,)
    score.on_batch(max(steps // 8, 8))
    return torch.stack([per_token[start:end].sum() for start, end in score.words.spans])
