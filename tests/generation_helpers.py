"""What the generation tests on real weights share: a long answer cancelled a few tokens in, and the precisions
of the models a service has loaded."""

from __future__ import annotations

import threading
from typing import Any

import pytest

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
