"""What the generation tests on real weights share: a long answer cancelled a few tokens in, the precisions of
the models a service has loaded, and chat turns asked with the conversation kept or forgotten."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from desktop_app.core.chat import ChatTurn
from desktop_app.core.context import JobContext
from desktop_app.core.errors import JobCancelledError
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import TokenDelta


def cancel_a_long_story(service: Any, after_tokens: int = 5) -> tuple[Any, int]:
    """A long story asked for and cancelled once `after_tokens` have streamed: the partial result the job's
    JobCancelledError carries, and the token count Cancel was pressed at."""
    event = threading.Event()
    cancelled_at: list[int] = []

    def on_partial(delta: TokenDelta) -> None:
        if delta.token_count >= after_tokens and not event.is_set():
            cancelled_at.append(delta.token_count)
            event.set()

    with pytest.raises(JobCancelledError) as raised:
        service.run(
            GenerationRequest(prompt="Write a very long story about a dragon.", temperature=0.0, max_new_tokens=300),
            JobContext(event, on_partial=on_partial),
        )
    return raised.value.partial_result, cancelled_at[0]


def loaded_dtypes(service: Any) -> list[str]:
    """The precisions of the models `service` has loaded, sorted: which copies a job used."""
    return sorted(m.dtype for m in service.loaded_models())


def ask(service: Any, question: str, history: tuple[ChatTurn, ...], fresh: bool, limit: int = 24) -> Any:
    """One greedy chat turn; `fresh`: the model's kept conversation forgotten first, so all of it is encoded."""
    if fresh:
        service.engines.generation.load("", JobContext(), fast=True).forget_conversation()
    request = GenerationRequest(question, history=history, temperature=0.0, max_new_tokens=limit)
    return service.run(request, JobContext())


def converse(service: Any, history: tuple[ChatTurn, ...], turns: int) -> tuple[tuple[ChatTurn, ...], list[int], Any]:
    """`turns` more turns of a conversation, the conversation kept between them, each answer then asked again
    with it forgotten and checked to be the same. From the second turn on, a turn encodes its own message and
    little more: the last answer's end and the next message's header were read ahead. Returns the
    conversation, the tokens each turn encoded, and the last answer."""
    tokenizer = service.engines.generation.load("", JobContext(), fast=True).tokenizer
    encoded, asked = [], []
    answer = None
    for turn in range(turns):
        question = f"Turn {turn}: name an animal that starts with the letter {'ABCDEFGHIJ'[turn]}."
        answer = ask(service, question, history, fresh=False)
        encoded.append(answer.prompt_tokens - answer.timings["reused_prompt_tokens"])
        own = len(tokenizer(question)["input_ids"])  # and "<|im_end|>\n<|im_start|>assistant\n" after it
        assert turn == 0 or encoded[-1] <= own + 7, f"turn {turn} encoded {encoded[-1]} for {own} of its own"
        asked.append((question, history, answer.text))
        history += (ChatTurn("user", question), ChatTurn("assistant", answer.text))
    for turn, (question, earlier, text) in enumerate(asked):
        assert ask(service, question, earlier, fresh=True).text == text, f"turn {turn}: the kept state changed it"
    return history, encoded, answer
