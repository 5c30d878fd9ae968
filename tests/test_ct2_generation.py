"""Chat on CTranslate2 beside the transformers model, on the real SmolLM2-135M-Instruct weights: the same greedy
answer as float32, streamed, cancelled within a token step, sampled (a seed on the transformers model), a
follow-up turn, Inspect reading back what it wrote, and the quality gate measuring it without "automatic"
choosing it for chat."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.chat import ChatTurn
from desktop_app.core.context import JobContext
from desktop_app.core.precision_requests import PrecisionGateRequest, PrecisionRequest
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import TokenDelta
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.generation_helpers import cancel_a_long_story, loaded_dtypes

pytestmark = pytest.mark.slow
QUESTION = "What is the capital of France?"


@pytest.fixture(scope="module")
def service(smollm2_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Workbench:
    return Workbench(ModelStore(smollm2_dir.parent), data_dir=tmp_path_factory.mktemp("ct2-chat"))


def test_the_answer_is_float32s_streamed_and_inspect_reads_it_back(service: Workbench):
    exact = service.run(GenerationRequest(QUESTION, temperature=0.0, max_new_tokens=24), JobContext())
    service.run(PrecisionRequest("generate", "ct2_float32"), JobContext())
    deltas: list[TokenDelta] = []
    fast = service.run(
        GenerationRequest(QUESTION, temperature=0.0, max_new_tokens=24), JobContext(on_partial=deltas.append)
    )
    assert loaded_dtypes(service) == ["ct2_float32"], "the run used CTranslate2 only"
    assert (fast.text, fast.new_tokens, fast.finish_reason) == (exact.text, exact.new_tokens, exact.finish_reason)
    assert "Paris" in fast.text
    assert "".join(d.text for d in deltas).strip() == fast.text.strip(), "the stream adds up to the answer"
    assert fast.timings["tokens_per_s"] > 0 and fast.timings["reused_prompt_tokens"] == 0
    maps = service.run(
        AttentionRequest(QUESTION, source_task="generate", max_new_tokens=24, answer=fast.text, attribution=False),
        JobContext(),
    )
    assert maps.generated.strip() == fast.text.strip(), "Inspect reads back what CTranslate2 wrote"
    assert loaded_dtypes(service) == ["ct2_float32", "float32"], "it looked inside the float32 model"
    plain = service.run(  # Inspect without an answer asks the task's runner for its plain greedy one
        GenerationRequest(QUESTION, temperature=0.0, max_new_tokens=24, repetition_penalty=1.0), JobContext()
    )
    unasked = service.run(
        AttentionRequest(QUESTION, source_task="generate", max_new_tokens=24, attribution=False), JobContext()
    )
    assert unasked.generated.strip() == plain.text.strip()


def test_a_follow_up_turn_and_the_token_limit(service: Workbench):
    history = (ChatTurn("user", "My name is Ada and I live in Lisbon."), ChatTurn("assistant", "Hello, Ada!"))
    # no repetition penalty here: transformers' counts the prompt's tokens too, CTranslate2's only the answer's
    asked = GenerationRequest(
        "What is my name?", history=history, temperature=0.0, max_new_tokens=16, repetition_penalty=1.0
    )
    service.run(PrecisionRequest("generate", "float32"), JobContext())
    exact = service.run(asked, JobContext())
    service.run(PrecisionRequest("generate", "ct2_float32"), JobContext())
    follow = service.run(asked, JobContext())
    assert follow.text == exact.text, "the whole conversation reached it, as it reached float32"
    assert follow.prompt_tokens == exact.prompt_tokens and follow.dropped_turns == 0
    assert follow.timings["reused_prompt_tokens"] == 0, "it encodes the whole conversation: no cache is claimed"
    service.run(PrecisionRequest("generate", "ct2_int8"), JobContext())
    short = service.run(
        GenerationRequest("Count from one to one hundred.", temperature=0.0, max_new_tokens=4), JobContext()
    )
    assert (short.new_tokens, short.finish_reason) == (4, "length")
    assert loaded_dtypes(service) == ["ct2_int8"]


def test_sampling_follows_the_seed_and_cancel_stops_within_one_token_step(service: Workbench):
    service.run(PrecisionRequest("generate", "ct2_int8"), JobContext())

    def sample(seed: int | None) -> str:
        request = GenerationRequest("Name a fruit.", temperature=1.0, top_p=0.95, seed=seed, max_new_tokens=24)
        return service.run(request, JobContext()).text

    assert len({sample(None) for _ in range(4)}) > 1, "each unseeded answer is drawn afresh"
    assert loaded_dtypes(service) == ["ct2_int8"]
    assert sample(1234) == sample(1234), "a seed repeats its answer"
    seeded_on = loaded_dtypes(service)
    assert seeded_on == ["ct2_int8", "float32"], "on the transformers model: CTranslate2 seeds once per thread"

    partial, cancelled_at = cancel_a_long_story(service)
    assert partial.finish_reason == "cancelled" and partial.text
    assert partial.new_tokens <= cancelled_at + 1, "generation stops at the next token step"


def test_the_gate_measures_ctranslate2_but_automatic_leaves_it_to_the_user(service: Workbench, smollm2_dir: Path):
    result = service.run(PrecisionGateRequest("generate", str(smollm2_dir)), JobContext())
    measured = {m.precision: m for m in result.measures}
    assert {"float32", "int8", "ct2_int8", "ct2_float32"} <= set(measured)
    assert measured["ct2_float32"].same >= 0.9, "the same weights on another engine keep float32's answers"
    assert not measured["ct2_int8"].failed and measured["ct2_int8"].seconds > 0
    assert result.chosen not in ("ct2_int8", "ct2_float32"), "a chat runner without a kept cache is not automatic"
    assert "by hand" in result.rule()
