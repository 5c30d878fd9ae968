"""ONNX Runtime's answers are sampled in numpy (`engines/ort_generation.token_chances`); the chances must be
those transformers' own logits processors give, so that a sampled answer means the same on either runner."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import transformers

from desktop_app.engines.fast_runners import Sampling
from desktop_app.engines.ort_generation import SeenTokens, next_token, token_chances


@pytest.mark.parametrize(
    "sampling",
    [
        Sampling(True, 0.7, 0.9, 50, 1.0),
        Sampling(True, 1.0, 1.0, 0, 1.0),
        Sampling(True, 1.3, 0.5, 0, 1.2),
        Sampling(True, 0.5, 0.95, 20, 0.8),
        Sampling(True, 3.0, 0.99, 0, 1.0),  # so flat that the likeliest 1024 leave more than 1% outside
    ],
)
def test_the_chances_are_those_of_transformers_processors(sampling: Sampling):
    generator = np.random.default_rng(0)
    logits = (generator.standard_normal(5000) * 3).astype(np.float32)
    seen = [int(i) for i in generator.integers(0, 5000, 40)]
    processors = transformers.LogitsProcessorList()
    if sampling.repetition_penalty != 1.0:
        processors.append(transformers.RepetitionPenaltyLogitsProcessor(sampling.repetition_penalty))
    processors.append(transformers.TemperatureLogitsWarper(sampling.temperature))
    if sampling.top_k > 0:
        processors.append(transformers.TopKLogitsWarper(sampling.top_k))
    if sampling.top_p < 1.0:
        processors.append(transformers.TopPLogitsWarper(sampling.top_p))
    scores = processors(torch.tensor([seen]), torch.from_numpy(logits[None].copy()).double())
    expected = scores.softmax(-1)[0].numpy()
    order, chances = token_chances(logits, seen, sampling)
    assert set(order.tolist()) == set(np.flatnonzero(expected > 0).tolist()), "the same tokens may be drawn"
    assert np.allclose(chances, expected[order], atol=1e-9), "with the same chances"
    if sampling.top_p < 1.0:
        assert np.all(np.diff(chances) <= 1e-12), "the most likely first"


def test_a_seed_repeats_its_draws_and_a_sure_token_is_always_drawn():
    logits = np.linspace(-5, 5, 1000)
    sampling = Sampling(True, 1.0, 0.9, 50, 1.0, seed=3)
    runs = [np.random.default_rng(seed) for seed in (3, 3, 4)]
    first, again, other = ([next_token(logits, [], sampling, run) for _ in range(20)] for run in runs)
    assert first == again != other and len(set(first)) > 1
    sure = np.full(1000, -50.0)
    sure[17] = 50.0
    assert {next_token(sure, [], sampling, np.random.default_rng(seed)) for seed in range(20)} == {17}


def test_greedy_takes_the_most_likely_token_after_transformers_repetition_penalty():
    logits = np.random.default_rng(1).standard_normal(3000).astype(np.float32)
    seen = [int(i) for i in np.argsort(logits)[-5:]]  # the five most likely were said already
    greedy = Sampling(False, 1.0, 1.0, 0, 1.3)
    penalty = transformers.RepetitionPenaltyLogitsProcessor(1.3)
    expected = int(penalty(torch.tensor([seen]), torch.from_numpy(logits[None].copy())).argmax())
    assert next_token(logits, seen, greedy, np.random.default_rng()) == expected
    assert next_token(logits, [], greedy, np.random.default_rng()) == int(logits.argmax())


def test_the_tokens_seen_are_kept_once_each_as_the_answer_grows():
    """The decode loop keeps the distinct tokens seen as it goes; the choice is the one the whole list gives."""
    logits = np.random.default_rng(2).standard_normal(3000).astype(np.float32)
    said = [int(i) for i in np.argsort(logits)[-4:]] * 3
    seen = SeenTokens(said[:2])
    for token in said[2:]:
        seen.add(token)
    assert sorted(seen.ids.tolist()) == sorted(set(said))
    greedy = Sampling(False, 1.0, 1.0, 0, 1.3)
    draws = np.random.default_rng()
    assert next_token(logits, seen, greedy, draws) == next_token(logits, said, greedy, draws)


@pytest.mark.parametrize("top_k", [0, 50])
def test_the_logits_given_are_left_as_they_were(top_k: int):
    logits = np.random.default_rng(3).standard_normal(3000)  # float64: the scores could be the same array
    before = logits.copy()
    token_chances(logits, [1, 2, 3], Sampling(True, 0.7, 1.0, top_k, 1.0))
    assert np.array_equal(logits, before)
