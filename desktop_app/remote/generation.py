"""Generation on a server: the conversation as chat messages (or the prompt as a completion), the answer
streamed back over server-sent events, Stop closing the stream at once."""

from __future__ import annotations

import time
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import JobCancelledError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import RemoteModel
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import GenerationResult, TokenDelta
from desktop_app.remote.client import ServerError, Servers, StreamCloser, failures_said


def messages(request: GenerationRequest) -> list[dict[str, str]]:
    said = [{"role": "system", "content": request.system_prompt}] if request.system_prompt.strip() else []
    said += [turn.as_message() for turn in request.history]
    return [*said, {"role": "user", "content": request.prompt}]


def generate(servers: Servers, remote: RemoteModel, request: GenerationRequest, ctx: JobContext) -> GenerationResult:
    ctx.progress(arg(tr("Asking %1 on %2"), remote.name, remote.host), None)
    options: dict[str, Any] = {"model": remote.name, "max_tokens": request.max_new_tokens, "stream": True}
    # Greedy is temperature 0 in the protocol; top-k and repetition penalty are not part of it.
    options["temperature"] = max(request.temperature, 0.0)
    if request.temperature > 0:
        options["top_p"] = request.top_p
    if request.seed is not None:
        options["seed"] = request.seed
    started = time.perf_counter()
    pieces: list[str] = []
    first_token_s: float | None = None
    finish = ""
    usage: Any = None
    with (
        failures_said(servers, remote, tr("writing the answer"), partial=lambda: "".join(pieces)),
        servers.client(remote.base_url) as client,
    ):
        if request.use_chat_template:
            stream = client.chat.completions.create(messages=messages(request), **options)
        else:
            prompt = f"{request.system_prompt}\n\n{request.prompt}" if request.system_prompt.strip() else request.prompt
            stream = client.completions.create(prompt=prompt, **options)
        closer = StreamCloser(ctx.cancel_event, stream)
        try:
            for chunk in stream:
                usage = getattr(chunk, "usage", None) or usage
                for choice in chunk.choices:
                    text = _text_of(choice)
                    finish = choice.finish_reason or finish
                    if text:
                        pieces.append(text)
                        first_token_s = first_token_s or time.perf_counter() - started
                        ctx.partial(TokenDelta(text, len(pieces), time.perf_counter() - started))
        except Exception:
            if not ctx.cancelled:
                raise
        finally:
            closer.finish()
            stream.close()
    elapsed = max(time.perf_counter() - started, 1e-9)
    new_tokens = int(getattr(usage, "completion_tokens", 0) or len(pieces))
    finished = "cancelled" if ctx.cancelled else "length" if finish == "length" else "stop"
    result = GenerationResult(
        text="".join(pieces),
        model=remote.info,
        prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        new_tokens=new_tokens,
        finish_reason=finished,
        timings={
            "load_s": 0.0,
            "first_token_s": round(first_token_s or elapsed, 4),
            "generate_s": round(elapsed, 4),
            "tokens_per_s": round(new_tokens / elapsed, 2),
        },
    )
    if finished == "cancelled":
        raise JobCancelledError(result)
    if not finish:  # the stream ended without saying the answer was done: the server cut it short
        raise ServerError(
            arg(tr("The server at %1 ended the answer before it was finished."), remote.host),
            hint=tr("What had arrived is kept. Check the server, then try again."),
            partial_text=result.text,
        )
    return result


def _text_of(choice: Any) -> str:
    delta = getattr(choice, "delta", None)  # chat: a delta; a completion: the text itself
    return str((getattr(delta, "content", None) if delta is not None else getattr(choice, "text", None)) or "")
